// npm run bench: throughput and latency of hot routes on SQLite and PostgreSQL, each as a share of
// a do-nothing Fastify route measured in the same run. On a small machine the load generator
// takes a core from the server, so absolute requests/s say little; the share is what compares.
// Options (env or --flag=value): BENCH_MEMBERS / --members, BENCH_DURATION / --duration (s),
// BENCH_CONNECTIONS / --connections, BENCH_DB / --db (sqlite | postgres | both),
// BENCH_DATABASE_URL / --database-url, BENCH_WARMUP / --warmup (s).
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { type Child, chooseDatabases, cleanUp, cleanups, cpuSeconds, type Db, freshPostgres, login, startNode } from './procs.js';

const { values: args } = parseArgs({
  options: Object.fromEntries(['members', 'duration', 'connections', 'db', 'database-url', 'warmup'].map((k) => [k, { type: 'string' as const }])),
});
const opt = (flag: string, env: string, fallback: string) => (args[flag] as string | undefined) ?? process.env[env] ?? fallback;
const members = Number(opt('members', 'BENCH_MEMBERS', '20000'));
const duration = Number(opt('duration', 'BENCH_DURATION', '10'));
const connections = Number(opt('connections', 'BENCH_CONNECTIONS', '50'));
const warmup = Number(opt('warmup', 'BENCH_WARMUP', '3'));
const pgUrl = opt('database-url', 'BENCH_DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/test');
const root = path.resolve(import.meta.dirname, '..');
const resultsDir = path.join(root, 'bench', 'results');

// The project's target for the member search list, on a 2-core machine.
const TARGET = { share: 0.3, p99Ms: 30 };
// The member search as deployed, where repeated searches are answered from memory, and with that
// cache off (SHANGLIANG_LIST_CACHE=off): every search goes to the database.
const SEARCH_WARM = 'GET /api/orgs/members?q=<term>';
const SEARCH_COLD = '  … cache off (every search cold)';

interface Row {
  route: string;
  path: string;
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  /** Connection errors and timeouts; autocannon counts a timeout (no answer in 10 s) as an error too. */
  errors: number;
  timeouts: number;
  share: number;
  /** The machine's 1-minute load average when the route's measurement ended: others share it. */
  loadAverage: number;
  /** CPU the answering process spent per request (µs, user + system), null where /proc is missing. */
  serverCpuUsPerRequest: number | null;
}

/** One autocannon run: a short warm-up (JIT, caches, pools), then the measured one, with the CPU the server spent. */
async function measure(url: string, paths: string[], headers: Record<string, string>, pid: number | undefined) {
  const requests = paths.map((p) => ({ method: 'GET', path: p }));
  if (warmup > 0) await autocannon({ url, connections, duration: warmup, headers, requests });
  const cpuBefore = cpuSeconds(pid);
  const r = await autocannon({ url, connections, duration, headers, requests });
  const cpuAfter = cpuSeconds(pid);
  const serverCpuUsPerRequest = cpuBefore !== null && cpuAfter !== null && r.requests.total > 0 ? ((cpuAfter - cpuBefore) * 1e6) / r.requests.total : null;
  return { requestsPerSec: r.requests.average, p50Ms: r.latency.p50, p99Ms: r.latency.p99, non2xx: r.non2xx, errors: r.errors, timeouts: r.timeouts, serverCpuUsPerRequest };
}

/**
 * Search terms taken from the data itself, cycled through by the load generator so that no single
 * cached answer flatters the result: given names (few matches), a surname with the first character
 * of a given name (more), and workplace words (a thousand matches and more).
 */
async function pickTerms(url: string, cookie: string) {
  const res = await fetch(`${url}/api/orgs/members?limit=100`, { headers: { cookie } });
  if (!res.ok) throw new Error(`member list failed: ${res.status}`);
  const { items, total: visible } = (await res.json()) as { items: { name: string; workplace: string | null }[]; total: number };
  const names = items.map((m) => [...m.name]).filter((c) => c.length === 3);
  const given = [...new Set(names.map((c) => c[1]! + c[2]!))].slice(0, 4);
  const leading = [...new Set(names.map((c) => c[0]! + c[1]!))].slice(0, 2);
  const places = ['医院', '学校', '公司', '银行', '大学', '协会'].filter((w) => items.some((m) => m.workplace?.includes(w))).slice(0, 2);
  const terms = [...given, ...leading, ...places];
  const out = [];
  for (const term of terms) {
    const page = await fetch(`${url}/api/orgs/members?q=${encodeURIComponent(term)}`, { headers: { cookie } });
    if (!page.ok) throw new Error(`search for ${term} failed: ${page.status}`);
    // A common word's total may be counted only up to a limit (totalExact false): shown as "1000+".
    const body = (await page.json()) as { total: number; totalExact?: boolean };
    out.push({ term, total: body.total, totalExact: body.totalExact !== false });
  }
  return { terms: out, visible };
}

