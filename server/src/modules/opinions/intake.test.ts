// After a resident's report is acknowledged, the intake makes it searchable, groups it with
// similar reports and credits its place, shortly after and outside the answer; reports that a
// server acknowledged but had not yet worked on when it died are picked up by the next start.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { sql } from 'kysely';
import { buildServer } from '../../app.js';
import { issueChallenge, solveChallenge } from '../../platform/challenge.js';
import SQLite from 'better-sqlite3';
import { connect, searchFile } from '../../platform/db/connect.js';
import { migrate } from '../../platform/db/migrate.js';
import { FileStore } from '../../platform/files.js';
import { testServer, type Agent, type TestServer } from '../../test/harness.js';
import { GroupCommit } from './group-commit.js';
import { moduleKeys } from './keys.js';
import { placeOfCode, submitResident } from './public.js';
import { restoreSearchIndex } from './intake.js';
import { aPlace, form } from './testing.js';

const shelter = ['建议在南湖区新兴街道增设公交候车亭，方便老人雨天候车。', '新兴街道公交站没有候车亭，建议增设公交候车亭，雨天老人候车不便。'];
const other = '学校周边交通拥堵严重，建议错峰放学并增派交警疏导。';

/** Waits until `check` holds (the intake works beside the answer), for at most five seconds. */
// A wait, not a speed target: a busy machine (two test files at once on two cores) may take a
// few seconds to start a server's intake thread and load its dictionary.
async function eventually(what: string, check: () => Promise<boolean>) {
  const until = Date.now() + 20_000;
  while (!(await check())) {
    if (Date.now() > until) assert.fail(`${what}: not within 20 s`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function qrCode(t: TestServer, staff: Agent, name: string) {
  const place = await aPlace(t, name);
  const poster = await staff.get(`/api/orgs/places/${place}/qr-poster.svg`);
  return /\/q\/([0-9a-z]+)</.exec(poster.body)![1]!;
}

async function submit(t: TestServer, code: string, text: string) {
  const page = await t.anonymous().get(`/api/q/${code}`);
  const f = form({ text, category: 'transport', challenge: page.data.challenge.token, solution: solveChallenge(page.data.challenge.nonce, page.data.challenge.bits) });
  const res = await t.anonymous().request('POST', `/api/q/${code}/opinions`, f.body, f.headers);
  assert.equal(res.statusCode, 201, res.body);
  return (await t.services.db.selectFrom('opinions').select('id').where('tracking_code', '=', res.data.trackingCode).executeTakeFirstOrThrow()).id;
}

const pending = async (t: { services: TestServer['services'] }) =>
  Number((await t.services.db.selectFrom('opinion_intake').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('the intake after a resident is answered', () => {
  let t: TestServer;
  let staff: Agent;
  before(async () => {
    t = await testServer({ challengeBits: 0 });
    staff = await t.as('staff');
  });
  after(() => t.close());

  it('makes the report searchable, groups similar ones and credits the place, within moments', async () => {
    const code = await qrCode(t, staff, '秀洲区新城街道议事厅');
    const [a, b, c] = [await submit(t, code, shelter[0]!), await submit(t, code, shelter[1]!), await submit(t, code, other)];
    await eventually('the queue is empty', async () => (await pending(t)) === 0);
    const found = await staff.get(`/api/opinions?q=${encodeURIComponent('候车亭')}`);
    assert.deepEqual(found.data.items.map((o: { id: number }) => o.id).sort(), [a, b].sort());
    const groups = await staff.get('/api/opinions/similar');
    const group = groups.data.find((g: { opinionIds: number[] }) => g.opinionIds.includes(a));
    assert.ok(group, JSON.stringify(groups.data));
    assert.deepEqual(group.opinionIds, [a, b]);
    assert.ok(!groups.data.some((g: { opinionIds: number[] }) => g.opinionIds.includes(c)));
    const ranking = await staff.get('/api/opinions/ranking?by=place');
    assert.equal(ranking.data.find((p: { name: string }) => p.name === '秀洲区新城街道议事厅')?.points, 3, 'one point for each report submitted');
  });

  it('shows staff screening the group with its count, and lets them mark the later report a duplicate', async () => {
    const code = await qrCode(t, staff, '海盐县武原街道议事厅');
    const first = await submit(t, code, `${shelter[0]}武原街道`);
    const later = await submit(t, code, `${shelter[1]}武原街道`);
    await eventually('the queue is empty', async () => (await pending(t)) === 0);
    const seen = await staff.get(`/api/opinions/${later}`);
    assert.ok(seen.data.similarCount >= 2, JSON.stringify(seen.data));
    assert.equal(seen.data.similarGroup, (await staff.get(`/api/opinions/${first}`)).data.similarGroup);
    const list = await staff.get('/api/opinions?state=new&source=resident');
    assert.ok(list.data.items.find((o: { id: number }) => o.id === later).similarCount >= 2);
    const marked = await staff.post(`/api/opinions/${later}/screen`, { event: 'mark_duplicate', duplicateOf: first });
    assert.equal(marked.statusCode, 200, marked.body);
    assert.equal(marked.data.duplicateOf, first);
  });

  it('on SQLite writes the search index to a file of its own, which a database from before gets with its index when upgraded', { skip: process.env.DATABASE_URL ? 'SQLite only' : false }, async () => {
    const code = await qrCode(t, staff, '海盐县武原街道议事厅');
    const id = await submit(t, code, '武原街道海滨路的路灯晚上经常不亮，建议检修更换路灯。');
    await eventually('the queue is empty', async () => (await pending(t)) === 0);
    const searchFor = async () => (await staff.get(`/api/opinions?q=${encodeURIComponent('路灯')}`)).data.items.map((o: { id: number }) => o.id);
    assert.deepEqual(await searchFor(), [id]);
    const inFile = () => {
      const file = new SQLite(searchFile(t.config.dataDir), { readonly: true });
      try {
        return (file.prepare('select rowid from search_opinion').all() as { rowid: number }[]).map((r) => r.rowid);
      } finally {
        file.close();
      }
    };
    const tablesOfMain = async () => (await sql<{ name: string }>`select name from main.sqlite_master where name = 'search_opinion'`.execute(t.services.db)).rows.length;
    const indexed = inFile();
    assert.ok(indexed.includes(id));
    assert.equal(await tablesOfMain(), 0);

    // The layout before the move: the index in the main file, the move not yet recorded.
    const { db } = t.services;
    await sql`create virtual table main.search_opinion using fts5(words, grams, tokenize='unicode61')`.execute(db);
    await sql`insert into main.search_opinion (rowid, words, grams) select rowid, words, grams from search.search_opinion`.execute(db);
    await sql`drop table search.search_opinion`.execute(db);
    await sql`delete from schema_migrations where name = '009_opinion_search_file'`.execute(db);
    assert.deepEqual(await migrate(db, 'sqlite'), ['009_opinion_search_file']);
    assert.deepEqual(inFile(), indexed);
    assert.equal(await tablesOfMain(), 0);
    assert.deepEqual(await searchFor(), [id]);
    // And the intake goes on writing it.
    const next = await submit(t, code, '海滨路路灯不亮的问题还没有解决，夜里行人很不安全。');
    await eventually('the next report is searchable', async () => (await searchFor()).includes(next));

    // A data directory restored without the index's file: the next start builds it from the reports.
    await eventually('the queue is empty', async () => (await pending(t)) === 0);
    const before = inFile().sort((a, b) => a - b);
    await sql`drop table search.search_opinion`.execute(db);
    const reports = Number((await db.selectFrom('opinions').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    assert.equal(await restoreSearchIndex(t.services, t.app.log), reports);
    assert.deepEqual(inFile().sort((a, b) => a - b), before);
    assert.deepEqual((await searchFor()).sort(), [id, next].sort());
    assert.equal(await restoreSearchIndex(t.services, t.app.log), 0, 'nothing to do when the index is there');
  });
});

describe('the intake after a crash', () => {
  it('works through the reports a dead server acknowledged but had not indexed, when a server starts again', async () => {
    const t = await testServer({ challengeBits: 0 });
    try {
      const staff = await t.as('staff');
      const code = await qrCode(t, staff, '平湖市当湖街道议事厅');
      // The first server stops listening and stops its intake, as if killed right after it
      // answered; its database stays as it was.
      await t.app.close();
      const keys = moduleKeys(t.config);
      const deps = { keys, config: t.config, files: new FileStore(path.join(t.config.dataDir, 'files')), commits: new GroupCommit(t.services.db) };
      const ctx = { ...t.services, actor: null, ip: '127.0.0.1' };
      const place = await placeOfCode(t.services.db, code);
      const ids: number[] = [];
      for (const text of [...shelter, other]) {
        const challenge = issueChallenge(keys.challenge, 0, `q:${code}`);
        ids.push((await submitResident(ctx, deps, code, place, { text, category: 'transport', challenge: challenge.token, solution: solveChallenge(challenge.nonce, 0) }, [])).id);
      }
      assert.equal(await pending(t), 3, 'acknowledged and queued, not yet indexed');
      const indexed = async () => Number((await sql<{ n: number }>`select count(*) as n from search_opinion where rowid in (${sql.join(ids)})`.execute(t.services.db)).rows[0]!.n);
      assert.equal(await indexed(), 0);

      const restarted = await buildServer(t.config, connect({ databaseUrl: t.config.databaseUrl, dataDir: t.config.dataDir }));
      try {
        await eventually('the new server empties the queue', async () => (await pending(restarted)) === 0);
        assert.equal(await indexed(), 3);
        const groups = await restarted.services.db.selectFrom('opinions').select(['id', 'similar_group']).where('id', 'in', ids).orderBy('id').execute();
        assert.ok(groups[0]!.similar_group !== null && groups[0]!.similar_group === groups[1]!.similar_group, JSON.stringify(groups));
        assert.equal(groups[2]!.similar_group, null);
        const points = await restarted.services.db.selectFrom('opinion_points').select('opinion_id').where('opinion_id', 'in', ids).where('event', '=', 'submitted').execute();
        assert.equal(points.length, 3);
      } finally {
        await restarted.close();
      }
    } finally {
      await t.close();
    }
  });
});
