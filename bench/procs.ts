// Child processes of the benchmark: the servers under test run apart from the load generator, so
// that the process that sends requests is never the one that answers them.
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
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
