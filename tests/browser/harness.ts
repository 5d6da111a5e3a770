// Starts the real server on a fresh database for one test file, and a headless Chromium to drive
// the built web app against it.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { solveChallenge } from '../../server/src/platform/challenge.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DEMO_PASSWORD = 'Demo-pass-2026';

export const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 375, height: 812 },
} as const;
export type ViewportName = keyof typeof VIEWPORTS;

/**
 * The browser tests drive the built app; build it once when it is missing. Test files run in
 * parallel, so a lock folder lets one build while the others wait for it.
 */
export async function ensureWebBuilt(): Promise<void> {
  const index = path.join(ROOT, 'web/dist/index.html');
  const lock = path.join(os.tmpdir(), 'shangliang-web-build.lock');
  const deadline = Date.now() + 300_000;
  while (!fs.existsSync(index)) {
    try {
      fs.mkdirSync(lock);
    } catch {
      if (Date.now() > deadline) throw new Error(`waited too long for the web build (remove ${lock} if stale)`);
      await new Promise((r) => setTimeout(r, 500));
      continue;
    }
    try {
      if (fs.existsSync(index)) return;
      const vite = path.join(ROOT, 'node_modules/vite/bin/vite.js');
      const out = spawnSync(process.execPath, [vite, 'build', '--config', 'web/vite.config.ts'], { cwd: ROOT, stdio: 'inherit' });
      if (out.status !== 0) throw new Error('web build failed');
    } finally {
      fs.rmSync(lock, { recursive: true, force: true });
    }
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function adminQuery(baseUrl: string, query: string): Promise<void> {
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query(query);
  } finally {
    await admin.end();
  }
}

/** On PostgreSQL every run gets its own database (a copy of `template` when given), created here and dropped at the end. */
async function freshDatabase(baseUrl: string, template?: string): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const name = `sl_browser_${randomBytes(6).toString('hex')}`;
  await adminQuery(baseUrl, `CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () => adminQuery(baseUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

/** Where a server keeps its data: a data folder, and on PostgreSQL a database of its own. */
interface Storage {
  dataDir: string;
  db: { url: string; name: string; drop: () => Promise<void> } | null;
}

async function freshStorage(template?: { dataDir: string; dbName: string }): Promise<Storage> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-browser-'));
  if (template) fs.cpSync(template.dataDir, dataDir, { recursive: true, filter: (f) => path.basename(f) !== '.ready' });
  const db = process.env.DATABASE_URL ? await freshDatabase(process.env.DATABASE_URL, template?.dbName) : null;
  return { dataDir, db };
}

/**
 * The demo year takes a server 10 to 30 seconds to act out. The test files of one run (npm test
 * names it in SHANGLIANG_TEST_RUN, and clears it up afterwards) share it: the first to need it
 * has a server seed it and keeps the stopped server's data folder and database as a template;
 * each server then starts from a copy, as from a restored backup.
 */
async function demoTemplate(): Promise<{ dataDir: string; dbName: string } | null> {
  const run = process.env.SHANGLIANG_TEST_RUN;
  if (!run || !/^[a-z0-9]+$/.test(run)) return null;
  const template = { dataDir: path.join(os.tmpdir(), `sl-demo-${run}`), dbName: `sl_demo_${run}` };
  const ready = path.join(template.dataDir, '.ready');
  const lock = `${template.dataDir}.lock`;
  const deadline = Date.now() + 660_000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`waited too long for the demo template (remove ${lock} if stale)`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    if (fs.existsSync(ready)) return template;
    const storage = await freshStorage();
    // Seeding the demo year takes a minute on a quiet machine and several on a busy one.
    const server = await launch(storage, {}, 600_000);
    await server.halt();
    fs.cpSync(storage.dataDir, template.dataDir, { recursive: true });
    fs.rmSync(storage.dataDir, { recursive: true, force: true });
    if (storage.db) await adminQuery(process.env.DATABASE_URL!, `ALTER DATABASE ${storage.db.name} RENAME TO ${template.dbName}`);
    fs.writeFileSync(ready, '');
    return template;
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

export interface TestServer {
  baseUrl: string;
  /** What the server printed so far (the last 20,000 characters). */
  output: () => string;
  stop: () => Promise<void>;
}

async function waitForHealth(baseUrl: string, child: ChildProcess, log: () => string, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}\n${log()}`);
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server did not become healthy\n${log()}`);
}

/** `extraEnv` sets server settings for one test file (e.g. an easier proof-of-work). */
export async function startServer(extraEnv: NodeJS.ProcessEnv = {}): Promise<TestServer> {
  await ensureWebBuilt();
  // Settings that change what is seeded get a seed of their own.
  const demo = !Object.keys(extraEnv).some((k) => k === 'SHANGLIANG_SEED' || k.startsWith('SHANGLIANG_DEMO'));
  const storage = await freshStorage((demo && (await demoTemplate())) || undefined);
  const server = await launch(storage, extraEnv);
  return {
    baseUrl: server.baseUrl,
    output: server.output,
    stop: async () => {
      await server.halt();
      fs.rmSync(storage.dataDir, { recursive: true, force: true });
      await storage.db?.drop();
    },
  };
}

/** Starts a server on the storage and waits until it is healthy; `halt` stops it and keeps the storage. */
async function launch(storage: Storage, extraEnv: NodeJS.ProcessEnv, healthMs = 120_000): Promise<{ baseUrl: string; output: () => string; halt: () => Promise<void> }> {
  const { dataDir, db } = storage;
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    SHANGLIANG_DATA_DIR: dataDir,
    SHANGLIANG_DEMO_PASSWORD: DEMO_PASSWORD,
    // A test file signs in many times a minute from one address; the limits have their own API tests.
    SHANGLIANG_RATE_LIMITS: 'off',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    ...extraEnv,
  };
  if (db) env.DATABASE_URL = db.url;
  else delete env.DATABASE_URL;

  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  let stopping = false;
  child.once('exit', (code, signal) => {
    // A server that dies under a test explains the test's failure: show why.
    if (!stopping) console.error(`server exited (${code ?? signal}) during the tests:\n${output}`);
  });

  // A test may listen on another loopback address (HOST=127.0.0.2) to load the app as from a
  // device on the network rather than from localhost.
  const baseUrl = `http://${env.HOST}:${port}`;
  try {
    await waitForHealth(baseUrl, child, () => output, healthMs);
  } catch (e) {
    stopping = true;
    child.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
    await db?.drop();
    throw e;
  }

  return {
    baseUrl,
    output: () => output,
    halt: async () => {
      stopping = true;
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}

/** The server as a real office first starts it: no demo data, and the set-up link it printed. */
export async function startEmptyServer(extraEnv: NodeJS.ProcessEnv = {}): Promise<TestServer & { setupLink: URL }> {
  const server = await startServer({ SHANGLIANG_SEED: 'none', ...extraEnv });
  const link = server.output().match(/https?:\/\/\S+\/setup\?token=\S+/)?.[0];
  if (!link) {
    await server.stop();
    throw new Error(`no set-up link printed:\n${server.output()}`);
  }
  return { ...server, setupLink: new URL(link) };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A page in a fresh context; `motion` as a user who has not asked for reduced motion. */
export async function newPage(browser: Browser, baseUrl: string, viewport: ViewportName, motion = false): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport: VIEWPORTS[viewport],
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    isMobile: viewport === 'phone',
    hasTouch: viewport === 'phone',
    // Otherwise as a user who turned animations off: the pages honour it, and no click lands on a moving target.
    reducedMotion: motion ? 'no-preference' : 'reduce',
  });
  context.setDefaultTimeout(30_000);
  const page = await context.newPage();
  return { context, page };
}

