// Imports as jobs: answered at once with 202, progress (rows read, rows valid) that the page polls,
// the caller's own job only, other requests served while a large sheet is read, a wall-clock limit,
// and a job whose process died marked interrupted.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { multipart, testServer, type Agent, type TestServer } from '../test/harness.js';
import { manyRows, workbook } from '../test/zip-files.js';
import { importJobSweeper, importLimits } from './import-jobs.js';

let t: TestServer;
let staff: Agent;
before(async () => {
  t = await testServer();
  staff = await t.as('staff');
});
after(() => t.close());

const COLUMNS = ['姓名', '性别', '出生年份', '民族', '政治面貌', '界别', '专门委员会', '工作单位', '职务', '手机号码', '是否常委'];
const URL = () => `/api/orgs/members/import?organizationId=${t.fixture.city}&termId=${t.fixture.cityTerm}`;
/** A sheet of `n` members, each valid but for every tenth, whose gender is wrong. */
const members = (n: number) =>
  workbook({ chunks: manyRows(COLUMNS, n, (r) => [`委员${r}`, r % 10 === 0 ? '未知' : '女', 1970, '汉族', '群众', '经济界', '', `单位${r}`, '', `139${String(r).padStart(8, '0')}`, '否']), level: 1 });
const countMembers = async () => Number((await t.services.db.selectFrom('members').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

async function poll(agent: Agent, id: string, seen: (job: { state: string; rowsRead: number }) => void = () => {}) {
  for (;;) {
    const res = await agent.get(`/api/import-jobs/${id}`);
    assert.equal(res.statusCode, 200, res.body);
    seen(res.data);
    if (res.data.state === 'done' || res.data.state === 'failed') return res.data;
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('imports as jobs', () => {
  it('answers 202 at once and reports rows read and rows valid until the report', async () => {
    const { body, headers } = multipart(await members(30));
    const started = await staff.request('POST', URL(), body, headers);
    assert.equal(started.statusCode, 202, started.body);
    assert.equal(started.data.kind, 'orgs.members');
    assert.ok(['running', 'done'].includes(started.data.state));
    const job = await poll(staff, started.data.id);
    assert.equal(job.state, 'done');
    assert.deepEqual([job.rowsRead, job.rowsValid], [30, 27]);
    assert.deepEqual([job.result.total, job.result.valid, job.result.committed], [30, 27, false]);
  });

  it('shows a job to the user who started it only', async () => {
    const { body, headers } = multipart(await members(3));
    const started = await staff.request('POST', URL(), body, headers);
    await poll(staff, started.data.id);
    assert.equal((await t.anonymous().get(`/api/import-jobs/${started.data.id}`)).statusCode, 401);
    assert.equal((await (await t.as('member')).get(`/api/import-jobs/${started.data.id}`)).statusCode, 403);
    assert.equal((await (await t.as('admin')).get(`/api/import-jobs/${started.data.id}`)).statusCode, 404, "another office user's job is not found");
  });

  it('refuses at once what needs no reading: another organization, a term not of it, no file', async () => {
    const { body, headers } = multipart(await members(3));
    const county = await (await t.as('county_staff')).request('POST', URL(), body, headers);
    assert.equal(county.statusCode, 403, county.body);
    const term = await staff.request('POST', `/api/orgs/members/import?organizationId=${t.fixture.city}&termId=${t.fixture.countyTerm}`, body, headers);
    assert.equal(term.statusCode, 400);
    assert.equal(term.data.errors[0].field, 'querystring.termId');
    assert.equal((await staff.post(URL(), {})).statusCode, 415);
  });

  it('keeps answering other requests while a 20,000-row sheet is read and written', async (test) => {
    const before = await countMembers();
    const { body, headers } = multipart(await members(20_000));
    const started = await staff.request('POST', URL() + '&commit=true&skipInvalid=true', body, headers);
    assert.equal(started.statusCode, 202, started.body);
    const times: number[] = [];
    let answeredWhileRunning = 0;
    let lastRead = 0;
    const lists = (async () => {
      for (;;) {
        const job = await staff.get(`/api/import-jobs/${started.data.id}`);
        if (job.data.state === 'done' || job.data.state === 'failed') return job.data;
        lastRead = Math.max(lastRead, job.data.rowsRead);
        const at = performance.now();
        const list = await staff.get(`/api/orgs/members?q=${encodeURIComponent('委员')}`);
        times.push(performance.now() - at);
        assert.equal(list.statusCode, 200);
        answeredWhileRunning++;
        // Requests in a test arrive through inject, not the network: without a pause between
        // them the event loop would never reach the file reading's I/O.
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    const job = await lists;
    times.sort((a, b) => a - b);
    const p99 = times[Math.min(times.length - 1, Math.floor(times.length * 0.99))] ?? 0;
    test.diagnostic(`${answeredWhileRunning} member lists answered during the import; p99 ${p99.toFixed(0)} ms; rows read seen rising to ${lastRead}`);
    assert.equal(job.state, 'done', JSON.stringify(job.problem));
    assert.ok(answeredWhileRunning >= 3, `only ${answeredWhileRunning} lists were answered while the import ran`);
    assert.ok(lastRead > 0 && lastRead <= 20_000, 'the progress was seen between the start and the end');
    assert.equal(job.result.imported, 18_000);
    assert.equal(await countMembers(), before + 18_000);
  });

  it('stops an import that passes its time limit, writing nothing', async () => {
    const before = await countMembers();
    const { body, headers } = multipart(await members(20_000));
    const limit = importLimits.timeMs;
    importLimits.timeMs = 1;
    try {
      const started = await staff.request('POST', URL() + '&commit=true&skipInvalid=true', body, headers);
      const job = await poll(staff, started.data.id);
      assert.equal(job.state, 'failed');
      assert.equal(job.problem.status, 413);
      assert.match(job.problem.detail, /时间上限/);
      assert.match(job.problem.detail_en, /time limit/);
    } finally {
      importLimits.timeMs = limit;
    }
    assert.equal(await countMembers(), before);
  });

  it('marks a job whose process stopped refreshing it as interrupted', async () => {
    const at = new Date(Date.now() - 10 * 60_000).toISOString();
    await t.services.db.insertInto('import_jobs').values({ id: 'lost-job', user_id: t.fixture.users.staff!, organization_id: t.fixture.city, kind: 'orgs.members', state: 'running', rows_read: 10, rows_valid: 0, result: null, problem: null, created_at: at, updated_at: at, finished_at: null }).execute();
    assert.match(String(await importJobSweeper.run(t.services)), /interrupted 1/);
    const job = await poll(staff, 'lost-job');
    assert.equal(job.state, 'failed');
    assert.match(job.problem.detail, /中断/);
  });
});
