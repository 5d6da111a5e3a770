// npm run bench:consultations: the live room of an online consultation under load. Targets:
// (1) posting a comment sustains ≥ 2,000/s with p99 < 50 ms on one process, none lost (stored =
// answered 201) and none refused by a spurious conflict; (2) a page of a room's comments (newest 50,
// or from a cursor) serves ≥ 30% of the ceiling route's requests/s, measured in the same run;
// (3) one process holds 5,000 live-room connections and delivers each new comment to all of them
// with p99 < 1 s while taking 50 comments/s, in under 600 MB; (4) with two processes on one
// PostgreSQL, a comment posted through one reaches the clients of the other.
// Options (env or --flag=value): BENCH_DB / --db (sqlite | postgres | both), BENCH_DURATION /
// --duration (s), BENCH_CONNECTIONS / --connections (autocannon), BENCH_CLIENTS / --clients (SSE),
// BENCH_CLIENT_PROCS / --client-procs, BENCH_DATABASE_URL / --database-url, BENCH_PARTS / --parts
// (a comma list of post, page, live, two; all by default).
import { fork, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { type Child, chooseDatabases, cleanUp, cleanups, type Db, dbLabel, freshPostgres, startNode } from './procs.js';
import { call, headers, liveMeeting, percentile, publicSessions, rssMb, signIn, stamped, visibleComments, type Session } from './consultations-lib.js';

const { values: args } = parseArgs({ options: Object.fromEntries(['db', 'duration', 'connections', 'clients', 'client-procs', 'database-url', 'parts'].map((k) => [k, { type: 'string' as const }])) });
const opt = (flag: string, env: string, fallback: string) => (args[flag] as string | undefined) ?? process.env[env] ?? fallback;
const duration = Number(opt('duration', 'BENCH_DURATION', '10'));
const connections = Number(opt('connections', 'BENCH_CONNECTIONS', '50'));
const clients = Number(opt('clients', 'BENCH_CLIENTS', '5000'));
const clientProcs = Number(opt('client-procs', 'BENCH_CLIENT_PROCS', '2'));
const parts = new Set(opt('parts', 'BENCH_PARTS', 'post,page,live,two').split(','));
const pgUrl = opt('database-url', 'BENCH_DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/test');
const root = path.resolve(import.meta.dirname, '..');
const TARGET = { postRps: 2000, postP99Ms: 50, pageShare: 0.3, deliveryP99Ms: 1000, rssMb: 600, liveRate: 50 };

type Result = Awaited<ReturnType<typeof autocannon>>;
type CountedRun = (
  opts: { url: string; connections: number; amount: number; overallRate?: number; headers: Record<string, string>; requests: { method: string; path: string; setupRequest(req: object): object }[] },
  done: (err: Error | null, result: Result) => void,
) => { on(event: 'response', fn: (client: unknown, status: number) => void): void; stop(): void };
const countedRun = autocannon as unknown as CountedRun;
const rows: { db: string; what: string; value: string; target: string; pass: boolean | null }[] = [];
const row = (db: Db, what: string, value: string, target: string, pass: boolean | null) => rows.push({ db: dbLabel(db), what, value, target, pass });

async function server(db: Db, work: string, name: string, databaseUrl = '', password = `Bench-${crypto.randomBytes(9).toString('hex')}`) {
  const dataDir = path.join(work, `${db}-${name}`);
  fs.mkdirSync(dataDir, { recursive: true });
  const env = { SHANGLIANG_DATA_DIR: dataDir, DATABASE_URL: databaseUrl, SHANGLIANG_DEMO_PASSWORD: password, SHANGLIANG_RATE_LIMITS: 'off', SHANGLIANG_JOBS: 'off', LOG_LEVEL: 'warn' };
  const child = await startNode(path.join(root, 'server/src/main.ts'), env, path.join(dataDir, 'server.log'), '/api/health', 5 * 60_000);
  cleanups.push(child.stop);
  return { child, password };
}

/** Posts `amount` comments (paced at `rate` per second when given), counting the 201 answers. */
function post(url: string, s: Session, meetingId: number, amount: number, rate?: number) {
  let sent = 0;
  let created = 0;
  let conflicts = 0;
  let last = 0;
  const started = Date.now();
  return new Promise<{ requests: number; created: number; conflicts: number; rps: number; p50Ms: number; p99Ms: number; non2xx: number; errors: number }>((resolve, reject) => {
    const tracker = countedRun(
      {
        url,
        connections: Math.min(connections, amount),
        amount,
        ...(rate && { overallRate: rate }),
        headers: headers(s),
        requests: [{ method: 'POST', path: `/api/consultations/meetings/${meetingId}/comments`, setupRequest: (req) => ({ ...req, body: JSON.stringify({ body: `第${sent++}条：建议增加社区助餐点，方便老年人就近就餐。` }) }) }],
      },
      (err, r) => {
        if (err) return reject(err);
        resolve({ requests: r.requests.total, created, conflicts, rps: r.requests.total / ((last - started) / 1000), p50Ms: r.latency.p50, p99Ms: r.latency.p99, non2xx: r.non2xx, errors: r.errors });
      },
    );
    tracker.on('response', (_c, status) => {
      last = Date.now();
      if (status === 201) created++;
      if (status === 409) conflicts++;
    });
  });
}

async function posting(db: Db, url: string, s: Session, meetingId: number) {
  const warm = await post(url, s, meetingId, 2000);
  const amount = Math.max(2 * connections, Math.round(warm.rps * duration));
  const before = await visibleComments(url, s, meetingId);
  const full = await post(url, s, meetingId, amount);
  const afterFull = await visibleComments(url, s, meetingId);
  const paced = await post(url, s, meetingId, TARGET.postRps * duration, TARGET.postRps);
  const afterPaced = await visibleComments(url, s, meetingId);
  console.log(`[${db}] posting at full speed: ${full.requests} in ≈${(full.requests / full.rps).toFixed(1)} s = ${full.rps.toFixed(0)}/s, p50 ${full.p50Ms} ms, p99 ${full.p99Ms} ms, 409 ${full.conflicts}, other non-2xx ${full.non2xx - full.conflicts}, errors ${full.errors}; stored ${afterFull - before}, answered 201 ${full.created}`);
  console.log(`[${db}] posting paced at ${TARGET.postRps}/s: ${paced.requests} = ${paced.rps.toFixed(0)}/s, p50 ${paced.p50Ms} ms, p99 ${paced.p99Ms} ms, 409 ${paced.conflicts}, errors ${paced.errors}; stored ${afterPaced - afterFull}, answered 201 ${paced.created}`);
  row(db, 'POST comment, full speed (req/s)', full.rps.toFixed(0), `≥ ${TARGET.postRps}`, full.rps >= TARGET.postRps);
  row(db, `POST comment paced ${TARGET.postRps}/s: rate, p99`, `${paced.rps.toFixed(0)}/s, ${paced.p99Ms} ms`, `≥ ${TARGET.postRps * 0.95}/s, < ${TARGET.postP99Ms} ms`, paced.rps >= TARGET.postRps * 0.95 && paced.p99Ms < TARGET.postP99Ms);
  const lost = full.created + paced.created - (afterPaced - before);
  row(db, 'comments lost (201 − stored), spurious 409', `${lost}, ${full.conflicts + paced.conflicts}`, '0, 0', lost === 0 && full.conflicts + paced.conflicts === 0);
}

async function rps(url: string, paths: string[], hdrs: Record<string, string> = {}) {
  const requests = paths.map((p) => ({ method: 'GET', path: p }));
  await autocannon({ url, connections, duration: Math.min(3, duration), headers: hdrs, requests });
  const r = await autocannon({ url, connections, duration, headers: hdrs, requests });
  return { rps: r.requests.average, p99: r.latency.p99, non2xx: r.non2xx };
}

async function paging(db: Db, url: string, s: Session, meetingId: number, ceiling: Child) {
  const first = await call<{ nextCursor: string }>(url, s, 'GET', `/api/consultations/meetings/${meetingId}/comments?limit=50`);
  const base = `/api/consultations/meetings/${meetingId}/comments`;
  const before = await rps(ceiling.url, ['/']);
  // As a browser asks: it accepts compressed answers.
  const reader = { cookie: s.cookie, 'accept-encoding': 'gzip, deflate, br' };
  const newest = await rps(url, [`${base}?limit=50`], reader);
  const cursor = await rps(url, [`${base}?limit=50&cursor=${first.nextCursor}`], reader);
  const after = await rps(ceiling.url, ['/']);
  const ceilingRps = (before.rps + after.rps) / 2;
  console.log(`[${db}] ceiling ${before.rps.toFixed(0)} → ${after.rps.toFixed(0)} req/s; newest 50: ${newest.rps.toFixed(0)} req/s (p99 ${newest.p99} ms, non-2xx ${newest.non2xx}); from a cursor: ${cursor.rps.toFixed(0)} req/s (p99 ${cursor.p99} ms)`);
  for (const [name, r] of [['newest 50', newest], ['from a cursor', cursor]] as const)
    row(db, `GET comments, ${name} (share of ceiling)`, `${((r.rps / ceilingRps) * 100).toFixed(1)}% (${r.rps.toFixed(0)} req/s)`, `≥ ${TARGET.pageShare * 100}%`, r.rps / ceilingRps >= TARGET.pageShare && r.non2xx === 0);
}

/** SSE client processes; resolves once every one has opened its streams. */
async function openClients(urls: string[], meetingId: number, sessions: Session[], total: number, procs: number) {
  const children: ChildProcess[] = [];
  const ready: Promise<{ connected: number; failed: number }>[] = [];
  for (let i = 0; i < procs; i++) {
    const child = fork(path.join(root, 'bench/consultations-clients.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    cleanups.push(async () => void child.kill());
    children.push(child);
    ready.push(new Promise((resolve) => child.once('message', resolve as never)));
    const count = Math.floor(total / procs) + (i < total % procs ? 1 : 0);
    child.send({ start: { urls, meetingId, cookies: sessions.map((s) => s.cookie), count } });
  }
  const opened = await Promise.all(ready);
  return { children, connected: opened.reduce((n, o) => n + o.connected, 0), failed: opened.reduce((n, o) => n + o.failed, 0) };
}

async function report(children: ChildProcess[]) {
  const answers = await Promise.all(
    children.map((c) => new Promise<{ hist: number[]; delivered: number; gaps: number; repeats: number; closed: number }>((resolve) => {
      c.once('message', resolve as never);
      c.send({ report: true });
    })),
  );
  for (const c of children) c.send({ stop: true });
  const hist = new Array<number>(answers[0]!.hist.length).fill(0);
  for (const p of answers) p.hist.forEach((n, i) => (hist[i]! += n));
  const sum = (k: 'delivered' | 'gaps' | 'repeats' | 'closed') => answers.reduce((n, p) => n + p[k], 0);
  return { p50: percentile(hist, 0.5), p99: percentile(hist, 0.99), delivered: sum('delivered'), gaps: sum('gaps'), repeats: sum('repeats'), closed: sum('closed') };
}

/** Comments posted at `rate` per second for `seconds` through `url`; how many were taken. */
async function trickle(url: string, s: Session, meetingId: number, rate: number, seconds: number) {
  let ok = 0;
  const pending: Promise<void>[] = [];
  const started = Date.now();
  for (let i = 0; i < rate * seconds; i++) {
    const due = started + (i * 1000) / rate;
    if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
    pending.push(fetch(`${url}/api/consultations/meetings/${meetingId}/comments`, { method: 'POST', headers: headers(s), body: JSON.stringify({ body: stamped(i) }) }).then((r) => void (r.status === 201 && ok++)));
  }
  await Promise.all(pending);
  return ok;
}

async function live(db: Db, srv: Child, s: Session, viewers: Session[], meetingId: number) {
  const idle = rssMb(srv.proc.pid);
  const t0 = Date.now();
  const { children, connected, failed } = await openClients([srv.url], meetingId, viewers, clients, clientProcs);
  console.log(`[${db}] ${connected} SSE clients connected in ${((Date.now() - t0) / 1000).toFixed(1)} s (${failed} failed); server RSS ${idle?.toFixed(0)} → ${rssMb(srv.proc.pid)?.toFixed(0)} MB`);
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(srv.proc.pid) ?? 0)), 250);
  const taken = await trickle(srv.url, s, meetingId, TARGET.liveRate, duration);
  await new Promise((r) => setTimeout(r, 3000));
  clearInterval(sampler);
  const r = await report(children);
  const expected = taken * connected;
  console.log(`[${db}] ${taken} comments at ${TARGET.liveRate}/s to ${connected} clients: delivered ${r.delivered} of ${expected}, p50 ${r.p50} ms, p99 ${r.p99} ms, gaps ${r.gaps}, repeats ${r.repeats}, streams closed ${r.closed}; peak RSS ${peak.toFixed(0)} MB`);
  row(db, `${connected} SSE clients (of ${clients}): delivered, p99`, `${r.delivered}/${expected}, ${r.p99} ms`, `all, < ${TARGET.deliveryP99Ms} ms`, connected === clients && r.delivered === expected && (r.p99 ?? Infinity) < TARGET.deliveryP99Ms);
  row(db, 'server RSS with the clients (peak)', `${peak.toFixed(0)} MB`, `< ${TARGET.rssMb} MB`, peak < TARGET.rssMb);
}

