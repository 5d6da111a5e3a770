// One intake step in two halves: the plan (read the next queued reports, split their words,
// choose their similar groups: reads and CPU only) and its application (index, points, groups,
// dequeue: one short write transaction; on SQLite the index is written by the worker thread).
import type { Trx } from '../../platform/context.js';
import type { Dialect } from '../../platform/db/dialect.js';
import { indexTokens, searchTokens } from '../../platform/search.js';
import { award } from './scoring.js';
import { applyGroups, chooseGroups, type GroupChoice, type VectorCache } from './similar.js';

export interface StepRequest {
  limit: number;
  /** These reports (if still queued) instead of the oldest ones. */
  only?: number[];
}

export interface StepPlan {
  reports: { id: number; organization_id: number; year: number; place_id: number | null; words: string; grams: string }[];
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
  const reports = rows.map(({ title, text, ...r }) => ({ ...r, ...searchTokens([title, text]) }));
  return { reports, groups: await chooseGroups(db, dialect, reports, cache) };
}

export function indexPlan(trx: Trx, plan: StepPlan): Promise<void> {
  return indexTokens(trx, 'opinion', plan.reports.map((r) => ({ entityId: r.id, words: r.words, grams: r.grams })));
}

/** Writes a plan; a report no longer queued (another step took it) is left alone. */
export async function applyStep(trx: Trx, plan: StepPlan): Promise<number[]> {
  if (plan.reports.length === 0) return [];
  const ids = plan.reports.map((r) => r.id);
  const queued = new Set((await trx.selectFrom('opinion_intake').select('opinion_id').where('opinion_id', 'in', ids).execute()).map((r) => r.opinion_id));
  const reports = plan.reports.filter((r) => queued.has(r.id));
  if (reports.length === 0) return [];
  if (!plan.indexed) await indexPlan(trx, { ...plan, reports });
  for (const r of reports) await award(trx, r, 'submitted');
  await applyGroups(trx, plan.groups.filter((g) => queued.has(g.id)));
  await trx.deleteFrom('opinion_intake').where('opinion_id', 'in', [...queued]).execute();
  return [...queued];
}
