// Use cases of the CPPCC structure: organizations (create, edit, retire), terms (届) and sessions
// (次会议): create, edit, close, make current. The rules themselves live in service.ts, shared
// with the first-start set-up.
import { insertOrganization, insertSession, insertTerm } from './inserts.js';
import type { z } from 'zod';
import { audit, changes } from '../../platform/audit.js';
import { conflict, forbidden, invalid, notFound } from '../../platform/errors.js';
import { hasRoleAt, visibleOrgs, type Ctx, type Trx } from '../../platform/context.js';
import type * as s from './schema.js';
import { ORGANIZATION_CHANGED, ORGS_CHANGED } from './list-cache.js';
import { requireOfficeAt } from './commands.js';
import { levelAllowedUnder, makeTermCurrent, nextSessionNumber, sessionWithinTerm, termDatesValid } from './service.js';
import { findTerm, organizationView } from './queries.js';

const now = () => new Date().toISOString();
const LEVEL_ZH = { national: '全国', province: '省', city: '市', county: '县（市、区）' } as const;

async function checkDivision(trx: Trx, code: string | null | undefined) {
  if (code && !(await trx.selectFrom('divisions').select('code').where('code', '=', code).executeTakeFirst()))
    throw invalid('body.divisionCode', { zh: '行政区划代码不存在', en: 'No such division code' });
}

/** Tells every process (and this one) that the tree changed: scopes, pickers and kept lists follow. */
async function treeChanged(ctx: Ctx, id: number) {
  ctx.orgTree.load(await ctx.db.selectFrom('organizations').select(['id', 'parent_id']).execute());
  await ctx.bus.publish(ORGANIZATION_CHANGED, { id });
}

export async function createOrganization(ctx: Ctx, input: z.infer<typeof s.organizationIn>) {
  // A new CPPCC sits under one the admin already manages; the top is made only by set-up.
  if (input.parentId === null) throw invalid('body.parentId', { zh: '请选择上级政协组织', en: 'Choose the parent organization' });
  if (!hasRoleAt(ctx, ctx.actor!, ['admin'], input.parentId)) throw forbidden({ zh: '只能在所管理的政协组织下新建', en: 'New organizations go under one you administer' });
  const id = await ctx.db.transaction().execute(async (trx) => {
    const parent = await trx.selectFrom('organizations').select(['level', 'retired_at']).where('id', '=', input.parentId!).executeTakeFirst();
    if (!parent) throw invalid('body.parentId', { zh: '上级政协组织不存在', en: 'No such parent organization' });
    if (parent.retired_at) throw conflict({ zh: '上级政协组织已撤销', en: 'The parent organization is retired' });
    if (!levelAllowedUnder(input.level, parent.level))
      throw invalid('body.level', { zh: `${LEVEL_ZH[parent.level]}级政协之下不能设${LEVEL_ZH[input.level]}级政协`, en: `A ${input.level} organization cannot sit under a ${parent.level} one` });
    await checkDivision(trx, input.divisionCode);
    const row = { id: await insertOrganization(trx, { name: input.name, level: input.level, parentId: input.parentId!, divisionCode: input.divisionCode ?? null }) };
    await audit(trx, ctx, { action: 'create', entityType: 'organization', entityId: row.id, organizationId: row.id, after: (await organizationView(trx, row.id))! });
    return row.id;
  });
  await treeChanged(ctx, id);
  return (await organizationView(ctx.db, id))!;
}

async function loadOrganization(ctx: Ctx, trx: Trx, id: number) {
  const org = await organizationView(trx, id);
  if (!org || !visibleOrgs(ctx, ctx.actor!).includes(id)) throw notFound({ zh: '政协组织不存在', en: 'No such organization' });
  return org;
}

