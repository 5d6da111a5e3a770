// A real server on a fresh database for each test file: SQLite in a temp folder, or, when
// DATABASE_URL is set, a new PostgreSQL database created for the file and dropped after it.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'kysely';
import { loadConfig, type Config } from '../platform/config.js';
import { connect } from '../platform/db/connect.js';
import { ANNOUNCE_MS } from '../platform/answer-cache.js';
import { buildServer, type Server } from '../app.js';
import { hashPassword, randomPassword } from '../platform/auth/password.js';
import { loadDivisions, seedIfEmpty } from '../seed/load.js';
import { loadOrgTree } from '../platform/context.js';
import type { Role } from '../platform/db/types.js';
import { insertUser } from '../modules/accounts/service.js';
import { solveChallenge } from '../platform/challenge.js';

export interface Fixture {
  province: number;
  city: number;
  county: number;
  cityTerm: number;
  countyTerm: number;
  sectors: Record<string, number>;
  committees: Record<string, number>;
  countySector: number;
  unit: number;
  /** username → user id; every fixture user has the same random password. */
  users: Record<string, number>;
  password: string;
}

export interface TestServer extends Server {
  config: Config;
  fixture: Fixture;
  as(username: string): Promise<Agent>;
  anonymous(): Agent;
}

async function freshPostgres(url: string) {
  const name = `sl_test_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** A server on a fresh database (a new SQLite directory, or a new PostgreSQL database). */
async function freshServer(overrides: Partial<Config>) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-test-'));
  const base = loadConfig({ SHANGLIANG_DATA_DIR: dataDir, LOG_LEVEL: 'silent', SHANGLIANG_JOBS: 'off' });
  const pgdb = process.env.DATABASE_URL ? await freshPostgres(process.env.DATABASE_URL) : null;
  const config: Config = {
    ...base,
    databaseUrl: pgdb?.url ?? null,
    // The API answers the same whether or not the web app has been built (static.test.ts serves one of its own).
    webDist: path.join(dataDir, 'no-web-build'),
    // Test files sign in often from one address; the limit itself has its own test.
    rateLimits: { login: { max: 1000, windowMs: 60_000 }, register: { max: 1000, windowMs: 60_000 }, publicWrite: { max: 1000, windowMs: 60_000 } },
    ...overrides,
  };
  const server = await buildServer(config, connect({ databaseUrl: config.databaseUrl, dataDir }));
  const close = server.close.bind(server);
  return {
    ...server,
    config,
    anonymous: () => new Agent(server),
    async close() {
      await close();
      await pgdb?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function signIn(server: Server, username: string, password: string) {
  const agent = new Agent(server);
  let res = await agent.post('/api/auth/login', { username, password });
  // After wrong passwords from this address the server asks for a solved challenge, as the login page would solve it.
  if (res.statusCode === 428) {
    const { token, nonce, bits } = res.data.challenge as { token: string; nonce: string; bits: number };
    res = await agent.post('/api/auth/login', { username, password, challenge: token, solution: solveChallenge(nonce, bits) });
  }
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  return agent;
}

export async function testServer(overrides: Partial<Config> = {}): Promise<TestServer> {
  const server = await freshServer(overrides);
  const fixture = await createFixture(server);
  return { ...server, fixture, as: (username: string) => signIn(server, username, fixture.password) };
}

/** A server on an empty database, as a real install first starts: divisions only, no organization, no account. */
export async function emptyServer(overrides: Partial<Config> = {}) {
  const server = await freshServer(overrides);
  await loadDivisions(server.services.db);
  return server;
}
export type EmptyServer = Awaited<ReturnType<typeof emptyServer>>;

/** A server filled with the demo data as `npm start` fills an empty database, its accounts signed in with DEMO_PASSWORD. */
export async function demoServer(overrides: Partial<Config> = {}) {
  const server = await freshServer({ demoPassword: DEMO_PASSWORD, ...overrides });
  // A seed that fails must not leave the server's connections open: the test file would never end.
  await seedIfEmpty(server.services, server.config).catch(async (err: unknown) => {
    await server.close();
    throw err;
  });
  return { ...server, as: (username: string) => signIn(server, username, DEMO_PASSWORD) };
}
export const DEMO_PASSWORD = 'Demo-pass-2026';

type Json = Record<string, unknown> | unknown[] | undefined;

/** A browser-like client: keeps the cookies, sends the CSRF header on writes. */
export class Agent {
  cookies = new Map<string, string>();
  constructor(private readonly server: Server) {}

  get csrf() {
    return this.cookies.get('sl_csrf') ?? '';
  }

  async request(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, body?: Json | Buffer | string, headers: Record<string, string> = {}) {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await this.server.app.inject({
      method,
      url,
      headers: {
        ...(cookie && { cookie }),
        ...(method !== 'GET' && this.csrf && { 'x-csrf-token': this.csrf }),
        ...(body !== undefined && !Buffer.isBuffer(body) && typeof body !== 'string' && { 'content-type': 'application/json' }),
        ...headers,
      },
      payload: body === undefined ? undefined : Buffer.isBuffer(body) || typeof body === 'string' ? body : JSON.stringify(body),
    });
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      if (c.value === '' || c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return Object.assign(res, { data: safeJson(res.body) });
  }
  get(url: string) {
    return this.request('GET', url);
  }
  post(url: string, body?: Json, headers?: Record<string, string>) {
    return this.request('POST', url, body ?? {}, headers);
  }
  patch(url: string, body: Json) {
    return this.request('PATCH', url, body);
  }

  /**
   * Posts an .xlsx (a multipart() body) to an import route and waits for its job (answered 202, polled as the page does):
   * the answer is the job's result with 200, or its problem with the problem's status. Anything
   * but a 202 comes back as it was.
   */
  async importFile(url: string, upload: { body: Buffer; headers: Record<string, string> }) {
    const started = await this.request('POST', url, upload.body, upload.headers);
    if (started.statusCode !== 202) return Object.assign(started, { job: null as any });
    for (;;) {
      const job = await this.get(`/api/import-jobs/${started.data.id}`);
      if (job.statusCode !== 200) throw new Error(`import job: ${job.statusCode} ${job.body}`);
      if (job.data.state === 'done' || job.data.state === 'failed') {
        const data = job.data.state === 'done' ? job.data.result : job.data.problem;
        return { statusCode: job.data.state === 'done' ? 200 : (data.status as number), data, body: JSON.stringify(data), headers: job.headers, job: job.data };
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

function safeJson(body: string): any {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

/** A multipart/form-data body with one file field named `file`. */
/**
 * Runs `run`, then waits for the events it caused on `topics` to come back through the bus (on
 * PostgreSQL a process hears its own events a moment later, and they make its kept answers stale
 * once more) and for the bus to stay quiet on them longer than a kept answer's announcement
 * is held back (platform/answer-cache.ts).
 */
export async function settled<T>(t: TestServer, topics: string | string[], run: () => Promise<T>): Promise<T> {
  let heard = 0;
  const offs = [topics].flat().map((topic) => t.services.bus.subscribe(topic, () => heard++));
  try {
    const result = await run();
    for (let i = 0; i < 100 && heard === 0; i++) await new Promise((r) => setTimeout(r, 20));
    for (let seen = -1; seen !== heard; ) {
      seen = heard;
      await new Promise((r) => setTimeout(r, ANNOUNCE_MS * 3));
    }
    return result;
  } finally {
    for (const off of offs) off();
  }
}

export function multipart(file: Buffer, name = '委员名单.xlsx', mime = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet') {
  const boundary = '----sl' + crypto.randomBytes(8).toString('hex');
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${mime}\r\n\r\n`),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Hostile by default: names and texts carry markup and long Chinese, so escaping bugs show. */
export const hostile = '<script>alert("x")</script>';

