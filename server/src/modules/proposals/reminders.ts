// Deadline reminders: units are told 30, 7 and 1 days before an assignment's deadline and when it
// has passed, each exactly once. One query finds the open assignments due within 30 days; their
// (assignment, kind) rows are inserted to claim them, the primary key letting only one of several
// processes insert each, and the notifications are written in the same transaction, so a reminder
// is never claimed unsent nor sent twice. An assignment first seen late gets only the most urgent
// reminder that applies (assigned five days before its deadline: the 7-day one, not the 30-day).
import type { Ctx, Services } from '../../platform/context.js';
import type { ReminderKind } from '../../platform/db/types.js';
import { notFound } from '../../platform/errors.js';
import { visibleOrgs } from '../../platform/context.js';
import { addDays, chinaDate } from '../../platform/time.js';
import { notifyUnits, type Note } from '../notifications/service.js';
import { assignmentsDueBetween, overdueAssignments, type DueAssignment } from './service.js';

function note(kind: ReminderKind, r: DueAssignment, today: string): Note {
  const days = Math.round((Date.parse(r.deadline) - Date.parse(today)) / 86_400_000);
  const no = r.numberLabel ? `${r.numberLabel}提案` : '提案';
  const noEn = r.number ? `proposal no. ${r.number}` : 'a proposal';
  const overdue = kind === 'overdue';
  return {
    kind: `proposal.deadline.${kind}`,
    organizationId: r.organizationId,
    title: overdue ? { zh: `${no}办理已超期`, en: `The handling of ${noEn} is overdue` } : { zh: `${no}办理期限提醒`, en: `Deadline reminder for ${noEn}` },
    body: overdue
      ? { zh: `《${r.title}》的办理期限 ${r.deadline} 已过，请尽快答复。`, en: `The deadline of "${r.title}" (${r.deadline}) has passed; please reply as soon as possible.` }
      : { zh: `《${r.title}》的办理期限为 ${r.deadline}，还有 ${days} 天。`, en: `"${r.title}" is due on ${r.deadline}, in ${days} day${days === 1 ? '' : 's'}.` },
    link: `/proposals/${r.proposalId}`,
    entityType: 'proposal',
    entityId: r.proposalId,
  };
}

const kindOf = (deadline: string, today: string, d1: string, d7: string): ReminderKind =>
  deadline < today ? 'overdue' : deadline <= d1 ? 'd1' : deadline <= d7 ? 'd7' : 'd30';

/** Sends every reminder due at `now` (the caller's clock); returns how many reminders were claimed. */
export async function sendDeadlineReminders(services: Pick<Services, 'db'>, now = new Date()): Promise<number> {
  const today = chinaDate(now);
  const [d1, d7, d30] = [1, 7, 30].map((n) => addDays(today, n));
  return services.db.transaction().execute(async (trx) => {
    const due = await assignmentsDueBetween(trx, '0000-01-01', d30!);
    if (due.length === 0) return 0;
    const wanted = due.map((a) => ({ assignment: a, kind: kindOf(a.deadline, today, d1!, d7!) }));
    // Claim: of several processes inserting the same rows, each row is inserted by one only;
    // the others wait for its commit and find it there (nothing returned for them).
    const claimed = new Set<string>();
    for (let i = 0; i < wanted.length; i += 500) {
      const rows = await trx
        .insertInto('proposal_reminders')
        .values(wanted.slice(i, i + 500).map((w) => ({ assignment_id: w.assignment.assignmentId, kind: w.kind, sent_at: now.toISOString() })))
        .onConflict((oc) => oc.columns(['assignment_id', 'kind']).doNothing())
        .returning(['assignment_id', 'kind'])
        .execute();
      for (const r of rows) claimed.add(`${r.assignment_id}:${r.kind}`);
    }
    const sending = wanted.filter((w) => claimed.has(`${w.assignment.assignmentId}:${w.kind}`));
    await notifyUnits(trx, sending.map((w) => ({ unitId: w.assignment.unitId, note: note(w.kind, w.assignment, today) })), now);
    return sending.length;
  });
}

/** Assignments past their deadline without a reply, most overdue first: the office's chase list. */
export async function overdueList(ctx: Ctx, q: { organizationId?: number; unitId?: number; limit: number }, now = new Date()) {
  let orgs = visibleOrgs(ctx, ctx.actor!);
  if (q.organizationId) {
    if (!orgs.includes(q.organizationId)) throw notFound({ zh: '组织不存在', en: 'No such organization' });
    orgs = [q.organizationId];
  }
  const today = chinaDate(now);
  const all = (await overdueAssignments(ctx.db, today, { organizationIds: orgs })).filter((a) => !q.unitId || a.unitId === q.unitId);
  const shown = all.slice(0, q.limit);
  const reminded = shown.length
    ? await ctx.db.selectFrom('proposal_reminders').select(['assignment_id', 'sent_at']).where('kind', '=', 'overdue').where('assignment_id', 'in', shown.map((a) => a.assignmentId)).execute()
    : [];
  return {
    today,
    total: all.length,
    items: shown.map((a) => ({
      assignmentId: a.assignmentId, proposalId: a.proposalId, organizationId: a.organizationId, title: a.title, number: a.number, numberLabel: a.numberLabel,
      unitId: a.unitId, unitName: a.unitName, role: a.role, state: a.state, deadline: a.deadline,
      daysOverdue: Math.round((Date.parse(today) - Date.parse(a.deadline)) / 86_400_000),
      remindedAt: reminded.find((r) => r.assignment_id === a.assignmentId)?.sent_at ?? null,
    })),
  };
}