export async function updateOrganization(ctx: Ctx, id: number, input: z.infer<typeof s.organizationPatch>) {
  await ctx.db.transaction().execute(async (trx) => {
    const before = await loadOrganization(ctx, trx, id);
    if (!hasRoleAt(ctx, ctx.actor!, ['admin'], id)) throw forbidden({ zh: '无权修改该政协组织', en: 'You may not change this organization' });
    if (before.retiredAt) throw conflict({ zh: '该政协组织已撤销，不能修改', en: 'This organization is retired and cannot be changed' });
    await checkDivision(trx, input.divisionCode);
    await trx
      .updateTable('organizations')
      .set({ ...(input.name !== undefined && { name: input.name }), ...(input.divisionCode !== undefined && { division_code: input.divisionCode }), updated_at: now() })
      .where('id', '=', id)
      .execute();
    const after = (await organizationView(trx, id))!;
    await audit(trx, ctx, { action: 'update', entityType: 'organization', entityId: id, organizationId: id, ...changes(before, after) });
  });
  await ctx.bus.publish(ORGS_CHANGED, { id });
  await ctx.bus.publish(ORGANIZATION_CHANGED, { id });
  return (await organizationView(ctx.db, id))!;
}

/**
 * Retiring keeps every record readable but takes the organization out of pickers and registration.
 * Refused (409) while it still has active members or organizations under it that are not retired:
 * an office closes those first, so nothing is left without an owner.
 */
export async function retireOrganization(ctx: Ctx, id: number) {
  const actor = ctx.actor!;
  await ctx.db.transaction().execute(async (trx) => {
    const before = await loadOrganization(ctx, trx, id);
    if (actor.roles.some((r) => r.organizationId === id) || before.parentId === null || !hasRoleAt(ctx, actor, ['admin'], before.parentId))
      throw forbidden({ zh: '只能由上级政协组织的管理员撤销', en: 'Only an admin above this organization may retire it' });
    if (before.retiredAt) throw conflict({ zh: '该政协组织已撤销', en: 'This organization is already retired' });
    const members = await trx.selectFrom('members').select((eb) => eb.fn.countAll().as('n')).where('organization_id', '=', id).where('status', '=', 'active').executeTakeFirst();
    if (Number(members?.n ?? 0) > 0) throw conflict({ zh: `该政协组织仍有 ${members!.n} 名在任委员`, en: `This organization still has ${members!.n} active members` });
    const children = await trx.selectFrom('organizations').select('name').where('parent_id', '=', id).where('retired_at', 'is', null).execute();
    if (children.length) throw conflict({ zh: `其下仍有未撤销的政协组织：${children.map((c) => c.name).join('、')}`, en: `Organizations below it are not retired: ${children.map((c) => c.name).join(', ')}` });
    const open = await ctx.openCases(trx, id);
    if (open.length)
      throw conflict({ zh: `该政协组织仍有未办结的事项：${open.map((c) => `${c.count} ${c.zh}`).join('；')}`, en: `This organization still has open cases: ${open.map((c) => `${c.count} ${c.en}`).join('; ')}` });
    await trx.updateTable('organizations').set({ retired_at: now(), updated_at: now() }).where('id', '=', id).execute();
    await audit(trx, ctx, { action: 'retire', entityType: 'organization', entityId: id, organizationId: id, ...changes(before, (await organizationView(trx, id))!) });
  });
  await treeChanged(ctx, id);
  return (await organizationView(ctx.db, id))!;
}

async function loadTerm(ctx: Ctx, trx: Trx, id: number) {
  const term = await findTerm(trx, id);
  if (!term || !visibleOrgs(ctx, ctx.actor!).includes(term.organization_id)) throw notFound({ zh: '届次不存在', en: 'No such term' });
  requireOfficeAt(ctx, term.organization_id);
  return term;
}

const termView = (t: { number: number; starts_on: string; ends_on: string | null; current: number; closed_at: string | null }) => ({
  number: t.number, startsOn: t.starts_on, endsOn: t.ends_on, current: t.current === 1, closedAt: t.closed_at,
});

async function checkTermNumber(trx: Trx, organizationId: number, number: number, exceptId?: number) {
  let q = trx.selectFrom('terms').select('id').where('organization_id', '=', organizationId).where('number', '=', number);
  if (exceptId) q = q.where('id', '!=', exceptId);
  if (await q.executeTakeFirst()) throw conflict({ zh: `本组织已有第 ${number} 届`, en: `Term ${number} already exists in this organization` });
}

const endsBeforeStart = () => invalid('body.endsOn', { zh: '届末日期应晚于届初日期', en: 'A term ends after it starts' });

