// What each organization configures for its proposals: the category tree, the reject reasons, the
// default deadline, and the accounts that file collective proposals.
import type { z } from 'zod';
import { audit } from '../../platform/audit.js';
import { forbidden, invalid, notFound } from '../../platform/errors.js';
import { hasRoleAt, visibleOrgs, type Ctx } from '../../platform/context.js';
import type * as s from './schema.js';
import { collectiveBody, now } from './commands.js';
import { sessionLabel } from './numbering.js';

function requireAdmin(ctx: Ctx, organizationId: number) {
  if (!hasRoleAt(ctx, ctx.actor!, ['admin'], organizationId)) throw forbidden({ zh: '只有本政协管理员可以修改提案设置', en: 'Only an admin of the organization changes proposal settings' });
}

/** The organization a caller reads settings of: their own unless they name one they see. */
export function oneOrg(ctx: Ctx, organizationId?: number) {
  const id = organizationId ?? ctx.actor!.organizationId;
  if (!visibleOrgs(ctx, ctx.actor!).includes(id) && id !== ctx.actor!.organizationId) throw notFound({ zh: '组织不存在', en: 'No such organization' });
  return id;
}

type Node = { id: number; name: string; sort: number; active: boolean; children: Node[] };

export async function config(ctx: Ctx, organizationId: number) {
  const { db } = ctx;
  const [categories, reasons, settings, sessions, units, body, member] = await Promise.all([
    db.selectFrom('proposal_categories').selectAll().where('organization_id', '=', organizationId).orderBy('sort').orderBy('id').execute(),
    db.selectFrom('proposal_reject_reasons').selectAll().where('organization_id', '=', organizationId).orderBy('sort').orderBy('id').execute(),
    db.selectFrom('proposal_settings').select('deadline_months').where('organization_id', '=', organizationId).executeTakeFirst(),
    db.selectFrom('sessions as se').innerJoin('terms as t', 't.id', 'se.term_id').select(['se.id', 'se.number', 'se.opens_on', 't.number as term']).where('t.organization_id', '=', organizationId).where('t.current', '=', 1).where('se.closed_at', 'is', null).orderBy('se.opens_on').execute(),
    db.selectFrom('handling_units').select(['id', 'name']).where('organization_id', '=', organizationId).where('active', '=', 1).orderBy('sort').orderBy('id').execute(),
    collectiveBody(db, ctx.actor!.userId),
    ctx.actor!.memberId === null ? undefined : db.selectFrom('members').select(['status']).where('id', '=', ctx.actor!.memberId).executeTakeFirst(),
  ]);
  const nodes = new Map<number, Node>(categories.map((c) => [c.id, { id: c.id, name: c.name, sort: c.sort, active: c.active === 1, children: [] }]));
  const roots: Node[] = [];
  for (const c of categories) (c.parent_id !== null && nodes.has(c.parent_id) ? nodes.get(c.parent_id)!.children : roots).push(nodes.get(c.id)!);
  return {
    organizationId,
    categories: roots,
    rejectReasons: reasons.map((r) => ({ id: r.id, text: r.text, sort: r.sort, active: r.active === 1 })),
    deadlineMonths: settings?.deadline_months ?? 3,
    sessions: sessions.map((x, i) => ({ id: x.id, label: sessionLabel(x.term, x.number), opensOn: x.opens_on, current: i === sessions.length - 1 })),
    units,
    filing: { asMember: member?.status === 'active', collective: body ? { kind: body.kind, id: body.id, name: body.name } : null },
  };
}

export async function addCategory(ctx: Ctx, input: z.infer<typeof s.categoryIn>) {
  requireAdmin(ctx, input.organizationId);
  return ctx.db.transaction().execute(async (trx) => {
    if (input.parentId !== undefined) {
      const parent = await trx.selectFrom('proposal_categories').select(['organization_id', 'parent_id']).where('id', '=', input.parentId).executeTakeFirst();
      // Two levels: a category and its subcategories.
      if (!parent || parent.organization_id !== input.organizationId || parent.parent_id !== null)
        throw invalid('body.parentId', { zh: '上级类别不存在或本身是子类别', en: 'No such top-level category in this organization' });
    }
    const row = await trx
      .insertInto('proposal_categories')
      .values({ organization_id: input.organizationId, parent_id: input.parentId ?? null, name: input.name, sort: input.sort, active: 1 })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(trx, ctx, { action: 'create', entityType: 'proposal_category', entityId: row.id, organizationId: input.organizationId, after: row });
    return row.id;
  });
}

export async function changeCategory(ctx: Ctx, id: number, input: z.infer<typeof s.categoryPatch>) {
  await ctx.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('proposal_categories').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw notFound({ zh: '类别不存在', en: 'No such category' });
    requireAdmin(ctx, before.organization_id);
    const set = { ...(input.name !== undefined && { name: input.name }), ...(input.sort !== undefined && { sort: input.sort }), ...(input.active !== undefined && { active: input.active ? 1 : 0 }) };
    if (Object.keys(set).length) await trx.updateTable('proposal_categories').set(set).where('id', '=', id).execute();
    await audit(trx, ctx, { action: 'update', entityType: 'proposal_category', entityId: id, organizationId: before.organization_id, before, after: set });
  });
}

