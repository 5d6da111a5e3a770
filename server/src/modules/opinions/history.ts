// Public-opinion reports of past years brought in from a spreadsheet: the lookups an import checks
// its rows against, and the insert that writes a report with everything that came of it (its
// issue, forwardings, adoptions, instruction, feedback) at the original dates. Nothing is sent and
// nothing is queued: an imported report is a closed case in its final state, so the workflow table
// refuses to screen or compile it again.
import type { Ctx, Trx } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { insertRow } from '../../platform/db/insert.js';
import type { AdoptionLevel, ForwardRecipient, OpinionState } from '../../platform/db/types.js';
import { membersByIds } from '../orgs/service.js';
import { indexOpinion } from './commands.js';
import type { category, ScoringEvent } from './schema.js';
import { levelEvent, loadRules } from './scoring.js';
import type { z } from 'zod';
import { replaceDuty } from '../duty/service.js';
import { opinionsDuty } from './duty.js';

/** A name shared by two records is ambiguous: it maps to null. */
const byName = (rows: { id: number; name: string }[]) => rows.reduce((m, r) => m.set(r.name, m.has(r.name) ? null : r.id), new Map<string, number | null>());

export async function opinionImportLookups(db: Trx, organizationId: number) {
  const [members, points, issues] = await Promise.all([
    db.selectFrom('members').select(['id', 'name']).where('organization_id', '=', organizationId).execute(),
    db.selectFrom('places').select(['id', 'name']).where('organization_id', '=', organizationId).where('kind', '=', 'contact_point').execute(),
    db.selectFrom('opinion_issues').select(['year', 'number']).where('organization_id', '=', organizationId).execute(),
  ]);
  return {
    member: byName(members),
    contactPoint: byName(points),
    /** Issues already in the database, `year-number`: an imported issue may not take their number. */
    takenIssue: new Set(issues.map((i) => `${i.year}-${i.number}`)),
    /** Issues of this file so far, `year-number` → their date: later rows of the same issue join it. */
    fileIssue: new Map<string, string>(),
  };
}

export interface ImportedOpinion {
  title: string;
  text: string;
  category: z.infer<typeof category>;
  /** The credited members, lead first (a member's report), or the contact point that reported. */
  memberIds: number[];
  placeId: number | null;
  state: Extract<OpinionState, 'not_used' | 'compiled' | 'forwarded' | 'adopted'>;
  reason: string | null;
  /** Dates are YYYY-MM-DD in China. */
  receivedOn: string;
  issue: { year: number; number: number; publishedOn: string; credits: string } | null;
  forwardings: { recipient: ForwardRecipient; recipientName: string | null }[];
  forwardedOn: string | null;
  adoptions: { level: AdoptionLevel; adoptedBy: string; adoptedOn: string }[];
  instruction: { leader: string; level: AdoptionLevel; instructedOn: string; text: string } | null;
  feedback: { fromName: string; text: string; receivedOn: string } | null;
}

/** A date in China kept as noon of that day in UTC text, so that its year and date stay China's. */
const instant = (date: string) => `${date}T04:00:00.000Z`;

