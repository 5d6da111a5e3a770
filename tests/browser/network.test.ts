// The app opened from an address other than localhost over plain HTTP, as a phone on the office
// network opens it: the page must render, not stay blank behind a CSP that upgrades to https.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchBrowser, newPage, startServer, type TestServer } from './harness.js';

let server: TestServer;
let browser: Browser;

before(async () => {
  // 127.0.0.2 is a loopback address that is not "localhost" to the browser's address bar.
  server = await startServer({ HOST: '127.0.0.2' });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

it('renders the sign-in page served over plain HTTP from a non-localhost address', async () => {
  assert.match(server.baseUrl, /^http:\/\/127\.0\.0\.2:/);
  const { context, page } = await newPage(browser, server.baseUrl, 'phone');
  try {
    const failed: string[] = [];
    page.on('requestfailed', (req) => failed.push(req.url()));
    const res = await page.goto('/login');
    assert.doesNotMatch(String(res?.headers()['content-security-policy']), /upgrade-insecure-requests/);
    await page.getByLabel('用户名').waitFor();
    await page.getByRole('button', { name: '登录' }).waitFor();
    assert.deepEqual(failed.filter((u) => u.startsWith('https:')), []);
  } finally {
    await context.close();
  }
});
