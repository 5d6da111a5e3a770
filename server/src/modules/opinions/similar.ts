// Similar reports: cosine similarity of jieba word counts against the organization's reports of
// the past year; a report joins the group of the most similar earlier one above the threshold.
// It runs after the report is stored and never refuses a submission when it fails.
import { sql } from 'kysely';
import type { Ctx } from '../../platform/context.js';
import { similarCandidates } from '../../platform/search.js';

export const SIMILARITY_THRESHOLD = 0.5;
const WINDOW_MS = 365 * 24 * 3600_000;

function vector(words: string): Map<string, number> {
  const v = new Map<string, number>();
  // Single characters (的, 了, 在 …) carry little meaning and make unrelated reports look alike.
  for (const w of words.split(' ')) if ([...w].length > 1) v.set(w, (v.get(w) ?? 0) + 1);
  return v;
}

export function cosine(a: Map<string, number>, b: Map<string, number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [w, x] of a) {
    na += x * x;
    const y = b.get(w);
    if (y) dot += x * y;
  }
  for (const y of b.values()) nb += y * y;
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

export async function groupSimilar(ctx: Ctx, id: number): Promise<void> {
  try {
    const { db } = ctx;
    const me = (await sql<{ organization_id: number; words: string }>`select o.organization_id, s.words from opinions o
      join search_opinion s on s.rowid = o.id where o.id = ${id}`.execute(db)).rows[0];
    if (!me) return;
    const since = new Date(Date.now() - WINDOW_MS).toISOString();
    // Only the reports that share the most telling words are compared: the cost of a
    // submission stays flat however many reports the year already holds.
    const candidates = similarCandidates(ctx.dialect, 'opinion', me.words, id, 50);
    if (!candidates) return;
    const { rows: others } = await sql<{ id: number; similar_group: number | null; words: string }>`select o.id, o.similar_group, s.words
      from opinions o join search_opinion s on s.rowid = o.id
      where o.id in (${candidates}) and o.organization_id = ${me.organization_id} and o.submitted_at >= ${since}`.execute(db);
    const mine = vector(me.words);
    let best: { group: number; score: number } | null = null;
    for (const o of others) {
      const score = cosine(mine, vector(o.words));
      if (score >= SIMILARITY_THRESHOLD && (!best || score > best.score)) best = { group: o.similar_group ?? o.id, score };
    }
    if (!best) return;
    await db.updateTable('opinions').set({ similar_group: best.group }).where('id', 'in', [id, best.group]).execute();
  } catch {
    // Grouping is advice for staff; a failure here must not undo or refuse the report.
  }
}