export async function insertImportedOpinion(trx: Trx, ctx: Ctx, organizationId: number, o: ImportedOpinion): Promise<number> {
  const received = instant(o.receivedOn);
  const year = Number(o.receivedOn.slice(0, 4));
  const last = [o.receivedOn, o.issue?.publishedOn, o.forwardedOn, ...o.adoptions.map((a) => a.adoptedOn), o.instruction?.instructedOn, o.feedback?.receivedOn]
    .filter((d): d is string => !!d)
    .sort()
    .at(-1)!;
  const lead = o.memberIds[0] ?? null;
  const id = await insertRow(trx, 'opinions', {
    organization_id: organizationId, year, source_kind: o.placeId ? 'contact_point' : 'member', member_id: lead, place_id: o.placeId, user_id: null,
    title: o.title, text: o.text, category: o.category, state: o.state, tracking_code: null, resident_name_enc: null, resident_phone_enc: null, device_hash: null,
    duplicate_of: null, screening_reason: o.reason, screened_at: received, screened_by: null, similar_group: null, submitted_at: received, updated_at: instant(last),
  }, true);
  for (const m of o.memberIds) await insertRow(trx, 'opinion_reporters', { opinion_id: id, member_id: m, lead: m === lead ? 1 : 0 });

  if (o.issue) {
    const { year: issueYear, number, publishedOn } = o.issue;
    let issue = await trx.selectFrom('opinion_issues').select('id').where('organization_id', '=', organizationId).where('year', '=', issueYear).where('number', '=', number).executeTakeFirst();
    if (!issue) {
      // No counter to move: the next live issue of the year takes the largest number plus one (issues.ts).
      issue = { id: await insertRow(trx, 'opinion_issues', { organization_id: organizationId, year: issueYear, number, published_on: publishedOn, created_by: ctx.actor!.userId, created_at: instant(publishedOn) }, true) };
      await audit(trx, ctx, { action: 'import', entityType: 'opinion_issue', entityId: issue.id, organizationId, after: { year: issueYear, number, publishedOn } });
    }
    const { n } = await trx.selectFrom('opinion_issue_items').select((eb) => eb.fn.countAll<number>().as('n')).where('issue_id', '=', issue.id).executeTakeFirstOrThrow();
    await insertRow(trx, 'opinion_issue_items', { issue_id: issue.id, opinion_id: id, position: Number(n) + 1, title: o.title, text: o.text, credits: o.issue.credits });
  }
  for (const f of o.forwardings)
    await insertRow(trx, 'opinion_forwardings', { opinion_id: id, issue_id: null, recipient: f.recipient, recipient_name: f.recipientName, sent_on: o.forwardedOn!, created_by: ctx.actor!.userId, created_at: instant(o.forwardedOn!) });
  for (const a of o.adoptions) await insertRow(trx, 'opinion_adoptions', { opinion_id: id, level: a.level, adopted_by: a.adoptedBy, adopted_on: a.adoptedOn, created_at: instant(a.adoptedOn) });
  if (o.instruction) {
    const i = o.instruction;
    await insertRow(trx, 'opinion_instructions', { opinion_id: id, leader: i.leader, level: i.level, instructed_on: i.instructedOn, text: i.text, created_at: instant(i.instructedOn) });
  }
  if (o.feedback) await insertRow(trx, 'opinion_feedback', { opinion_id: id, from_name: o.feedback.fromName, text: o.feedback.text, received_on: o.feedback.receivedOn, final: 1, created_at: instant(o.feedback.receivedOn) });

  // Found by the list's search at once, as a live report is once the intake has taken it. Not
  // queued for the intake: that would also group past years' reports into the similar-report
  // groups that staff screen today's reports by.
  await indexOpinion(trx, [{ id, organization_id: organizationId, title: o.title, text: o.text }]);

  // Points. The yearly ranking (scoring.ts `ranking`: members, sectors, contact points) sums the
  // opinion_points ledger, which live actions write as they happen (award: submitted, accepted,
  // compiled, adopted and instructed at each level); it is never computed from the reports. So an
  // imported report earns the same ledger rows, in the report's year and at the original dates,
  // or its sources would rank below members with fewer reports. The points are those of the
  // organization's rules today: the rules in force in that year are not known.
  const events: [ScoringEvent, string][] = [['submitted', o.receivedOn]];
  if (o.state !== 'not_used') events.push(['accepted', o.receivedOn]);
  if (o.issue) events.push(['compiled', o.issue.publishedOn]);
  for (const a of o.adoptions) events.push([levelEvent('adopted', a.level), a.adoptedOn]);
  if (o.instruction) events.push([levelEvent('instruction', o.instruction.level), o.instruction.instructedOn]);
  const rules = await loadRules(trx, organizationId);
  const members = await membersByIds(trx, o.memberIds);
  for (const [event, on] of events) {
    const base = { organization_id: organizationId, year, opinion_id: id, event, points: rules[event], at: instant(on) };
    for (const m of members) await insertRow(trx, 'opinion_points', { ...base, member_id: m.id, sector_id: m.sector_id, place_id: null });
    if (o.placeId) await insertRow(trx, 'opinion_points', { ...base, member_id: null, sector_id: null, place_id: o.placeId });
  }
  // An imported report counts in its members' duty records at its original dates, as a live one.
  await replaceDuty(trx, opinionsDuty, [id]);
  return id;
}
