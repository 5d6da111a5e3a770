// Use cases of a report up to screening: a member's or contact point's report, and the
// screening decisions. Shared by the other command files: loading a report for an event,
// applying the event (state, audit, event bus) as the workflow table says.
import type { z } from 'zod';
import type { Updateable } from 'kysely';
import { audit } from '../../platform/audit.js';
import { conflict, forbidden, invalid, notFound } from '../../platform/errors.js';
import { hasRoleAt, visibleOrgs, type Ctx, type Trx } from '../../platform/context.js';
import type { OpinionState, OpinionTable } from '../../platform/db/types.js';
import { attachFiles } from '../../platform/files.js';
import { indexDocuments } from '../../platform/search.js';
import { chinaYear, clock } from '../../platform/time.js';
import type * as s from './schema.js';
import { isActiveOrganization, membersByIds, placeById } from '../orgs/service.js';
import { award } from './scoring.js';
import { replaceDuty } from '../duty/service.js';
import { opinionsDuty } from './duty.js';
import { enqueue, type Intake } from './intake.js';
import { lockReports } from './intake-plan.js';
import { nextState, stateLabels, workflow, type OpinionEvent } from './workflow.js';

export const now = () => clock.now().toISOString();
export type OpinionRow = Omit<OpinionTable, 'id'> & { id: number };

export function requireOfficeAt(ctx: Ctx, organizationId: number) {
  if (!hasRoleAt(ctx, ctx.actor!, ['admin', 'staff'], organizationId))
    throw forbidden({ zh: '无权处理该组织的社情民意信息', en: 'You may not handle public-opinion reports of this organization' });
}

/** The report, locked for the rest of the transaction on PostgreSQL (SQLite's writer lock serializes already). */
export async function lockOpinion(ctx: Ctx, trx: Trx, id: number): Promise<OpinionRow> {
  let q = trx.selectFrom('opinions').selectAll().where('id', '=', id);
  if (ctx.dialect === 'postgres') q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row || !visibleOrgs(ctx, ctx.actor!).includes(row.organization_id)) throw notFound({ zh: '社情民意信息不存在', en: 'No such report' });
  return row as OpinionRow;
}

/** Locks several reports at once, in the one order every such transaction uses (intake-plan.ts). */
export const lockOpinions = (ctx: Ctx, trx: Trx, ids: number[]) => lockReports(trx, ctx.dialect, ids);

/** Checks the workflow table for this event: who may fire it, and from which state. */
export function checkEvent(ctx: Ctx, row: OpinionRow, event: OpinionEvent): OpinionState {
  if (!hasRoleAt(ctx, ctx.actor!, workflow[event].who, row.organization_id))
    throw forbidden({ zh: `无权${workflow[event].label.zh}`, en: `You may not do this: ${workflow[event].label.en}` });
  const to = nextState(event, row.state);
  if (!to)
    throw conflict({
      zh: `信息当前为“${stateLabels[row.state].zh}”，不能${workflow[event].label.zh}`,
      en: `${workflow[event].label.en} is not possible: the report is ${stateLabels[row.state].en}`,
    });
  return to;
}

/** Moves the report to its next state and records the event in the audit log (the case timeline). */
export async function applyEvent(ctx: Ctx, trx: Trx, row: OpinionRow, event: OpinionEvent, set: Updateable<OpinionTable> = {}, detail: Record<string, unknown> = {}) {
  const to = checkEvent(ctx, row, event);
  const at = now();
  await trx.updateTable('opinions').set({ ...set, state: to, updated_at: at }).where('id', '=', row.id).execute();
  await audit(trx, ctx, { action: event, entityType: 'opinion', entityId: row.id, organizationId: row.organization_id, before: { state: row.state }, after: { state: to, ...detail } });
  return to;
}

export const publishChange = (ctx: Ctx, ids: number[]) => ctx.bus.publish('opinions.opinion.changed', { ids }).catch(() => {});

export function indexOpinion(trx: Trx, rows: { id: number; organization_id: number; title: string; text: string }[]) {
  return indexDocuments(trx, rows.map((r) => ({ entityType: 'opinion', entityId: r.id, fields: [r.title, r.text] })));
}

