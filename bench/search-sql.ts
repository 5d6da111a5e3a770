// Where the member search spends its database time. Runs the server's own listMembers (the code
// behind GET /api/orgs/members) over the server's own connection, with a plugin that times each
// statement, and prints the median per statement and search term, then each statement's plan.
//   node --import tsx bench/search-sql.ts <data dir holding shangliang.db | postgres://…> [term …]
// Point it at a database a server has seeded, e.g. SHANGLIANG_DEMO_CITY_MEMBERS=20000.
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, UnknownRow } from 'kysely';
import { connect } from '../server/src/platform/db/connect.js';
import { listMembers } from '../server/src/modules/orgs/queries.js';

const [target, ...given] = process.argv.slice(2);
if (!target) throw new Error('usage: search-sql.ts <data dir | postgres url> [term …]');
const terms = given.length ? given : ['', '嘉勇', '徐嘉', '医院', '公司'];
const RUNS = 30;

const base = connect(target.startsWith('postgres') ? { databaseUrl: target, dataDir: '.' } : { databaseUrl: null, dataDir: target });
type Timed = { sql: string; parameters: readonly unknown[]; ms: number };
let log: Timed[] = [];
const started = new Map<object, { at: number; sql: string; parameters: readonly unknown[] }>();
// From the query's compilation to its result: the statement, its driver and the wait for the connection.
const timer: KyselyPlugin = {
  transformQuery({ node, queryId }: PluginTransformQueryArgs) {
    const compiled = base.db.getExecutor().compileQuery(node, queryId);
    started.set(queryId, { at: performance.now(), sql: compiled.sql, parameters: compiled.parameters });
    return node;
  },
  async transformResult({ result, queryId }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const s = started.get(queryId);
    if (s) log.push({ sql: s.sql, parameters: s.parameters, ms: performance.now() - s.at });
    started.delete(queryId);
    return result;
  },
};
const db = base.db.withPlugin(timer);
const services = { db, dialect: base.dialect };

// What the city's staff account sees: the city and its counties.
const orgIds = (await db.selectFrom('organizations').select('id').where('level', 'in', ['city', 'county']).execute()).map((o) => o.id);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
// The column lists say little; the FROM and WHERE say which statement it is.
const short = (text: string) => text.replace(/\s+/g, ' ').replace(/^select .*? from /, 'select … from ').slice(0, 160);

let last: Timed[] = [];
for (const q of terms) {
  const search = () => listMembers(services, orgIds, { q: q || undefined, limit: 20 }, () => false);
  for (let i = 0; i < 3; i++) await search(); // warm caches and prepared statements
  const times: number[][] = [];
  const whole: number[] = [];
  let page = await search();
  for (let i = 0; i < RUNS; i++) {
    log = [];
    const t = performance.now();
    page = await search();
    whole.push(performance.now() - t);
    log.forEach((e, k) => (times[k] ??= []).push(e.ms));
  }
  const total = 'totalExact' in page && page.totalExact === false ? `${page.total}+` : String(page.total);
  console.log(`\nq=${JSON.stringify(q)}: total ${total}; listMembers median ${median(whole).toFixed(2)} ms, fastest ${Math.min(...whole).toFixed(2)} ms`);
  // Two statements of listMembers run at once: the first number includes waiting for the other.
  console.log('  through Kysely (median)  the statement alone (fastest of 30)');
  for (const [k, e] of log.entries()) console.log(`  ${median(times[k]!).toFixed(2).padStart(7)} ms  ${(await alone(e)).toFixed(2).padStart(7)} ms  ${short(e.sql)}`);
  last = log;
}

/** The statement run directly on the driver, prepared once: what the database itself costs. */
async function alone(e: Timed): Promise<number> {
  const xs: number[] = [];
  const statement = base.sqlite?.prepare(e.sql);
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    if (statement) statement.all(...e.parameters);
    else await base.pool!.query({ name: `bench-${e.sql.length}-${hash(e.sql)}`, text: e.sql, values: e.parameters as unknown[] });
    xs.push(performance.now() - t);
  }
  return Math.min(...xs);
}
function hash(text: string) {
  let h = 0;
  for (const c of text) h = (h * 31 + c.charCodeAt(0)) | 0;
  return (h >>> 0).toString(36);
}

console.log(`\nPlans for q=${JSON.stringify(terms.at(-1))}:`);
for (const e of last) {
  console.log(`\n${short(e.sql)}`);
  if (base.sqlite) {
    for (const r of base.sqlite.prepare(`explain query plan ${e.sql}`).all(...e.parameters) as { detail: string }[]) console.log(`    ${r.detail}`);
  } else {
    const plan = await base.pool!.query(`explain (analyze, buffers, costs off) ${e.sql}`, e.parameters as unknown[]);
    for (const r of plan.rows as Record<string, string>[]) console.log(`    ${Object.values(r)[0]}`);
  }
}
await base.close();
