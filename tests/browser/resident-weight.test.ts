// What a resident's phone downloads: the pages opened from a QR poster (/q/<code>) and the
// tracking page start a small app of their own (web/src/modules/opinions/resident.tsx), not the
// office app. Each must stay under 200 kB of JavaScript as the browser receives it (compressed),
// and must never fetch the office app's shell; bench/qr-page.ts measures the time it saves.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { ApiSession, launchBrowser, startServer, withPage, type TestServer } from './harness.js';

const BUDGET = 200_000; // bytes of JavaScript, compressed, per page
// The office app's own entry (web/src/app/start.tsx) and shell: none of it on a resident's page.
const OFFICE_APP = /\/assets\/(start|App|AppLayout|NavMenu)-[\w-]+\.js$/;

let server: TestServer;
let browser: Browser;
let qrCode: string;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const staff = await ApiSession.login(server.baseUrl, 'staff');
  const places = await staff.get<{ items: { id: number }[] }>('/api/orgs/places?limit=1');
  const poster = await staff.request<string>('GET', `/api/orgs/places/${places.items[0]!.id}/qr-poster.svg`);
  qrCode = /\/q\/([0-9a-z]+)/.exec(poster.body)![1]!;
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

interface Script {
  path: string;
  encoding: string;
  bytes: number;
}

/** Opens `path` in a fresh phone context, waits until `ready` shows and the network is quiet, and returns the scripts it fetched. */
async function scriptsOf(page: Page, path: string, ready: () => Promise<void>): Promise<Script[]> {
  const pending: Promise<Script>[] = [];
  page.on('requestfinished', (request) => {
    if (request.resourceType() !== 'script') return;
    pending.push(
      (async () => {
        const response = await request.response();
        // The body's size as it came over the wire, in the encoding the server chose.
        const { responseBodySize } = await request.sizes();
        return { path: new URL(request.url()).pathname, encoding: (await response?.headerValue('content-encoding')) ?? 'identity', bytes: responseBodySize };
      })(),
    );
  });
  await page.goto(path);
  await ready();
  await page.waitForLoadState('networkidle');
  return Promise.all(pending);
}

function assertLight(scripts: Script[], what: string) {
  const total = scripts.reduce((sum, s) => sum + s.bytes, 0);
  const list = scripts.map((s) => `${s.path} ${s.bytes} B ${s.encoding}`).join('\n');
  assert.ok(scripts.length > 0, `${what}: no scripts seen`);
  assert.deepEqual(scripts.filter((s) => OFFICE_APP.test(s.path)), [], `${what} fetched the office app:\n${list}`);
  // Chromium asks for brotli from localhost as over https://, and the build is served as .br.
  assert.ok(scripts.every((s) => s.encoding === 'br'), `${what}: every script compressed with brotli:\n${list}`);
  assert.ok(total < BUDGET, `${what}: ${total} bytes of JavaScript, over the ${BUDGET} budget:\n${list}`);
}

it('the QR page loads its own small app, under 200 kB of JavaScript', async () => {
  await withPage(browser, server, 'phone', 'resident-weight-scan', async (page) => {
    const scripts = await scriptsOf(page, `/q/${qrCode}`, async () => {
      await page.getByLabel('您想反映的事').waitFor();
      await page.getByRole('button', { name: '提交' }).waitFor();
    });
    assertLight(scripts, '/q/<code>');
  });
});

it('the tracking page too, its page fetched on demand', async () => {
  await withPage(browser, server, 'phone', 'resident-weight-track', async (page) => {
    const scripts = await scriptsOf(page, '/track', () => page.getByLabel('查询码').waitFor());
    assertLight(scripts, '/track');
    assert.ok(scripts.some((s) => /\/assets\/TrackPage-/.test(s.path)), 'the tracking page comes in its own file');
  });
});

it('the office app still starts from the same page for every other address', async () => {
  await withPage(browser, server, 'phone', 'resident-weight-office', async (page) => {
    const scripts = await scriptsOf(page, '/login', () => page.getByRole('button', { name: '登录' }).waitFor());
    assert.ok(scripts.some((s) => /\/assets\/start-/.test(s.path)), 'the office app is loaded on /login');
  });
});