async function createFixture(server: Server): Promise<Fixture> {
  const { db } = server.services;
  await loadDivisions(db);
  const at = new Date().toISOString();
  const org = async (name: string, level: 'province' | 'city' | 'county', parent: number | null, division: string) =>
    (await db.insertInto('organizations').values({ name, level, parent_id: parent, division_code: division, created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow()).id;
  const province = await org('浙江省政协', 'province', null, '330000');
  const city = await org('嘉兴市政协', 'city', province, '330400');
  const county = await org('海宁市政协', 'county', city, '330481');
  const term = async (organization_id: number, number: number) => {
    const id = (await db.insertInto('terms').values({ organization_id, number, starts_on: '2022-01-01', ends_on: null, current: 1 }).returning('id').executeTakeFirstOrThrow()).id;
    await db.insertInto('sessions').values([{ term_id: id, number: 1, opens_on: '2022-02-20' }, { term_id: id, number: 2, opens_on: '2023-02-26' }]).execute();
    return id;
  };
  const cityTerm = await term(city, 9);
  const countyTerm = await term(county, 12);
  const named = async (table: 'sectors' | 'committees', organization_id: number, names: string[]) => {
    const rows = await db.insertInto(table).values(names.map((name, sort) => ({ organization_id, name, sort }))).returning(['id', 'name']).execute();
    return Object.fromEntries(rows.map((r) => [r.name, r.id]));
  };
  const sectors = await named('sectors', city, ['经济界', '教育界', '医药卫生界', '中国民主同盟']);
  const committees = await named('committees', city, ['提案委员会', '经济委员会', '教科卫体委员会']);
  const countySector = Object.values(await named('sectors', county, ['经济界']))[0]!;
  const unit = (await db.insertInto('handling_units').values({ organization_id: city, name: '市教育局', contact_name: null, contact_phone: null, active: 1, sort: 0 }).returning('id').executeTakeFirstOrThrow()).id;
  await loadOrgTree(server.services);

  const password = randomPassword();
  const hash = await hashPassword(password);
  const users: Record<string, number> = {};
  const people: [string, Role[], number][] = [
    ['admin', ['admin'], city],
    ['staff', ['staff'], city],
    ['leader', ['leader'], city],
    ['member', ['member'], city],
    ['unit', ['unit'], city],
    ['public', ['public'], city],
    ['county_admin', ['admin'], county],
    ['county_staff', ['staff'], county],
    ['province_admin', ['admin'], province],
  ];
  for (const [username, roles, organization_id] of people) {
    const id = await insertUser(db, {
      username,
      displayName: `${username}${hostile}`.slice(0, 50),
      passwordHash: hash,
      organizationId: organization_id,
      roles,
      handlingUnitId: username === 'unit' ? unit : null,
    });
    users[username] = id;
  }
  return { province, city, county, cityTerm, countyTerm, sectors, committees, countySector, unit, users, password };
}

/**
 * Until a transaction of the test's database waits on another's lock (PostgreSQL), or a moment
 * (SQLite writes one transaction at a time: the second simply waits its turn).
 */
export async function untilOneWaits(t: TestServer): Promise<void> {
  for (let i = 0; i < 100; i++) {
    await new Promise((r) => setTimeout(r, 50));
    if (t.services.dialect !== 'postgres') return;
    const waiting = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()`.execute(t.services.db);
    if (waiting.rows[0]!.n > 0) return;
  }
}
