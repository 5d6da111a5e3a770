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

/** On PostgreSQL every run gets its own database, created here and dropped at the end. */
async function freshDatabase(baseUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `sl_browser_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

export interface TestServer {
  baseUrl: string;
  /** What the server printed so far (the last 20,000 characters). */
  output: () => string;
  stop: () => Promise<void>;
}

async function waitForHealth(baseUrl: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 120_000;
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
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-browser-'));
  const db = process.env.DATABASE_URL ? await freshDatabase(process.env.DATABASE_URL) : null;
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
  const cleanup = async () => {
    fs.rmSync(dataDir, { recursive: true, force: true });
    await db?.drop();
  };
  try {
    await waitForHealth(baseUrl, child, () => output);
  } catch (e) {
    stopping = true;
    child.kill('SIGKILL');
    await cleanup();
    throw e;
  }

  return {
    baseUrl,
    output: () => output,
    stop: async () => {
      stopping = true;
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      await cleanup();
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
  page.on('requestfailed', (r) => seen.push(`${at()} ${who}: failed ${r.method()} ${new URL(r.url()).pathname} ${r.failure()?.errorText ?? ''}`));
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
