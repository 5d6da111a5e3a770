// The yearly consultation plan (年度协商计划): drawn up by the office, approved by the leaders,
// then published for everyone. Items are edited only while the plan is a draft.
import type { z } from 'zod';
import { invalid, notFound } from '../../platform/errors.js';
import { visibleOrgs, type Ctx, type Trx } from '../../platform/context.js';
import type { ConsultationPlanTable } from '../../platform/db/consultation-types.js';
import { isReader, now, record, requireOffice, timeline } from './commands.js';
import { checkEvent, mayFire, planFlow } from './workflow.js';
import { meetingTypes } from './schema.js';
import type * as s from './schema.js';

type Row = Omit<ConsultationPlanTable, 'id'> & { id: number };
const ENTITY = 'consultation_plan';
const noPlan = () => notFound({ zh: '协商计划不存在', en: 'No such consultation plan' });

async function loadPlan(ctx: Ctx, trx: Trx, id: number, lock = false): Promise<Row> {
  let q = trx.selectFrom('consultation_plans').selectAll().where('id', '=', id);
  if (lock && ctx.dialect === 'postgres') q = q.forUpdate();
  const row = (await q.executeTakeFirst()) as Row | undefined;
  // Everyone in scope reads a published plan; drafts stay with the office and the leaders.
  if (!row || !visibleOrgs(ctx, ctx.actor!).includes(row.organization_id) || (row.state !== 'published' && !isReader(ctx, row.organization_id))) throw noPlan();
  return row;
}

async function checkCommittee(trx: Trx, organizationId: number, committeeId: number | null | undefined) {
  if (committeeId == null) return;
  const c = await trx.selectFrom('committees').select('organization_id').where('id', '=', committeeId).executeTakeFirst();
  if (!c || c.organization_id !== organizationId) throw invalid('body.leadCommitteeId', { zh: '牵头专委会不存在或不属于该组织', en: 'The lead committee does not exist in this organization' });
}

