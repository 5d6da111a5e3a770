// npm run bench:dashboard: the year's work figures of a province's whole system (bench/dashboard-data.ts:
// 70 CPPCCs, 20,000 members, 100,000 proposals, 500,000 public-opinion reports, 5,000 meetings).
// Targets: GET /api/dashboard/figures?organizationId=<province>&year=<this year>&scope=system at
// ≥ 20% of the ceiling with p99 < 100 ms as deployed (asked as a browser asks, accepting gzip); under 2 s when nothing is kept (the first
// request after the server starts, and the first after a write); 1,000 open big screens
// (GET /api/dashboard/live, same query) receive a figure's change within 1 s p99 of the write's
// answer. On SQLite, and on PostgreSQL too when BENCH_DATABASE_URL (or DATABASE_URL) names a
// server: each run gets a fresh database beside it. Options (env or --flag=value): BENCH_DURATION /
// --duration (s of the measurement, 10), BENCH_CONNECTIONS / --connections (20), BENCH_SCREENS /
// --screens (1000), BENCH_WRITES / --writes (reports filed while the screens look, 20).
import http from 'node:http';
import os from 'node:os';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { generate, SIZE } from './dashboard-data.js';
import { benchServer, type Child, type Db, dbLabel, runBench } from './procs.js';

const { values: args } = parseArgs({ options: Object.fromEntries(['duration', 'connections', 'screens', 'writes'].map((k) => [k, { type: 'string' as const }])) });
const opt = (flag: string, env: string, fallback: string) => (args[flag] as string | undefined) ?? process.env[env] ?? fallback;
const duration = Number(opt('duration', 'BENCH_DURATION', '10'));
const connections = Number(opt('connections', 'BENCH_CONNECTIONS', '20'));
const screenCount = Number(opt('screens', 'BENCH_SCREENS', '1000'));
const writes = Number(opt('writes', 'BENCH_WRITES', '20'));
const pgUrl = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || '';
const TARGET = { share: 0.2, p99Ms: 100, coldMs: 2000, liveP99Ms: 1000 };
/** What a browser sends: every answer the panorama and the big screen read is asked this way. */
const BROWSER = { 'accept-encoding': 'gzip, deflate, br' };
/** The figure each write raises by one: a member's report filed in the demo city. */
const RAISED = 'opinions.received';

async function measure(url: string, path: string, seconds: number, headers: Record<string, string> = {}) {
  // A generous timeout: on a busy machine a cold answer can take seconds.
  const r = await autocannon({ url, connections, duration: seconds, timeout: 60, headers, requests: [{ method: 'GET', path }] });
  return { rps: r.requests.average, p50Ms: r.latency.p50, p99Ms: r.latency.p99, non2xx: r.non2xx, errors: r.errors };
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! : NaN;
};
const round = (x: number) => Math.round(x * 10) / 10;
/** The value of RAISED in a figures frame: the first "value" after its code (a figure's names and definition come between). */
const VALUE = new RegExp(`"code":"${RAISED.replace('.', '\\.')}"[\\s\\S]*?"value":(\\d+)`);
const figureValue = (text: string) => Number(VALUE.exec(text)?.[1] ?? NaN);

/**
 * A big screen: the stream held open, each `figures` event's value of RAISED noted with the moment
 * it arrived (read by a pattern rather than parsed: a thousand screens in this one process must
 * not make the load generator the bottleneck).
 */
class Screen {
  readonly seen: { value: number; at: number }[] = [];
  private req: http.ClientRequest;
  readonly opened: Promise<void>;
  constructor(url: string, headers: Record<string, string>) {
    let buffer = '';
    this.req = http.get(url, { headers: { ...headers, accept: 'text/event-stream' } });
    this.opened = new Promise((resolve, reject) => {
      this.req.on('error', reject);
      this.req.on('response', (res) => {
        if (res.statusCode !== 200) return reject(new Error(`screen answered ${res.statusCode}`));
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const frame = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            if (frame.startsWith('event: figures')) {
              this.seen.push({ value: figureValue(frame), at: performance.now() });
              resolve();
            }
          }
        });
        res.on('error', () => {});
      });
    });
  }
  close() {
    this.req.destroy();
  }
}

async function timed(url: string, headers: Record<string, string>) {
  const t = performance.now();
  const res = await fetch(url, { headers });
  const text = await res.text();
  if (!res.ok) throw new Error(`${url} answered ${res.status}: ${text.slice(0, 300)}`);
  return { ms: round(performance.now() - t), body: text };
}

