// Warnings during the year (履职预警): a serving member behind the pass line, or still missing a
// minimum, is told so once per rule and quarter (the shared reminders, platform/reminders.ts). No
// warnings in the first quarter (nobody has had time yet); from the second on, the line is the
// pass line in proportion to the quarters gone by (a quarter of it in Q2, half in Q3, three
// quarters in Q4). Run daily by the server's jobs and on demand by the office. duty_warnings keeps
// what was sent, for the year's figures.
import type { Ctx, Services, Trx } from '../../platform/context.js';
import type { DutyDeclaration } from '../../platform/duty.js';
import { sendReminders, type ReminderKind } from '../../platform/reminders.js';
import { chinaMonth, chinaYear, clock } from '../../platform/time.js';
import { notify } from '../notifications/service.js';
import { countsOf } from './evaluation.js';
import { loadGrading, minimumKey, minimumLabel, missingOf, passLine } from './grading.js';
import { kindMap } from './kinds.js';
import { memberRows } from './queries.js';

/** The quarter an instant falls in, in China. */
export function periodOf(at: Date) {
  const year = chinaYear(at);
  const quarter = Math.floor(chinaMonth(at) / 3) + 1;
  return { year, quarter, key: `${year}-Q${quarter}` };
}

/** The points a member should have by the start of this quarter. */
export const lineIn = (passLinePoints: number, quarter: number) => Math.round(passLinePoints * ((quarter - 1) / 4) * 10) / 10;

interface Warning { organizationId: number; memberId: number; year: number; period: string; rule: string; detail: string }

/** The warnings of one organization due now. */
async function dueIn(trx: Trx, decls: DutyDeclaration[], organizationId: number, now: Date): Promise<Warning[]> {
  const { year, quarter, key } = periodOf(now);
  const ev = await trx.selectFrom('duty_evaluations').select('state').where('organization_id', '=', organizationId).where('year', '=', year).executeTakeFirst();
  if (quarter === 1 || ev?.state === 'published') return [];
  const grading = await loadGrading(trx, organizationId, year);
  const line = lineIn(passLine(grading.bands), quarter);
  const kinds = kindMap(decls);
  const base = { organizationId, year, period: key };
  return (await memberRows(trx, decls, organizationId, year, { sort: 'total', order: 'desc' })).flatMap((r) => [
    ...(r.total < line ? [{ ...base, memberId: r.memberId, rule: 'line', detail: `积分 ${r.total}，低于本季度应达到的 ${line} 分` }] : []),
    ...missingOf(countsOf(r), grading.minimums).map((m) => ({ ...base, memberId: r.memberId, rule: minimumKey(m), detail: `尚未完成：${minimumLabel(m, kinds).zh}` })),
  ]);
}

/** The warnings of these organizations (every one with serving members when none are named). */
export const dutyWarnings = (decls: DutyDeclaration[], organizationIds?: number[]): ReminderKind<Warning> => ({
  code: 'duty.warning',
  job: 'duty.warnings',
  everyMs: 24 * 3600_000,
  entityType: 'duty_warning',
  action: 'warn',
  async due(trx, now) {
    const orgs = organizationIds ?? (await trx.selectFrom('members').select('organization_id').distinct().where('status', '=', 'active').execute()).map((o) => o.organization_id);
    const due: Warning[] = [];
    for (const organizationId of orgs) due.push(...(await dueIn(trx, decls, organizationId, now)));
    return due;
  },
  once: (w) => `${w.memberId}:${w.period}:${w.rule}`,
  // A member hears of all their new warnings of a run in one note.
  group: (w) => String(w.memberId),
  async message(trx, items) {
    const { memberId, organizationId, year, period } = items[0]!;
    const users = await trx.selectFrom('users').select('id').where('member_id', '=', memberId).execute();
    return {
      to: { users: users.map((u) => u.id) },
      entityId: memberId,
      detail: { period, rules: items.map((w) => w.rule) },
      note: {
        kind: 'duty.warning', organizationId, link: '/duty/mine',
        title: { zh: `${year} 年度履职预警`, en: `Duty warning for ${year}` },
        body: { zh: `${items.map((w) => w.detail).join('；')}。请及时履职。`, en: `Your duty record of ${year} is behind what the year requires (${items.length} item(s)); see your duty record.` },
      },
    };
  },
  // One entry per organization and period, naming how many warnings went to how many members, as
  // the office reads its log; each member's warnings are on their own duty record.
  auditRun(items) {
    const runs = new Map<string, { organizationId: number; period: string; warnings: number; members: Set<number> }>();
    for (const w of items) {
      const key = `${w.organizationId}:${w.period}`;
      const run = runs.get(key) ?? { organizationId: w.organizationId, period: w.period, warnings: 0, members: new Set<number>() };
      run.warnings++;
      run.members.add(w.memberId);
      runs.set(key, run);
    }
    return [...runs].map(([key, r]) => ({ entityId: key, organizationId: r.organizationId, detail: { period: r.period, warnings: r.warnings, members: r.members.size } }));
  },
  async sent(trx, items, now) {
    const rows = items.map((w) => ({ organization_id: w.organizationId, member_id: w.memberId, year: w.year, period: w.period, rule: w.rule, detail: w.detail, sent_at: now.toISOString() }));
    for (let i = 0; i < rows.length; i += 200) await trx.insertInto('duty_warnings').values(rows.slice(i, i + 200)).onConflict((oc) => oc.columns(['member_id', 'period', 'rule']).doNothing()).execute();
  },
});

/** Sends the warnings due now in these organizations; returns how many were sent. */
export const sendWarnings = (services: Pick<Services, 'db'>, who: Pick<Ctx, 'actor' | 'ip'>, decls: DutyDeclaration[], organizationIds: number[], now = clock.now()) =>
  sendReminders(services, dutyWarnings(decls, organizationIds), notify, { now, who });
