// Account use cases: sign in and out, self-registration, password changes, and the admin's
// account management. Each checks permission first, then changes and audits in one transaction.
import type { z } from 'zod';
import { AppError, conflict, forbidden, invalid, notFound } from '../../platform/errors.js';
import { audit, changes } from '../../platform/audit.js';
import { hasRoleAt, type Ctx, type Trx } from '../../platform/context.js';
import { hashPassword, passwordProblem, verifyPassword } from '../../platform/auth/password.js';
import { createSession, endSession, endUserSessions, USER_CHANGED } from '../../platform/auth/sessions.js';
import type { Config } from '../../platform/config.js';
import type { Role } from '../../platform/db/types.js';
import type * as s from './schema.js';
import { findAccount } from './queries.js';
import { assertUsernameFree, insertUser } from './service.js';
import { isActiveOrganization, membersByIds, unitsByIds } from '../orgs/service.js';

/** Sessions of this user were ended or their rights changed: no server process may keep serving the old ones. */
async function userChanged(ctx: Ctx, userId: number) {
  ctx.sessions.forgetUser(userId);
  await ctx.bus.publish(USER_CHANGED, { userId });
}

const requirePolicy = (field: string, password: string) => {
  const problem = passwordProblem(password);
  if (problem) throw invalid(field, problem, 'password_policy');
};

export async function login(ctx: Ctx, config: Config, input: z.infer<typeof s.loginBody>) {
  const { db } = ctx;
  const user = await db.selectFrom('users').selectAll().where('username', '=', input.username).executeTakeFirst();
  const now = Date.now();
  if (user?.locked_until && Date.parse(user.locked_until) > now) {
    await audit(db, ctx, { action: 'login_failed', entityType: 'user', entityId: user.id, organizationId: user.organization_id, actorId: null, actorName: input.username, after: { reason: 'locked' } });
    throw new AppError('account_locked', undefined, undefined, { lockedUntil: user.locked_until });
  }
  const ok = await verifyPassword(user?.password_hash ?? null, input.password);
  if (!user || !ok) {
    if (!user) {
      await audit(db, ctx, { action: 'login_failed', entityType: 'user', actorId: null, actorName: input.username, after: { reason: 'unknown_user' } });
      throw new AppError('invalid_credentials');
    }
    const lockedUntil = await recordFailure(ctx, config, user);
    if (lockedUntil) await userChanged(ctx, user.id);
    if (lockedUntil) throw new AppError('account_locked', undefined, undefined, { lockedUntil });
    throw new AppError('invalid_credentials');
  }
  if (user.status !== 'active') {
    await audit(db, ctx, { action: 'login_failed', entityType: 'user', entityId: user.id, organizationId: user.organization_id, actorId: null, actorName: input.username, after: { reason: 'disabled' } });
    throw new AppError('account_disabled');
  }
  const session = await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ failed_logins: 0, locked_until: null, last_login_at: new Date(now).toISOString() })
      .where('id', '=', user.id)
      .execute();
    await audit(trx, ctx, { action: 'login', entityType: 'user', entityId: user.id, organizationId: user.organization_id, actorId: user.id, actorName: user.display_name });
    return createSession(trx, user.id, ctx.ip, config.session.absoluteMs);
  });
  return { userId: user.id, ...session };
}

/** Counts a wrong password; the fifth in a row locks the account. Returns the lock's end if it locked. */
async function recordFailure(ctx: Ctx, config: Config, user: { id: number; organization_id: number; username: string }) {
  return ctx.db.transaction().execute(async (trx) => {
    // Incremented in SQL so that parallel attempts are all counted.
    const row = await trx
      .updateTable('users')
      .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1) }))
      .where('id', '=', user.id)
      .returning('failed_logins')
      .executeTakeFirstOrThrow();
    const base = { entityType: 'user', entityId: user.id, organizationId: user.organization_id, actorId: null, actorName: user.username };
    await audit(trx, ctx, { ...base, action: 'login_failed', after: { reason: 'wrong_password', attempts: row.failed_logins } });
    if (row.failed_logins < config.lockout.attempts) return null;
    const lockedUntil = new Date(Date.now() + config.lockout.lockMs).toISOString();
    await trx.updateTable('users').set({ failed_logins: 0, locked_until: lockedUntil }).where('id', '=', user.id).execute();
    await endUserSessions(trx, user.id);
    await audit(trx, ctx, { ...base, action: 'lockout', after: { lockedUntil } });
    return lockedUntil;
  });
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
    await trx.updateTable('users').set({ password_hash: passwordHash, failed_logins: 0, locked_until: null, updated_at: new Date().toISOString() }).where('id', '=', id).execute();
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

