// What a database outage does to a running server. On PostgreSQL the test starts a cluster of its
// own (Debian's initdb and pg_ctl, on a free port), puts two server processes' worth of apps on it
// under load, stops the cluster twice (fast, then immediate) and starts it again: the process must
// live through it, answer 503 database_unavailable with Retry-After meanwhile, report the outage on
// its health routes, and afterwards hear other processes' events again, deliver every comment of a
// live room to the pages that stayed open, and notify once for each change. On SQLite: a database
// locked beyond the busy timeout answers 503 too. The error classification is tested on both.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import SQLite from 'better-sqlite3';
import { buildServer, type Server } from '../app.js';
import { Agent, testServer, type TestServer } from '../test/harness.js';
import { aMeeting, Stream } from '../modules/consultations/room-testing.js';
import { connect, sqliteFile } from './db/connect.js';
import { isDatabaseUnavailable } from './db/unavailable.js';
import { backoffMs, type BusEvent } from './events.js';

describe('telling a database outage from a failing query', () => {
  const pgError = (code: string, message = 'x') => Object.assign(new Error(message), { code });
  it('counts connection errors of PostgreSQL, the network and SQLite as an outage', () => {
    for (const e of [
      pgError('57P01', 'terminating connection due to administrator command'),
      pgError('57P02'),
      pgError('57P03', 'the database system is shutting down'),
      pgError('08006'),
      pgError('08001'),
      pgError('08P01'),
      pgError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'),
      pgError('ECONNRESET'),
      pgError('ETIMEDOUT'),
      new Error('Connection terminated unexpectedly'),
      new Error('Connection terminated'),
      new Error('timeout exceeded when trying to connect'),
      new Error('Client has encountered a connection error and is not queryable'),
      pgError('SQLITE_BUSY', 'database is locked'),
      Object.assign(new AggregateError([pgError('ECONNREFUSED'), pgError('ECONNREFUSED')]), { code: undefined }),
      new Error('transaction failed', { cause: pgError('57P01') }),
    ])
      assert.equal(isDatabaseUnavailable(e), true, `${(e as { code?: string }).code ?? ''} ${e.message}`);
  });
  it('leaves errors of the query itself (and what is no error) alone', () => {
    for (const e of [pgError('23505', 'duplicate key'), pgError('42P01', 'relation does not exist'), pgError('40001'), pgError('SQLITE_CONSTRAINT_UNIQUE'), new Error('boom'), null, undefined, 'Connection terminated', 42])
      assert.equal(isDatabaseUnavailable(e), false, String(e));
  });
  it('waits 0.5 s doubling to 30 s between reconnects, spread by a quarter either way', () => {
    assert.deepEqual([0, 1, 2, 3, 6, 7, 40].map((n) => backoffMs(n, undefined, () => 0.5)), [500, 1000, 2000, 4000, 30_000, 30_000, 30_000]);
    assert.equal(backoffMs(0, undefined, () => 0), 375);
    assert.equal(backoffMs(10, undefined, () => 1), 37_500);
  });
});

describe('SQLite locked beyond its busy timeout', { skip: process.env.DATABASE_URL ? 'the suite runs on PostgreSQL' : false }, () => {
  let t: TestServer;
  before(async () => {
    t = await testServer();
  });
  after(async () => t?.close());

  it('answers 503 database_unavailable with Retry-After, and health still says the database answers', async () => {
    const member = await t.as('member');
    const other = new SQLite(sqliteFile(t.config.dataDir));
    try {
      other.exec('begin immediate');
      const res = await member.post('/api/notifications/read-all');
      assert.equal(res.statusCode, 503, res.body);
      assert.equal(res.data.code, 'database_unavailable');
      assert.ok(res.data.title && res.data.title_en);
      assert.equal(res.headers['retry-after'], '5');
      other.exec('rollback');
    } finally {
      other.close();
    }
    assert.equal((await member.post('/api/notifications/read-all')).statusCode, 200);
    const health = await t.anonymous().get('/api/health');
    assert.equal(health.data.database, 'up');
    assert.equal((await t.anonymous().get('/api/health/ready')).statusCode, 200);
  });
});

// ---- A PostgreSQL cluster of the test's own ------------------------------------------------------

