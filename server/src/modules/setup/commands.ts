// Set-up of an empty install, shared by the set-up page (a token from the printed link guards it)
// and the command line (whoever runs it has the database already): the first admin and the
// organization chosen from the division tree, its current term and sessions, in one transaction.
import { sql } from 'kysely';
import { conflict, invalid, notFound } from '../../platform/errors.js';
import { audit } from '../../platform/audit.js';
import { loadOrgTree, type Ctx, type Services, type Trx } from '../../platform/context.js';
import { hashPassword, passwordProblem } from '../../platform/auth/password.js';
import { assertUsernameFree, insertUser } from '../accounts/service.js';
import { ORGANIZATION_CHANGED } from '../orgs/service.js';
import type { SetupInput } from './schema.js';
import { countiesOf, findDivision, proposedName, setupDone } from './queries.js';
import { insertOrganization, insertSession, insertTerm } from '../orgs/service.js';
import { issueToken, tokenState, useToken } from './tokens.js';
import type { AuditEntityType } from '../../platform/audit.js';

export const SETUP_DONE = { zh: '系统已完成初始设置，请直接登录', en: 'Set-up is already done; please sign in' };

/** Checks that the input describes a real organization and term before anything is written. */
function checkInput(input: SetupInput) {
  const problem = passwordProblem(input.password);
  if (problem) throw invalid('body.password', problem, 'password_policy');
  const seen = new Set<number>();
  input.sessions.forEach((s, i) => {
    if (seen.has(s.number)) throw invalid(`body.sessions.${i}.number`, { zh: '会议届次重复', en: 'This session number is given twice' });
    seen.add(s.number);
    if (s.opensOn < input.termStartsOn)
      throw invalid(`body.sessions.${i}.opensOn`, { zh: '会议日期不能早于本届开始日期', en: 'A session cannot open before its term starts' });
  });
}

/** Takes the set-up lock (on PostgreSQL; SQLite runs one write transaction at a time) and refuses once done. */
async function lockOpenSetup(trx: Trx, dialect: Services['dialect']) {
  if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(4203)`.execute(trx);
  if (await setupDone(trx)) throw conflict(SETUP_DONE);
}

/**
 * `token` is the link's token from the page; null from the command line. Creates the organization
 * (and, for a city, one county CPPCC per county-level division under it), its current term and
 * sessions, and the first admin there.
 */
export async function setUp(ctx: Ctx, input: SetupInput, token: string | null, via: 'web' | 'command line') {
  checkInput(input);
  const passwordHash = await hashPassword(input.password);
  const result = await ctx.db.transaction().execute(async (trx) => {
    await lockOpenSetup(trx, ctx.dialect);
    if (token !== null) {
      const state = await tokenState(trx, token);
      if (state !== 'valid' || !(await useToken(trx, token))) throw invalid('body.token', tokenText[state === 'valid' ? 'used' : state], `token_${state}`);
    }
    const division = await findDivision(trx, input.divisionCode);
    if (!division || division.level !== input.level)
      throw invalid('body.divisionCode', { zh: '所选行政区划与层级不符', en: `No ${input.level}-level division has this code` });
    await assertUsernameFree(trx, input.username);

    const parent = division.parent_code ? await findDivision(trx, division.parent_code) : null;
    const name = input.name ?? proposedName(division, parent);
    const orgId = await insertOrganization(trx, { name, level: input.level, parentId: null, divisionCode: division.code });
    const userId = await insertUser(trx, { username: input.username, displayName: input.displayName, passwordHash, organizationId: orgId, roles: ['admin'] });
    const actor = { actorId: userId, actorName: input.displayName };
    const created = async (entityType: AuditEntityType, entityId: number, organizationId: number, after: unknown) =>
      audit(trx, ctx, { ...actor, action: 'create', entityType, entityId, organizationId, after });

    await created('organization', orgId, orgId, { name, level: input.level, parentId: null, divisionCode: division.code });
    const counties = input.level === 'city' ? await countiesOf(trx, division.code) : [];
    for (const county of counties) {
      const countyName = proposedName(county, division);
      const id = await insertOrganization(trx, { name: countyName, level: 'county', parentId: orgId, divisionCode: county.code });
      await created('organization', id, id, { name: countyName, level: 'county', parentId: orgId, divisionCode: county.code });
    }
    const termId = await insertTerm(trx, { organizationId: orgId, number: input.termNumber, startsOn: input.termStartsOn, current: true });
    await created('term', termId, orgId, { number: input.termNumber, startsOn: input.termStartsOn, current: true });
    for (const s of input.sessions) {
      const sessionId = await insertSession(trx, { termId, number: s.number, opensOn: s.opensOn });
      await created('session', sessionId, orgId, { termId, number: s.number, opensOn: s.opensOn });
    }
    await created('user', userId, orgId, { username: input.username, displayName: input.displayName, roles: ['admin'] });
    await audit(trx, ctx, { ...actor, action: 'setup', entityType: 'organization', entityId: orgId, organizationId: orgId, after: { via, divisionCode: division.code, level: input.level, countyOrganizations: counties.length } });
    return { organizationId: orgId, userId, countyOrganizations: counties.length };
  });
  await organizationsChanged(ctx, result.organizationId);
  return result;
}

const tokenText = {
  unknown: { zh: '设置链接无效，请使用服务启动时输出的链接，或运行 npm run setup:token 重新生成', en: 'This set-up link is not valid; use the link printed at start, or run npm run setup:token for a new one' },
  expired: { zh: '设置链接已过期（24 小时有效），请运行 npm run setup:token 重新生成', en: 'This set-up link has expired (it is valid for 24 hours); run npm run setup:token for a new one' },
  used: { zh: '设置链接已使用过', en: 'This set-up link has been used' },
};

async function organizationsChanged(ctx: Ctx, id: number) {
  await loadOrgTree(ctx);
  await ctx.bus.publish(ORGANIZATION_CHANGED, { id });
}

/** From the command line on a set-up install: one more admin at an existing organization. */
export async function addAdmin(ctx: Ctx, input: { organizationId: number; username: string; displayName: string; password: string }) {
  const problem = passwordProblem(input.password);
  if (problem) throw invalid('body.password', problem, 'password_policy');
  const passwordHash = await hashPassword(input.password);
  return ctx.db.transaction().execute(async (trx) => {
    const org = await trx.selectFrom('organizations').select('id').where('id', '=', input.organizationId).executeTakeFirst();
    if (!org) throw notFound({ zh: `政协组织 ${input.organizationId} 不存在`, en: `No organization ${input.organizationId}` });
    await assertUsernameFree(trx, input.username);
    const userId = await insertUser(trx, { username: input.username, displayName: input.displayName, passwordHash, organizationId: org.id, roles: ['admin'] });
    const after = { username: input.username, displayName: input.displayName, roles: ['admin'], via: 'command line' };
    await audit(trx, ctx, { action: 'create', entityType: 'user', entityId: userId, organizationId: org.id, actorId: null, actorName: 'admin:create', after });
    return { userId };
  });
}

/** A new set-up link's token, replacing older unused ones; refused once set-up is done. */
export async function newSetupToken(services: Services): Promise<string> {
  return services.db.transaction().execute(async (trx) => {
    await lockOpenSetup(trx, services.dialect);
    return issueToken(trx);
  });
}