async function benchDatabase(db: Db, ceiling: Child, work: string) {
  const dataDir = path.join(work, db);
  fs.mkdirSync(dataDir, { recursive: true });
  const password = `Bench-${crypto.randomBytes(9).toString('hex')}`; // has the classes the password policy asks for
  let databaseUrl = '';
  if (db === 'postgres') {
    databaseUrl = await freshPostgres(pgUrl);
  }
  console.log(`\n[${db}] starting the server and seeding ${members} city members…`);
  const started = Date.now();
  // The same server twice on the same data: first as deployed (member list answers kept in
  // memory), then with that cache off, so that the figure of a search nobody asked before is shown too.
  const start = (listCache: boolean) =>
    startNode(
      path.join(root, 'server/src/main.ts'),
      {
        SHANGLIANG_DATA_DIR: dataDir,
        DATABASE_URL: databaseUrl,
        SHANGLIANG_DEMO_PASSWORD: password,
        SHANGLIANG_DEMO_CITY_MEMBERS: String(members),
        SHANGLIANG_RATE_LIMITS: 'off',
        SHANGLIANG_JOBS: 'off',
        SHANGLIANG_LIST_CACHE: listCache ? 'on' : 'off',
        LOG_LEVEL: 'warn',
      },
      path.join(dataDir, 'server.log'),
      '/api/health',
      15 * 60_000,
    );
  const server = await start(true);
  cleanups.push(server.stop);
  const seedSeconds = (Date.now() - started) / 1000;
  console.log(`[${db}] serving after ${seedSeconds.toFixed(1)} s`);
  if (db === 'postgres') {
    // A PostgreSQL with default settings (autovacuum on) vacuums and analyzes a freshly loaded
    // table within a minute or so; until then index-only scans still visit the table (no
    // visibility map yet). Do now what autovacuum would do, so the figures are those of a server
    // in use rather than of its first minute; this machine's PostgreSQL runs without autovacuum.
    const c = new pg.Client({ connectionString: databaseUrl });
    await c.connect();
    await c.query('vacuum analyze');
    await c.end();
  }

  const cookie = await login(server.url, password);
  const { terms, visible } = await pickTerms(server.url, cookie);
  console.log(`[${db}] staff sees ${visible} members (city and counties)`);
  console.log(`[${db}] search terms (total matches): ${terms.map((t) => `${t.term} (${t.total}${t.totalExact ? '' : '+'})`).join(', ')}`);

  const rows: Row[] = [];
  const run = async (route: string, target: Child, paths: string[], headers: Record<string, string> = {}) => {
    const m = await measure(target.url, paths, headers, target.proc.pid);
    rows.push({ route, path: paths[0]!, ...m, share: 0, loadAverage: os.loadavg()[0] ?? 0 });
    console.log(`[${db}] ${route}: ${m.requestsPerSec.toFixed(0)} req/s`);
  };
  // The ceiling is measured before and after the product's routes: on a shared machine the two
  // differ when something else ran meanwhile, and the share is taken of their mean.
  await run('ceiling before', ceiling, ['/']);
  await run('GET /api/health', server, ['/api/health']);
  const searchPaths = terms.map((t) => `/api/orgs/members?q=${encodeURIComponent(t.term)}`);
  await run(SEARCH_WARM, server, searchPaths, { cookie });
  await server.stop();
  const cold = await start(false);
  cleanups.push(cold.stop);
  await run(SEARCH_COLD, cold, searchPaths, { cookie: await login(cold.url, password) });
  await cold.stop();
  await run('ceiling after', ceiling, ['/']);
  const ceilingRps = (rows[0]!.requestsPerSec + rows[rows.length - 1]!.requestsPerSec) / 2;
  for (const r of rows) r.share = r.requestsPerSec / ceilingRps;
  return { seedSeconds, visible, terms, rows, ceilingRps };
}