const BIN = '/usr/lib/postgresql/15/bin';
const skipPg = !process.env.DATABASE_URL
  ? 'runs when the suite runs on PostgreSQL (DATABASE_URL set): SQLite has no database server to lose'
  : !fs.existsSync(path.join(BIN, 'pg_ctl')) || !fs.existsSync(path.join(BIN, 'initdb'))
    ? `PostgreSQL's server programs are not in ${BIN} (apt-get install postgresql-15)`
    : false;

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** PostgreSQL refuses to run as root: as root the cluster belongs to the postgres user. */
class Cluster {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-outage-pg-'));
  private readonly asRoot = process.getuid?.() === 0;
  constructor(readonly port: number) {
    if (this.asRoot) {
      const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
      const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
      fs.chownSync(this.dir, uid, gid);
    }
  }
  private run(tool: string, args: string[]) {
    const [cmd, all] = this.asRoot ? ['runuser', ['-u', 'postgres', '--', path.join(BIN, tool), ...args]] : [path.join(BIN, tool), args];
    execFileSync(cmd, all, { stdio: 'pipe', timeout: 60_000 });
  }
  get url() {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }
  init() {
    this.run('initdb', ['-D', path.join(this.dir, 'data'), '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C.UTF-8']);
  }
  start() {
    // fsync off: nothing here survives the machine; synchronous_commit stays on, or an immediate
    // stop would lose commits that were acknowledged.
    const opts = `-p ${this.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${this.dir} -c fsync=off -c full_page_writes=off -c max_connections=100`;
    this.run('pg_ctl', ['-D', path.join(this.dir, 'data'), '-l', path.join(this.dir, 'server.log'), '-o', opts, '-w', '-t', '30', 'start']);
  }
  stop(mode: 'fast' | 'immediate') {
    this.run('pg_ctl', ['-D', path.join(this.dir, 'data'), '-m', mode, '-w', '-t', '30', 'stop']);
  }
  destroy() {
    try {
      this.stop('immediate');
    } catch {
      // Already stopped.
    }
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function until<T>(probe: () => Promise<T | undefined | false> | T | undefined | false, ms: number, what: string): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    let found: T | undefined | false;
    try {
      found = await probe();
    } catch {
      found = undefined;
    }
    if (found) return found;
    if (Date.now() > end) throw new Error(`${what}: not within ${ms} ms`);
    await sleep(50);
  }
}

/** Requests of several kinds, a few at a time, until stopped: what a server does when the database goes. */
class Load {
  statuses = new Map<number, number>();
  problems: string[] = [];
  unavailable = 0;
  commentsPosted: { id: number; busListening: boolean }[] = [];
  accepted: number[] = [];
  private running = true;
  private workers: Promise<void>[] = [];
  private next = 0;

  constructor(
    private readonly a: Server,
    private readonly agents: { member: Agent; pub: Agent; staff: Agent },
    private readonly meeting: number,
    private readonly proposals: number[],
  ) {}

  start(concurrency: number) {
    for (let w = 0; w < concurrency; w++) this.workers.push(this.work(w));
  }

  private async one(w: number, i: number) {
    const { member, pub, staff } = this.agents;
    switch ((w + i) % 4) {
      case 0:
        return member.get('/api/notifications?limit=5');
      case 1: {
        const busListening = this.a.services.bus.state().listening;
        const res = await (i % 2 ? member : pub).post(`/api/consultations/meetings/${this.meeting}/comments`, { body: `负载评论 ${w}-${i}` });
        if (res.statusCode === 201) this.commentsPosted.push({ id: res.data.id, busListening });
        return res;
      }
      case 2: {
        const id = this.proposals[this.next];
        if (id === undefined) return pub.get(`/api/consultations/meetings/${this.meeting}/comments?limit=5`);
        this.next++;
        const res = await staff.post(`/api/proposals/${id}/accept`, {});
        if (res.statusCode === 200) this.accepted.push(id);
        // Refused during the outage: tried again later (unless it went through after all).
        else if (res.statusCode === 503) this.proposals.push(id);
        return res;
      }
      default:
        return pub.get(`/api/consultations/meetings/${this.meeting}/comments?limit=5`);
    }
  }

  private async work(w: number) {
    for (let i = 0; this.running; i++) {
      const res = await this.one(w, i);
      this.statuses.set(res.statusCode, (this.statuses.get(res.statusCode) ?? 0) + 1);
      if (res.statusCode === 503) {
        this.unavailable++;
        if (res.data?.code !== 'database_unavailable' || res.headers['retry-after'] !== '5' || !String(res.headers['content-type']).startsWith('application/problem+json'))
          this.problems.push(`503 without database_unavailable and Retry-After: ${res.body}`);
      } else if (res.statusCode >= 500 || (res.statusCode >= 400 && res.statusCode !== 409)) this.problems.push(`${res.statusCode} ${res.body.slice(0, 300)}`);
      await sleep(5);
    }
  }

  async stop() {
    this.running = false;
    await Promise.all(this.workers);
  }
}

