// The shared reminders: a due reminder is sent once, whatever runs again or at the same time; a
// record no longer due is not reminded; a group is one notification; the scheduler runs each kind.
// Run on SQLite, or on PostgreSQL when DATABASE_URL is set.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testServer, type TestServer } from '../test/harness.js';
import { notify } from '../modules/notifications/service.js';
import { connect } from './db/connect.js';
import { JobRunner } from './jobs.js';
import { reminderJobs, sendReminders, sentAt, type ReminderKind } from './reminders.js';

let t: TestServer;
before(async () => {
  t = await testServer();
});
after(async () => {
  await t.close();
});

// A module's records as its query would read them: a case with a deadline, due while open.
interface Case { id: number; deadline: string; open: boolean; owner: string }
let cases: Case[] = [];
const kind: ReminderKind<Case> = {
  code: 'test.case',
  job: 'test.case-reminders',
  everyMs: 3600_000,
  entityType: 'proposal',
  action: 'remind',
  due: async () => cases.filter((c) => c.open),
  once: (c) => `${c.id}:${c.deadline}`,
  group: (c) => c.owner,
  message: async (_trx, items) => ({
    to: { users: [t.fixture.users[items[0]!.owner]!] },
    entityId: items[0]!.id,
    detail: { cases: items.map((c) => c.id) },
    note: { kind: 'test.case.due', organizationId: t.fixture.city, title: { zh: '案件提醒', en: 'Case reminder' }, body: { zh: `${items.length} 件`, en: `${items.length}` }, link: null },
  }),
};
const send = (services: Parameters<typeof sendReminders>[0] = t.services) => sendReminders(services, kind, notify);
const notes = async (username: string) =>
  (await t.services.db.selectFrom('notifications as n').innerJoin('users as u', 'u.id', 'n.user_id').select(['n.body', 'n.entity_id']).where('u.username', '=', username).where('n.kind', '=', 'test.case.due').orderBy('n.id').execute());
const audits = async () => (await t.services.db.selectFrom('audit_log').select(['actor_name', 'entity_id', 'after']).where('action', '=', 'remind').where('entity_type', '=', 'proposal').orderBy('id').execute());

describe('shared reminders', () => {
  it('sends each due reminder once, audited as the system, and a second run sends nothing', async () => {
    cases = [{ id: 1, deadline: '2026-06-30', open: true, owner: 'staff' }, { id: 2, deadline: '2026-06-30', open: true, owner: 'leader' }];
    assert.equal(await send(), 2);
    assert.deepEqual((await notes('staff')).map((n) => n.entity_id), [1]);
    assert.deepEqual((await notes('leader')).map((n) => n.entity_id), [2]);
    const entries = await audits();
    assert.deepEqual(entries.map((e) => [e.actor_name, e.entity_id]), [['系统', '1'], ['系统', '2']]);
    assert.deepEqual(JSON.parse(entries[0]!.after!), { cases: [1], users: [t.fixture.users.staff] });
    assert.equal(await send(), 0, 'a second run sends nothing');
    assert.equal((await notes('staff')).length, 1);
    assert.equal((await audits()).length, 2);
    assert.ok((await sentAt(t.services.db, kind.code, ['1:2026-06-30'])).get('1:2026-06-30'));
  });

  it('does not remind a record that stopped being due, and reminds it once it is due again', async () => {
    cases = [{ id: 3, deadline: '2026-07-31', open: false, owner: 'staff' }];
    assert.equal(await send(), 0);
    assert.equal((await notes('staff')).length, 1);
    assert.equal((await sentAt(t.services.db, kind.code, ['3:2026-07-31'])).size, 0, 'nothing is marked for it');
    cases[0]!.open = true;
    assert.equal(await send(), 1);
    // A new deadline is a new reminder; the old one is not sent again.
    cases = [{ id: 3, deadline: '2026-07-31', open: true, owner: 'staff' }, { id: 3, deadline: '2026-08-31', open: true, owner: 'leader' }];
    assert.equal(await send(), 1);
    assert.deepEqual((await notes('leader')).map((n) => n.entity_id), [2, 3]);
  });

  it('tells the reminders of one group in one notification', async () => {
    cases = [4, 5, 6].map((id) => ({ id, deadline: '2026-09-30', open: true, owner: 'member' }));
    assert.equal(await send(), 3, 'three reminders');
    const got = await notes('member');
    assert.equal(got.length, 1, 'in one notification');
    assert.equal(got[0]!.body, '3 件');
  });

  it('sends each reminder once when runs overlap, in one process or two', async () => {
    cases = Array.from({ length: 40 }, (_, i) => ({ id: 100 + i, deadline: '2026-10-31', open: true, owner: i % 2 ? 'staff' : 'leader' }));
    // On PostgreSQL a second pool is a second process's view of the database; on SQLite a server
    // is one process, and its concurrent runs share its connection.
    const other = t.config.databaseUrl ? connect({ databaseUrl: t.config.databaseUrl, dataDir: t.config.dataDir }) : null;
    try {
      const runs = [t.services, other ? { db: other.db } : t.services];
      const sent = await Promise.all([0, 1, 0, 1].map((i) => send(runs[i]!)));
      assert.equal(sent.reduce((a, b) => a + b, 0), 40);
    } finally {
      await other?.close();
    }
    // Every case told of exactly once, in whichever run's notification.
    const told = (await audits()).flatMap((e) => (JSON.parse(e.after!) as { cases: number[] }).cases).filter((id) => id >= 100 && id < 200);
    assert.deepEqual(told.sort((a, b) => a - b), cases.map((c) => c.id));
  });

  it('runs each kind on the job scheduler, once per due time', async () => {
    cases = [{ id: 200, deadline: '2026-11-30', open: true, owner: 'staff' }];
    const runner = new JobRunner(t.services, reminderJobs([kind], notify));
    const at = new Date();
    assert.deepEqual(await runner.runDue(at), ['test.case-reminders']);
    assert.deepEqual(await runner.runDue(at), [], 'not again before its time');
    const job = await t.services.db.selectFrom('jobs').select('last_result').where('name', '=', 'test.case-reminders').executeTakeFirstOrThrow();
    assert.equal(job.last_result, 'sent 1');
    assert.equal(await send(), 0);
  });
});
