// npm run bench:halls: the halls' public pages and the support count under load, on 73 halls
// with five years of data (bench/halls-data.ts). The targets: the public hall page
// (GET /api/halls/public/:placeId, every hall in turn) and the public index (GET /api/halls/public)
// at ≥ 30% of the ceiling (a do-nothing Fastify route measured in the same run, bench/ceiling.ts)
// with p99 < 30 ms; 1,000 supports/s from distinct accounts, paced (an open loop: each request
// timed from when it was due), every support counted exactly once, and a repeat from the same
// account, sent at the same moment as the first or after it, counted zero times.
// On SQLite, and on PostgreSQL too when DATABASE_URL (or BENCH_DATABASE_URL) names a server: each
// run gets a fresh database beside it. Options (env or --flag=value): BENCH_DURATION / --duration
// (s of each measurement, 5), BENCH_CONNECTIONS / --connections (20), BENCH_RATE / --rate (1000).
import http from 'node:http';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { benchServer, type Child, type Db, dbLabel, runBench } from './procs.js';
import { generate, HALLS, YEARS } from './halls-data.js';

const { values: args } = parseArgs({ options: Object.fromEntries(['duration', 'connections', 'rate'].map((k) => [k, { type: 'string' as const }])) });
const opt = (flag: string, env: string, fallback: string) => (args[flag] as string | undefined) ?? process.env[env] ?? fallback;
const duration = Number(opt('duration', 'BENCH_DURATION', '5'));
const connections = Number(opt('connections', 'BENCH_CONNECTIONS', '20'));
const rate = Number(opt('rate', 'BENCH_RATE', '1000'));
const pgUrl = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || '';
const TARGET = { share: 0.3, p99Ms: 30 };
// Every tenth account sends its support twice at the same moment: one counts, the other is a 409.
const TWICE_EVERY = 10;

// What a phone's browser sends: the public pages are read compressed, as residents read them.
const BROWSER = { 'accept-encoding': 'gzip, deflate, br' };

/** autocannon over a list of GET paths, each connection walking through them in turn. */
async function measure(url: string, paths: string[]) {
  const r = await autocannon({ url, connections, duration, requests: paths.map((p) => ({ method: 'GET', path: p, headers: BROWSER })) });
  return { rps: r.requests.average, p50Ms: r.latency.p50, p99Ms: r.latency.p99, non2xx: r.non2xx, errors: r.errors };
}

/** Supports paced at `rate`/s: request i from account i to one of the topics; some sent twice at once. */
async function supports(url: string, topics: number[], accounts: (readonly [string, string])[]) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const latencies: number[] = [];
  const status: Record<number, number> = {};
  let errors = 0;
  let expected = 0;
  let done = 0;
  const jobs = accounts.flatMap((a, i) => (i % TWICE_EVERY === 0 ? [[i, a], [i, a]] : [[i, a]]) as [number, readonly [string, string]][]);
  const start = performance.now();
  let last = start;
  await new Promise<void>((resolve) => {
    const send = (j: number) => {
      const [i, [cookie, csrf]] = jobs[j]!;
      const due = start + (i * 1000) / rate;
      const req = http.request(`${url}/api/halls/topics/${topics[i % topics.length]}/support`, { method: 'POST', agent, headers: { cookie, 'x-csrf-token': csrf, 'content-length': '0' } }, (res) => {
        res.resume();
        res.on('end', () => {
          latencies.push(performance.now() - due);
          status[res.statusCode ?? 0] = (status[res.statusCode ?? 0] ?? 0) + 1;
          finish();
        });
      });
      req.on('error', () => {
        errors++;
        finish();
      });
      req.end();
    };
    const finish = () => {
      last = performance.now();
      if (++done === jobs.length) resolve();
    };
    let next = 0;
    const tick = () => {
      const now = performance.now();
      while (next < jobs.length && start + (jobs[next]![0] * 1000) / rate <= now) send(next++);
      if (next < jobs.length) setTimeout(tick, 1);
    };
    tick();
  });
  agent.destroy();
  expected = accounts.length;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))]! * 10) / 10;
  return { requests: jobs.length, accounts: expected, seconds: (last - start) / 1000, rps: jobs.length / ((last - start) / 1000), p50Ms: pct(0.5), p99Ms: pct(0.99), status, errors };
}

