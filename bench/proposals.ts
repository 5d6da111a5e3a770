// npm run bench:proposals: proposals at the scale of a national plenary's decade. 100,000
// proposals are written straight into a seeded database (SQLite and PostgreSQL), with their search
// index, then the filtered list, the full-text search and the similar-proposal lookup are measured.
// Targets: the list and the search answer with p99 < 50 ms and ≥ 20% of the ceiling route's
// requests/s; the similar-proposal lookup takes < 200 ms at p95. The lists are measured as deployed
// (answers kept in memory, platform/answer-cache.ts) and once more with that cache off (cold).
// Options (env or --flag=value): BENCH_PROPOSALS / --proposals, BENCH_DURATION / --duration (s),
// BENCH_CONNECTIONS / --connections, BENCH_DB / --db (sqlite | postgres | both),
// BENCH_DATABASE_URL / --database-url, BENCH_WARMUP / --warmup (s), BENCH_SIMILAR / --similar
// (how many lookups are timed).
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { sql, type Insertable } from 'kysely';
import { connect } from '../server/src/platform/db/connect.js';
import { addDays, chinaDate, chinaYear } from '../server/src/platform/time.js';
import { indexDocuments, type SearchDocument } from '../server/src/platform/search.js';
import type { AssignmentRole, AssignmentState, ProposalKind, ProposalState, ProposalTable } from '../server/src/platform/db/types.js';
import { type Child, chooseDatabases, cleanUp, cleanups, type Db, dbLabel, freshPostgres, login, startNode } from './procs.js';

const { values: args } = parseArgs({
  options: Object.fromEntries(['proposals', 'duration', 'connections', 'db', 'database-url', 'warmup', 'similar'].map((k) => [k, { type: 'string' as const }])),
});
const opt = (flag: string, env: string, fallback: string) => (args[flag] as string | undefined) ?? process.env[env] ?? fallback;
const total = Number(opt('proposals', 'BENCH_PROPOSALS', '100000'));
const duration = Number(opt('duration', 'BENCH_DURATION', '10'));
const connections = Number(opt('connections', 'BENCH_CONNECTIONS', '50'));
const warmup = Number(opt('warmup', 'BENCH_WARMUP', '3'));
const similarSamples = Number(opt('similar', 'BENCH_SIMILAR', '100'));
const pgUrl = opt('database-url', 'BENCH_DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/test');
const root = path.resolve(import.meta.dirname, '..');
const resultsDir = path.join(root, 'bench', 'results');
const TARGET = { share: 0.2, p99Ms: 50, similarP95Ms: 200 };

// ---- The generated proposals ------------------------------------------------------------------

