// Similar earlier topics of a hall's organization, by the cosine of TF-IDF weighted jieba words,
// as proposals do (proposals/similar.ts): the search index hands over the latest candidates that
// share the text's telling words, and only those are scored.
import { sql } from 'kysely';
import type { Trx } from '../../platform/context.js';
import type { Dialect } from '../../platform/db/dialect.js';
import type { HallTopicState } from '../../platform/db/types.js';
import { cosine, similarCandidates, wordVector, words } from '../../platform/search.js';

const CANDIDATES = 150;
const TOP = 5;

function weigh(tf: Map<string, number>, idf: (w: string) => number): Map<string, number> {
  const out = new Map<string, number>();
  for (const [w, n] of tf) out.set(w, (1 + Math.log(n)) * idf(w));
  return out;
}

export async function similarTopics(db: Trx, dialect: Dialect, organizationId: number, text: string, excludeId = 0) {
  const candidates = similarCandidates(dialect, 'hall_topic', text, 2_147_483_647, CANDIDATES);
  if (!candidates) return [];
  const { rows } = await sql<{ id: number; title: string; state: HallTopicState; place_id: number; words: string }>`
    select t.id, t.title, t.state, t.place_id, s.words
    from hall_topics t join search_hall_topic s on s.rowid = t.id
    where t.id in (${candidates}) and t.organization_id = ${organizationId} and t.id <> ${excludeId}`.execute(db);
  if (rows.length === 0) return [];
  const docs = rows.map((r) => ({ row: r, tf: wordVector(r.words.split(' ')) }));
  const df = new Map<string, number>();
  for (const d of docs) for (const w of d.tf.keys()) df.set(w, (df.get(w) ?? 0) + 1);
  const n = docs.length + 1;
  const idf = (w: string) => Math.log((n + 1) / ((df.get(w) ?? 0) + 1)) + 1;
  const query = weigh(wordVector(words(text)), idf);
  return docs
    .map((d) => ({ row: d.row, score: cosine(query, weigh(d.tf, idf)) }))
    .filter((d) => d.score > 0.1)
    .sort((a, b) => b.score - a.score || b.row.id - a.row.id)
    .slice(0, TOP)
    .map(({ row: r, score }) => ({ id: r.id, title: r.title, state: r.state, placeId: r.place_id, score: Math.round(score * 1000) / 1000 }));
}
