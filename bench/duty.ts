// npm run bench:duty: members' duty records at the size of a province's year (bench/duty-data.ts:
// 99 organizations, 20,000 members, 1,000,000 events). The targets: the office's list
// (GET /api/duty/members, first page sorted by points, plain and filtered by sector and standing)
// at ≥ 30% of the ceiling with p99 < 50 ms; a member's own page (GET /api/duty/me) at ≥ 30% of the
// ceiling; a rule change in every organization in turn (PUT /api/duty/rules: the whole year
// re-priced and re-scored) under 60 s with the server's memory under 500 MB; recording an act
// (replaceDuty, with the member's total it moves) adding under 1 ms to the command that causes it.
// On SQLite, and on PostgreSQL too when DATABASE_URL (or BENCH_DATABASE_URL) names a server: each
// run gets a fresh database beside it. Options (env or --flag=value): BENCH_DURATION / --duration
// (s of each measurement, 5), BENCH_CONNECTIONS / --connections (20).
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { benchServer, type Child, type Db, dbLabel, runBench } from './procs.js';
import { EVENTS, generate, MEMBERS } from './duty-data.js';
import { recording } from './duty-recording.js';

const { values: args } = parseArgs({ options: Object.fromEntries(['duration', 'connections'].map((k) => [k, { type: 'string' as const }])) });
const opt = (flag: string, env: string, fallback: string) => (args[flag] as string | undefined) ?? process.env[env] ?? fallback;
const duration = Number(opt('duration', 'BENCH_DURATION', '5'));
const connections = Number(opt('connections', 'BENCH_CONNECTIONS', '20'));
const pgUrl = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || '';
const TARGET = { share: 0.3, listP99Ms: 50, ruleSeconds: 60, rssMb: 500, recordMs: 1 };
// The rules changed in every organization: two kinds re-priced, one held to a cap.
const RULES = [{ kind: 'proposal_filed', points: 6 }, { kind: 'meeting_attended', points: 2.5 }, { kind: 'opinion_submitted', points: 3, cap: 20 }];

type Req = { method?: string; path: string };
/** autocannon over GET paths, one set of headers for all: its reconnect loses a list of per-request headers and throws. */
async function measure(url: string, requests: Req[], seconds = duration, headers: Record<string, string> = {}) {
  // A generous timeout: on a busy machine a cold first answer can take seconds.
  const r = await autocannon({ url, connections, duration: seconds, timeout: 60, headers, requests: requests.map((q) => ({ method: 'GET', ...q })) });
  return { rps: r.requests.average, p50Ms: r.latency.p50, p99Ms: r.latency.p99, non2xx: r.non2xx, errors: r.errors };
}

/**
 * The server's resident memory now and at its peak so far, in MB, from /proc (Linux). `anonMb` is
 * the process's own memory; the rest of the RSS is file pages mapped into it (SQLite reads its
 * file through a memory map), which are the operating system's file cache, shared and reclaimed
 * under pressure. The target is judged on the process's own memory; both are reported.
 */
function memory(pid: number | undefined) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rssMb: kb('VmRSS') / 1024, anonMb: kb('RssAnon') / 1024, peakMb: kb('VmHWM') / 1024 };
}