// Topics with the words a search would use; each proposal takes one, so a topic's word matches
// about 1/TOPICS.length of them, and 建议 matches every one.
const TOPICS = [
  '普惠托育服务', '老旧小区加装电梯', '运河文化遗产保护', '制造业数字化改造', '农村生活污水治理', '城乡公交一体化', '社区居家养老', '中小企业融资',
  '基层医疗卫生', '未成年人心理健康', '垃圾分类', '高校毕业生就业', '科技成果转化', '网格化治理', '红色旅游', '法治宣传', '数字乡村', '营商环境',
  '新能源汽车充电设施', '长三角一体化', '海绵城市建设', '粮食安全', '食品安全监管', '职业教育产教融合', '公共图书馆服务', '体育场馆开放', '历史街区保护',
  '外卖骑手权益保障', '预制菜产业', '低空经济', '人工智能应用', '数据要素市场', '养老护理人才', '乡村教师队伍', '河湖长制', '生物多样性保护',
  '智慧停车', '电动自行车管理', '物业管理', '城中村改造', '保障性租赁住房', '县域医共体', '中医药传承', '残疾人就业', '退役军人服务', '非遗传承',
  '校外培训治理', '社区食堂', '农产品品牌', '共同富裕示范区', '山区海岛县发展', '跨境电商', '港口物流', '水上旅游', '湿地保护', '碳达峰碳中和',
  '消防安全', '燃气安全', '防汛抗台', '应急物资储备',
];
const OPENINGS = ['关于加快推进', '关于进一步加强', '关于完善', '关于推动', '关于着力提升', '关于规范', '关于支持', '关于健全'];
const ENDINGS = ['的建议', '工作的建议', '体制机制的建议', '若干问题的建议'];
const SENTENCES = [
  '近年来我市在这方面做了大量工作，取得了一定成效，但与群众期盼相比仍有差距。',
  '调研发现，相关政策落实不到位，部门之间协同不够，资金保障不足。',
  '基层反映较为集中的问题是服务供给不足、覆盖面不广、质量参差不齐。',
  '部分地区存在重建设轻管理的现象，长效运维机制尚未建立。',
  '专业人才短缺，待遇保障偏低，队伍稳定性较差。',
  '群众知晓率不高，参与渠道不畅，社会力量参与不足。',
  '与先进地区相比，我市在标准体系、数字化应用方面仍有短板。',
  '相关法规制度有待完善，执法监管力度有待加强。',
];
const SUGGESTIONS = [
  '一是加强统筹规划，明确部门职责分工，建立联席会议制度。',
  '二是加大财政投入，设立专项资金，撬动社会资本参与。',
  '三是加强人才队伍建设，完善培训、激励和保障机制。',
  '四是推进数字化改革，建设统一的信息平台，实现数据共享。',
  '五是健全考核评价机制，将相关工作纳入年度目标责任制考核。',
  '六是加强宣传引导，提高群众知晓率和参与度。',
];

const pick = <T>(list: readonly T[], n: number) => list[n % list.length]!;
function text(i: number) {
  const topic = pick(TOPICS, i * 7 + Math.floor(i / TOPICS.length));
  const title = `${pick(OPENINGS, i)}${topic}${pick(ENDINGS, i >> 3)}`;
  let reasons = `关于${topic}，`;
  for (let k = 0; reasons.length < 220; k++) reasons += pick(SENTENCES, i * 3 + k * 5);
  let suggestions = '';
  for (let k = 0; k < 4; k++) suggestions += pick(SUGGESTIONS, i + k);
  return { title, reasons: `${reasons}（第${i + 1}件）`, suggestions: `针对${topic}，${suggestions}` };
}

// Of 100: 4 submitted, 8 rejected, 2 merged, 1 converted, 5 accepted, 20 handling, 15 replied, 45 closed.
const STATES: [ProposalState, number][] = [['submitted', 4], ['rejected', 8], ['merged', 2], ['converted', 1], ['accepted', 5], ['handling', 20], ['replied', 15], ['closed', 45]];
const stateOf = (i: number) => {
  let k = (i * 37) % 100;
  for (const [state, n] of STATES) if ((k -= n) < 0) return state;
  return 'closed';
};
const KINDS: ProposalKind[] = ['individual', 'individual', 'individual', 'joint', 'joint', 'collective'];

