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

/** A report joins `group`, named by its first report (which then carries it too). */
export interface GroupChoice {
  id: number;
  group: number;
}

/**
 * Chooses the group of each report from the database as it is (nothing is written): the reports are
 * taken in order, and each also sees the earlier ones of the same list and the groups they chose.
 * Reads only, so on SQLite it runs on a reading connection in a thread of its own.
 */
export async function chooseGroups(db: Trx, dialect: Dialect, reports: Grouped[], cache: VectorCache): Promise<GroupChoice[]> {
  const choices: GroupChoice[] = [];
  const chosen = new Map<number, number>(); // report id → group chosen in this list
  const earlier: { id: number; organization_id: number; vector: WordVector }[] = [];
  const since = new Date(Date.now() - WINDOW_MS).toISOString();
  for (const me of reports) {
    const mine = vector(me.words);
    cache.set(me.id, mine);
    let best: { group: number; score: number } | null = null;
    const consider = (id: number, group: number | null, theirs: WordVector | undefined) => {
      const score = theirs ? cosine(mine, theirs) : 0;
      const g = chosen.get(id) ?? group ?? id;
      if (score >= SIMILARITY_THRESHOLD && (!best || score > best.score)) best = { group: g, score };
    };
    for (const e of earlier) if (e.organization_id === me.organization_id) consider(e.id, null, e.vector);
    // Only the reports that share the most telling words are compared: the cost of a report
    // stays flat however many reports the year already holds.
    const candidates = similarCandidatesOf(dialect, 'opinion', me.words.split(' '), me.id, CANDIDATES);
    if (candidates) {
      const { rows: others } = await sql<{ id: number; similar_group: number | null }>`select o.id, o.similar_group from opinions o
        where o.id in (${candidates}) and o.organization_id = ${me.organization_id} and o.submitted_at >= ${since}`.execute(db);
      const missing = others.filter((o) => !cache.get(o.id)).map((o) => o.id);
      if (missing.length) {
        const { rows } = await sql<{ id: number; words: string }>`select rowid as id, words from search_opinion where rowid in (${sql.join(missing)})`.execute(db);
        for (const r of rows) cache.set(r.id, vector(r.words));
      }
      for (const o of others) consider(o.id, o.similar_group, cache.get(o.id));
    }
    earlier.push({ id: me.id, organization_id: me.organization_id, vector: mine });
    const found = best as { group: number; score: number } | null;
    if (found) {
      choices.push({ id: me.id, group: found.group });
      chosen.set(me.id, found.group);
      chosen.set(found.group, found.group);
    }
  }
  return choices;
}

/** Writes the chosen groups, one report at a time in the order of their ids (see lockReports). */
export async function applyGroups(trx: Trx, choices: GroupChoice[]): Promise<void> {
  const group = new Map<number, number>();
  for (const c of choices) group.set(c.id, c.group).set(c.group, c.group);
  for (const [id, g] of [...group].sort((a, b) => a[0] - b[0])) await trx.updateTable('opinions').set({ similar_group: g }).where('id', '=', id).execute();
}