export async function createPlan(ctx: Ctx, input: z.infer<typeof s.planIn>) {
  const organizationId = ctx.actor!.organizationId;
  requireOffice(ctx, organizationId, { zh: '制定协商计划', en: 'draw up a consultation plan' });
  return ctx.db.transaction().execute(async (trx) => {
    const at = now();
    const row = await trx
      .insertInto('consultation_plans')
      .values({ organization_id: organizationId, year: input.year, title: input.title, state: 'draft', return_reason: null, created_by: ctx.actor!.userId, created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    await record(trx, ctx, ENTITY, row.id, organizationId, 'create', undefined, { state: 'draft', year: input.year, title: input.title });
    return { id: row.id };
  });
}

export async function addItem(ctx: Ctx, planId: number, input: z.infer<typeof s.planItemIn>) {
  return ctx.db.transaction().execute(async (trx) => {
    const plan = await loadPlan(ctx, trx, planId, true);
    checkEvent(ctx, planFlow, 'edit', { state: plan.state, organizationId: plan.organization_id });
    await checkCommittee(trx, plan.organization_id, input.leadCommitteeId);
    const row = await trx
      .insertInto('consultation_plan_items')
      .values({ plan_id: plan.id, type: input.type, topic: input.topic, lead_committee_id: input.leadCommitteeId ?? null, quarter: input.quarter, note: input.note ?? null, created_at: now() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await record(trx, ctx, ENTITY, plan.id, plan.organization_id, 'add_item', undefined, { itemId: row.id, type: input.type, topic: input.topic, quarter: input.quarter });
    return { id: row.id };
  });
}

export async function updateItem(ctx: Ctx, planId: number, itemId: number, input: z.infer<typeof s.planItemPatch>) {
  await ctx.db.transaction().execute(async (trx) => {
    const plan = await loadPlan(ctx, trx, planId, true);
    checkEvent(ctx, planFlow, 'edit', { state: plan.state, organizationId: plan.organization_id });
    const item = await trx.selectFrom('consultation_plan_items').selectAll().where('id', '=', itemId).where('plan_id', '=', plan.id).executeTakeFirst();
    if (!item) throw notFound({ zh: '计划事项不存在', en: 'No such plan item' });
    await checkCommittee(trx, plan.organization_id, input.leadCommitteeId);
    const set = {
      ...(input.type !== undefined && { type: input.type }),
      ...(input.topic !== undefined && { topic: input.topic }),
      ...(input.leadCommitteeId !== undefined && { lead_committee_id: input.leadCommitteeId }),
      ...(input.quarter !== undefined && { quarter: input.quarter }),
      ...(input.note !== undefined && { note: input.note }),
    };
    if (Object.keys(set).length) await trx.updateTable('consultation_plan_items').set(set).where('id', '=', itemId).execute();
    await record(trx, ctx, ENTITY, plan.id, plan.organization_id, 'update_item', { itemId, topic: item.topic }, { itemId, ...input });
  });
}

export async function deleteItem(ctx: Ctx, planId: number, itemId: number) {
  await ctx.db.transaction().execute(async (trx) => {
    const plan = await loadPlan(ctx, trx, planId, true);
    checkEvent(ctx, planFlow, 'edit', { state: plan.state, organizationId: plan.organization_id });
    const item = await trx.selectFrom('consultation_plan_items').selectAll().where('id', '=', itemId).where('plan_id', '=', plan.id).executeTakeFirst();
    if (!item) throw notFound({ zh: '计划事项不存在', en: 'No such plan item' });
    await trx.updateTable('consultation_meetings').set({ plan_item_id: null }).where('plan_item_id', '=', itemId).execute();
    await trx.deleteFrom('consultation_plan_items').where('id', '=', itemId).execute();
    await record(trx, ctx, ENTITY, plan.id, plan.organization_id, 'delete_item', { itemId, topic: item.topic, type: item.type, quarter: item.quarter });
  });
}

export type PlanEvent = 'submit' | 'approve' | 'return' | 'publish';

export async function planEvent(ctx: Ctx, id: number, event: PlanEvent, reason?: string) {
  await ctx.db.transaction().execute(async (trx) => {
    const plan = await loadPlan(ctx, trx, id, true);
    const to = checkEvent(ctx, planFlow, event, { state: plan.state, organizationId: plan.organization_id });
    if (event === 'submit') {
      const items = await trx.selectFrom('consultation_plan_items').select('id').where('plan_id', '=', id).limit(1).execute();
      if (items.length === 0) throw invalid('items', { zh: '计划中还没有协商事项', en: 'The plan has no items yet' });
    }
    await trx.updateTable('consultation_plans').set({ state: to, return_reason: event === 'return' ? reason! : event === 'submit' ? null : plan.return_reason, updated_at: now() }).where('id', '=', id).execute();
    await record(trx, ctx, ENTITY, id, plan.organization_id, event, { state: plan.state }, { state: to, ...(reason ? { reason } : {}) });
  });
}

export async function listPlans(ctx: Ctx, year?: number) {
  const orgs = visibleOrgs(ctx, ctx.actor!);
  if (orgs.length === 0) return [];
  let q = ctx.db.selectFrom('consultation_plans as p').innerJoin('organizations as o', 'o.id', 'p.organization_id').select(['p.id', 'p.organization_id', 'o.name as organization_name', 'p.year', 'p.title', 'p.state', 'p.updated_at']).where('p.organization_id', 'in', orgs);
  if (year) q = q.where('p.year', '=', year);
  const rows = await q.orderBy('p.year', 'desc').orderBy('p.id', 'desc').limit(200).execute();
  const counts = rows.length
    ? await ctx.db.selectFrom('consultation_plan_items').select(['plan_id', (eb) => eb.fn.countAll<number>().as('n')]).where('plan_id', 'in', rows.map((r) => r.id)).groupBy('plan_id').execute()
    : [];
  return rows
    .filter((r) => r.state === 'published' || isReader(ctx, r.organization_id))
    .map((r) => ({ id: r.id, organizationId: r.organization_id, organizationName: r.organization_name, year: r.year, title: r.title, state: r.state, items: Number(counts.find((c) => c.plan_id === r.id)?.n ?? 0), updatedAt: r.updated_at }));
}

export async function planDetail(ctx: Ctx, id: number) {
  const plan = await loadPlan(ctx, ctx.db, id);
  const items = await ctx.db
    .selectFrom('consultation_plan_items as i')
    .leftJoin('committees as c', 'c.id', 'i.lead_committee_id')
    .select(['i.id', 'i.type', 'i.topic', 'i.lead_committee_id', 'c.name as committee_name', 'i.quarter', 'i.note'])
    .where('i.plan_id', '=', id)
    .orderBy('i.quarter')
    .orderBy('i.id')
    .execute();
  const meetings = items.length
    ? await ctx.db.selectFrom('consultation_meetings').select(['id', 'plan_item_id']).where('plan_item_id', 'in', items.map((i) => i.id)).where('state', '!=', 'cancelled').execute()
    : [];
  const at = { state: plan.state, organizationId: plan.organization_id };
  return {
    id: plan.id, organizationId: plan.organization_id, year: plan.year, title: plan.title, state: plan.state, stateLabel: planFlow.states[plan.state], returnReason: plan.return_reason,
    items: items.map((i) => ({
      id: i.id, type: i.type, typeLabel: meetingTypes[i.type], topic: i.topic, leadCommitteeId: i.lead_committee_id, leadCommitteeName: i.committee_name, quarter: i.quarter, note: i.note,
      meetingId: meetings.find((m) => m.plan_item_id === i.id)?.id ?? null,
    })),
    abilities: {
      edit: mayFire(ctx, planFlow, 'edit', at), submit: mayFire(ctx, planFlow, 'submit', at), approve: mayFire(ctx, planFlow, 'approve', at),
      return: mayFire(ctx, planFlow, 'return', at), publish: mayFire(ctx, planFlow, 'publish', at),
    },
    timeline: isReader(ctx, plan.organization_id) ? await timeline(ctx.db, ENTITY, id) : [],
  };
}