async function run(db: Db, work: string, ceiling: Child) {
  const { dataDir, databaseUrl, start } = await benchServer(db, work, pgUrl, { SHANGLIANG_DEMO_CITY_MEMBERS: '1000' });
  console.log(`\n[${db}] seeding the demo city…`);
  await (await start()).stop();
  const data = await generate(dataDir, databaseUrl);
  console.log(`[${db}] ${JSON.stringify(data.counts)} written in ${data.seconds.toFixed(1)} s (events ${data.eventSeconds.toFixed(1)} s, totals scored ${data.totalsSeconds.toFixed(1)} s)`);
  const server = await start();
  const staff = { cookie: data.staff[0], 'x-csrf-token': data.staff[1] };
  const base = `/api/duty/members?organizationId=${data.city}&year=${data.year}`;
  const list = [base, `${base}&sectorId=${data.citySector}`, `${base}&standing=1`, `${base}&sectorId=${data.citySector}&standing=1`].map((p) => ({ path: p }));
  // One member's account for the own page (see measure); the others' pages cost the same.
  const me = [{ path: `/api/duty/me?year=${data.year}` }];
  // What a browser sends: the office's and the members' pages are read compressed.
  const browser = { 'accept-encoding': 'gzip, deflate, br' };
  const asStaff = { ...browser, cookie: staff.cookie }, asMember = { ...browser, cookie: data.memberCookies[0]![0] };
  const byName = [{ path: `${base}&sort=name&order=asc` }];
  await measure(server.url, list, 3, asStaff); // warm-up
  await measure(server.url, me, 2, asMember);
  // What is measured is the whole answer, compressed: a full page of members, a member's year of events.
  const sample = async (path: string, headers: Record<string, string>) => {
    const res = await fetch(`${server.url}${path}`, { headers });
    const body = (await res.json()) as { items?: unknown[]; events?: unknown[] };
    return { encoding: res.headers.get('content-encoding'), rows: (body.items ?? body.events ?? []).length };
  };
  for (const [path, headers] of [[list[0]!.path, asStaff], [me[0]!.path, asMember]] as const) {
    const got = await sample(path, headers);
    if (got.encoding !== 'gzip' || got.rows < 10) throw new Error(`${path} is not what it should be: ${JSON.stringify(got)}`);
  }
  const ceilingBefore = (await measure(ceiling.url, [{ path: '/' }])).rps;
  const listed = await measure(server.url, list, duration, asStaff);
  const own = await measure(server.url, me, duration, asMember);
  const named = await measure(server.url, byName, duration, asStaff);
  const ceilingAfter = (await measure(ceiling.url, [{ path: '/' }])).rps;
  const ceilingRps = (ceilingBefore + ceilingAfter) / 2;

  // A rule change in every organization in turn, the server's memory sampled as it works.
  const before = memory(server.proc.pid);
  let peakRss = before.rssMb, peakAnon = before.anonMb;
  const sampler = setInterval(() => {
    const m = memory(server.proc.pid);
    peakRss = Math.max(peakRss, m.rssMb);
    peakAnon = Math.max(peakAnon, m.anonMb);
  }, 50);
  const t0 = performance.now();
  let slowest = 0, refused = 0;
  for (const organizationId of data.organizations) {
    const t = performance.now();
    const res = await fetch(`${server.url}/api/duty/rules`, { method: 'PUT', headers: { ...staff, 'content-type': 'application/json' }, body: JSON.stringify({ organizationId, year: data.year, rules: RULES }) });
    await res.arrayBuffer();
    if (res.status !== 200) refused++;
    slowest = Math.max(slowest, (performance.now() - t) / 1000);
  }
  const ruleSeconds = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  const after = memory(server.proc.pid);
  // The rule change raised every organization's duty version: the next answers are built afresh.
  // What a reader waits for then, once (the kept answers above are what every later read costs).
  const once = async (path: string, headers: Record<string, string>) => {
    const t = performance.now();
    const res = await fetch(`${server.url}${path}`, { headers });
    await res.arrayBuffer();
    return Math.round((performance.now() - t) * 10) / 10;
  };
  const fresh = { listMs: await once(list[0]!.path, asStaff), meMs: await once(me[0]!.path, asMember), byNameMs: await once(byName[0]!.path, asStaff) };
  // The kept totals after the change equal the members scored from the rules on the spot (sorted by name).
  const all = async (sort: string) => {
    const out = new Map<number, number>();
    for (let page = 1; ; page++) {
      const res = await fetch(`${server.url}${base}&sort=${sort}&pageSize=200&page=${page}`, { headers: { cookie: staff.cookie } });
      const body = (await res.json()) as { items: { memberId: number; total: number }[] };
      for (const i of body.items) out.set(i.memberId, i.total);
      if (body.items.length < 200) return out;
    }
  };
  const kept = await all('total'), scored = await all('name');
  const agree = kept.size === data.cityMembers && [...scored].every(([id, total]) => kept.get(id) === total);
  await server.stop();
  const record = await recording(dataDir, databaseUrl, data.year);

  const result = {
    db, ceilingBefore, ceilingAfter,
    list: { ...listed, share: listed.rps / ceilingRps }, me: { ...own, share: own.rps / ceilingRps }, byName: { ...named, share: named.rps / ceilingRps },
    fresh,
    ruleChange: { organizations: data.organizations.length, seconds: ruleSeconds, slowestSeconds: slowest, refused, rssBeforeMb: before.rssMb, rssPeakMb: Math.max(peakRss, after.rssMb), anonBeforeMb: before.anonMb, anonPeakMb: Math.max(peakAnon, after.anonMb), vmHwmMb: after.peakMb, totalsAgree: agree },
    record,
  };
  console.log(`[${db}] ceiling ${ceilingBefore.toFixed(0)} → ${ceilingAfter.toFixed(0)} req/s`);
  for (const [name, r] of [['GET /api/duty/members (by points, filters)', result.list], ['GET /api/duty/me', result.me], ['GET /api/duty/members?sort=name (every member scored)', result.byName]] as const)
    console.log(`[${db}] ${name}: ${r.rps.toFixed(0)} req/s (${(r.share * 100).toFixed(1)}% of the ceiling), p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms, non-2xx ${r.non2xx}, errors ${r.errors}`);
  console.log(`[${db}] first answer after a change: list ${fresh.listMs} ms, own page ${fresh.meMs} ms, list by name ${fresh.byNameMs} ms`);
  const rc = result.ruleChange;
  console.log(`[${db}] rule change in ${rc.organizations} organizations: ${rc.seconds.toFixed(1)} s (slowest ${rc.slowestSeconds.toFixed(2)} s, refused ${rc.refused}); own memory (RssAnon) ${rc.anonBeforeMb.toFixed(0)} → peak ${rc.anonPeakMb.toFixed(0)} MB; RSS with mapped file pages ${rc.rssBeforeMb.toFixed(0)} → peak ${rc.rssPeakMb.toFixed(0)} MB (VmHWM ${rc.vmHwmMb.toFixed(0)} MB); kept totals agree with scoring: ${agree}`);
  console.log(`[${db}] recording an act: replaceDuty p50 ${record.replaceDuty.p50Ms} ms, p99 ${record.replaceDuty.p99Ms} ms (${record.n} acts); kept totals agree with scoring again: ${record.totalsAgree}`);
  const checks = [
    { target: `list ≥ ${TARGET.share * 100}% of the ceiling, p99 < ${TARGET.listP99Ms} ms`, pass: result.list.share >= TARGET.share && listed.p99Ms < TARGET.listP99Ms && listed.non2xx === 0 },
    { target: `own page ≥ ${TARGET.share * 100}% of the ceiling`, pass: result.me.share >= TARGET.share && own.non2xx === 0 },
    { target: `a rule change in every organization under ${TARGET.ruleSeconds} s, own memory under ${TARGET.rssMb} MB, totals right`, pass: rc.seconds < TARGET.ruleSeconds && rc.anonPeakMb < TARGET.rssMb && rc.refused === 0 && agree },
    { target: `recording an act adds under ${TARGET.recordMs} ms (median), totals right`, pass: record.replaceDuty.p50Ms < TARGET.recordMs && record.totalsAgree },
  ];
  console.log(`\n${dbLabel(db)}:`);
  for (const c of checks) console.log(`  ${c.pass ? 'PASS' : 'FAIL'}  ${c.target}`);
  return { ...result, checks, data: { members: MEMBERS, events: EVENTS, counts: data.counts, cityMembers: data.cityMembers, seconds: data.seconds, eventSeconds: data.eventSeconds, totalsSeconds: data.totalsSeconds } };
}

await runBench('duty', pgUrl, { duration, connections }, run);