/** Every item of a paged list, following its cursor. */
export async function allPages<T>(session: ApiSession, url: string): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: T[]; nextCursor: string | null } = await session.get(`${url}${url.includes('?') ? '&' : '?'}limit=100${cursor ? `&cursor=${cursor}` : ''}`);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

/**
 * A member the admin adds to the roster, as when someone joins mid-term: every serving member of
 * the demo city already has an account (m<id>), and some tests open one for a member without.
 */
export async function newMember(admin: ApiSession, name: string): Promise<{ id: number; name: string }> {
  const me = await admin.get<{ organization: { id: number } }>('/api/me');
  const [peer] = (await admin.get<{ items: { termId: number; sectorId: number }[] }>(`/api/orgs/members?organizationId=${me.organization.id}&status=active&limit=1`)).items;
  const made = await admin.request<{ id: number; name: string }>('POST', '/api/orgs/members', {
    organizationId: me.organization.id, termId: peer!.termId, sectorId: peer!.sectorId, name, gender: 'female', birthYear: 1978,
    ethnicity: '汉族', politicalAffiliation: '无党派人士', workplace: '嘉兴市第一医院',
  });
  if (made.status !== 201) throw new Error(`new member: ${made.status} ${JSON.stringify(made.body)}`);
  return made.body;
}

/** Signs in through the login form and waits for the signed-in layout. */
export async function loginUi(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((url) => url.pathname !== '/login');
  await page.getByText('您好').first().waitFor().catch(() => undefined);
}

/** A signed-in API session for setting up data, sending the CSRF header like the web app does. */
export class ApiSession {
  private cookies = new Map<string, string>();
  constructor(private readonly baseUrl: string) {}

