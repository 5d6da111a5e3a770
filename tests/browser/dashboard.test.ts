// The year's figures on a phone, as the office reads them: in Chinese, then the whole system, a
// figure opened down to its records, and the same page in English.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { ApiSession, launchBrowser, loginUi, startServer, withPage, type TestServer } from './harness.js';

let server: TestServer;
let browser: Browser;
let figure: { code: string; value: number; name: { zh: string; en: string } };

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const staff = await ApiSession.login(server.baseUrl, 'staff');
  const system = await staff.get<{ figures: (typeof figure)[] }>('/api/dashboard/figures?scope=system');
  figure = system.figures.find((f) => f.value > 0)!;
  assert.ok(figure, 'the demo year has work to count');
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

it('staff read the year in Chinese, switch to the whole system, open a figure’s records, and read it in English', async () => {
  await withPage(browser, server, 'phone', 'dashboard-figures', async (page) => {
    await loginUi(page, 'staff');
    await page.goto('/dashboard/figures');
    await page.getByRole('heading', { name: '年度工作数字' }).waitFor();
    await page.getByTestId('group-proposals').getByText('提案工作').waitFor();
    await page.getByTestId('checks').waitFor();
    await page.getByTestId('scope-switch').getByText('全系统（含下级）').click();
    const value = page.getByTestId(`figure-${figure.code}`);
    await value.filter({ hasText: figure.value.toLocaleString('en-US') }).waitFor();
    await value.click();
    const drawer = page.getByTestId('records-drawer');
    await drawer.getByText(`${figure.name.zh}：明细 ${figure.value} 条`).waitFor();
    // The title shows the figure at once; the records arrive after it.
    if (figure.value > 0) await drawer.locator('.ant-list-item a').first().waitFor();
    assert.equal(await drawer.locator('.ant-list-item a').count(), Math.min(figure.value, 20));
    await page.keyboard.press('Escape');
    await page.getByTestId('lang-switch').click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await page.getByRole('heading', { name: 'Figures of the year' }).waitFor();
    await page.getByTestId('group-proposals').getByText(figure.code.startsWith('proposals.') ? figure.name.en : 'Proposals').first().waitFor();
  });
});
