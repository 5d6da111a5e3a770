// The exit list (退出机制): members not competent in two published years running, or absent from
// the plenary session without leave twice in their term, are listed for the chair meeting with the
// evidence; the office records the meeting's decision (keep or exit, with reason and date), and an
// exit retires the member through the orgs module, in the same transaction.
import type { z } from 'zod';
import { audit } from '../../platform/audit.js';
import type { Ctx, Trx } from '../../platform/context.js';
import { isUniqueViolation } from '../../platform/db/dialect.js';
import type { DutyDeclaration } from '../../platform/duty.js';
import { notAfterToday } from '../../platform/dates.js';
import { AppError, invalid } from '../../platform/errors.js';
import { chinaDate, clock } from '../../platform/time.js';
import { membersWithTerms, retireMemberIn } from '../orgs/service.js';
import { requireEditor, requireReader } from './access.js';
import type { Grade } from './grading.js';
import type * as s from './schema.js';
import { touchDuty } from './versions.js';

/** How many plenary absences without leave in one term put a member on the list. */
export const PLENARY_ABSENCES = 2;
const decisionText = { keep: { zh: '保留', en: 'keep' }, exit: { zh: '退出', en: 'exit' } } as const;

export interface Candidate {
  memberId: number;
  name: string;
  status: 'active' | 'exited';
  termId: number;
  reasons: ('not_competent_twice' | 'plenary_absences')[];
  grades: { year: number; grade: Grade; points: number }[];
  absences: { meetingId: number; title: string | null; occurredAt: string; link: string | null }[];
  decision: { decision: 'keep' | 'exit'; reason: string; decidedOn: string } | null;
}

/** The organization's exit list: serving members who qualify, and those already decided on in their term. */
export async function candidates(db: Trx, decls: DutyDeclaration[], organizationId: number): Promise<Candidate[]> {
  const members = await membersWithTerms(db, organizationId);
  const grades = await db.selectFrom('duty_results as r').innerJoin('duty_evaluations as e', 'e.id', 'r.evaluation_id')
    .select(['r.member_id', 'e.year', 'r.grade', 'r.points']).where('e.organization_id', '=', organizationId).where('e.state', '=', 'published').orderBy('e.year').execute();
  const absences = await db.selectFrom('duty_events').select(['member_id', 'source_type', 'source_id', 'occurred_at'])
    .where('organization_id', '=', organizationId).where('kind', '=', 'plenary_absent').orderBy('occurred_at').execute();
  const decisions = await db.selectFrom('duty_exits').select(['member_id', 'term_id', 'decision', 'reason', 'decided_on']).where('organization_id', '=', organizationId).execute();
  const list: Candidate[] = [];
  for (const m of members) {
    const own = grades.filter((g) => g.member_id === m.id);
    const twice = own.some((g, i) => i > 0 && g.grade === 'not_competent' && own[i - 1]!.grade === 'not_competent' && own[i - 1]!.year === g.year - 1);
    const inTerm = absences.filter((a) => a.member_id === m.id && chinaDate(a.occurred_at) >= m.starts_on && (m.ends_on === null || chinaDate(a.occurred_at) <= m.ends_on));
    const decided = decisions.find((d) => d.member_id === m.id && d.term_id === m.term_id);
    const reasons = [...(twice ? ['not_competent_twice' as const] : []), ...(inTerm.length >= PLENARY_ABSENCES ? ['plenary_absences' as const] : [])];
    if (!decided && (m.status !== 'active' || !reasons.length)) continue;
    list.push({
      memberId: m.id, name: m.name, status: m.status, termId: m.term_id, reasons,
      grades: own.map((g) => ({ year: g.year, grade: g.grade, points: Number(g.points) })),
      absences: inTerm.map((a) => ({ meetingId: a.source_id, title: null, occurredAt: a.occurred_at, link: decls.find((d) => d.sourceType === a.source_type)?.link?.(a.source_id) ?? null })),
      decision: decided ? { decision: decided.decision, reason: decided.reason, decidedOn: decided.decided_on } : null,
    });
  }
  // The absences name their meetings, read from the module that holds them.
  const meetings = decls.find((d) => d.kinds.some((k) => k.code === 'plenary_absent'));
  const ids = [...new Set(list.flatMap((c) => c.absences.map((a) => a.meetingId)))];
  const titles = ids.length && meetings?.titles ? await meetings.titles(db, ids) : new Map<number, string>();
  for (const c of list) for (const a of c.absences) a.title = titles.get(a.meetingId) ?? null;
  return list;
}

export async function exitList(ctx: Ctx, decls: DutyDeclaration[], organizationId: number) {
  requireReader(ctx, organizationId);
  return { organizationId, items: await candidates(ctx.db, decls, organizationId) };
}

/** Records the chair meeting's decision on a listed member, once per term; an exit retires the member. */
export async function decideExit(ctx: Ctx, decls: DutyDeclaration[], input: z.infer<typeof s.exitDecisionIn>) {
  requireEditor(ctx, input.organizationId);
  notAfterToday('body.decidedOn', input.decidedOn);
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const c = (await candidates(trx, decls, input.organizationId)).find((x) => x.memberId === input.memberId);
      if (!c) throw invalid('body.memberId', { zh: '该委员不在退出名单上', en: 'This member is not on the exit list' });
      if (c.decision) throw decidedAlready(c.decision.decision);
      const evidence = { reasons: c.reasons, grades: c.grades, absences: c.absences };
      const row = await trx.insertInto('duty_exits')
        .values({ organization_id: input.organizationId, member_id: c.memberId, term_id: c.termId, decision: input.decision, reason: input.reason, decided_on: input.decidedOn, evidence: JSON.stringify(evidence), decided_by: ctx.actor!.userId, decided_at: clock.now().toISOString() })
        .returning('id').executeTakeFirstOrThrow();
      await touchDuty(trx, [input.organizationId]);
      await audit(trx, ctx, { action: 'decide_exit', entityType: 'duty_exit', entityId: row.id, organizationId: input.organizationId, after: { memberId: c.memberId, decision: input.decision, reason: input.reason, decidedOn: input.decidedOn, evidence } });
      if (input.decision === 'exit') await retireMemberIn(ctx, trx, c.memberId, { exitedOn: input.decidedOn, reason: `履职考评退出：${input.reason}` });
    });
  } catch (err) {
    // Two offices deciding at once: the unique key lets one through.
    if (isUniqueViolation(err)) throw decidedAlready('decided');
    throw err;
  }
}

const decidedAlready = (state: 'keep' | 'exit' | 'decided') =>
  new AppError('conflict', state === 'decided'
    ? { zh: '本届已对该委员作出决定', en: 'A decision on this member was already recorded for the term' }
    : { zh: `本届已对该委员作出决定：${decisionText[state].zh}`, en: `A decision was already recorded for the term: ${decisionText[state].en}` }, undefined, { state });
