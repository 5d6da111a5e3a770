// Migration 031 on a database as the previous version left it: the marks each module kept of the
// reminders it had sent (proposal_reminders, suggestion_units.reminded_at, lounge_questions.
// reminded_at, duty_warnings) become the shared reminders' keys, so that after the upgrade each
// kind sends only what it had not sent before. Run on SQLite, or on PostgreSQL when DATABASE_URL is set.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql, type Kysely } from 'kysely';
import type { Db } from './db/connect.js';
import { migrate } from './db/migrate.js';
import { oldDatabase } from '../test/old-database.js';
import { sendReminders, type ReminderKind } from './reminders.js';
import { notify } from '../modules/notifications/service.js';
import { deadlineReminders } from '../modules/proposals/reminders.js';
import { suggestionReminders } from '../modules/suggestions/reminders.js';
import { loungeReminders } from '../modules/halls/lounges-reminders.js';
import { dutyWarnings } from '../modules/duty/warnings.js';

let conn: Db;
let old: Kysely<any>;
let close: () => Promise<void>;
let org: number;
const at = '2026-05-20T02:00:00.000Z';

before(async () => {
  ({ conn, old, close } = await oldDatabase('030_duty_versions'));
  org = (await old.insertInto('organizations').values({ name: '嘉兴市政协', level: 'city', parent_id: null, division_code: null, created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow()).id;
  // Only the marks matter here, not the records they point at: written with the references
  // unchecked, on one connection.
  await old.connection().execute(async (c) => {
    await sql.raw(conn.dialect === 'postgres' ? 'set session_replication_role = replica' : 'pragma foreign_keys = off').execute(c);
    await c.insertInto('proposal_reminders').values([{ assignment_id: 5, kind: 'd7', sent_at: at }, { assignment_id: 5, kind: 'overdue', sent_at: at }]).execute();
    await c.insertInto('suggestion_units').values([7, 8].map((unit_id) => ({ suggestion_id: 7, unit_id, deadline: '2026-05-22', answer: null, answered_by: null, answered_at: null, assigned_at: at, reminded_at: unit_id === 7 ? at : null }))).execute();
    await c.insertInto('lounge_questions').values([11, 12].map((id) => ({ id, organization_id: org, place_id: 1, user_id: 1, text: '问题', state: 'published', reject_reason: null, published_at: at, answer: null, answered_by: null, answered_at: null, reminded_at: id === 11 ? at : null, rating: null, created_at: at }))).execute();
    await c.insertInto('duty_warnings').values({ organization_id: org, member_id: 2, year: 2026, period: '2026-Q2', rule: 'line', detail: '积分 0', sent_at: at }).execute();
    await sql.raw(conn.dialect === 'postgres' ? 'set session_replication_role = origin' : 'pragma foreign_keys = on').execute(c);
  });
});

after(() => close());

/** The kind as it runs, on these records instead of its query, telling nobody. */
const onRecords = <T>(kind: ReminderKind<T>, records: T[]): ReminderKind<T> => ({
  ...kind, sent: undefined, due: async () => records,
  message: async () => ({ to: {}, entityId: 1, note: { kind: kind.code, organizationId: org, title: { zh: '提醒', en: 'Reminder' }, body: { zh: '提醒', en: 'Reminder' } } }),
});

describe('migration 031', () => {
  it('carries every module\'s marks over to the shared reminders, so nothing is sent again', async () => {
    assert.deepEqual(await migrate(old, conn.dialect), ['031_reminders', '032_figure_dates', '033_duty_total_kinds']);
    const { db } = conn;
    const rows = await db.selectFrom('reminders').select(['code', 'once_key', 'sent_at']).orderBy('code').orderBy('once_key').execute();
    assert.deepEqual(rows.map((r) => [r.code, r.once_key, r.sent_at]), [
      ['duty.warning', '2:2026-Q2:line', at], ['lounge.question', '11', at],
      ['proposal.deadline', '5:d7', at], ['proposal.deadline', '5:overdue', at], ['suggestion.deadline', '7:7', at],
    ]);
    await assert.rejects(old.selectFrom('proposal_reminders').selectAll().execute(), 'the old table is gone');
    // Each kind, given the same records again, sends only the reminder it had not sent.
    const run = <T>(kind: ReminderKind<T>, records: T[]) => sendReminders(conn, onRecords(kind, records), notify, { now: new Date(at) });
    assert.equal(await run(deadlineReminders, [5, 6].map((assignmentId) => ({ assignmentId, step: 'd7' }) as any)), 1);
    assert.equal(await run(suggestionReminders, [7, 8].map((unit_id) => ({ suggestion_id: 7, unit_id }) as any)), 1);
    assert.equal(await run(loungeReminders, [11, 12].map((id) => ({ id }) as any)), 1);
    assert.equal(await run(dutyWarnings([]), [{ memberId: 2, period: '2026-Q2', rule: 'line' }, { memberId: 2, period: '2026-Q3', rule: 'line' }] as any), 1);
  });
});
