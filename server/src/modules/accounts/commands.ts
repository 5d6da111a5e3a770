// Account use cases: sign in and out, self-registration, password changes, and the admin's
// account management. Each checks permission first, then changes and audits in one transaction.
import type { z } from 'zod';
import { AppError, conflict, forbidden, invalid, notFound } from '../../platform/errors.js';
import { audit, changes } from '../../platform/audit.js';
import { hasRoleAt, type Ctx, type Trx } from '../../platform/context.js';
import { hashPassword, passwordProblem, verifyPassword } from '../../platform/auth/password.js';
import { createSession, endSession, USER_CHANGED } from '../../platform/auth/sessions.js';
import type { Config } from '../../platform/config.js';
import type { Role } from '../../platform/db/types.js';
import type * as s from './schema.js';
import { findAccount } from './queries.js';
import { assertUsernameFree, insertUser } from './service.js';
import { isActiveOrganization, membersByIds, unitsByIds } from '../orgs/service.js';
import { notifyUsers } from '../notifications/service.js';
import { issueChallenge, spendChallenge, verifyChallenge } from '../../platform/challenge.js';
import { isUniqueViolation } from '../../platform/db/dialect.js';
import { deriveKey, secretKey } from '../../platform/secrets.js';
import { chinaMinute } from '../../platform/time.js';
import { accountKey, clearThrottle, countFailure, isKnownDevice, lock, rememberDevice, sourceKey, throttleState } from './throttle.js';

/** Sessions of this user were ended or their rights changed: no server process may keep serving the old ones. */
async function userChanged(ctx: Ctx, userId: number) {
  ctx.sessions.forgetUser(userId);
  await ctx.bus.publish(USER_CHANGED, { userId });
}

const requirePolicy = (field: string, password: string) => {
  const problem = passwordProblem(password);
  if (problem) throw invalid(field, problem, 'password_policy');
};

export interface LoginResult {
  userId: number;
  token: string;
  csrfToken: string;
  /** The known-device cookie to set. */
  device: string;
}

const challengeKey = (config: Config) => deriveKey(secretKey(config.dataDir), 'accounts:login-challenge');

/**
 * Signs in. Unknown and known usernames go through the same steps (a password hash is checked
 * either way, failures are counted and locked by username), so neither the answer nor its time
 * tells whether an account exists.
 */
export async function login(ctx: Ctx, config: Config, input: z.infer<typeof s.loginBody>, deviceToken: string | undefined): Promise<LoginResult> {
  const { db } = ctx;
  const { lockout } = config;
  const account = accountKey(input.username);
  const source = ctx.ip ? sourceKey(ctx.ip) : null;
  const user = await db.selectFrom('users').selectAll().where('username', '=', input.username).executeTakeFirst();
  const knownDevice = !!user && (await isKnownDevice(db, user.id, deviceToken));
  const [byAccount, bySource] = await Promise.all([throttleState(db, account, lockout), source ? throttleState(db, source, lockout) : null]);
  const failed = (reason: string, after: Record<string, unknown> = {}) =>
    audit(db, ctx, { action: 'login_failed', entityType: 'user', entityId: user?.id ?? null, organizationId: user?.organization_id ?? null, actorId: null, actorName: input.username, after: { reason, ...after } });

  // A lock keeps out every browser but those the user signed in from before.
  if (byAccount.lockedUntil && !knownDevice) {
    await failed('locked');
    throw new AppError('account_locked', undefined, undefined, { lockedUntil: byAccount.lockedUntil });
  }
  if (byAccount.failures >= lockout.challengeAfter || (bySource?.failures ?? 0) >= lockout.sourceChallengeAfter) {
    const scope = `login:${account}`;
    const problem = input.challenge && input.solution ? verifyChallenge(challengeKey(config), input.challenge, input.solution, scope) : 'missing';
    let spent = !problem;
    if (spent) spent = await spendChallenge(db, input.challenge!).then(() => true, (e) => { if (isUniqueViolation(e)) return false; throw e; });
    if (!spent) {
      await failed('challenge', { challenge: problem ?? 'reused' });
      throw new AppError('challenge_required', undefined, undefined, { challenge: issueChallenge(challengeKey(config), config.challengeBits, scope) });
    }
  }

  const ok = await verifyPassword(user?.password_hash ?? null, input.password);
  if (!user || !ok) {
    const lockedUntil = await recordFailure(ctx, config, { account, source, user: user ?? null, username: input.username, knownDevice });
    if (lockedUntil && !knownDevice) throw new AppError('account_locked', undefined, undefined, { lockedUntil });
    throw new AppError('invalid_credentials');
  }
  if (user.status !== 'active') {
    await failed('disabled');
    throw new AppError('account_disabled');
  }
  return db.transaction().execute(async (trx) => {
    await clearThrottle(trx, account);
    await trx.updateTable('users').set({ last_login_at: new Date().toISOString() }).where('id', '=', user.id).execute();
    await audit(trx, ctx, { action: 'login', entityType: 'user', entityId: user.id, organizationId: user.organization_id, actorId: user.id, actorName: user.display_name, ...(knownDevice && byAccount.lockedUntil && { after: { knownDeviceWhileLocked: true } }) });
    const device = await rememberDevice(trx, user.id, deviceToken);
    return { userId: user.id, device, ...(await createSession(trx, user.id, ctx.ip, config.session.absoluteMs)) };
  });
}