describe('a PostgreSQL restart under load', { skip: skipPg }, () => {
  let cluster: Cluster;
  let t: TestServer;
  let other: Server;
  let agents: { member: Agent; pub: Agent; staff: Agent };
  let load: Load;
  let meeting: number;
  const streams: Stream[] = [];
  const proposals: number[] = [];
  const crashes: unknown[] = [];
  const onCrash = (err: unknown) => crashes.push(err);
  const figures: Record<string, unknown> = {};

  before(async () => {
    process.on('uncaughtException', onCrash);
    process.on('unhandledRejection', onCrash);
    cluster = new Cluster(await freePort());
    cluster.init();
    cluster.start();
    // The harness makes the test's database on the cluster it is pointed at.
    process.env.DATABASE_URL = cluster.url;
    const fast = { busReconnect: { firstMs: 1000, maxMs: 2000 }, outbox: { pollMs: 500, leaseMs: 3000 } };
    t = await testServer(fast);
    other = await buildServer({ ...t.config, ...fast }, connect({ databaseUrl: t.config.databaseUrl, dataDir: t.config.dataDir }));
    const [baseA, baseB] = [await t.app.listen({ port: 0, host: '127.0.0.1' }), await other.app.listen({ port: 0, host: '127.0.0.1' })];
    agents = { member: await t.as('member'), pub: await t.as('public'), staff: await t.as('staff') };
    const there = new Agent(other);
    const login = await there.post('/api/auth/login', { username: 'leader', password: t.fixture.password });
    assert.equal(login.statusCode, 200, login.body);
    meeting = await aMeeting(t);
    streams.push(new Stream(baseA, agents.pub, `/api/consultations/meetings/${meeting}/live`), new Stream(baseB, there, `/api/consultations/meetings/${meeting}/live`));
    await Promise.all(streams.map((s) => s.opened));
    // Proposals waiting for the office's review: accepting each tells its proposer once.
    const { db } = t.services;
    const session = (await db.selectFrom('sessions').select('id').where('term_id', '=', t.fixture.cityTerm).orderBy('number').executeTakeFirstOrThrow()).id;
    const at = new Date().toISOString();
    for (let i = 0; i < 120; i++) {
      const row = await db
        .insertInto('proposals')
        .values({
          organization_id: t.fixture.city, session_id: session, year: 2026, kind: 'individual', state: 'submitted', author_user_id: t.fixture.users.member!, member_id: null,
          collective_kind: null, collective_id: null, proposer_name: '周静', sector_id: Object.values(t.fixture.sectors)[0]!, category_id: null,
          title: `关于停电期间社区应急保障的建议 ${i}`, reasons: '理由', suggestions: '建议', number: null, reject_reason_id: null, reject_text: null,
          round: 1, is_key: 0, is_public: 0, filed_at: at, reviewed_at: null, reviewed_by: null, assigned_at: null, closed_at: null, created_at: at, updated_at: at,
        } as never)
        .returning('id')
        .executeTakeFirstOrThrow();
      proposals.push(row.id);
    }
    load = new Load(t, agents, meeting, [...proposals]);
  });

  after(async () => {
    for (const s of streams) s.close();
    await load?.stop();
    await other?.close();
    await t?.close();
    cluster?.destroy();
    process.off('uncaughtException', onCrash);
    process.off('unhandledRejection', onCrash);
    console.log(`outage figures: ${JSON.stringify(figures)}`);
  });

  async function outage(mode: 'fast' | 'immediate') {
    const anon = t.anonymous();
    const before503 = load.unavailable;
    const stoppedAt = Date.now();
    cluster.stop(mode);
    const down = await until(async () => {
      const res = await anon.get('/api/health');
      return res.statusCode === 200 && res.data.database === 'down' && res.data;
    }, 5000, 'health reports the database down');
    assert.ok(down.databaseDownSince);
    const ready = await anon.get('/api/health/ready');
    assert.equal(ready.statusCode, 503);
    assert.equal(ready.data.code, 'database_unavailable');
    assert.match(ready.data.title, /数据库/);
    assert.match(ready.data.title_en, /database/i);
    assert.equal(ready.headers['retry-after'], '5');
    // Signed-in pages while it is down: their session (once out of the short cache) cannot be read either.
    await until(() => load.unavailable - before503 >= 20, 10_000, 'requests answered 503 during the outage');
    await until(() => !t.services.bus.state().listening && !other.services.bus.state().listening, 5000, 'both buses notice the outage');
    // Long enough for the buses to fail at least once more before the database is back.
    await sleep(2500 - (Date.now() - stoppedAt));
    const downMs = Date.now() - stoppedAt;
    cluster.start();
    const upAt = Date.now();
    // Comments saved at once, before the bus listens again: pages must get them all the same.
    const early = await until(async () => {
      const busListening = t.services.bus.state().listening;
      const res = await agents.member.post(`/api/consultations/meetings/${meeting}/comments`, { body: `数据库恢复后第一条 ${mode}` });
      return res.statusCode === 201 && { id: res.data.id as number, busListening };
    }, 10_000, 'a comment is saved again');
    load.commentsPosted.push(early);
    const firstOkMs = Date.now() - upAt;
    await until(async () => (await anon.get('/api/health/ready')).statusCode === 200, 10_000, 'ready again');
    await until(() => t.services.bus.state().listening && other.services.bus.state().listening, 10_000, 'both buses listen again');
    figures[mode] = { outageMs: downMs + firstOkMs, answered503: load.unavailable - before503, requestsOkAfterMs: firstOkMs, busListeningAfterMs: Date.now() - upAt, earlyCommentWhileBusDown: !early.busListening };
    return early;
  }

  it('lives through a fast and an immediate shutdown, answering 503 database_unavailable with Retry-After meanwhile', async () => {
    load.start(8);
    await sleep(800);
    assert.equal(load.unavailable, 0, 'nothing refused while the database answers');
    const early = [await outage('fast')];
    await sleep(800);
    early.push(await outage('immediate'));
    await sleep(800);
    await load.stop();
    figures.statuses = Object.fromEntries(load.statuses);
    assert.deepEqual(load.problems, [], 'no 500s, and every 503 says database_unavailable with Retry-After');
    assert.deepEqual(crashes, [], 'no uncaught error or unhandled rejection');
    assert.ok(early.some((e) => !e.busListening), 'a comment was saved while the bus was not yet listening');
    assert.ok((load.statuses.get(201) ?? 0) > 10 && (load.statuses.get(200) ?? 0) > 10);
    const health = await t.anonymous().get('/api/health');
    assert.deepEqual({ database: health.data.database, events: health.data.events }, { database: 'up', events: 'listening' });
    assert.equal(t.services.bus.state().reconnects, 2);
  });

  it('hears the events of another process again once the bus listens again', async () => {
    for (const [from, to] of [[t, other], [other, t]] as const) {
      const heard: BusEvent[] = [];
      const off = to.services.bus.subscribe('test.after-outage', (e) => heard.push(e));
      await from.services.bus.publish('test.after-outage', { n: 1 });
      await until(() => heard.length === 1, 5000, 'the event reaches the other process');
      off();
    }
  });

  it('gives the live-room pages that stayed open every comment saved, in order, once each', async () => {
    const saved = (await t.services.db.selectFrom('consultation_comments').select('id').where('meeting_id', '=', meeting).orderBy('id').execute()).map((r) => r.id);
    figures.comments = saved.length;
    // A comment refused with a 503 may still have committed; the database says what was saved.
    assert.ok(load.commentsPosted.every((c) => saved.includes(c.id)));
    for (const s of streams) {
      await until(() => {
        const got = new Set(s.events.filter((e) => e.event === 'comment').map((e) => e.data.id as number));
        return saved.every((id) => got.has(id));
      }, 10_000, `the page has all ${saved.length} comments`);
      const seqs = s.events.filter((e) => e.id).map((e) => Number(e.id));
      assert.deepEqual(seqs, [...new Set(seqs)].sort((a, b) => a - b), 'numbered in order, none twice');
      assert.deepEqual(seqs, Array.from({ length: seqs.length }, (_, i) => seqs[0]! + i), 'no event skipped');
    }
  });

  it('notifies the proposer of each acceptance exactly once, whichever process and whenever the outbox row was done', async () => {
    const { db } = t.services;
    await until(async () => {
      const left = await db.selectFrom('outbox').select((eb) => eb.fn.countAll().as('n')).where('done_at', 'is', null).executeTakeFirstOrThrow();
      return Number(left.n) === 0;
    }, 15_000, 'the outbox is drained');
    const failed = await db.selectFrom('outbox').select(['id', 'last_error']).where('failed_at', 'is not', null).execute();
    assert.deepEqual(failed, []);
    const accepted = (await db.selectFrom('proposals').select('id').where('id', 'in', proposals).where('state', '=', 'accepted').execute()).map((r) => r.id);
    const notes = await db.selectFrom('notifications').select(['entity_id']).where('kind', '=', 'proposal.accepted').where('user_id', '=', t.fixture.users.member!).execute();
    const perProposal = new Map<number, number>();
    for (const n of notes) perProposal.set(n.entity_id!, (perProposal.get(n.entity_id!) ?? 0) + 1);
    figures.accepted = accepted.length;
    figures.acceptedAnswered200 = load.accepted.length;
    assert.ok(accepted.length >= 10, `${accepted.length} proposals accepted`);
    assert.ok(load.accepted.every((id) => accepted.includes(id)));
    assert.deepEqual(accepted.filter((id) => perProposal.get(id) !== 1), [], 'one notification per acceptance');
    assert.equal(notes.length, accepted.length, 'none for a proposal that was not accepted');
  });
});
