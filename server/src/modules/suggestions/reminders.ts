// Deadline reminders: a unit still to answer is told once, when its deadline is three days away
// or has passed, whichever it reaches first (the shared reminders, platform/reminders.ts). The
// suggestion's page shows when its units were reminded (reminded_at).
import type { Services } from '../../platform/context.js';
import type { SuggestionSourceType } from '../../platform/db/suggestion-types.js';
import { sendReminders, type ReminderKind } from '../../platform/reminders.js';
import { addDays, chinaDate } from '../../platform/time.js';
import { notify } from '../notifications/service.js';
import { ENTITY } from './commands.js';
import { sourceKind } from './sources.js';

export const REMIND_DAYS_BEFORE = 3;

interface Due { suggestion_id: number; unit_id: number; deadline: string | null; title: string; organization_id: number; source_type: SuggestionSourceType; today: string }

export const suggestionReminders: ReminderKind<Due> = {
  code: 'suggestion.deadline',
  job: 'suggestions.deadline-reminders',
  everyMs: 3600_000,
  entityType: ENTITY,
  action: 'remind',
  async due(trx, now) {
    const today = chinaDate(now);
    const rows = await trx.selectFrom('suggestion_units as su').innerJoin('suggestions as sg', 'sg.id', 'su.suggestion_id')
      .select(['su.suggestion_id', 'su.unit_id', 'su.deadline', 'sg.title', 'sg.organization_id', 'sg.source_type'])
      .where('su.answered_at', 'is', null).where('su.deadline', '<=', addDays(today, REMIND_DAYS_BEFORE)).where('sg.state', '=', 'assigned')
      .orderBy('su.suggestion_id').execute();
    return rows.map((r) => ({ ...r, today }));
  },
  once: (d) => `${d.suggestion_id}:${d.unit_id}`,
  async message(_trx, items) {
    const d = items[0]!;
    const overdue = d.deadline! < d.today;
    return {
      to: { units: [d.unit_id] },
      entityId: d.suggestion_id,
      detail: { unitId: d.unit_id, deadline: d.deadline, overdue },
      note: {
        kind: overdue ? 'suggestion.deadline.overdue' : 'suggestion.deadline.near', organizationId: d.organization_id,
        title: overdue ? { zh: '意见建议答复已超期', en: 'A suggestion\'s answer is overdue' } : { zh: '意见建议答复期限提醒', en: 'Deadline reminder for a suggestion' },
        body: overdue
          ? { zh: `《${d.title}》的答复期限 ${d.deadline} 已过，请尽快答复。`, en: `The deadline of "${d.title}" (${d.deadline}) has passed; please answer as soon as possible.` }
          : { zh: `《${d.title}》的答复期限为 ${d.deadline}，请按时答复。`, en: `"${d.title}" is due on ${d.deadline}; please answer in time.` },
        link: sourceKind(d.source_type).link(d.suggestion_id),
      },
    };
  },
  async sent(trx, items, now) {
    for (const d of items) await trx.updateTable('suggestion_units').set({ reminded_at: now.toISOString() }).where('suggestion_id', '=', d.suggestion_id).where('unit_id', '=', d.unit_id).execute();
  },
};

/** Sends every reminder due at `now`; returns how many were sent. */
export const sendSuggestionReminders = (services: Pick<Services, 'db'>, now = new Date()) => sendReminders(services, suggestionReminders, notify, { now });