async function supportCount(dataDir: string, databaseUrl: string, topics: number[]) {
  const query = `select count(*) as n from hall_supports where topic_id in (${topics.map(Number).join(',')})`;
  if (!databaseUrl) {
    const db = new SQLite(path.join(dataDir, 'shangliang.db'), { readonly: true, fileMustExist: true });
    try {
      return Number((db.prepare(query).get() as { n: number }).n);
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return Number((await client.query<{ n: string }>(query)).rows[0]!.n);
  } finally {
    await client.end();
  }
}

async function run(db: Db, work: string, ceiling: Child) {
  const { dataDir, databaseUrl, start } = await benchServer(db, work, pgUrl);
  console.log(`\n[${db}] seeding the demo city…`);
  await (await start()).stop();
  // Accounts for the support run: the rate's worth for the measured seconds.
  const data = await generate(dataDir, databaseUrl, rate * duration);
  console.log(`[${db}] ${HALLS} halls × ${YEARS} years written in ${data.seconds.toFixed(1)} s: ${JSON.stringify(data.counts)}`);
  const server = await start();
  const pagePaths = data.hallIds.map((id) => `/api/halls/public/${id}`);
  await measure(server.url, pagePaths); // warm-up
  // What is measured is the page itself: compressed, whole, with the hall's five years of topics.
  const sample = await fetch(`${server.url}${pagePaths[0]}`, { headers: BROWSER });
  const sampleTopics = ((await sample.json()) as { topics: unknown[] }).topics.length;
  if (sample.headers.get('content-encoding') !== 'gzip' || sampleTopics < YEARS * 20) throw new Error(`the hall page is not what it should be: ${sample.headers.get('content-encoding')}, ${sampleTopics} topics`);
  const ceilingBefore = (await measure(ceiling.url, ['/'])).rps;
  const page = await measure(server.url, pagePaths);
  const index = await measure(server.url, ['/api/halls/public']);
  const ceilingAfter = (await measure(ceiling.url, ['/'])).rps;
  const ceilingRps = (ceilingBefore + ceilingAfter) / 2;
  const before = await supportCount(dataDir, databaseUrl, data.openTopics);
  const first = await supports(server.url, data.openTopics, data.accounts);
  const afterFirst = await supportCount(dataDir, databaseUrl, data.openTopics);
  // The same accounts again: every one a repeat.
  const repeat = await supports(server.url, data.openTopics, data.accounts);
  const afterRepeat = await supportCount(dataDir, databaseUrl, data.openTopics);
  await server.stop();
  const result = {
    db, ceilingBefore, ceilingAfter,
    page: { ...page, share: page.rps / ceilingRps }, index: { ...index, share: index.rps / ceilingRps },
    supports: { first, repeat, counted: afterFirst - before, countedOnRepeat: afterRepeat - afterFirst },
  };
  console.log(`[${db}] ceiling ${ceilingBefore.toFixed(0)} → ${ceilingAfter.toFixed(0)} req/s`);
  for (const [name, r] of [['GET /api/halls/public/:placeId', result.page], ['GET /api/halls/public', result.index]] as const)
    console.log(`[${db}] ${name}: ${r.rps.toFixed(0)} req/s (${(r.share * 100).toFixed(1)}% of the ceiling), p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms, non-2xx ${r.non2xx}, errors ${r.errors}`);
  for (const [name, r] of [['supports', first], ['repeats', repeat]] as const)
    console.log(`[${db}] ${name}: ${r.requests} requests from ${r.accounts} accounts in ${r.seconds.toFixed(1)} s = ${r.rps.toFixed(0)} req/s, p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms, answers ${JSON.stringify(r.status)}, errors ${r.errors}`);
  console.log(`[${db}] supports counted: ${result.supports.counted} for ${first.accounts} accounts; on the repeat run: ${result.supports.countedOnRepeat}`);
  const twice = Math.ceil(first.accounts / TWICE_EVERY);
  const checks = [
    { target: `hall page ≥ ${TARGET.share * 100}% of the ceiling, p99 < ${TARGET.p99Ms} ms`, pass: result.page.share >= TARGET.share && page.p99Ms < TARGET.p99Ms && page.non2xx === 0 },
    { target: `index ≥ ${TARGET.share * 100}% of the ceiling, p99 < ${TARGET.p99Ms} ms`, pass: result.index.share >= TARGET.share && index.p99Ms < TARGET.p99Ms && index.non2xx === 0 },
    { target: `${rate} supports/s offered, all answered at that rate (within 5%)`, pass: first.accounts / first.seconds >= rate * 0.95 && first.errors === 0 },
    { target: 'every support counted exactly once (204 each; the simultaneous second 409)', pass: result.supports.counted === first.accounts && first.status[204] === first.accounts && first.status[409] === twice },
    { target: 'a repeat from the same account counted zero times (409 each)', pass: result.supports.countedOnRepeat === 0 && repeat.status[409] === repeat.requests },
  ];
  console.log(`\n${dbLabel(db)}:`);
  for (const c of checks) console.log(`  ${c.pass ? 'PASS' : 'FAIL'}  ${c.target}`);
  return { ...result, checks, data: { halls: HALLS, years: YEARS, counts: data.counts, seconds: data.seconds } };
}

await runBench('halls', pgUrl, { duration, connections, rate }, run);
