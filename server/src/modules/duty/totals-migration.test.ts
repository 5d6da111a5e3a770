// Migration 033 on a database as the previous version left it: members' kept totals in the old form
// (a list of kinds without their raw sums) are dropped, and the first start scores them again from
// the events in the new form, which an act then moves. Run on SQLite, or on PostgreSQL when
// DATABASE_URL is set.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql, type Kysely } from 'kysely';
import type { Db } from '../../platform/db/connect.js';
import { migrate } from '../../platform/db/migrate.js';
import { oldDatabase } from '../../test/old-database.js';
import { scoreIfEmpty, keptOf } from './totals.js';

let conn: Db;
let old: Kysely<any>;
let close: () => Promise<void>;
const at = '2026-05-20T02:00:00.000Z';

/** Runs `work` on one connection with references unchecked: only the duty tables matter here, not the members they point at. */
const unchecked = (work: (c: Kysely<any>) => Promise<unknown>) =>
  old.connection().execute(async (c) => {
    await sql.raw(conn.dialect === 'postgres' ? 'set session_replication_role = replica' : 'pragma foreign_keys = off').execute(c);
    try {
      await work(c);
    } finally {
      await sql.raw(conn.dialect === 'postgres' ? 'set session_replication_role = origin' : 'pragma foreign_keys = on').execute(c);
    }
  });

before(async () => {
  ({ conn, old, close } = await oldDatabase('032_figure_dates'));
  const event = (member_id: number, kind: string, source_id: number, points: number) => ({
    member_id, organization_id: 1, year: 2026, kind, source_type: 'proposal', source_id, occurred_at: at, points, origin: 'derived', note: null, entered_by: null, created_at: at,
  });
  await unchecked(async (c) => {
    await c.insertInto('duty_events').values([event(7, 'proposal_filed', 1, 5), event(7, 'proposal_filed', 2, 5), event(7, 'proposal_cosigned', 3, 0.5), event(8, 'proposal_filed', 3, 5)]).execute();
    await c.insertInto('duty_rules').values({ organization_id: 1, year: 2026, kind: 'proposal_filed', points: 5, cap: 8, updated_by: null, updated_at: at }).execute();
    // As the previous version kept them.
    await c.insertInto('duty_totals').values([
      { member_id: 7, organization_id: 1, year: 2026, total: 8.5, kinds: JSON.stringify([{ kind: 'proposal_filed', count: 2, points: 8 }, { kind: 'proposal_cosigned', count: 1, points: 0.5 }]), updated_at: at },
      { member_id: 8, organization_id: 1, year: 2026, total: 5, kinds: JSON.stringify([{ kind: 'proposal_filed', count: 1, points: 5 }]), updated_at: at },
    ]).execute();
  });
});

after(() => close());

describe('migration 033', () => {
  it('drops the totals kept in the old form, and the first start scores them again with each kind\'s raw sum', async () => {
    assert.deepEqual(await migrate(old, conn.dialect), ['033_duty_total_kinds']);
    assert.equal((await old.selectFrom('duty_totals').select('member_id').execute()).length, 0);
    let scored = false;
    await unchecked((c) => c.transaction().execute(async (trx) => (scored = await scoreIfEmpty(trx))));
    assert.equal(scored, true);
    const rows = await old.selectFrom('duty_totals').select(['member_id', 'total', 'kinds']).orderBy('member_id').execute();
    assert.deepEqual(rows.map((r) => [r.member_id, Number(r.total), keptOf(r.kinds)]), [
      [7, 8.5, { proposal_filed: { count: 2, points: 8, sum: 10 }, proposal_cosigned: { count: 1, points: 0.5, sum: 0.5 } }],
      [8, 5, { proposal_filed: { count: 1, points: 5, sum: 5 } }],
    ]);
  });
});
