// Similar reports: cosine similarity of jieba word counts against the organization's reports of
// the past year; a report joins the group of the most similar other one above the threshold.
// It runs in the intake step after the report is stored (intake.ts), never on the way to the answer.
import { sql } from 'kysely';
import type { Trx } from '../../platform/context.js';
import type { Dialect } from '../../platform/db/dialect.js';
import { cosine, similarCandidatesOf, wordVector, type WordVector } from '../../platform/search.js';

export const SIMILARITY_THRESHOLD = 0.5;
const WINDOW_MS = 365 * 24 * 3600_000;
const CANDIDATES = 50;

/** A report's indexed words (space-separated) as a vector. */
const vector = (words: string): WordVector => wordVector(words.split(' '));

/**
 * The word vectors of recent reports, by id. Candidates are mostly the newest reports, which the
 * intake step has just vectorised itself: keeping them saves reading and splitting their words
 * again for every new report. A report's words never change once indexed.
 */
export class VectorCache {
  private readonly vectors = new Map<number, WordVector>();
  constructor(private readonly size = 1000) {}
  get(id: number) {
    return this.vectors.get(id);
  }
  set(id: number, v: WordVector) {
    this.vectors.set(id, v);
    if (this.vectors.size > this.size) this.vectors.delete(this.vectors.keys().next().value!);
  }
}

export interface Grouped {
  id: number;
  organization_id: number;
  /** The report's indexed words (jieba, space-separated). */
  words: string;
}

/** Puts a report that is already indexed into the group of its most similar report, if any. */
export async function groupSimilar(trx: Trx, dialect: Dialect, me: Grouped, cache: VectorCache): Promise<void> {
  const mine = vector(me.words);
  cache.set(me.id, mine);
  // Only the reports that share the most telling words are compared: the cost of a submission
  // stays flat however many reports the year already holds.
  const candidates = similarCandidatesOf(dialect, 'opinion', me.words.split(' '), me.id, CANDIDATES);
  if (!candidates) return;
  const since = new Date(Date.now() - WINDOW_MS).toISOString();
  const { rows: others } = await sql<{ id: number; similar_group: number | null }>`select o.id, o.similar_group from opinions o
    where o.id in (${candidates}) and o.organization_id = ${me.organization_id} and o.submitted_at >= ${since}`.execute(trx);
  const missing = others.filter((o) => !cache.get(o.id)).map((o) => o.id);
  if (missing.length) {
    const { rows } = await sql<{ id: number; words: string }>`select rowid as id, words from search_opinion where rowid in (${sql.join(missing)})`.execute(trx);
    for (const r of rows) cache.set(r.id, vector(r.words));
  }
  let best: { group: number; score: number } | null = null;
  for (const o of others) {
    const theirs = cache.get(o.id);
    const score = theirs ? cosine(mine, theirs) : 0;
    if (score >= SIMILARITY_THRESHOLD && (!best || score > best.score)) best = { group: o.similar_group ?? o.id, score };
  }
  if (best) await trx.updateTable('opinions').set({ similar_group: best.group }).where('id', 'in', [me.id, best.group]).execute();
}
