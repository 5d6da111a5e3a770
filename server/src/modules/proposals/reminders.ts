// Deadline reminders: units are told 30, 7 and 1 days before an assignment's deadline and when it
// has passed, each exactly once (the shared reminders, platform/reminders.ts). An assignment first
// seen late gets only the most urgent reminder that applies (assigned five days before its
// deadline: the 7-day one, not the 30-day).
import type { Ctx, Services } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { visibleOrgs } from '../../platform/context.js';
import { sendReminders, sentAt, type ReminderKind } from '../../platform/reminders.js';
import { addDays, chinaDate } from '../../platform/time.js';
import { notify } from '../notifications/service.js';
import { assignmentsDueBetween, overdueAssignments, type DueAssignment } from './service.js';

type Step = 'd30' | 'd7' | 'd1' | 'overdue';
type Due = DueAssignment & { step: Step; today: string };

const stepOf = (deadline: string, today: string): Step =>
  deadline < today ? 'overdue' : deadline <= addDays(today, 1) ? 'd1' : deadline <= addDays(today, 7) ? 'd7' : 'd30';

export const deadlineReminders: ReminderKind<Due> = {
  code: 'proposal.deadline',
  job: 'proposals.deadline-reminders',
  everyMs: 3600_000,
  entityType: 'proposal',
  action: 'remind',
  async due(trx, now) {
    const today = chinaDate(now);
    return (await assignmentsDueBetween(trx, '0000-01-01', addDays(today, 30))).map((a) => ({ ...a, step: stepOf(a.deadline, today), today }));
  },
  once: (r) => `${r.assignmentId}:${r.step}`,
  async message(_trx, items) {
    const r = items[0]!;
    const days = Math.round((Date.parse(r.deadline) - Date.parse(r.today)) / 86_400_000);
    const no = r.numberLabel ? `${r.numberLabel}提案` : '提案';
    const noEn = r.number ? `proposal no. ${r.number}` : 'a proposal';
    const overdue = r.step === 'overdue';
    return {
      to: { units: [r.unitId] },
      entityId: r.proposalId,
      detail: { assignmentId: r.assignmentId, step: r.step, deadline: r.deadline },
      note: {
        kind: `proposal.deadline.${r.step}`,
        organizationId: r.organizationId,
        title: overdue ? { zh: `${no}办理已超期`, en: `The handling of ${noEn} is overdue` } : { zh: `${no}办理期限提醒`, en: `Deadline reminder for ${noEn}` },
        body: overdue
          ? { zh: `《${r.title}》的办理期限 ${r.deadline} 已过，请尽快答复。`, en: `The deadline of "${r.title}" (${r.deadline}) has passed; please reply as soon as possible.` }
          : { zh: `《${r.title}》的办理期限为 ${r.deadline}，还有 ${days} 天。`, en: `"${r.title}" is due on ${r.deadline}, in ${days} day${days === 1 ? '' : 's'}.` },
        link: `/proposals/${r.proposalId}`,
      },
    };
  },
};

/** Sends every reminder due at `now` (the caller's clock); returns how many were sent. */
export const sendDeadlineReminders = (services: Pick<Services, 'db'>, now = new Date()) => sendReminders(services, deadlineReminders, notify, { now });

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
  const reminded = await sentAt(ctx.db, deadlineReminders.code, shown.map((a) => `${a.assignmentId}:overdue`));
  return {
    today,
    total: all.length,
    items: shown.map((a) => ({
      assignmentId: a.assignmentId, proposalId: a.proposalId, organizationId: a.organizationId, title: a.title, number: a.number, numberLabel: a.numberLabel,
      unitId: a.unitId, unitName: a.unitName, role: a.role, state: a.state, deadline: a.deadline,
      daysOverdue: Math.round((Date.parse(today) - Date.parse(a.deadline)) / 86_400_000),
      remindedAt: reminded.get(`${a.assignmentId}:overdue`) ?? null,
    })),
  };
}