  static async login(baseUrl: string, username: string, password = DEMO_PASSWORD): Promise<ApiSession> {
    const s = new ApiSession(baseUrl);
    let res = await s.request<{ challenge?: { token: string; nonce: string; bits: number } }>('POST', '/api/auth/login', { username, password });
    // After wrong passwords from this address the server asks for a solved challenge first, as the login page solves it.
    if (res.status === 428 && res.body.challenge) {
      const { token, nonce, bits } = res.body.challenge;
      res = await s.request('POST', '/api/auth/login', { username, password, challenge: token, solution: solveChallenge(nonce, bits) });
    }
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
    return s;
  }

  async request<T = unknown>(method: string, p: string, body?: unknown): Promise<{ status: number; body: T }> {
    const headers: Record<string, string> = { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const csrf = this.cookies.get('sl_csrf');
    if (csrf && method !== 'GET') headers['x-csrf-token'] = decodeURIComponent(csrf);
    const res = await fetch(this.baseUrl + p, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON
    }
    return { status: res.status, body: parsed as T };
  }

  async get<T>(p: string): Promise<T> {
    const res = await this.request<T>('GET', p);
    if (res.status !== 200) throw new Error(`GET ${p}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }
}

/**
 * Notes what went wrong inside a page (answers of 400 and over, requests that failed, script
 * errors) for a failed test to print: CI keeps the test output, not the screenshots.
 */
export function watchPage(page: Page, who: string): string[] {
  const seen: string[] = [];
  const at = () => new Date().toISOString().slice(11, 23);
  page.on('response', (r) => {
    if (r.status() >= 400) seen.push(`${at()} ${who}: ${r.status()} ${r.request().method()} ${new URL(r.url()).pathname}`);
  });
  // A request the browser cancels because the page moved on (net::ERR_ABORTED) is not a fault:
  // a test that goes to another page while the last one still loads is what a quick user does.
  page.on('requestfailed', (r) => {
    const error = r.failure()?.errorText ?? '';
    if (error !== 'net::ERR_ABORTED') seen.push(`${at()} ${who}: failed ${r.method()} ${new URL(r.url()).pathname} ${error}`);
  });
  page.on('pageerror', (e) => seen.push(`${at()} ${who}: page error ${e.message}`));
  return seen;
}

/** Keeps a full-page screenshot in the temp folder (headless pages are unseen); returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = path.join(os.tmpdir(), 'sl-browser-shots');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * Runs one browser scenario in a fresh context (own cookies and language choice). On failure a
 * screenshot is kept in the temp folder and its path printed, since a headless page is unseen.
 */
export async function withPage(
  browser: Browser,
  server: TestServer,
  viewport: ViewportName,
  name: string,
  fn: (page: Page) => Promise<void>,
): Promise<void> {
  const { context, page } = await newPage(browser, server.baseUrl, viewport);
  try {
    await fn(page);
  } catch (e) {
    const file = await screenshot(page, `${name}-${viewport}`).catch(() => null);
    if (file) console.error(`screenshot: ${file}`);
    throw e;
  } finally {
    await context.close();
  }
}

/**
 * Chooses the option showing `text` in an Ant Design select whose field is `field`. The list opens
 * with an animation, and a click that lands while it moves can be lost, so the list is opened
 * (`open`: by a click, or by typing into a searching select) and the option clicked again until
 * the field shows the choice.
 */
export async function pickOption(page: Page, field: Locator, text: string, open: () => Promise<void> = () => field.click()): Promise<void> {
  const select = field.locator('xpath=ancestor-or-self::*[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]');
  const shows = select.filter({ hasText: text }).first();
  const option = page.locator('.ant-select-item-option').filter({ hasText: text }).filter({ visible: true }).first();
  for (let attempt = 0; attempt < 5 && !(await shows.isVisible()); attempt++) {
    if (!(await option.isVisible())) await open();
    await option.click({ timeout: 5000 }).catch(() => {});
    await shows.waitFor({ timeout: 2000 }).catch(() => {});
  }
  await shows.waitFor();
}

/**
 * Answers the confirmation of a step that cannot be taken back (a Modal.confirm or a Popconfirm):
 * checks that it names what will happen (`says`), then confirms it, or cancels it with `cancel`.
 */
export async function confirmStep(page: Page, says: string | RegExp, { cancel = false } = {}): Promise<void> {
  const box = page.locator('.ant-modal-confirm, .ant-popconfirm').filter({ visible: true }).filter({ hasText: says }).last();
  await box.waitFor();
  const button = cancel ? box.locator('.ant-btn:not(.ant-btn-primary)').last() : box.locator('.ant-btn-primary').last();
  await button.click();
  await box.waitFor({ state: 'hidden' });
}
