// Similar earlier topics of a hall's organization, by the cosine of TF-IDF weighted jieba words,
// as proposals do (proposals/similar.ts): the search index hands over the latest candidates that
// share the text's telling words, and only those are scored.
import { sql } from 'kysely';
import type { Trx } from '../../platform/context.js';
import type { Dialect } from '../../platform/db/dialect.js';
import type { HallTopicState } from '../../platform/db/types.js';
import { rankBySimilarity, similarCandidates } from '../../platform/search.js';

const CANDIDATES = 150;
const TOP = 5;

export async function similarTopics(db: Trx, dialect: Dialect, organizationId: number, text: string, excludeId = 0) {
  const candidates = similarCandidates(dialect, 'hall_topic', text, 2_147_483_647, CANDIDATES);
  if (!candidates) return [];
  const { rows } = await sql<{ id: number; title: string; state: HallTopicState; place_id: number; words: string }>`
    select t.id, t.title, t.state, t.place_id, s.words
    from hall_topics t join search_hall_topic s on s.rowid = t.id
    where t.id in (${candidates}) and t.organization_id = ${organizationId} and t.id <> ${excludeId}`.execute(db);
  return rankBySimilarity(rows, text, { top: TOP, minScore: 0.1 }).map(({ row: r, score }) => ({ id: r.id, title: r.title, state: r.state, placeId: r.place_id, score }));
}