/** Writes `total` proposals of the demo city straight into the database, with their search index. */
async function generate(db: Db, dataDir: string, databaseUrl: string) {
  const started = Date.now();
  const conn = connect({ databaseUrl: databaseUrl || null, dataDir });
  try {
    const k = conn.db;
    const city = (await k.selectFrom('organizations').select('id').where('level', '=', 'city').orderBy('id').executeTakeFirstOrThrow()).id;
    const sessions = await k.selectFrom('sessions as s').innerJoin('terms as t', 't.id', 's.term_id').select(['s.id', 's.opens_on']).where('t.organization_id', '=', city).where('t.current', '=', 1).orderBy('s.number').execute();
    const members = await k.selectFrom('members').select(['id', 'name', 'sector_id']).where('organization_id', '=', city).where('status', '=', 'active').orderBy('id').execute();
    const units = (await k.selectFrom('handling_units').select('id').where('organization_id', '=', city).orderBy('id').execute()).map((u) => u.id);
    const categories = (await k.selectFrom('proposal_categories').select('id').where('organization_id', '=', city).where('parent_id', 'is not', null).orderBy('id').execute()).map((c) => c.id);
    const author = (await k.selectFrom('users').select('id').where('username', '=', 'member').executeTakeFirstOrThrow()).id;
    const counters = new Map<number, number>();
    for (const c of await k.selectFrom('proposal_counters').select(['session_id', 'last_number']).execute()) counters.set(c.session_id, c.last_number);
    const CHUNK = 500;
    let indexMs = 0;
    // A GIN index is built far faster in one pass than row by row: on PostgreSQL the search
    // index's own indexes are dropped for the load and created again from their definitions.
    const gin = db === 'postgres' ? (await sql<{ indexname: string; indexdef: string }>`select indexname, indexdef from pg_indexes where tablename = 'search_proposal' and indexdef ilike '%using gin%'`.execute(k)).rows : [];
    for (const g of gin) await sql`drop index ${sql.id(g.indexname)}`.execute(k);
    await k.transaction().execute(async (trx) => {
      for (let from = 0; from < total; from += CHUNK) {
        const rows: (Insertable<ProposalTable> & { title: string; reasons: string; suggestions: string; state: ProposalState; filed_at: string })[] = [];
        const docs: SearchDocument[] = [];
        for (let i = from; i < Math.min(total, from + CHUNK); i++) {
          const session = sessions[Math.floor((i * sessions.length) / total)]!;
          const year = Number(session.opens_on.slice(0, 4));
          const state = stateOf(i);
          const accepted = ['accepted', 'handling', 'replied', 'evaluated', 'closed'].includes(state);
          const number = accepted ? (counters.get(session.id) ?? 0) + 1 : null;
          if (number) counters.set(session.id, number);
          const m = members[(i * 13) % members.length]!;
          const kind = pick(KINDS, i);
          const at = new Date(Date.parse(`${session.opens_on}T02:00:00Z`) + (i % 20) * 86_400_000).toISOString();
          rows.push({
            organization_id: city, session_id: session.id, year, kind, state, author_user_id: author, member_id: kind === 'collective' ? null : m.id,
            collective_kind: kind === 'collective' ? ('sector' as const) : null, collective_id: kind === 'collective' ? m.sector_id : null,
            proposer_name: m.name, sector_id: m.sector_id, category_id: categories.length ? pick(categories, i * 11) : null, ...text(i), number,
            reject_reason_id: null, reject_text: state === 'rejected' ? '属于个人诉求或具体案件' : null, round: 1, is_key: i % 97 === 0 ? 1 : 0, is_public: accepted && i % 3 === 0 ? 1 : 0,
            filed_at: at, reviewed_at: state === 'submitted' ? null : at, reviewed_by: null, assigned_at: null, closed_at: state === 'closed' ? at : null, created_at: at, updated_at: at,
          });
        }
        const ids = await trx.insertInto('proposals').values(rows).returning('id').execute();
        const assignments: { proposal_id: number; organization_id: number; unit_id: number; role: AssignmentRole; state: AssignmentState; round: number; deadline: string; reassign_reason: null; assigned_by: null; assigned_at: string; signed_at: string | null; replied_at: string | null; updated_at: string }[] = [];
        ids.forEach(({ id }, n) => {
          const r = rows[n]!;
          docs.push({ entityType: 'proposal', entityId: id, fields: [r.title, r.reasons, r.suggestions] });
          if (!['handling', 'replied', 'closed'].includes(r.state)) return;
          const deadline = addDays(chinaDate(r.filed_at), 90);
          const done = r.state !== 'handling';
          const replied = done ? new Date(Date.parse(r.filed_at) + (60 + (id % 45)) * 86_400_000).toISOString() : null;
          const base = { proposal_id: id, organization_id: city, round: 1, deadline, reassign_reason: null, assigned_by: null, assigned_at: r.filed_at, signed_at: r.filed_at, updated_at: r.filed_at };
          assignments.push({ ...base, unit_id: pick(units, id), role: 'lead', state: done ? 'replied' : 'signed', replied_at: replied });
          if (id % 3 === 0) assignments.push({ ...base, unit_id: pick(units, id + 5), role: 'assisting', state: 'replied', replied_at: replied ?? r.filed_at });
        });
        if (assignments.length) await trx.insertInto('proposal_assignments').values(assignments).execute();
        const t0 = Date.now();
        await indexDocuments(trx, docs);
        indexMs += Date.now() - t0;
        if ((from / CHUNK) % 40 === 0) process.stdout.write(`\r[${db}] ${from + rows.length} proposals written…`);
      }
      for (const [session_id, last_number] of counters)
        await trx.insertInto('proposal_counters').values({ session_id, last_number }).onConflict((oc) => oc.column('session_id').doUpdateSet({ last_number })).execute();
    });
    // Planner statistics, as the server's own optimize job (SQLite) or autovacuum (PostgreSQL) would gather them.
    const t0 = Date.now();
    await k.transaction().execute(async (trx) => {
      if (gin.length) await sql`set local maintenance_work_mem = '256MB'`.execute(trx);
      for (const g of gin) await sql.raw(g.indexdef).execute(trx);
    });
    indexMs += Date.now() - t0;
    const written = Date.now();
    await sql.raw(db === 'sqlite' ? 'analyze' : 'vacuum analyze').execute(k);
    const sessionIds = sessions.map((s) => s.id);
    return { seconds: (Date.now() - started) / 1000, indexSeconds: indexMs / 1000, analyzeSeconds: (Date.now() - written) / 1000, sessionIds, units, categories, sectors: [...new Set(members.map((m) => m.sector_id))] };
  } finally {
    await conn.close();
  }
}

