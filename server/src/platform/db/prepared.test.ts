// Statements marked PREPARED are parsed and planned once per PostgreSQL connection; the others stay
// unnamed. On SQLite every statement is kept prepared anyway (connect.ts), and the mark is a comment.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { testServer, type TestServer } from '../../test/harness.js';
import { connect, PREPARED } from './connect.js';

let t: TestServer;
let one: ReturnType<typeof connect>;
before(async () => {
  t = await testServer();
  // One connection, so that what it holds prepared can be read back on it.
  one = connect({ databaseUrl: t.config.databaseUrl, dataDir: t.config.dataDir, poolSize: 1 });
});
after(async () => {
  await one.close();
  await t.close();
});

describe('marked statements', () => {
  it('give the same answers, and on PostgreSQL only the marked one is kept prepared on its connection', async () => {
    for (const n of [1, 2, 3]) {
      assert.deepEqual((await sql<{ n: number }>`${sql.raw(PREPARED)} select ${n} + 1 as n`.execute(one.db)).rows.map((r) => Number(r.n)), [n + 1]);
      assert.deepEqual((await sql<{ n: number }>`select ${n} + 2 as n`.execute(one.db)).rows.map((r) => Number(r.n)), [n + 2]);
    }
    if (one.dialect !== 'postgres') return;
    const kept = (await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(one.db)).rows.map((r) => r.statement);
    assert.equal(kept.filter((s) => s.includes('+ 1 as n')).length, 1, kept.join('\n'));
    assert.equal(kept.filter((s) => s.includes('+ 2 as n')).length, 0);
  });
});
