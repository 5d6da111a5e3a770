// What the tracker shows: the list (office overview, a unit's own), one suggestion with its units,
// answers and timeline, and the suggestions of source records for the pages of other modules.
import { sql } from 'kysely';
import type { Ctx, Trx } from '../../platform/context.js';
import type { SuggestionSourceType } from '../../platform/db/suggestion-types.js';
import { toPage } from '../../platform/paging.js';
import { chinaDate } from '../../platform/time.js';
import { isOffice, isReader, maySee, myUnit, noSuggestion, type Row } from './commands.js';
import { sourceKind, sourceTitles } from './sources.js';
import { mayFire, suggestionFlow } from './workflow.js';
import type { ListQuery } from './schema.js';

/** Suggestions the caller may see: those of the organizations they read, and those assigned to their unit. */
function visible(ctx: Ctx) {
  const actor = ctx.actor!;
  const readable = [...new Set(actor.roles.filter((r) => ['admin', 'staff', 'leader'].includes(r.role)).flatMap((r) => ctx.orgTree.subtree(r.organizationId)))];
  const unit = actor.handlingUnitId !== null && actor.roles.some((r) => r.role === 'unit') ? actor.handlingUnitId : null;
  return { readable, unit };
}

export async function listSuggestions(ctx: Ctx, q: ListQuery) {
  const { readable, unit } = visible(ctx);
  if (readable.length === 0 && unit === null) return { items: [], nextCursor: null, total: 0 };
  const today = chinaDate();
  let base = ctx.db.selectFrom('suggestions as sg');
  base = base.where((eb) =>
    eb.or([
      ...(readable.length && !q.mine ? [eb('sg.organization_id', 'in', readable)] : []),
      ...(unit !== null ? [eb.exists(eb.selectFrom('suggestion_units as su').select('su.unit_id').whereRef('su.suggestion_id', '=', 'sg.id').where('su.unit_id', '=', unit))] : []),
      // A caller with no unit asking for "mine" sees nothing rather than everything.
      sql<boolean>`1 = 0`,
    ]),
  );
  // "My suggestions to do": those my unit has not answered yet.
  if (q.mine && unit !== null)
    base = base.where((eb) => eb.exists(eb.selectFrom('suggestion_units as su').select('su.unit_id').whereRef('su.suggestion_id', '=', 'sg.id').where('su.unit_id', '=', unit).where('su.answered_at', 'is', null)));
  if (q.sourceType) base = base.where('sg.source_type', '=', q.sourceType);
  if (q.sourceId) base = base.where('sg.source_id', '=', q.sourceId);
  if (q.organizationId) base = base.where('sg.organization_id', '=', q.organizationId);
  if (q.state) base = base.where('sg.state', '=', q.state);
  if (q.unitId) base = base.where((eb) => eb.exists(eb.selectFrom('suggestion_units as su').select('su.unit_id').whereRef('su.suggestion_id', '=', 'sg.id').where('su.unit_id', '=', q.unitId!)));
  if (q.overdue)
    base = base.where((eb) => eb.exists(eb.selectFrom('suggestion_units as su').select('su.unit_id').whereRef('su.suggestion_id', '=', 'sg.id').where('su.answered_at', 'is', null).where('su.deadline', '<', today)));
  const total = Number((await base.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
  let page = base
    .select((eb) => [
      'sg.id', 'sg.title', 'sg.state', 'sg.source_type', 'sg.source_id', 'sg.origin_kind', 'sg.origin_author', 'sg.organization_id', 'sg.created_at',
      eb.selectFrom('suggestion_units as su').select((e) => e.fn.min('su.deadline').as('d')).whereRef('su.suggestion_id', '=', 'sg.id').where('su.answered_at', 'is', null).as('deadline'),
    ])
    .orderBy('sg.id', 'desc')
    .limit(q.limit + 1);
  if (q.cursor) page = page.where('sg.id', '<', Number(q.cursor));
  const rows = await page.execute();
  const titles = await sourceTitles(ctx.db, rows);
  return toPage(rows, q.limit, total, (r) => ({
    id: r.id, title: r.title, state: r.state, stateLabel: suggestionFlow.states[r.state], organizationId: r.organization_id,
    source: { type: r.source_type, id: r.source_id, title: titles.get(`${r.source_type}:${r.source_id}`) ?? null, label: sourceKind(r.source_type).label },
    originKind: r.origin_kind, originAuthor: r.origin_author,
    deadline: (r.deadline as string | null) ?? null, overdue: !!r.deadline && (r.deadline as string) < today, createdAt: r.created_at,
  }));
}

export async function suggestionDetail(ctx: Ctx, id: number) {
  const row = (await ctx.db.selectFrom('suggestions').selectAll().where('id', '=', id).executeTakeFirst()) as Row | undefined;
  if (!row || !(await maySee(ctx, ctx.db, row))) throw noSuggestion();
  const assignments = await ctx.db
    .selectFrom('suggestion_units as su')
    .innerJoin('handling_units as u', 'u.id', 'su.unit_id')
    .select(['su.unit_id', 'u.name', 'su.deadline', 'su.answer', 'su.answered_at', 'su.assigned_at', 'su.reminded_at'])
    .where('su.suggestion_id', '=', id)
    .orderBy('u.sort')
    .orderBy('u.id')
    .execute();
  const reader = isReader(ctx, row.organization_id);
  const unit = myUnit(ctx, row.organization_id);
  const mine = assignments.find((a) => a.unit_id === unit);
  const at = { state: row.state, organizationId: row.organization_id };
  const title = (await sourceTitles(ctx.db, [row])).get(`${row.source_type}:${row.source_id}`) ?? null;
  return {
    id: row.id, organizationId: row.organization_id, title: row.title, text: row.text, state: row.state, stateLabel: suggestionFlow.states[row.state],
    source: { type: row.source_type, id: row.source_id, title, label: sourceKind(row.source_type).label },
    origin: { kind: row.origin_kind, id: row.origin_id, excerpt: row.passage, authorName: row.origin_author },
    // A unit sees its own assignment and answer, not what the other departments wrote.
    assignments: assignments
      .filter((a) => reader || a.unit_id === unit)
      .map((a) => ({ unitId: a.unit_id, unitName: a.name, deadline: a.deadline, answer: a.answer, answeredAt: a.answered_at, assignedAt: a.assigned_at, remindedAt: a.reminded_at })),
    adopted: row.state === 'adopted' ? true : row.state === 'not_adopted' ? false : null,
    adoptionNote: row.adoption_note,
    createdAt: row.created_at,
    abilities: {
      assign: mayFire(ctx, 'assign', at) && isOffice(ctx, row.organization_id),
      answer: mayFire(ctx, 'answer', at) && !!mine && !mine.answered_at,
      adopt: mayFire(ctx, 'adopt', at) || mayFire(ctx, 'not_adopt', at),
    },
    timeline: await timeline(ctx.db, id),
  };
}

const actionLabels: Record<string, [string, string]> = {
  create: ['整理意见建议', 'Suggestion made'], import: ['导入历史数据', 'Imported from past records'], assign: ['交办', 'Assigned'], answer: ['答复', 'Answered'],
  adopt: ['采纳', 'Adopted'], not_adopt: ['未采纳', 'Not adopted'], remind: ['提醒答复', 'Reminded'],
};

export async function timeline(db: Trx, id: number) {
  const rows = await db.selectFrom('audit_log').select(['at', 'action', 'actor_name', 'before', 'after']).where('entity_type', '=', 'suggestion').where('entity_id', '=', String(id)).orderBy('id').execute();
  return rows.map((r) => ({
    at: r.at, actorName: r.actor_name, action: r.action, label: actionLabels[r.action]?.[0] ?? r.action, label_en: actionLabels[r.action]?.[1] ?? r.action,
    before: r.before ? JSON.parse(r.before) : null, after: r.after ? JSON.parse(r.after) : null,
  }));
}

/**
 * The suggestions of these source records with every unit's answer and the adoption, in the order
 * made, for the source's own pages (a hall's public page, an outcome report). No one's account.
 */
export async function suggestionsOf(db: Trx, sourceType: SuggestionSourceType, sourceIds: number[], onlyIds?: number[]) {
  if (sourceIds.length === 0 && !onlyIds?.length) return [];
  let q = db.selectFrom('suggestions').select(['id', 'source_id', 'title', 'text', 'state', 'adoption_note', 'origin_kind', 'origin_author']).where('source_type', '=', sourceType);
  if (sourceIds.length) q = q.where('source_id', 'in', sourceIds);
  if (onlyIds) q = q.where('id', 'in', onlyIds.length ? onlyIds : [0]);
  const rows = await q.orderBy('id').execute();
  const answers = rows.length
    ? await db.selectFrom('suggestion_units as su').innerJoin('handling_units as u', 'u.id', 'su.unit_id').select(['su.suggestion_id', 'u.name', 'su.answer', 'su.answered_at'])
        .where('su.suggestion_id', 'in', rows.map((r) => r.id)).orderBy('u.sort').orderBy('u.id').execute()
    : [];
  return rows.map((r) => ({
    id: r.id, sourceId: r.source_id, title: r.title, text: r.text, state: r.state, originKind: r.origin_kind, originAuthor: r.origin_author,
    answers: answers.filter((a) => a.suggestion_id === r.id).map((a) => ({ unitName: a.name, answer: a.answer, answeredAt: a.answered_at })),
    adopted: r.state === 'adopted' ? true : r.state === 'not_adopted' ? false : null, adoptionNote: r.adoption_note,
  }));
}
