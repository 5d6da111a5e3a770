// The public service of opinions: what other modules may do with public-opinion reports.
import { audit } from '../../platform/audit.js';
import type { Ctx, Trx } from '../../platform/context.js';
import { chinaYear } from '../../platform/time.js';
import { indexOpinion, now } from './commands.js';
import { award } from './scoring.js';
import { enqueue } from './intake.js';
import type { category } from './schema.js';
import type { z } from 'zod';
import { replaceDuty } from '../duty/service.js';
import { opinionsDuty } from './duty.js';

export interface ReportFromElsewhere {
  organizationId: number;
  title: string;
  text: string;
  category: z.infer<typeof category>;
  /** The lead member (null when a body, not a member, raised it) and the other credited members. */
  leadMemberId: number | null;
  memberIds: number[];
  userId: number | null;
  /** What it came from, for the audit log and the timeline (e.g. { proposalId: 7 }). */
  origin: Record<string, unknown>;
}

/** A new report awaiting screening, made from a record of another module (a converted proposal). */
export async function createReportFrom(ctx: Ctx, trx: Trx, input: ReportFromElsewhere): Promise<number> {
  const at = now();
  const row = await trx
    .insertInto('opinions')
    .values({
      organization_id: input.organizationId, year: chinaYear(at), source_kind: 'member',
      member_id: input.leadMemberId, place_id: null, user_id: input.userId, title: input.title, text: input.text, category: input.category, state: 'new',
      tracking_code: null, resident_name_enc: null, resident_phone_enc: null, device_hash: null, duplicate_of: null,
      screening_reason: null, screened_at: null, screened_by: null, similar_group: null, submitted_at: at, updated_at: at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const members = [...new Set([...(input.leadMemberId ? [input.leadMemberId] : []), ...input.memberIds])];
  if (members.length) await trx.insertInto('opinion_reporters').values(members.map((m) => ({ opinion_id: row.id, member_id: m, lead: m === input.leadMemberId ? 1 : 0 }))).execute();
  await indexOpinion(trx, [row]);
  await award(trx, row, 'submitted');
  await replaceDuty(trx, opinionsDuty, [row.id]);
  await audit(trx, ctx, { action: 'submit', entityType: 'opinion', entityId: row.id, organizationId: row.organization_id, after: { state: 'new', source: 'member', title: row.title, ...input.origin } });
  // Searchable and scored at once; grouped with similar reports by the intake's next poll.
  await enqueue(trx, row.id);
  return row.id;
}

export { categories as opinionCategories, MAX_TEXT as OPINION_MAX_TEXT } from './schema.js';
export { opinionImportLookups, insertImportedOpinion, type ImportedOpinion } from './history.js';

/** How other pages name reports: their titles. */
export async function opinionTitles(db: Trx, ids: number[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('opinions').select(['id', 'title']).where('id', 'in', ids).execute();
}

/** How other pages name bulletin issues: 《社情民意》2026年第24期, Public Opinion 2026 No. 24. */
export async function issueNames(db: Trx, ids: number[]) {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('opinion_issues').select(['id', 'year', 'number']).where('id', 'in', ids).execute();
  return rows.map((r) => ({ id: r.id, name: `《社情民意》${r.year}年第${r.number}期`, name_en: `Public Opinion ${r.year} No. ${r.number}` }));
}