async function run(db: Db, work: string, ceiling: Child) {
  const { dataDir, databaseUrl, start } = await benchServer(db, work, pgUrl, { SHANGLIANG_DEMO_CITY_MEMBERS: '1000' });
  console.log(`\n[${db}] seeding the demo city…`);
  await (await start()).stop();
  const data = await generate(dataDir, databaseUrl);
  console.log(`[${db}] ${JSON.stringify(data.counts)} written in ${data.seconds.all.toFixed(0)} s`);
  const loadAtStart = os.loadavg()[0]!;
  const server = await start();
  const staff = { cookie: data.staff[0] };
  const path = `/api/dashboard/figures?organizationId=${data.province}&year=${data.year}&scope=system`;
  const file = async (i: number) => {
    const res = await fetch(`${server.url}/api/opinions`, {
      method: 'POST',
      headers: { cookie: data.reporter[0], 'x-csrf-token': data.reporter[1], 'content-type': 'application/json' },
      body: JSON.stringify({ organizationId: data.city, title: `关于社区养老服务的情况反映（第${i}条）`, text: '社区居家养老服务供给不足，建议加大投入。', category: 'elderly' }),
    });
    if (res.status !== 201) throw new Error(`filing a report answered ${res.status}: ${await res.text()}`);
    return performance.now();
  };

  // Nothing kept: the first answer after the start, then the first after each of a few writes.
  const first = await timed(server.url + path, staff);
  const zero = JSON.parse(first.body) as { figures: { code: string; value: number }[] };
  const empty = zero.figures.filter((f) => f.value === 0).map((f) => f.code);
  const afterWrite: number[] = [];
  for (let i = 0; i < 5; i++) {
    await file(i);
    afterWrite.push((await timed(server.url + path, staff)).ms);
  }
  console.log(`[${db}] first answer after start ${first.ms} ms; after a write ${afterWrite.join(', ')} ms${empty.length ? `; figures at zero: ${empty.join(', ')}` : ''}`);

  // As deployed: the same answer asked again and again, as a browser asks (accepting gzip: the
  // kept answer is compressed once), and for comparison by a client that takes it uncompressed.
  await measure(server.url, path, 3, { ...staff, ...BROWSER });
  const ceilingBefore = (await measure(ceiling.url, '/', duration)).rps;
  const warm = await measure(server.url, path, duration, { ...staff, ...BROWSER });
  const plain = await measure(server.url, path, duration, staff);
  const ceilingAfter = (await measure(ceiling.url, '/', duration)).rps;
  const ceilingRps = (ceilingBefore + ceilingAfter) / 2;
  for (const [name, r] of [['as a browser asks (gzip)', warm], ['uncompressed', plain]] as const)
    console.log(`[${db}] figures kept, ${name}: ${r.rps.toFixed(0)} req/s (${((r.rps / ceilingRps) * 100).toFixed(1)}% of the ceiling ${ceilingBefore.toFixed(0)} → ${ceilingAfter.toFixed(0)}), p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms, non-2xx ${r.non2xx}`);

  // 1,000 big screens, then reports filed one at a time: how long after each write's answer every screen has the raised figure.
  const screens: Screen[] = [];
  const liveUrl = `${server.url}/api/dashboard/live?organizationId=${data.province}&year=${data.year}&scope=system`;
  for (let i = 0; i < screenCount; i += 100) {
    const batch = Array.from({ length: Math.min(100, screenCount - i) }, () => new Screen(liveUrl, staff));
    screens.push(...batch);
    await Promise.all(batch.map((s) => s.opened));
  }
  const delays: number[] = [];
  let missed = 0;
  for (let i = 0; i < writes; i++) {
    // Writes further apart than the hub's least time between counts: each is a change of its own.
    await new Promise((r) => setTimeout(r, 2500));
    const before = screens.map((s) => s.seen.at(-1)!.value);
    const answered = await file(100 + i);
    const deadline = performance.now() + 10_000;
    while (screens.some((s, k) => s.seen.at(-1)!.value <= before[k]!) && performance.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    for (const [k, s] of screens.entries()) {
      const got = s.seen.find((e) => e.value > before[k]! && e.at >= answered - 1000);
      if (got) delays.push(Math.max(0, got.at - answered));
      else missed++;
    }
  }
  for (const s of screens) s.close();
  const live = { screens: screenCount, writes, p50Ms: round(percentile(delays, 50)), p99Ms: round(percentile(delays, 99)), maxMs: round(Math.max(...delays)), missed };
  console.log(`[${db}] ${screenCount} screens, ${writes} writes: change received p50 ${live.p50Ms} ms, p99 ${live.p99Ms} ms, max ${live.maxMs} ms, missed ${missed}`);
  await server.stop();

  const result = {
    db, loadAtStart, loadAtEnd: os.loadavg()[0], ceilingBefore, ceilingAfter,
    cold: { firstMs: first.ms, afterWriteMs: afterWrite, worstMs: Math.max(first.ms, ...afterWrite) },
    warm: { ...warm, share: warm.rps / ceilingRps }, uncompressed: { ...plain, share: plain.rps / ceilingRps },
    live, figuresAtZero: empty,
  };
  const checks = [
    { target: `as deployed ≥ ${TARGET.share * 100}% of the ceiling, p99 < ${TARGET.p99Ms} ms`, pass: result.warm.share >= TARGET.share && warm.p99Ms < TARGET.p99Ms && warm.non2xx === 0 },
    { target: `nothing kept (after start, after a write) under ${TARGET.coldMs / 1000} s`, pass: result.cold.worstMs < TARGET.coldMs },
    { target: `${screenCount} screens receive a change within ${TARGET.liveP99Ms / 1000} s p99`, pass: live.p99Ms < TARGET.liveP99Ms && missed === 0 },
  ];
  console.log(`\n${dbLabel(db)} (load ${loadAtStart.toFixed(2)} → ${os.loadavg()[0]!.toFixed(2)}):`);
  for (const c of checks) console.log(`  ${c.pass ? 'PASS' : 'FAIL'}  ${c.target}`);
  return { ...result, checks, data: { size: SIZE, counts: data.counts, seconds: data.seconds } };
}

await runBench('dashboard', pgUrl, { duration, connections, screens: screenCount, writes }, run);
