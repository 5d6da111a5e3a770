// A published question still unanswered after ANSWER_DAYS is reminded once (the shared reminders,
// platform/reminders.ts): the members on duty at that lounge today are told (or, with nobody on
// duty, the office sees it in the audit log). The question keeps when it was reminded.
import type { Services } from '../../platform/context.js';
import { sendReminders, type ReminderKind } from '../../platform/reminders.js';
import { chinaDate } from '../../platform/time.js';
import { notify } from '../notifications/service.js';

export const ANSWER_DAYS = 7;

interface Due { id: number; place_id: number; organization_id: number; name: string }

export const loungeReminders: ReminderKind<Due> = {
  code: 'lounge.question',
  job: 'halls.lounge-reminders',
  everyMs: 3600_000,
  entityType: 'lounge_question',
  action: 'question_remind',
  due: (trx, now) => trx.selectFrom('lounge_questions').innerJoin('places', 'places.id', 'lounge_questions.place_id')
    .select(['lounge_questions.id', 'lounge_questions.place_id', 'lounge_questions.organization_id', 'places.name'])
    .where('lounge_questions.state', '=', 'published').where('lounge_questions.published_at', '<=', new Date(now.getTime() - ANSWER_DAYS * 86_400_000).toISOString())
    .orderBy('lounge_questions.id').execute(),
  once: (q) => String(q.id),
  async message(trx, items, now) {
    const q = items[0]!;
    const today = chinaDate(now);
    const duty = await trx.selectFrom('lounge_rota').innerJoin('users', 'users.member_id', 'lounge_rota.member_id').select(['users.id', 'lounge_rota.member_id'])
      .where('lounge_rota.place_id', '=', q.place_id).where('lounge_rota.from_date', '<=', today).where('lounge_rota.to_date', '>=', today).where('users.status', '=', 'active').execute();
    return {
      to: { users: duty.map((d) => d.id) },
      entityId: q.id,
      detail: { memberIds: [...new Set(duty.map((d) => d.member_id))], days: ANSWER_DAYS },
      note: {
        kind: 'lounge.question.overdue', organizationId: q.organization_id,
        title: { zh: '客厅问题待答复', en: 'A lounge question awaits an answer' },
        body: { zh: `${q.name}有群众提问已超过 ${ANSWER_DAYS} 天未答复，请尽快答复。`, en: `A question at ${q.name} has waited more than ${ANSWER_DAYS} days; please answer it.` },
        link: '/halls/lounge-duty',
      },
    };
  },
  async sent(trx, items, now) {
    await trx.updateTable('lounge_questions').set({ reminded_at: now.toISOString() }).where('id', 'in', items.map((q) => q.id)).execute();
  },
};

export const sendLoungeReminders = (services: Pick<Services, 'db'>, now = new Date()) => sendReminders(services, loungeReminders, notify, { now });