export async function submitReport(ctx: Ctx, intake: Intake, input: z.infer<typeof s.reportIn>) {
  const actor = ctx.actor!;
  const id = await ctx.db.transaction().execute(async (trx) => {
    if (!(await isActiveOrganization(trx, input.organizationId)))
      throw invalid('body.organizationId', { zh: '所选政协组织不存在或已撤销', en: 'No such organization, or it has been retired' }, 'not_found');
    let placeId: number | null = null;
    if (input.contactPointId !== undefined) {
      const place = await placeById(trx, input.contactPointId);
      if (!place || place.kind !== 'contact_point' || place.organization_id !== input.organizationId)
        throw invalid('body.contactPointId', { zh: '联系点不存在或不属于该组织', en: 'No such contact point in this organization' });
      // The member who runs the contact point, or the office, reports on its behalf.
      const runsIt = actor.memberId !== null && place.member_id === actor.memberId;
      if (!runsIt && !hasRoleAt(ctx, actor, ['admin', 'staff'], input.organizationId))
        throw forbidden({ zh: '只有联系点负责人可以代表联系点报送', en: 'Only the person in charge may report for this contact point' });
      placeId = place.id;
    } else if (actor.memberId === null) {
      throw forbidden({ zh: '只有委员可以报送社情民意信息', en: 'Only members may submit public-opinion reports' });
    }
    const lead = placeId === null ? actor.memberId : null;
    const memberIds = [...new Set([...(lead ? [lead] : []), ...input.coReporterIds])];
    const members = await membersByIds(trx, memberIds);
    if (members.length !== memberIds.length || members.some((m) => m.status !== 'active' || !ctx.orgTree.within(m.organization_id, input.organizationId) && !ctx.orgTree.within(input.organizationId, m.organization_id)))
      throw invalid('body.coReporterIds', { zh: '联名委员不存在或已退出', en: 'A co-reporter does not exist or has left' });
    if (lead && !members.some((m) => m.id === lead && ctx.orgTree.within(m.organization_id, input.organizationId)))
      throw forbidden({ zh: '只能向本人所属政协报送', en: 'Members report to their own organization' });
    if (input.attachmentIds.length) {
      const files = await trx.selectFrom('files').select(['id', 'owner_id']).where('id', 'in', input.attachmentIds).execute();
      if (files.length !== new Set(input.attachmentIds).size || files.some((f) => f.owner_id !== actor.userId))
        throw invalid('body.attachmentIds', { zh: '附件不存在或不是本人上传', en: 'An attachment does not exist or was not uploaded by you' });
    }
    const at = now();
    const row = await trx
      .insertInto('opinions')
      .values({
        organization_id: input.organizationId, year: chinaYear(at), source_kind: placeId ? 'contact_point' : 'member',
        member_id: lead, place_id: placeId, user_id: actor.userId, title: input.title, text: input.text, category: input.category, state: 'new',
        tracking_code: null, resident_name_enc: null, resident_phone_enc: null, device_hash: null, duplicate_of: null,
        screening_reason: null, screened_at: null, screened_by: null, similar_group: null, submitted_at: at, updated_at: at,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    if (memberIds.length) await trx.insertInto('opinion_reporters').values(memberIds.map((m) => ({ opinion_id: row.id, member_id: m, lead: m === lead ? 1 : 0 }))).execute();
    await replaceDuty(trx, opinionsDuty, [row.id]);
    const files = [...new Set(input.attachmentIds)];
    // Each attachment belongs to this report alone: its readers read it (file-access.ts).
    if (!(await attachFiles(trx, files, { kind: 'opinion', id: row.id })))
      throw invalid('body.attachmentIds', { zh: '附件已属于另一条记录', en: 'An attachment already belongs to another record' });
    if (files.length) await trx.insertInto('opinion_files').values(files.map((f) => ({ opinion_id: row.id, file_id: f, kind: 'attachment' as const }))).execute();
    await audit(trx, ctx, { action: 'submit', entityType: 'opinion', entityId: row.id, organizationId: row.organization_id, after: { state: 'new', source: row.source_kind, title: row.title, coReporterIds: input.coReporterIds } });
    await enqueue(trx, row.id);
    return row.id;
  });
  // The member sees their report searchable, grouped and scored at once; should this fail, the
  // queue still holds it and the report stands.
  await intake.process([id]).catch(() => intake.kick());
  return id;
}

export async function screen(ctx: Ctx, id: number, input: z.infer<typeof s.screenIn>) {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await lockOpinion(ctx, trx, id);
    const at = now();
    const screened = { screened_at: at, screened_by: ctx.actor!.userId };
    switch (input.event) {
      case 'accept':
        await applyEvent(ctx, trx, row, 'accept', screened);
        await award(trx, row, 'accepted');
        break;
      case 'mark_duplicate': {
        checkEvent(ctx, row, 'mark_duplicate');
        const earlier = await trx.selectFrom('opinions').select(['id', 'organization_id', 'state']).where('id', '=', input.duplicateOf).executeTakeFirst();
        if (!earlier || earlier.id === row.id || earlier.organization_id !== row.organization_id || earlier.state === 'duplicate')
          throw invalid('body.duplicateOf', { zh: '所指的原信息不存在、不属于同一组织或本身是重复信息', en: 'The earlier report does not exist, belongs elsewhere or is itself a duplicate' });
        await applyEvent(ctx, trx, row, 'mark_duplicate', { ...screened, duplicate_of: earlier.id }, { duplicateOf: earlier.id });
        break;
      }
      case 'not_use':
        await applyEvent(ctx, trx, row, 'not_use', { ...screened, screening_reason: input.reason }, { reason: input.reason });
        break;
      case 'reopen':
        await applyEvent(ctx, trx, row, 'reopen', { duplicate_of: null, screening_reason: null, screened_at: null, screened_by: null });
        break;
    }
  });
  await publishChange(ctx, [id]);
}

/** The office rewrites a report's title before it is compiled (an automatic title above all). */
export async function retitle(ctx: Ctx, id: number, input: z.infer<typeof s.retitleIn>) {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await lockOpinion(ctx, trx, id);
    await applyEvent(ctx, trx, row, 'retitle', { title: input.title }, { title: input.title, previousTitle: row.title });
    await indexOpinion(trx, [{ ...row, title: input.title }]);
  });
  await publishChange(ctx, [id]);
}