export async function createTerm(ctx: Ctx, input: z.infer<typeof s.termIn>) {
  requireOfficeAt(ctx, input.organizationId);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const org = await trx.selectFrom('organizations').select('retired_at').where('id', '=', input.organizationId).executeTakeFirst();
    if (!org) throw invalid('body.organizationId', { zh: '政协组织不存在', en: 'No such organization' });
    if (org.retired_at) throw conflict({ zh: '该政协组织已撤销', en: 'This organization is retired' });
    if (!termDatesValid(input.startsOn, input.endsOn ?? null)) throw endsBeforeStart();
    await checkTermNumber(trx, input.organizationId, input.number);
    const row = { id: await insertTerm(trx, { organizationId: input.organizationId, number: input.number, startsOn: input.startsOn, endsOn: input.endsOn ?? null, current: false }) };
    if (input.current) await makeTermCurrent(trx, input.organizationId, row.id);
    await audit(trx, ctx, { action: 'create', entityType: 'term', entityId: row.id, organizationId: input.organizationId, after: termView((await findTerm(trx, row.id))!) });
    return row.id;
  });
  await ctx.bus.publish(ORGS_CHANGED, { termId: id });
  return id;
}

export async function updateTerm(ctx: Ctx, id: number, input: z.infer<typeof s.termPatch>) {
  await ctx.db.transaction().execute(async (trx) => {
    const before = await loadTerm(ctx, trx, id);
    if (before.closed_at) throw conflict({ zh: '该届已结束，不能修改', en: 'This term is closed and cannot be changed' });
    if (!termDatesValid(input.startsOn ?? before.starts_on, input.endsOn !== undefined ? input.endsOn : before.ends_on)) throw endsBeforeStart();
    if (input.number !== undefined) await checkTermNumber(trx, before.organization_id, input.number, id);
    await trx
      .updateTable('terms')
      .set({ ...(input.number !== undefined && { number: input.number }), ...(input.startsOn !== undefined && { starts_on: input.startsOn }), ...(input.endsOn !== undefined && { ends_on: input.endsOn }) })
      .where('id', '=', id)
      .execute();
    await audit(trx, ctx, { action: 'update', entityType: 'term', entityId: id, organizationId: before.organization_id, ...changes(termView(before), termView((await findTerm(trx, id))!)) });
  });
  await ctx.bus.publish(ORGS_CHANGED, { termId: id });
}

/** Closing a term ends it: no longer current, no new sessions. Its members and records stay. */
export async function closeTerm(ctx: Ctx, id: number) {
  await ctx.db.transaction().execute(async (trx) => {
    const before = await loadTerm(ctx, trx, id);
    if (before.closed_at) throw conflict({ zh: '该届已结束', en: 'This term is already closed' });
    await trx.updateTable('terms').set({ closed_at: now(), current: 0 }).where('id', '=', id).execute();
    await audit(trx, ctx, { action: 'close', entityType: 'term', entityId: id, organizationId: before.organization_id, ...changes(termView(before), termView((await findTerm(trx, id))!)) });
  });
  await ctx.bus.publish(ORGS_CHANGED, { termId: id });
}

/** Making a term current ends the current flag of the organization's other term (one current term). */
export async function makeCurrent(ctx: Ctx, id: number) {
  await ctx.db.transaction().execute(async (trx) => {
    const before = await loadTerm(ctx, trx, id);
    if (before.closed_at) throw conflict({ zh: '该届已结束，不能设为本届', en: 'This term is closed and cannot be made current' });
    if (before.current === 1) throw conflict({ zh: '该届已是本届', en: 'This term is already current' });
    const previous = await trx.selectFrom('terms').select('id').where('organization_id', '=', before.organization_id).where('current', '=', 1).executeTakeFirst();
    await makeTermCurrent(trx, before.organization_id, id);
    await audit(trx, ctx, { action: 'make_current', entityType: 'term', entityId: id, organizationId: before.organization_id, before: { current: false, previousCurrentTermId: previous?.id ?? null }, after: { current: true } });
  });
  await ctx.bus.publish(ORGS_CHANGED, { termId: id });
}

