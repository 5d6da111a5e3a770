// One intake step in two halves: the plan (read the next queued reports, split their words,
// choose their similar groups: reads and CPU only) and its application (index, points, groups,
// dequeue: one short write transaction; on SQLite the index is written by the worker thread).
import type { Trx } from '../../platform/context.js';
import type { Dialect } from '../../platform/db/dialect.js';
import { indexDocuments, indexTokens, searchTokens } from '../../platform/search.js';
import { award } from './scoring.js';
import { applyGroups, chooseGroups, type GroupChoice, type VectorCache } from './similar.js';

export interface StepRequest {
  limit: number;
  /** These reports (if still queued) instead of the oldest ones. */
  only?: number[];
}

export interface StepPlan {
  /** Each report with the title its words were taken from (the office may retitle it meanwhile). */
  reports: { id: number; organization_id: number; year: number; place_id: number | null; title: string; words: string; grams: string }[];
  groups: GroupChoice[];
  /** Already written to the search index (on SQLite, by the intake's worker thread). */
  indexed?: boolean;
}

export async function planStep(db: Trx, dialect: Dialect, cache: VectorCache, { limit, only }: StepRequest): Promise<StepPlan> {
  let pending = db
    .selectFrom('opinion_intake as i')
    .innerJoin('opinions as o', 'o.id', 'i.opinion_id')
    .select(['o.id', 'o.organization_id', 'o.year', 'o.place_id', 'o.title', 'o.text'])
    .orderBy('i.opinion_id')
    .limit(limit);
  if (only) pending = pending.where('i.opinion_id', 'in', only.length ? only : [0]);
  const rows = await pending.execute();
  const reports = rows.map(({ text, ...r }) => ({ ...r, ...searchTokens([r.title, text]) }));
  return { reports, groups: await chooseGroups(db, dialect, reports, cache) };
}

export function indexPlan(trx: Trx, plan: StepPlan): Promise<void> {
  return indexTokens(trx, 'opinion', plan.reports.map((r) => ({ entityId: r.id, words: r.words, grams: r.grams })));
}

/**
 * Locks reports in the order of their ids (PostgreSQL; SQLite's one writer serializes already).
 * Every transaction that changes more than one report locks them this way first: the intake
 * (the queued reports and the older ones they are grouped with) and the office compiling or
 * forwarding several, so that two of them wait for each other rather than deadlock.
 */
export async function lockReports(trx: Trx, dialect: Dialect, ids: number[]): Promise<void> {
  if (dialect !== 'postgres' || ids.length === 0) return;
  await trx.selectFrom('opinions').select('id').where('id', 'in', [...new Set(ids)]).orderBy('id').forUpdate().execute();
}

/** The reports a plan writes: those it takes from the queue and those it groups them with. */
export const reportsOf = (plan: StepPlan) => [...plan.reports.map((r) => r.id), ...plan.groups.flatMap((g) => [g.id, g.group])];

/** Writes a plan; a report no longer queued (another step took it) is left alone. */
export async function applyStep(trx: Trx, plan: StepPlan): Promise<number[]> {
  if (plan.reports.length === 0) return [];
  const ids = plan.reports.map((r) => r.id);
  const queued = new Set((await trx.selectFrom('opinion_intake').select('opinion_id').where('opinion_id', 'in', ids).execute()).map((r) => r.opinion_id));
  const reports = plan.reports.filter((r) => queued.has(r.id));
  if (reports.length === 0) return [];
  if (!plan.indexed) await indexPlan(trx, { ...plan, reports });
  // A title the office rewrote after the plan read it is indexed again here, after the plan's
  // words (retitle indexes too, but its entry may have been overwritten by this step's).
  const current = await trx.selectFrom('opinions').select(['id', 'title', 'text']).where('id', 'in', reports.map((r) => r.id)).execute();
  const planned = new Map(reports.map((r) => [r.id, r.title]));
  const retitled = current.filter((r) => planned.get(r.id) !== r.title);
  if (retitled.length) await indexDocuments(trx, retitled.map((r) => ({ entityType: 'opinion', entityId: r.id, fields: [r.title, r.text] })));
  for (const r of reports) await award(trx, r, 'submitted');
  await applyGroups(trx, plan.groups.filter((g) => queued.has(g.id)));
  await trx.deleteFrom('opinion_intake').where('opinion_id', 'in', [...queued]).execute();
  return [...queued];
}
