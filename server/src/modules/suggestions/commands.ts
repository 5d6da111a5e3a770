// The use cases of a suggestion, whatever its source: made from a source record (by the module that
// owns it, inside its own transaction), assigned to handling units with a deadline, answered by
// each unit, and marked adopted or not by the office. Each change is one audit entry: the
// suggestion's timeline is read from them.
import { audit, type AuditAction } from '../../platform/audit.js';
import { hasRoleAt, type Ctx, type Trx } from '../../platform/context.js';
import type { SuggestionOrigin, SuggestionSourceType, SuggestionState, SuggestionTable } from '../../platform/db/suggestion-types.js';
import { conflict, forbidden, invalid, notFound } from '../../platform/errors.js';
import { notBefore } from '../../platform/dates.js';
import { chinaDate, clock } from '../../platform/time.js';
import { notifyUnits } from '../notifications/service.js';
import { checkEvent } from './workflow.js';
import { sourceKind } from './sources.js';

export type Row = Omit<SuggestionTable, 'id'> & { id: number };
export const ENTITY = 'suggestion';
export const TOPIC = 'suggestions.changed';
export const now = () => clock.now().toISOString();
export const noSuggestion = () => notFound({ zh: '意见建议不存在', en: 'No such suggestion' });

/** The office and leaders of the organization (or one above it) read all of its suggestions. */
export const isReader = (ctx: Ctx, organizationId: number) => !!ctx.actor && hasRoleAt(ctx, ctx.actor, ['admin', 'staff', 'leader'], organizationId);
export const isOffice = (ctx: Ctx, organizationId: number) => !!ctx.actor && hasRoleAt(ctx, ctx.actor, ['admin', 'staff'], organizationId);

/** The caller's handling unit, when they act for one at this organization. */
export function myUnit(ctx: Ctx, organizationId: number): number | null {
  const unit = ctx.actor?.handlingUnitId ?? null;
  return unit !== null && hasRoleAt(ctx, ctx.actor!, ['unit'], organizationId) ? unit : null;
}

export const record = (trx: Trx, ctx: Pick<Ctx, 'actor' | 'ip'>, id: number, organizationId: number, action: AuditAction, before?: unknown, after?: unknown) =>
  audit(trx, ctx, { action, entityType: ENTITY, entityId: id, organizationId, before, after });

/** Raised after the commit; a lost event only delays open pages until they reload. */
export const changed = (ctx: Ctx, id: number) => ctx.bus.publish(TOPIC, { id }).catch(() => {});

export interface NewSuggestion {
  organizationId: number;
  sourceType: SuggestionSourceType;
  sourceId: number;
  origin?: { kind: SuggestionOrigin; id: number | null; passage: string | null; author: string | null };
  title: string;
  text: string;
}