const sessionView = (x: { term_id: number; number: number; opens_on: string; closed_at: string | null }) => ({ termId: x.term_id, number: x.number, opensOn: x.opens_on, closedAt: x.closed_at });

async function checkSessionNumber(trx: Trx, termId: number, number: number, exceptId?: number) {
  let q = trx.selectFrom('sessions').select('id').where('term_id', '=', termId).where('number', '=', number);
  if (exceptId) q = q.where('id', '!=', exceptId);
  if (await q.executeTakeFirst()) throw conflict({ zh: `本届已有第 ${number} 次会议`, en: `Session ${number} already exists in this term` });
}

const outsideTerm = () => invalid('body.opensOn', { zh: '会议日期应在本届任期之内', en: "A session opens within its term's span" });

export async function createSession(ctx: Ctx, input: z.infer<typeof s.sessionIn>) {
  const id = await ctx.db.transaction().execute(async (trx) => {
    const term = await findTerm(trx, input.termId);
    if (!term || !visibleOrgs(ctx, ctx.actor!).includes(term.organization_id)) throw invalid('body.termId', { zh: '届次不存在', en: 'No such term' });
    requireOfficeAt(ctx, term.organization_id);
    if (term.closed_at) throw conflict({ zh: '该届已结束，不能新增会议', en: 'This term is closed: no new sessions' });
    if (!sessionWithinTerm(input.opensOn, term)) throw outsideTerm();
    const number = input.number ?? (await nextSessionNumber(trx, term.id));
    await checkSessionNumber(trx, term.id, number);
    const id = await insertSession(trx, { termId: term.id, number, opensOn: input.opensOn });
    const row = await trx.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    await audit(trx, ctx, { action: 'create', entityType: 'session', entityId: row.id, organizationId: term.organization_id, after: sessionView(row) });
    return row.id;
  });
  await ctx.bus.publish(ORGS_CHANGED, { sessionId: id });
  return id;
}

async function loadSession(ctx: Ctx, trx: Trx, id: number) {
  const row = await trx.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
  const term = row && (await findTerm(trx, row.term_id));
  if (!row || !term || !visibleOrgs(ctx, ctx.actor!).includes(term.organization_id)) throw notFound({ zh: '会议不存在', en: 'No such session' });
  requireOfficeAt(ctx, term.organization_id);
  return { row, term };
}

export async function updateSession(ctx: Ctx, id: number, input: z.infer<typeof s.sessionPatch>) {
  await ctx.db.transaction().execute(async (trx) => {
    const { row, term } = await loadSession(ctx, trx, id);
    if (row.closed_at) throw conflict({ zh: '该次会议已闭幕，不能修改', en: 'This session is closed and cannot be changed' });
    if (input.opensOn !== undefined && !sessionWithinTerm(input.opensOn, term)) throw outsideTerm();
    if (input.number !== undefined) await checkSessionNumber(trx, term.id, input.number, id);
    await trx.updateTable('sessions').set({ ...(input.number !== undefined && { number: input.number }), ...(input.opensOn !== undefined && { opens_on: input.opensOn }) }).where('id', '=', id).execute();
    const after = (await trx.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst())!;
    await audit(trx, ctx, { action: 'update', entityType: 'session', entityId: id, organizationId: term.organization_id, ...changes(sessionView(row), sessionView(after)) });
  });
  await ctx.bus.publish(ORGS_CHANGED, { sessionId: id });
}

/** A closed session takes no new proposals (proposals' checkSession reads closed_at). */
export async function closeSession(ctx: Ctx, id: number) {
  await ctx.db.transaction().execute(async (trx) => {
    const { row, term } = await loadSession(ctx, trx, id);
    if (row.closed_at) throw conflict({ zh: '该次会议已闭幕', en: 'This session is already closed' });
    const at = now();
    await trx.updateTable('sessions').set({ closed_at: at }).where('id', '=', id).execute();
    await audit(trx, ctx, { action: 'close', entityType: 'session', entityId: id, organizationId: term.organization_id, before: { closedAt: null }, after: { closedAt: at } });
  });
  await ctx.bus.publish(ORGS_CHANGED, { sessionId: id });
}