/**
 * Counts a wrong password for the username and the source; the fifth for the username within the
 * window locks it, and its holder (if the account exists) is told. The user's sessions stay: a
 * stranger's guesses must not sign the real user out. Returns the lock's end if it locked.
 */
async function recordFailure(ctx: Ctx, config: Config, f: { account: string; source: string | null; user: { id: number; organization_id: number } | null; username: string; knownDevice: boolean }) {
  return ctx.db.transaction().execute(async (trx) => {
    const attempts = await countFailure(trx, f.account, config.lockout);
    if (f.source) await countFailure(trx, f.source, config.lockout);
    const base = { entityType: 'user' as const, entityId: f.user?.id ?? null, organizationId: f.user?.organization_id ?? null, actorId: null, actorName: f.username };
    await audit(trx, ctx, { ...base, action: 'login_failed', after: { reason: f.user ? 'wrong_password' : 'unknown_user', attempts } });
    if (attempts < config.lockout.attempts) return null;
    const lockedUntil = await lock(trx, f.account, config.lockout);
    await audit(trx, ctx, { ...base, action: 'lockout', after: { lockedUntil } });
    if (f.user) {
      const until = chinaMinute(lockedUntil).replace('T', ' ');
      await notifyUsers(trx, [f.user.id], {
        kind: 'account.locked', organizationId: f.user.organization_id, link: '/me/password', entityType: 'user', entityId: f.user.id,
        title: { zh: '您的账号因多次密码错误被暂时锁定', en: 'Your account was locked after repeated wrong passwords' },
        body: {
          zh: `有人连续输入错误密码，账号在 ${until} 之前不能从新的设备登录；您以前登录过的设备不受影响。如果不是您本人，请修改密码并告知管理员。`,
          en: `Someone entered wrong passwords repeatedly: until ${until} (China time) the account cannot sign in from a new device; devices you signed in from before are not affected. If it was not you, change your password and tell your administrator.`,
        },
      });
    }
    return lockedUntil;
  });
}

/** An admin lifts a lock (and forgets the failures) of an account in their organizations. */
export async function unlockAccount(ctx: Ctx, id: number) {
  await ctx.db.transaction().execute(async (trx) => {
    const account = await loadForAdmin(ctx, trx, id);
    await clearThrottle(trx, accountKey(account.username));
    await audit(trx, ctx, { action: 'unlock', entityType: 'user', entityId: id, organizationId: account.organizationId, before: { lockedUntil: account.lockedUntil }, after: { lockedUntil: null } });
  });
  return (await findAccount(ctx.db, id))!;
}

export async function logout(ctx: Ctx) {
  const actor = ctx.actor!;
  await ctx.db.transaction().execute(async (trx) => {
    await endSession(trx, actor.sessionId);
    await audit(trx, ctx, { action: 'logout', entityType: 'user', entityId: actor.userId, organizationId: actor.organizationId });
  });
  ctx.sessions.forget(actor.sessionId);
}

