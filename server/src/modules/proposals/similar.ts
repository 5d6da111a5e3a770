// Similar proposals: the five earlier filed proposals of the organization (any year) closest to a
// text, by the cosine of TF-IDF weighted jieba words. The search index hands over the hundred and fifty
// latest proposals that share the text's most telling words; only those are scored, so the cost
// stays flat however many proposals the organization holds. Document frequencies are taken over
// that candidate pool: words that most candidates share count for little.
import { sql } from 'kysely';
import type { Ctx } from '../../platform/context.js';
import type { ProposalState } from '../../platform/db/types.js';
import { rankBySimilarity, similarCandidates } from '../../platform/search.js';
import { numberLabel, numberLabelEn } from './numbering.js';

const CANDIDATES = 150;
const TOP = 5;

export interface SimilarProposal {
  id: number;
  title: string;
  year: number;
  state: ProposalState;
  numberLabel: string | null;
  numberLabel_en: string | null;
  proposerName: string;
  score: number;
}

/** `beforeId`: only proposals filed before this one (a proposal under review); none for a draft. */
export async function similarTo(ctx: Ctx, organizationId: number, text: string, opts: { beforeId?: number; excludeId?: number } = {}): Promise<SimilarProposal[]> {
  const candidates = similarCandidates(ctx.dialect, 'proposal', text, opts.beforeId ?? 2_147_483_647, CANDIDATES);
  if (!candidates) return [];
  const { rows } = await sql<{ id: number; title: string; year: number; state: ProposalState; number: number | null; term: number | null; session: number | null; proposer_name: string; words: string }>`
    select p.id, p.title, p.year, p.state, p.number, t.number as term, se.number as session, p.proposer_name, s.words
    from proposals p
    join search_proposal s on s.rowid = p.id
    left join sessions se on se.id = p.session_id
    left join terms t on t.id = se.term_id
    where p.id in (${candidates}) and p.organization_id = ${organizationId} and p.state <> 'draft' and p.id <> ${opts.excludeId ?? 0}`.execute(ctx.db);
  return rankBySimilarity(rows, text, { top: TOP, minScore: 0 }).map(({ row: r, score }) => ({
      id: r.id,
      title: r.title,
      year: r.year,
      state: r.state,
      numberLabel: r.number !== null && r.term !== null && r.session !== null ? numberLabel(r.term, r.session, r.number) : null,
      numberLabel_en: r.number !== null && r.term !== null && r.session !== null ? numberLabelEn(r.term, r.session, r.number) : null,
      proposerName: r.proposer_name,
      score,
    }));
}