/** A second server process on the same PostgreSQL database; clients there, comments posted through the first. */
async function twoProcesses(db: Db, work: string, pgDb: string, password: string, first: Child, pub: Session, staff: Session, viewers: Session[]) {
  const { child: other } = await server(db, work, 'second', pgDb, password);
  // Sessions live in the database: the accounts signed in on the first process are known on the second.
  const room = await liveMeeting(first.url, staff);
  const { children, connected } = await openClients([other.url], room, viewers, Math.min(500, clients), 1);
  const taken = await trickle(first.url, pub, room, TARGET.liveRate, Math.min(5, duration));
  await new Promise((r) => setTimeout(r, 2000));
  const r = await report(children);
  console.log(`[${db}] two processes: ${taken} comments posted through one, ${connected} clients on the other: delivered ${r.delivered} of ${taken * connected}, p99 ${r.p99} ms`);
  row(db, 'two processes: posted on one, seen on the other', `${r.delivered}/${taken * connected}, p99 ${r.p99} ms`, 'all', connected > 0 && r.delivered === taken * connected);
  await other.stop();
}

async function main() {
  const dbs = await chooseDatabases(opt('db', 'BENCH_DB', ''), pgUrl);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-bench-consultations-'));
  cleanups.push(async () => fs.rmSync(work, { recursive: true, force: true }));
  const ceiling = await startNode(path.join(root, 'bench/ceiling.ts'), {}, path.join(work, 'ceiling.log'), '/', 30_000);
  cleanups.push(ceiling.stop);
  for (const db of dbs) {
    console.log(`\n[${db}] starting a fresh server (demo data)…`);
    const pgDb = db === 'postgres' ? await freshPostgres(pgUrl) : '';
    const { child: srv, password } = await server(db, work, 'main', pgDb);
    const staff = await signIn(srv.url, 'staff', password);
    const admin = await signIn(srv.url, 'admin', password);
    const pub = await signIn(srv.url, 'public', password);
    const meetingId = await liveMeeting(srv.url, staff);
    const viewers = await publicSessions(srv.url, admin, password, 20);
    if (parts.has('post') || parts.has('page')) await posting(db, srv.url, pub, meetingId);
    if (parts.has('page')) await paging(db, srv.url, pub, meetingId, ceiling);
    // A fresh room for the live part: its clients are not slowed by the backlog of the posting runs.
    const room = await liveMeeting(srv.url, staff);
    if (parts.has('live')) await live(db, srv, pub, viewers, room);
    if (db === 'postgres' && parts.has('two')) await twoProcesses(db, work, pgDb, password, srv, pub, staff, viewers);
    await srv.stop();
  }
  console.log(`\nLive room (${duration} s runs, ${connections} connections for autocannon, ${clients} SSE clients in ${clientProcs} processes)`);
  console.table(rows.map((r) => ({ database: r.db, measure: r.what, result: r.value, target: r.target, pass: r.pass === null ? '-' : r.pass ? 'yes' : 'NO' })));
  const dir = path.join(root, 'bench', 'results');
  fs.mkdirSync(dir, { recursive: true });
  const at = new Date().toISOString();
  const json = JSON.stringify({ at, machine: { cpus: os.cpus().length, loadAverage: os.loadavg()[0] }, duration, connections, clients, clientProcs, parts: [...parts], targets: TARGET, rows }, null, 2) + '\n';
  fs.writeFileSync(path.join(dir, `consultations-${at.replace(/[:.]/g, '-')}.json`), json);
  fs.writeFileSync(path.join(dir, 'latest-consultations.json'), json);
}

main()
  .catch((e) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(() => void cleanUp());