export async function register(ctx: Ctx, config: Config, input: z.infer<typeof s.registerBody>) {
  requirePolicy('body.password', input.password);
  if (!(await isActiveOrganization(ctx.db, input.organizationId))) throw invalid('body.organizationId', { zh: '所选政协组织不存在', en: 'No such organization' });
  const passwordHash = await hashPassword(input.password);
  return ctx.db.transaction().execute(async (trx) => {
    await assertUsernameFree(trx, input.username);
    const user = { id: await insertUser(trx, { ...input, passwordHash, roles: ['public'] }) };
    await audit(trx, ctx, { action: 'register', entityType: 'user', entityId: user.id, organizationId: input.organizationId, actorId: user.id, actorName: input.displayName, after: { username: input.username, displayName: input.displayName, roles: ['public'] } });
    const session = await createSession(trx, user.id, ctx.ip, config.session.absoluteMs);
    return { userId: user.id, ...session };
  });
}

export async function changePassword(ctx: Ctx, input: z.infer<typeof s.changePasswordBody>) {
  const actor = ctx.actor!;
  const user = await ctx.db.selectFrom('users').select('password_hash').where('id', '=', actor.userId).executeTakeFirstOrThrow();
  if (!(await verifyPassword(user.password_hash, input.currentPassword)))
    throw invalid('body.currentPassword', { zh: '当前密码不正确', en: 'The current password is wrong' });
  requirePolicy('body.newPassword', input.newPassword);
  if (input.newPassword === input.currentPassword) throw invalid('body.newPassword', { zh: '新密码不能与当前密码相同', en: 'The new password must differ from the current one' });
  const passwordHash = await hashPassword(input.newPassword);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ password_hash: passwordHash, must_change_password: 0, updated_at: new Date().toISOString() }).where('id', '=', actor.userId).execute();
    // Other sessions end: a changed password must lock out whoever knew the old one.
    await trx.deleteFrom('login_sessions').where('user_id', '=', actor.userId).where('id', '!=', actor.sessionId).execute();
    await audit(trx, ctx, { action: 'change_password', entityType: 'user', entityId: actor.userId, organizationId: actor.organizationId, ...(actor.mustChangePassword && { after: { initialPasswordReplaced: true } }) });
  });
  await userChanged(ctx, actor.userId);
}

/** Admins manage the accounts of their organization and of those below it. */
function requireAdminOf(ctx: Ctx, organizationId: number) {
  if (!hasRoleAt(ctx, ctx.actor!, ['admin'], organizationId)) throw forbidden({ zh: '无权管理该组织的账号', en: 'You may not manage accounts of this organization' });
}

async function loadForAdmin(ctx: Ctx, trx: Trx, id: number) {
  const account = await findAccount(trx, id);
  // An account outside the admin's organizations is answered as missing, not as forbidden.
  if (!account || !hasRoleAt(ctx, ctx.actor!, ['admin'], account.organizationId)) throw notFound({ zh: '账号不存在', en: 'No such account' });
  return account;
}

/**
 * The member or handling unit an account stands for: of the account's organization, with the
 * matching role (member, unit), and a member has one account at most.
 */
async function checkLinks(trx: Trx, organizationId: number, roles: Role[], input: { memberId?: number | null; handlingUnitId?: number | null }, self?: number) {
  if (input.memberId) {
    const [m] = await membersByIds(trx, [input.memberId]);
    if (!m || m.organization_id !== organizationId) throw invalid('body.memberId', { zh: '该委员不属于账号所在的政协组织', en: "This member does not belong to the account's organization" });
    if (!roles.includes('member')) throw invalid('body.memberId', { zh: '只有“委员”角色的账号可以关联委员', en: 'Only an account with the member role can be linked to a member' });
    let taken = trx.selectFrom('users').select(['id', 'username']).where('member_id', '=', input.memberId);
    if (self) taken = taken.where('id', '!=', self);
    const other = await taken.executeTakeFirst();
    if (other)
      throw new AppError('conflict', { zh: `该委员已有账号（${other.username}）`, en: `This member already has an account (${other.username})` }, [
        { field: 'body.memberId', code: 'taken', message: '该委员已有账号', message_en: 'This member already has an account' },
      ]);
  }
  if (input.handlingUnitId) {
    const [u] = await unitsByIds(trx, [input.handlingUnitId]);
    if (!u || u.organization_id !== organizationId) throw invalid('body.handlingUnitId', { zh: '该承办单位不属于账号所在的政协组织', en: "This handling unit does not belong to the account's organization" });
    if (!roles.includes('unit')) throw invalid('body.handlingUnitId', { zh: '只有“承办单位”角色的账号可以关联承办单位', en: 'Only an account with the unit role can be linked to a handling unit' });
  }
}