function report(db: Db, rows: Row[], ceilingRps: number) {
  const line = (cells: string[]) => console.log(cells.map((c, i) => (i === 0 ? c.padEnd(34) : c.padStart(10))).join(' '));
  console.log(`\n${db === 'sqlite' ? 'SQLite' : 'PostgreSQL'}: ${members} city members, ${connections} connections, ${duration} s each; share of the ceiling's mean, ${ceilingRps.toFixed(0)} req/s`);
  line(['route', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'errors', 'share', 'load avg', 'CPU µs/req']);
  for (const r of rows) line([r.route, r.requestsPerSec.toFixed(0), String(r.p50Ms), String(r.p99Ms), String(r.non2xx), r.timeouts ? `${r.errors} (${r.timeouts} t/o)` : String(r.errors), (r.share * 100).toFixed(1) + '%', r.loadAverage.toFixed(2), r.serverCpuUsPerRequest === null ? '-' : r.serverCpuUsPerRequest.toFixed(0)]);
  const first = rows[0]!;
  const last = rows[rows.length - 1]!;
  // What each route would reach where the server, not the machine, is the limit: the ceiling's
  // CPU per answer over the route's (independent of the load others put on the machine).
  if (first.serverCpuUsPerRequest && last.serverCpuUsPerRequest) {
    const ceilingCpu = (first.serverCpuUsPerRequest + last.serverCpuUsPerRequest) / 2;
    const shares = rows.slice(1, -1).map((r) => `${r.route.trim()} ${r.serverCpuUsPerRequest ? ((ceilingCpu / r.serverCpuUsPerRequest) * 100).toFixed(1) + '%' : '-'}`);
    console.log(`  By CPU per answer (ceiling ${ceilingCpu.toFixed(0)} µs = 100%): ${shares.join('; ')}`);
  }
  const drift = Math.abs(first.requestsPerSec - last.requestsPerSec) / Math.max(first.requestsPerSec, last.requestsPerSec);
  if (drift > 0.2) console.log(`  Note: the ceiling moved ${(drift * 100).toFixed(0)}% during the run: something else used the CPU; rerun on a quiet machine.`);
  const target = (label: string, r: Row) => [
    { target: `${label} ≥ ${TARGET.share * 100}% of the ceiling`, pass: r.share >= TARGET.share },
    { target: `${label} p99 < ${TARGET.p99Ms} ms`, pass: r.p99Ms < TARGET.p99Ms },
  ];
  const checks = [
    ...target('member search', rows.find((r) => r.route === SEARCH_WARM)!),
    ...target('member search, cache off', rows.find((r) => r.route === SEARCH_COLD)!),
    { target: 'every response 2xx, no errors or timeouts (10 s)', pass: rows.every((r) => r.non2xx === 0 && r.errors === 0) },
  ];
  for (const c of checks) console.log(`  ${c.pass ? 'PASS' : 'FAIL'}  ${c.target}`);
  return checks;
}

const databases = await chooseDatabases(opt('db', 'BENCH_DB', ''), pgUrl);
// The load average before anything starts says whether the machine was quiet to begin with.
const loadAtStart = os.loadavg()[0] ?? 0;
console.log(`Load average ${loadAtStart.toFixed(2)} on ${os.cpus().length} cores before starting${loadAtStart > 0.5 ? ': something else is running, figures will be noisy' : ''}.`);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-bench-'));
cleanups.push(async () => fs.rmSync(work, { recursive: true, force: true }));
fs.mkdirSync(resultsDir, { recursive: true });
try {
  const ceiling = await startNode(path.join(root, 'bench/ceiling.ts'), {}, path.join(work, 'ceiling.log'), '/', 30_000);
  cleanups.push(ceiling.stop);
  const machine = { cores: os.cpus().length, cpu: os.cpus()[0]?.model ?? '', node: process.version, platform: `${os.platform()} ${os.release()}`, loadAverageAtStart: loadAtStart };
  for (const db of databases) {
    const { seedSeconds, visible, terms, rows, ceilingRps } = await benchDatabase(db, ceiling, work);
    const checks = report(db, rows, ceilingRps);
    const at = new Date().toISOString();
    const json = JSON.stringify({ db, at, machine, members, membersVisible: visible, duration, connections, warmup, loadGenerator: 'autocannon', seedSeconds, terms, ceilingRps, results: rows, targets: checks }, null, 2);
    fs.writeFileSync(path.join(resultsDir, `${db}-${at.replace(/[:.]/g, '-')}.json`), json + '\n');
    fs.writeFileSync(path.join(resultsDir, `latest-${db}.json`), json + '\n');
  }
  console.log(`\nResults written to ${path.relative(process.cwd(), resultsDir)}/. A benchmark measures; it does not gate: exit 0.`);
} finally {
  await cleanUp();
}