export async function addRejectReason(ctx: Ctx, input: z.infer<typeof s.rejectReasonIn>) {
  requireAdmin(ctx, input.organizationId);
  return ctx.db.transaction().execute(async (trx) => {
    const dup = await trx.selectFrom('proposal_reject_reasons').select('id').where('organization_id', '=', input.organizationId).where('text', '=', input.text).executeTakeFirst();
    if (dup) throw invalid('body.text', { zh: '该理由已存在', en: 'This reason exists already' });
    const row = await trx.insertInto('proposal_reject_reasons').values({ organization_id: input.organizationId, text: input.text, sort: input.sort, active: 1 }).returningAll().executeTakeFirstOrThrow();
    await audit(trx, ctx, { action: 'create', entityType: 'proposal_reject_reason', entityId: row.id, organizationId: input.organizationId, after: row });
    return row.id;
  });
}

export async function changeRejectReason(ctx: Ctx, id: number, input: z.infer<typeof s.rejectReasonPatch>) {
  await ctx.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('proposal_reject_reasons').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw notFound({ zh: '理由不存在', en: 'No such reason' });
    requireAdmin(ctx, before.organization_id);
    if (input.text !== undefined && input.text !== before.text) {
      const dup = await trx.selectFrom('proposal_reject_reasons').select('id').where('organization_id', '=', before.organization_id).where('text', '=', input.text).executeTakeFirst();
      if (dup) throw invalid('body.text', { zh: '该理由已存在', en: 'This reason exists already' });
    }
    const set = { ...(input.text !== undefined && { text: input.text }), ...(input.sort !== undefined && { sort: input.sort }), ...(input.active !== undefined && { active: input.active ? 1 : 0 }) };
    if (Object.keys(set).length) await trx.updateTable('proposal_reject_reasons').set(set).where('id', '=', id).execute();
    await audit(trx, ctx, { action: 'update', entityType: 'proposal_reject_reason', entityId: id, organizationId: before.organization_id, before, after: set });
  });
}

export async function saveSettings(ctx: Ctx, input: z.infer<typeof s.settingsIn>) {
  requireAdmin(ctx, input.organizationId);
  await ctx.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('proposal_settings').selectAll().where('organization_id', '=', input.organizationId).executeTakeFirst();
    const at = now();
    await trx
      .insertInto('proposal_settings')
      .values({ organization_id: input.organizationId, deadline_months: input.deadlineMonths, updated_at: at })
      .onConflict((oc) => oc.column('organization_id').doUpdateSet({ deadline_months: input.deadlineMonths, updated_at: at }))
      .execute();
    await audit(trx, ctx, { action: 'update', entityType: 'proposal_settings', entityId: input.organizationId, organizationId: input.organizationId, before: { deadlineMonths: before?.deadline_months ?? 3 }, after: { deadlineMonths: input.deadlineMonths } });
  });
}

/** Links an account with the member role to the party group, sector or committee it files for. */
export async function linkCollectiveAccount(ctx: Ctx, input: z.infer<typeof s.collectiveAccountIn>) {
  await ctx.db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom('users').select(['id', 'organization_id', 'member_id']).where('id', '=', input.userId).executeTakeFirst();
    if (!user || !visibleOrgs(ctx, ctx.actor!).includes(user.organization_id)) throw invalid('body.userId', { zh: '账号不存在', en: 'No such account' });
    requireAdmin(ctx, user.organization_id);
    const roles = await trx.selectFrom('user_roles').select('role').where('user_id', '=', user.id).where('organization_id', '=', user.organization_id).execute();
    if (!roles.some((r) => r.role === 'member') || user.member_id !== null)
      throw invalid('body.userId', { zh: '须为具有委员角色、且未关联委员本人的账号', en: 'The account must have the member role and not be a member’s own account' });
    const table = input.bodyKind === 'party_group' ? 'party_groups' : input.bodyKind === 'sector' ? 'sectors' : 'committees';
    const body = await trx.selectFrom(table).select(['id', 'organization_id']).where('id', '=', input.bodyId).executeTakeFirst();
    if (!body || body.organization_id !== user.organization_id) throw invalid('body.bodyId', { zh: '党派团体、界别或专委会不存在或不属于该政协', en: 'No such party group, sector or committee in this organization' });
    const at = now();
    await trx
      .insertInto('proposal_collective_accounts')
      .values({ user_id: user.id, organization_id: user.organization_id, body_kind: input.bodyKind, body_id: body.id, created_at: at })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ body_kind: input.bodyKind, body_id: body.id, organization_id: user.organization_id }))
      .execute();
    await audit(trx, ctx, { action: 'link_collective', entityType: 'user', entityId: user.id, organizationId: user.organization_id, after: { bodyKind: input.bodyKind, bodyId: body.id } });
  });
}
