// Child processes of the benchmark: the servers under test run apart from the load generator, so
// that the process that sends requests is never the one that answers them.
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

/** A port nobody listens on right now (the OS picks it; we hand it to the child). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export interface Child {
  proc: ChildProcess;
  url: string;
  log: string;
  stop(): Promise<void>;
}

/** Starts `node --import tsx <script>` with its output in a log file, and waits until `readyPath` answers 200. */
export async function startNode(script: string, env: Record<string, string>, log: string, readyPath: string, timeoutMs: number): Promise<Child> {
  const port = await freePort();
  const out = fs.openSync(log, 'a');
  const proc = spawn(process.execPath, ['--import', 'tsx', ...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []), script], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', out, out],
  });
  fs.closeSync(out);
  let exited: number | null | undefined;
  proc.once('exit', (code) => (exited = code));
  const url = `http://127.0.0.1:${port}`;
  const child: Child = {
    proc,
    url,
    log,
    stop: () =>
      new Promise((resolve) => {
        if (exited !== undefined) return resolve();
        // A server that does not finish closing in 10 s is not worth waiting for.
        const force = setTimeout(() => proc.kill('SIGKILL'), 10_000);
        proc.once('exit', () => {
          clearTimeout(force);
          resolve();
        });
        proc.kill('SIGTERM');
      }),
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited !== undefined) throw new Error(`${script} exited with ${exited} before it served:\n${tail(log)}`);
    try {
      if ((await fetch(url + readyPath)).ok) return child;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await child.stop();
      throw new Error(`${script} did not answer ${readyPath} within ${timeoutMs / 1000} s:\n${tail(log)}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

const tail = (file: string) => fs.readFileSync(file, 'utf8').split('\n').slice(-20).join('\n');

/** Whether a PostgreSQL server answers at this URL (the PostgreSQL half of a run is skipped otherwise). */
export async function postgresAnswers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** Signs in as the demo `staff` user; returns the session cookie for the load generator. */
export async function login(url: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'staff', password }),
  });
  if (!res.ok) throw new Error(`login as staff failed: ${res.status} ${await res.text()}`);
  const session = res.headers.getSetCookie().find((c) => c.startsWith('sl_session='));
  if (!session) throw new Error('login answered without an sl_session cookie');
  return session.split(';')[0]!;
}

/**
 * CPU seconds (user + system) a process has used so far, from /proc (Linux; null elsewhere). The
 * CPU a server spends per answer does not depend on what else runs on the machine, unlike its
 * requests/s, so it is reported next to them.
 */
export function cpuSeconds(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return null;
  }
}
// The kernel's clock ticks per second for /proc times (USER_HZ), 100 on Linux on every common platform.
const CLOCK_TICKS = 100;

export type Db = 'sqlite' | 'postgres';
export const dbLabel = (db: Db) => (db === 'sqlite' ? 'SQLite' : 'PostgreSQL');

/** What a benchmark must undo (servers, data directories, databases), last first; also on Ctrl-C. */
export const cleanups: (() => Promise<void>)[] = [];
export async function cleanUp() {
  for (const fn of cleanups.splice(0).reverse()) await fn().catch((e) => console.error('cleanup:', e));
}
process.once('SIGINT', () => void cleanUp().finally(() => process.exit(130)));

/** `asked`: sqlite, postgres, both, or empty for both when PostgreSQL answers and SQLite alone when not. */
export async function chooseDatabases(asked: string, pgUrl: string): Promise<Db[]> {
  if (asked === 'sqlite' || asked === 'postgres') return [asked];
  if (asked && asked !== 'both') throw new Error(`BENCH_DB must be sqlite, postgres or both, not ${asked}`);
  if (await postgresAnswers(pgUrl)) return ['sqlite', 'postgres'];
  if (asked === 'both') throw new Error(`PostgreSQL does not answer at ${pgUrl}`);
  console.log(`Note: PostgreSQL does not answer at ${pgUrl}; measuring SQLite only (set BENCH_DATABASE_URL to include it).`);
  return ['sqlite'];
}

/** A new, empty PostgreSQL database next to `pgUrl`, dropped at clean-up; its URL. */
export async function freshPostgres(pgUrl: string): Promise<string> {
  const name = `sl_bench_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  cleanups.push(async () => {
    const c = new pg.Client({ connectionString: pgUrl });
    await c.connect();
    await c.query(`drop database if exists ${name} with (force)`);
    await c.end();
  });
  const url = new URL(pgUrl);
  url.pathname = '/' + name;
  return url.toString();
}

/**
 * A benchmark's outer loop: the ceiling started once, then `run` on SQLite (and PostgreSQL when
 * `pgUrl` is set; BENCH_DB names one of them alone) in a work directory removed afterwards (kept with BENCH_KEEP=1); each database's
 * result written to bench/results/<name>-<db>-<time>.json and latest-<name>-<db>.json.
 */
export async function runBench(name: string, pgUrl: string, settings: Record<string, unknown>, run: (db: Db, work: string, ceiling: Child) => Promise<object>) {
  const root = path.resolve(import.meta.dirname, '..');
  const resultsDir = path.join(root, 'bench', 'results');
  const loadAtStart = os.loadavg()[0] ?? 0;
  console.log(`Load average ${loadAtStart.toFixed(2)} on ${os.cpus().length} cores before starting${loadAtStart > 0.5 ? ': something else is running, figures will be noisy' : ''}.`);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), `sl-bench-${name}-`));
  if (process.env.BENCH_KEEP !== '1') cleanups.push(async () => fs.rmSync(work, { recursive: true, force: true }));
  fs.mkdirSync(resultsDir, { recursive: true });
  try {
    const ceiling = await startNode(path.join(root, 'bench/ceiling.ts'), {}, path.join(work, 'ceiling.log'), '/', 30_000);
    cleanups.push(ceiling.stop);
    const machine = { cores: os.cpus().length, cpu: os.cpus()[0]?.model ?? '', node: process.version, loadAverageAtStart: loadAtStart };
    // BENCH_DB=sqlite or postgres measures one database only.
    const only = process.env.BENCH_DB;
    for (const db of ((pgUrl ? ['sqlite', 'postgres'] : ['sqlite']) as Db[]).filter((d) => !only || d === only)) {
      const r = await run(db, work, ceiling);
      const at = new Date().toISOString();
      const json = JSON.stringify({ at, machine, loadAverageAtEnd: os.loadavg()[0], ...settings, ...r }, null, 2) + '\n';
      fs.writeFileSync(path.join(resultsDir, `${name}-${db}-${at.replace(/[:.]/g, '-')}.json`), json);
      fs.writeFileSync(path.join(resultsDir, `latest-${name}-${db}.json`), json);
    }
    console.log(`\nResults written to ${path.relative(process.cwd(), resultsDir)}/. A benchmark measures; it does not gate: exit 0.`);
  } finally {
    await cleanUp();
  }
}

/**
 * A data directory (and, on PostgreSQL, a fresh database) for one run, and how to start the
 * server on it: seeded with the demo city on its first start, rate limits and jobs off.
 */
export async function benchServer(db: Db, work: string, pgUrl: string, extraEnv: Record<string, string> = {}) {
  const root = path.resolve(import.meta.dirname, '..');
  const dataDir = path.join(work, db);
  fs.mkdirSync(dataDir, { recursive: true });
  const databaseUrl = db === 'postgres' ? await freshPostgres(pgUrl) : '';
  const env = { SHANGLIANG_DATA_DIR: dataDir, DATABASE_URL: databaseUrl, SHANGLIANG_DEMO_PASSWORD: `Bench-${crypto.randomBytes(9).toString('hex')}`, SHANGLIANG_RATE_LIMITS: 'off', SHANGLIANG_JOBS: 'off', LOG_LEVEL: 'warn', ...extraEnv };
  const start = async () => {
    const server = await startNode(path.join(root, 'server/src/main.ts'), env, path.join(dataDir, 'server.log'), '/api/health', 5 * 60_000);
    cleanups.push(server.stop);
    return server;
  };
  return { dataDir, databaseUrl, start };
}