// ---- Measuring --------------------------------------------------------------------------------

interface Row {
  route: string;
  paths: string[];
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
  share: number;
}

async function measure(route: string, url: string, paths: string[], headers: Record<string, string> = {}): Promise<Row> {
  const requests = paths.map((p) => ({ method: 'GET', path: p }));
  if (warmup > 0) await autocannon({ url, connections, duration: warmup, headers, requests });
  const r = await autocannon({ url, connections, duration, headers, requests });
  return { route, paths, requestsPerSec: r.requests.average, p50Ms: r.latency.p50, p99Ms: r.latency.p99, non2xx: r.non2xx, errors: r.errors, share: 0 };
}

/** One lookup at a time, as a member drafting or a staff member reviewing waits for it: p50, p95, max. */
async function similarLatency(url: string, cookie: string, ids: number[]) {
  const times: number[] = [];
  let failed = 0;
  for (const [n, id] of ids.entries()) {
    const t0 = performance.now();
    const res = await fetch(`${url}/api/proposals/${id}/similar`, { headers: { cookie } });
    const body = (await res.json()) as unknown[];
    if (n >= 5) times.push(performance.now() - t0); // the first few warm the caches
    if (!res.ok || !Array.isArray(body)) failed++;
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => Math.round(times[Math.min(times.length - 1, Math.floor(q * times.length))]! * 10) / 10;
  return { samples: times.length, p50Ms: at(0.5), p95Ms: at(0.95), maxMs: at(1), failed };
}

const LIST_ROUTE = 'GET /api/proposals?<filter>';
const SEARCH_ROUTE = 'GET /api/proposals?q=<term>';

async function benchDatabase(db: Db, ceiling: Child, work: string) {
  const dataDir = path.join(work, db);
  fs.mkdirSync(dataDir, { recursive: true });
  const databaseUrl = db === 'postgres' ? await freshPostgres(pgUrl) : '';
  const env = {
    SHANGLIANG_DATA_DIR: dataDir, DATABASE_URL: databaseUrl, SHANGLIANG_DEMO_PASSWORD: `Bench-${crypto.randomBytes(9).toString('hex')}`,
    SHANGLIANG_RATE_LIMITS: 'off', SHANGLIANG_JOBS: 'off', LOG_LEVEL: 'warn',
  };
  const start = async (listCache = true) => {
    const server = await startNode(path.join(root, 'server/src/main.ts'), { ...env, SHANGLIANG_LIST_CACHE: listCache ? 'on' : 'off' }, path.join(dataDir, 'server.log'), '/api/health', 10 * 60_000);
    cleanups.push(server.stop);
    return server;
  };
  console.log(`\n[${db}] seeding the demo city…`);
  await (await start()).stop(); // migrated and seeded; the proposals are written with no server running
  const data = await generate(db, dataDir, databaseUrl);
  console.log(`\r[${db}] ${total} proposals and their search index written in ${data.seconds.toFixed(1)} s (search index ${data.indexSeconds.toFixed(1)} s, ${db === 'sqlite' ? 'analyze' : 'vacuum analyze'} ${data.analyzeSeconds.toFixed(1)} s)`);
  const server = await start();
  const cookie = await login(server.url, env.SHANGLIANG_DEMO_PASSWORD);
  const headers = { cookie };
  const get = async (p: string) => {
    const res = await fetch(server.url + p, { headers });
    if (!res.ok) throw new Error(`GET ${p}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { items: { id: number }[]; total: number };
  };
  const lists = [
    '/api/proposals?state=handling',
    `/api/proposals?sessionId=${data.sessionIds.at(-2)}`,
    data.categories.length ? `/api/proposals?categoryId=${data.categories[3] ?? data.categories[0]}` : '/api/proposals?state=closed',
    `/api/proposals?sectorId=${data.sectors[1]}`,
    `/api/proposals?unitId=${data.units[2]}`,
    `/api/proposals?kind=joint&year=${chinaYear() - 1}`,
    '/api/proposals?key=true',
    '/api/proposals?overdue=false&state=closed',
  ];
  const terms = ['托育', '加装电梯', '运河文化', '低空经济', '数字化改造', '农村', '建议'];
  const searches = terms.map((q) => `/api/proposals?q=${encodeURIComponent(q)}`);
  const counts = [];
  for (const p of [...lists, ...searches]) counts.push({ path: decodeURIComponent(p), total: (await get(p)).total });
  console.log(`[${db}] matches: ${counts.map((c) => `${c.path.replace('/api/proposals?', '')} ${c.total}`).join('; ')}`);

  const rows: Row[] = [];
  rows.push(await measure('ceiling before', ceiling.url, ['/']));
  rows.push(await measure(LIST_ROUTE, server.url, lists, headers));
  rows.push(await measure(SEARCH_ROUTE, server.url, searches, headers));
  rows.push(await measure('ceiling after', ceiling.url, ['/']));
  const newest = (await get('/api/proposals?limit=1')).items[0]!.id;
  const ids = Array.from({ length: similarSamples + 5 }, (_, n) => newest - Math.floor(((n * 7919) % total) * 0.99));
  const similar = await similarLatency(server.url, cookie, ids);
  await server.stop();
  // The same lists with the list cache off: what a list costs the first time it is asked after a
  // change (the figures above are the lists as deployed, mostly answered from memory).
  const cold = await start(false);
  const coldHeaders = { cookie: await login(cold.url, env.SHANGLIANG_DEMO_PASSWORD) };
  rows.push(await measure(`${LIST_ROUTE}, cache off`, cold.url, lists, coldHeaders));
  rows.push(await measure(`${SEARCH_ROUTE}, cache off`, cold.url, searches, coldHeaders));
  await cold.stop();
  const ceilingRps = (rows[0]!.requestsPerSec + rows[3]!.requestsPerSec) / 2;
  for (const r of rows) r.share = r.requestsPerSec / ceilingRps;
  return { generateSeconds: data.seconds, counts, rows, ceilingRps, similar };
}

function report(db: Db, rows: Row[], ceilingRps: number, similar: Awaited<ReturnType<typeof similarLatency>>) {
  const line = (cells: string[]) => console.log(cells.map((c, i) => (i === 0 ? c.padEnd(42) : c.padStart(10))).join(' '));
  console.log(`\n${dbLabel(db)}: ${total} proposals, ${connections} connections, ${duration} s each; share of the ceiling's mean, ${ceilingRps.toFixed(0)} req/s`);
  line(['route', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'errors', 'share']);
  for (const r of rows) line([r.route, r.requestsPerSec.toFixed(0), String(r.p50Ms), String(r.p99Ms), String(r.non2xx), String(r.errors), (r.share * 100).toFixed(1) + '%']);
  console.log(`GET /api/proposals/:id/similar, one at a time: ${similar.samples} lookups, p50 ${similar.p50Ms} ms, p95 ${similar.p95Ms} ms, max ${similar.maxMs} ms, failed ${similar.failed}`);
  const drift = Math.abs(rows[0]!.requestsPerSec - rows[3]!.requestsPerSec) / Math.max(rows[0]!.requestsPerSec, rows[3]!.requestsPerSec);
  if (drift > 0.2) console.log(`  Note: the ceiling moved ${(drift * 100).toFixed(0)}% during the run: something else used the CPU; rerun on a quiet machine.`);
  const [list, search] = [rows[1]!, rows[2]!];
  const checks = [
    { target: `filtered list ≥ ${TARGET.share * 100}% of the ceiling`, pass: list.share >= TARGET.share },
    { target: `filtered list p99 < ${TARGET.p99Ms} ms`, pass: list.p99Ms < TARGET.p99Ms },
    { target: `full-text search ≥ ${TARGET.share * 100}% of the ceiling`, pass: search.share >= TARGET.share },
    { target: `full-text search p99 < ${TARGET.p99Ms} ms`, pass: search.p99Ms < TARGET.p99Ms },
    { target: `similar proposals p95 < ${TARGET.similarP95Ms} ms`, pass: similar.p95Ms < TARGET.similarP95Ms },
    { target: 'every response 2xx, no errors', pass: rows.every((r) => r.non2xx === 0 && r.errors === 0) && similar.failed === 0 },
  ];
  for (const c of checks) console.log(`  ${c.pass ? 'PASS' : 'FAIL'}  ${c.target}`);
  return checks;
}

const databases = await chooseDatabases(opt('db', 'BENCH_DB', ''), pgUrl);
const loadAtStart = os.loadavg()[0] ?? 0;
console.log(`Load average ${loadAtStart.toFixed(2)} on ${os.cpus().length} cores before starting${loadAtStart > 0.5 ? ': something else is running, figures will be noisy' : ''}.`);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-bench-proposals-'));
// BENCH_KEEP=1 keeps the generated databases and the server logs for a closer look.
if (process.env.BENCH_KEEP !== '1') cleanups.push(async () => fs.rmSync(work, { recursive: true, force: true }));
else console.log(`Keeping ${work}`);
fs.mkdirSync(resultsDir, { recursive: true });
try {
  const ceiling = await startNode(path.join(root, 'bench/ceiling.ts'), {}, path.join(work, 'ceiling.log'), '/', 30_000);
  cleanups.push(ceiling.stop);
  const machine = { cores: os.cpus().length, cpu: os.cpus()[0]?.model ?? '', node: process.version, platform: `${os.platform()} ${os.release()}`, loadAverageAtStart: loadAtStart };
  for (const db of databases) {
    const { generateSeconds, counts, rows, ceilingRps, similar } = await benchDatabase(db, ceiling, work);
    const checks = report(db, rows, ceilingRps, similar);
    const at = new Date().toISOString();
    const json = JSON.stringify({ db, at, machine, proposals: total, duration, connections, warmup, loadGenerator: 'autocannon', generateSeconds, matches: counts, ceilingRps, results: rows, similar, targets: checks }, null, 2);
    fs.writeFileSync(path.join(resultsDir, `proposals-${db}-${at.replace(/[:.]/g, '-')}.json`), json + '\n');
    fs.writeFileSync(path.join(resultsDir, `latest-proposals-${db}.json`), json + '\n');
  }
  console.log(`\nResults written to ${path.relative(process.cwd(), resultsDir)}/. A benchmark measures; it does not gate: exit 0.`);
} finally {
  await cleanUp();
}
