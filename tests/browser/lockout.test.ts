// Five wrong passwords in a row lock an account; from the fourth the page first solves the
// server's challenge by itself; the login page says what happened in the server's words.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { ApiSession, DEMO_PASSWORD, launchBrowser, startServer, withPage, type TestServer, type ViewportName } from './harness.js';

let server: TestServer;
let browser: Browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

for (const viewport of ['desktop', 'phone'] as ViewportName[]) {
  it(`five wrong passwords lock the account leader (${viewport})`, async () => {
    await withPage(browser, server, viewport, 'lockout', async (page) => {
      await page.goto('/login');
      await page.getByRole('button', { name: '登录' }).waitFor();
      await page.getByLabel('用户名').fill('leader');

      let last: { status: number; body: { title?: string; code?: string } } | null = null;
      for (let i = 1; i <= 5; i++) {
        await page.getByLabel('密码').fill(`Wrong-pass-${i}x`);
        // From the fourth try the first answer is 428 (challenge_required): the page solves it and sends again.
        const answer = page.waitForResponse((r) => r.url().endsWith('/api/auth/login') && r.status() !== 428);
        await page.getByRole('button', { name: '登录' }).click();
        const res = await answer;
        last = { status: res.status(), body: (await res.json()) as { title?: string; code?: string } };
        if (i < 5) {
          assert.equal(last.status, 401);
          assert.equal(last.body.code, 'invalid_credentials');
          await page.getByTestId('auth-error').filter({ hasText: last.body.title ?? '' }).waitFor();
        }
      }

      assert.equal(last?.status, 423);
      assert.equal(last?.body.code, 'account_locked');
      const title = last?.body.title ?? '';
      assert.match(title, /锁定/);
      const alert = page.getByTestId('auth-error');
      await alert.filter({ hasText: title }).waitFor();
      assert.match((await alert.textContent()) ?? '', /账号已锁定/);
      assert.equal(new URL(page.url()).pathname, '/login');
    });

    // Unlock for the next viewport: an admin's password reset also lifts the lock.
    const admin = await ApiSession.login(server.baseUrl, 'admin');
    const accounts = await admin.get<{ items: { id: number; username: string }[] }>('/api/accounts?q=leader&limit=20');
    const leader = accounts.items.find((a) => a.username === 'leader');
    assert.ok(leader, 'the demo account leader exists');
    const reset = await admin.request('POST', `/api/accounts/${leader.id}/reset-password`, { password: DEMO_PASSWORD });
    assert.equal(reset.status, 204);
  });
}
