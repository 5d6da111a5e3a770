// The big screen (驾驶舱) on a 1920×1080 wall display: the office's screen in Chinese with each
// figure's English name below it, a report filed elsewhere (through the API) raising its figure
// without a reload, the same screen in English, and the public screen with the public figures
// only, which also fits a phone.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { ApiSession, launchBrowser, loginUi, newPage, screenshot, startServer, watchPage, type TestServer } from './harness.js';

interface Figure {
  code: string;
  value: number;
  public: boolean;
  name: { zh: string; en: string };
}

let server: TestServer;
let browser: Browser;
let staff: ApiSession;
let member: ApiSession;
let orgId: number;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  staff = await ApiSession.login(server.baseUrl, 'staff');
  member = await ApiSession.login(server.baseUrl, 'member');
  orgId = (await staff.get<{ organization: { id: number } }>('/api/me')).organization.id;
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function onWall(name: string, fn: (page: Page) => Promise<void>, size = { width: 1920, height: 1080 }) {
  const { context, page } = await newPage(browser, server.baseUrl, 'desktop');
  await page.setViewportSize(size);
  const seen = watchPage(page, name);
  try {
    await fn(page);
    await screenshot(page, `screen-${name}`);
  } catch (e) {
    console.error(`screenshot: ${await screenshot(page, `screen-${name}-failed`).catch(() => '')}\n${seen.join('\n')}`);
    throw e;
  } finally {
    await context.close();
  }
}

async function fileReport(title: string) {
  const res = await member.request('POST', '/api/opinions', { organizationId: orgId, title, text: '小区电动自行车飞线充电现象普遍，存在火灾隐患，建议统一建设充电设施。', category: 'livelihood' });
  assert.equal(res.status, 201, JSON.stringify(res.body));
}

const received = async (url: string, as: ApiSession) => (await as.get<{ figures: Figure[] }>(url)).figures;
const valueOf = (figures: Figure[], code: string) => figures.find((f) => f.code === code)!.value;

it('the office screen fills a wall display in Chinese, names each figure in English too, and raises a figure live', async () => {
  await onWall('office-zh', async (page) => {
    await loginUi(page, 'staff');
    await page.goto('/dashboard/screen');
    const figures = await received('/api/dashboard/figures', staff);
    await page.getByTestId('screen-title').filter({ hasText: /\d{4}年度工作驾驶舱/ }).waitFor();
    await page.getByTestId('screen-connection').filter({ hasText: '实时' }).waitFor();
    assert.equal(await page.locator('.ant-menu').count(), 0, 'no navigation on the big screen');
    await page.getByTestId('screen-group-proposals').getByRole('heading', { name: '提案工作' }).waitFor();
    const tile = page.getByTestId('screen-figure-opinions.received');
    const name = figures.find((f) => f.code === 'opinions.received')!.name;
    await tile.getByText(name.zh, { exact: true }).waitFor();
    await tile.getByText(name.en, { exact: true }).waitFor();
    const before = valueOf(figures, 'opinions.received');
    const value = page.getByTestId('screen-value-opinions.received');
    await value.filter({ hasText: new RegExp(`^${before.toLocaleString('en-US')}$`) }).waitFor();
    await page.getByTestId('screen-updated').waitFor();
    // Every figure is on the screen, and the screen fits the wall.
    assert.equal(await page.locator('[data-testid^="screen-figure-"]').count(), figures.length);
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 1920 && document.documentElement.scrollHeight <= 1080), 'fits the wall without scrolling');

    await page.evaluate(() => Object.assign(window, { stillThisPage: true }));
    await fileReport('关于规范小区电动自行车充电的建议（大屏）');
    await value.filter({ hasText: new RegExp(`^${(before + 1).toLocaleString('en-US')}$`) }).waitFor({ timeout: 15_000 });
    assert.equal(await page.evaluate(() => (window as unknown as { stillThisPage?: boolean }).stillThisPage), true, 'no reload');
    assert.equal(valueOf(await received('/api/dashboard/figures', staff), 'opinions.received'), before + 1);
  });
});

it('the office screen in English', async () => {
  await onWall('office-en', async (page) => {
    await loginUi(page, 'staff');
    // The language chosen as the language switch keeps it.
    await page.evaluate(() => localStorage.setItem('sl_lang', 'en'));
    await page.goto('/dashboard/screen?scope=system');
    await page.getByTestId('screen-title').filter({ hasText: /Work of \d{4}: the big screen/ }).waitFor();
    await page.getByText('Whole system').waitFor();
    await page.getByTestId('screen-connection').filter({ hasText: 'Live' }).waitFor();
    await page.getByTestId('screen-group-proposals').getByRole('heading', { name: 'Proposals' }).waitFor();
    const figures = await received('/api/dashboard/figures?scope=system', staff);
    const f = figures.find((x) => x.code === 'proposals.filed')!;
    await page.getByTestId('screen-value-proposals.filed').filter({ hasText: new RegExp(`^${f.value.toLocaleString('en-US')}$`) }).waitFor();
  });
});

it('the public screen shows the public figures only, without an account, and raises them live', async () => {
  const all = await received('/api/dashboard/figures', staff);
  const open = all.filter((f) => f.public);
  assert.ok(open.length < all.length, 'some figures are not public');
  await onWall('public-zh', async (page) => {
    await page.goto(`/public/screen/${orgId}`);
    await page.getByTestId('screen-connection').filter({ hasText: '实时' }).waitFor();
    await page.getByTestId('screen-figure-opinions.received').waitFor();
    assert.equal(await page.locator('[data-testid^="screen-figure-"]').count(), open.length);
    for (const f of all.filter((x) => !x.public)) assert.equal(await page.getByTestId(`screen-figure-${f.code}`).count(), 0, f.code);
    const value = page.getByTestId('screen-value-opinions.received');
    const before = valueOf(await received(`/api/dashboard/public/figures?organizationId=${orgId}`, new ApiSession(server.baseUrl)), 'opinions.received');
    await value.filter({ hasText: new RegExp(`^${before.toLocaleString('en-US')}$`) }).waitFor();
    await fileReport('关于增设社区充电桩的建议（公开大屏）');
    await value.filter({ hasText: new RegExp(`^${(before + 1).toLocaleString('en-US')}$`) }).waitFor({ timeout: 15_000 });
  });
  // The same page on a phone: the tiles flow into one column, nothing wider than the screen.
  await onWall('public-phone', async (page) => {
    await page.goto(`/public/screen/${orgId}`);
    await page.getByTestId('screen-figure-opinions.received').waitFor();
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 375), 'fits 375 px');
  }, { width: 375, height: 812 });
});