/** Made by the source's module, which has checked who may; in its transaction, so both commit together. */
export async function insertSuggestion(trx: Trx, ctx: Ctx, input: NewSuggestion): Promise<number> {
  const at = now();
  const origin = input.origin ?? { kind: 'manual' as const, id: null, passage: null, author: null };
  const row = await trx
    .insertInto('suggestions')
    .values({
      organization_id: input.organizationId, source_type: input.sourceType, source_id: input.sourceId, origin_kind: origin.kind, origin_id: origin.id,
      passage: origin.passage, origin_author: origin.author, title: input.title, text: input.text, state: 'open', adoption_note: null,
      created_by: ctx.actor!.userId, created_at: at, updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await record(trx, ctx, row.id, input.organizationId, 'create', undefined, { state: 'open', sourceType: input.sourceType, sourceId: input.sourceId, origin: origin.kind, originId: origin.id, title: input.title });
  return row.id;
}

/** The suggestion, or 404 when it does not exist or the caller may not see it; locked on PostgreSQL. */
export async function lockSuggestion(ctx: Ctx, trx: Trx, id: number): Promise<Row> {
  let q = trx.selectFrom('suggestions').selectAll().where('id', '=', id);
  if (ctx.dialect === 'postgres') q = q.forUpdate();
  const row = (await q.executeTakeFirst()) as Row | undefined;
  if (!row || !(await maySee(ctx, trx, row))) throw noSuggestion();
  return row;
}

/** The office and leaders in scope, and the units it was assigned to. */
export async function maySee(ctx: Ctx, db: Trx, row: { id: number; organization_id: number }) {
  if (isReader(ctx, row.organization_id)) return true;
  const unit = myUnit(ctx, row.organization_id);
  if (unit === null) return false;
  return !!(await db.selectFrom('suggestion_units').select('unit_id').where('suggestion_id', '=', row.id).where('unit_id', '=', unit).executeTakeFirst());
}

export async function assign(ctx: Ctx, id: number, input: { unitIds: number[]; deadline?: string }) {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await lockSuggestion(ctx, trx, id);
    const to = checkEvent(ctx, 'assign', { state: row.state, organizationId: row.organization_id });
    // A deadline may lie in the future, but not before the assignment it belongs to, made today.
    if (input.deadline) notBefore('body.deadline', input.deadline, chinaDate(), { zh: '交办日期（今天）', en: 'the assignment date (today)' });
    const unitIds = [...new Set(input.unitIds)];
    const units = await trx.selectFrom('handling_units').select(['id', 'organization_id', 'active']).where('id', 'in', unitIds).execute();
    // The departments of the suggestion's own level answer it (a city's suggestions go to city departments).
    if (units.length !== unitIds.length || units.some((u) => !u.active || u.organization_id !== row.organization_id))
      throw invalid('body.unitIds', { zh: '承办单位不存在、已停用或不属于该组织', en: 'A handling unit does not exist, is inactive or belongs elsewhere' });
    const already = new Set((await trx.selectFrom('suggestion_units').select('unit_id').where('suggestion_id', '=', id).execute()).map((r) => r.unit_id));
    const fresh = unitIds.filter((u) => !already.has(u));
    if (fresh.length === 0) throw conflict({ zh: '这些单位已经交办过', en: 'These units have already been assigned' });
    const at = now();
    await trx.insertInto('suggestion_units').values(fresh.map((unit_id) => ({ suggestion_id: id, unit_id, deadline: input.deadline ?? null, answer: null, answered_by: null, answered_at: null, assigned_at: at, reminded_at: null }))).execute();
    await trx.updateTable('suggestions').set({ state: to, updated_at: at }).where('id', '=', id).execute();
    await record(trx, ctx, id, row.organization_id, 'assign', { state: row.state }, { state: to, unitIds: fresh, deadline: input.deadline ?? null });
    const source = sourceKind(row.source_type);
    const note = {
      kind: source.assignedKind, organizationId: row.organization_id,
      title: { zh: `新交办的${source.label.zh}意见建议`, en: `A ${source.label.en} suggestion assigned to you` },
      body: { zh: `《${row.title}》已交办贵单位${input.deadline ? `，请于${input.deadline}前答复` : '，请及时答复'}。`, en: `"${row.title}" has been assigned to your unit${input.deadline ? `; please answer by ${input.deadline}` : ''}.` },
      link: source.link(id), entityType: ENTITY, entityId: id,
    };
    await notifyUnits(trx, fresh.map((unitId) => ({ unitId, note })));
  });
  await changed(ctx, id);
}

export async function answer(ctx: Ctx, id: number, input: { text: string }) {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await lockSuggestion(ctx, trx, id);
    checkEvent(ctx, 'answer', { state: row.state, organizationId: row.organization_id });
    const unit = myUnit(ctx, row.organization_id);
    const mine = unit === null ? undefined : await trx.selectFrom('suggestion_units').selectAll().where('suggestion_id', '=', id).where('unit_id', '=', unit).executeTakeFirst();
    if (!mine) throw forbidden({ zh: '该意见建议未交办贵单位', en: 'This suggestion is not assigned to your unit' });
    if (mine.answered_at) throw conflict({ zh: '贵单位已经答复过', en: 'Your unit has already answered' });
    const at = now();
    await trx.updateTable('suggestion_units').set({ answer: input.text, answered_by: ctx.actor!.userId, answered_at: at }).where('suggestion_id', '=', id).where('unit_id', '=', unit!).execute();
    const waiting = await trx.selectFrom('suggestion_units').select('unit_id').where('suggestion_id', '=', id).where('answered_at', 'is', null).execute();
    const to: SuggestionState = waiting.length === 0 ? 'answered' : row.state;
    await trx.updateTable('suggestions').set({ state: to, updated_at: at }).where('id', '=', id).execute();
    await record(trx, ctx, id, row.organization_id, 'answer', { state: row.state }, { state: to, unitId: unit, text: input.text });
  });
  await changed(ctx, id);
}

export async function adoption(ctx: Ctx, id: number, input: { adopted: boolean; note?: string }) {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await lockSuggestion(ctx, trx, id);
    const event = input.adopted ? 'adopt' : 'not_adopt';
    const to = checkEvent(ctx, event, { state: row.state, organizationId: row.organization_id });
    await trx.updateTable('suggestions').set({ state: to, adoption_note: input.note ?? null, updated_at: now() }).where('id', '=', id).execute();
    await record(trx, ctx, id, row.organization_id, event, { state: row.state }, { state: to, note: input.note ?? null });
  });
  await changed(ctx, id);
}