export async function createAccount(ctx: Ctx, input: z.infer<typeof s.createAccountBody>) {
  requireAdminOf(ctx, input.organizationId);
  requirePolicy('body.password', input.password);
  const roles = [...new Set(input.roles)] as Role[];
  const passwordHash = await hashPassword(input.password);
  const id = await ctx.db.transaction().execute(async (trx) => {
    await assertUsernameFree(trx, input.username);
    await checkLinks(trx, input.organizationId, roles, input);
    const id = await insertUser(trx, { ...input, passwordHash, roles });
    const { password: _secret, ...shown } = input;
    await audit(trx, ctx, { action: 'create', entityType: 'user', entityId: id, organizationId: input.organizationId, after: { ...shown, roles } });
    return id;
  });
  return (await findAccount(ctx.db, id))!;
}

export async function updateAccount(ctx: Ctx, id: number, input: z.infer<typeof s.updateAccountBody>) {
  await ctx.db.transaction().execute(async (trx) => {
    const account = await loadForAdmin(ctx, trx, id);
    const before = { displayName: account.displayName, roles: account.roles, department: account.department, memberId: account.memberId, handlingUnitId: account.handlingUnitId };
    const pick = <K extends keyof typeof before>(k: K) => (input[k] !== undefined ? input[k] : before[k]) as (typeof before)[K];
    const after = { displayName: pick('displayName'), roles: input.roles ? [...new Set(input.roles)] : before.roles, department: pick('department'), memberId: pick('memberId'), handlingUnitId: pick('handlingUnitId') };
    if (account.id === ctx.actor!.userId && !after.roles.includes('admin')) throw conflict({ zh: '不能取消自己的管理员角色', en: 'You cannot remove your own admin role' });
    // Links are checked when they or the roles change; an untouched old link stays as it was.
    if (input.memberId !== undefined || input.roles) await checkLinks(trx, account.organizationId, after.roles, { memberId: after.memberId }, id);
    if (input.handlingUnitId !== undefined || input.roles) await checkLinks(trx, account.organizationId, after.roles, { handlingUnitId: after.handlingUnitId }, id);
    await trx
      .updateTable('users')
      .set({ display_name: after.displayName, department: after.department, member_id: after.memberId, handling_unit_id: after.handlingUnitId, updated_at: new Date().toISOString() })
      .where('id', '=', id)
      .execute();
    if (input.roles) {
      await trx.deleteFrom('user_roles').where('user_id', '=', id).execute();
      await trx.insertInto('user_roles').values(after.roles.map((role) => ({ user_id: id, role, organization_id: account.organizationId }))).execute();
    }
    await audit(trx, ctx, { action: 'update', entityType: 'user', entityId: id, organizationId: account.organizationId, ...changes(before, after) });
  });
  await userChanged(ctx, id);
  return (await findAccount(ctx.db, id))!;
}

export async function resetPassword(ctx: Ctx, id: number, password: string) {
  requirePolicy('body.password', password);
  const passwordHash = await hashPassword(password);
  await ctx.db.transaction().execute(async (trx) => {
    const account = await loadForAdmin(ctx, trx, id);
    await trx.updateTable('users').set({ password_hash: passwordHash, updated_at: new Date().toISOString() }).where('id', '=', id).execute();
    await clearThrottle(trx, accountKey(account.username));
    await trx.deleteFrom('login_sessions').where('user_id', '=', id).execute();
    await audit(trx, ctx, { action: 'reset_password', entityType: 'user', entityId: id, organizationId: account.organizationId, before: { lockedUntil: account.lockedUntil }, after: { lockedUntil: null } });
  });
  await userChanged(ctx, id);
}

export async function setStatus(ctx: Ctx, id: number, status: 'active' | 'disabled') {
  await ctx.db.transaction().execute(async (trx) => {
    const account = await loadForAdmin(ctx, trx, id);
    if (id === ctx.actor!.userId) throw conflict({ zh: '不能停用自己的账号', en: 'You cannot disable your own account' });
    if (account.status === status) return;
    await trx.updateTable('users').set({ status, updated_at: new Date().toISOString() }).where('id', '=', id).execute();
    if (status === 'disabled') await trx.deleteFrom('login_sessions').where('user_id', '=', id).execute();
    await audit(trx, ctx, { action: status === 'disabled' ? 'disable' : 'enable', entityType: 'user', entityId: id, organizationId: account.organizationId, before: { status: account.status }, after: { status } });
  });
  await userChanged(ctx, id);
  return (await findAccount(ctx.db, id))!;
}

