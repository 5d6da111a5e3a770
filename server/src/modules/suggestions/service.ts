// The public service of the suggestion tracker: what the modules that feed it (consultations,
// halls, later supervision) call. A source module makes a suggestion inside its own transaction
// after checking who may; assignment, answers and adoption are the tracker's own commands.
import { sql } from 'kysely';
import type { Ctx, Trx } from '../../platform/context.js';
import type { SuggestionSourceType, SuggestionState } from '../../platform/db/suggestion-types.js';
import { insertRow } from '../../platform/db/insert.js';

export { insertSuggestion, assign, answer, adoption, changed, TOPIC as SUGGESTIONS_CHANGED, type NewSuggestion } from './commands.js';
export { suggestionDetail, listSuggestions, suggestionsOf } from './queries.js';
export { defineSource, type SourceKind } from './sources.js';
export { suggestionFlow } from './workflow.js';

/** A past suggestion brought in from records: its units, their answers and its state as they were; nothing is
 * sent. The import itself writes the audit entry ('import') that starts its timeline. */
export async function importSuggestion(
  trx: Trx, ctx: Ctx,
  s: { organizationId: number; sourceType: SuggestionSourceType; sourceId: number; title: string; text: string; author: string | null; state: SuggestionState;
    unitIds: number[]; answer: string | null; createdAt: string; assignedAt: string | null; answeredAt: string | null; adoptionNote: string | null },
): Promise<number> {
  const id = await insertRow(trx, 'suggestions', {
    organization_id: s.organizationId, source_type: s.sourceType, source_id: s.sourceId, origin_kind: 'manual', origin_id: null, passage: null, origin_author: s.author,
    title: s.title, text: s.text, state: s.state, adoption_note: s.adoptionNote, created_by: ctx.actor!.userId, created_at: s.createdAt,
    updated_at: s.answeredAt ?? s.assignedAt ?? s.createdAt,
  }, true);
  for (const unit_id of s.unitIds)
    await insertRow(trx, 'suggestion_units', {
      suggestion_id: id, unit_id, deadline: null, answer: s.answer, answered_by: null, answered_at: s.answeredAt, assigned_at: s.assignedAt ?? s.createdAt, reminded_at: null,
    });
  return id;
}

/** How many suggestions of these source records are in each stage (a year's figures of the source module). */
export async function stageCounts(db: Trx, sourceType: SuggestionSourceType, sourceIds: number[], organizationIds?: number[]) {
  const rows = sourceIds.length
    ? await db.selectFrom('suggestions').select(['state', sql<number>`count(*)`.as('n')]).where('source_type', '=', sourceType).where('source_id', 'in', sourceIds)
        .$if(!!organizationIds, (q) => q.where('organization_id', 'in', organizationIds!.length ? organizationIds! : [0])).groupBy('state').execute()
    : [];
  const n = (states: string[]) => rows.filter((r) => states.includes(r.state)).reduce((s, r) => s + Number(r.n), 0);
  return {
    total: n(['open', 'assigned', 'answered', 'adopted', 'not_adopted']),
    assigned: n(['assigned', 'answered', 'adopted', 'not_adopted']),
    answered: n(['answered', 'adopted', 'not_adopted']),
    adopted: n(['adopted']),
  };
}

/** Suggestions answered (by every unit), by source record, as a query of (source_id, n) for a source module to join to its own
 * records and group further (rankings of the source's places). */
export function answeredBySourceQuery(db: Trx, sourceType: SuggestionSourceType) {
  return db.selectFrom('suggestions').select(['source_id', sql<number>`count(*)`.as('n')]).where('source_type', '=', sourceType)
    .where('state', 'in', ['answered', 'adopted', 'not_adopted']).groupBy('source_id');
}

/** Suggestions not yet settled in an organization (open cases). */
export async function unsettledCount(db: Trx, organizationId: number, sourceType?: SuggestionSourceType) {
  let q = db.selectFrom('suggestions').select(sql<number>`count(*)`.as('n')).where('organization_id', '=', organizationId).where('state', 'in', ['open', 'assigned', 'answered']);
  if (sourceType) q = q.where('source_type', '=', sourceType);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

/** The source record of each of these suggestions (to check they belong where a caller says). */
export async function sourcesOf(db: Trx, ids: number[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('suggestions').select(['id', 'source_type as sourceType', 'source_id as sourceId', 'title']).where('id', 'in', ids).execute();
}

/** The titles of an organization's suggestions of one source type, by source record (to refuse the same one twice). */
export async function titlesBySource(db: Trx, sourceType: SuggestionSourceType, organizationId: number) {
  return db.selectFrom('suggestions').select(['source_id as sourceId', 'title']).where('source_type', '=', sourceType).where('organization_id', '=', organizationId).execute();
}
