// Duty records in the browser: a member opens 我的履职 on a 375 px phone and sees this year's
// acts with their points (one entered by the office), then in English; the member claims a
// training, the office approves it, and the member sees it counted; the office opens the list of
// members' duty with its export, in Chinese and in English.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { chinaDate } from '../../server/src/platform/time.js';
import { ApiSession, launchBrowser, loginUi, pickOption, startServer, watchPage, withPage, type TestServer } from './harness.js';

let server: TestServer;
let browser: Browser;
let memberName: string;
/** What the server says the entry is worth under the year's rules, and the kind's count and points. */
let research: { each: number; count: number; points: number };
const title = '赴海宁调研乡村振兴<script>alert(1)</script>';

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const member = await ApiSession.login(server.baseUrl, 'member');
  const own = await member.get<{ member: { id: number; name: string; organizationId: number } }>('/api/duty/me');
  memberName = own.member.name;
  const staff = await ApiSession.login(server.baseUrl, 'staff');
  const entry = await staff.request('POST', '/api/duty/entries', {
    organizationId: own.member.organizationId, memberIds: [own.member.id], kind: 'offline_research', occurredOn: chinaDate(), title, reason: '线下调研，无系统记录',
  });
  assert.equal(entry.status, 201, JSON.stringify(entry.body));
  const record = await member.get<{ kinds: { kind: string; count: number; points: number }[]; events: { kind: string; points: number; source: { title: string | null } }[] }>('/api/duty/me');
  const kind = record.kinds.find((k) => k.kind === 'offline_research')!;
  research = { each: record.events.find((e) => e.source.title === title)!.points, count: kind.count, points: kind.points };
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

it('a member sees 我的履职 on a phone: the total, points by kind and each act, then in English', async () => {
  await withPage(browser, server, 'phone', 'duty-mine', async (page) => {
    const seen = watchPage(page, 'member');
    await loginUi(page, 'member');
    await page.goto('/duty/mine');
    await page.getByRole('heading', { name: '我的履职' }).waitFor();
    const act = page.getByTestId('duty-events').locator('.ant-list-item').filter({ hasText: title });
    await act.getByText('调研视察').waitFor();
    await act.getByText('机关录入').waitFor();
    await act.getByText(`${research.each} 分`).waitFor();
    await page.getByTestId('duty-kinds').getByText(`调研视察 · ${research.count} 次 · ${research.points} 分`).waitFor();
    await page.getByTestId('duty-total').getByText(/年度总积分/).waitFor();
    assert.equal(await page.locator('script:not([src])').filter({ hasText: 'alert(1)' }).count(), 0);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 375, `the page fits the phone (${width} px)`);
    await page.getByTestId('lang-switch').click();
    await page.getByRole('heading', { name: 'My duty record' }).waitFor();
    await act.getByText('Research or inspection trip').waitFor();
    await act.getByText('Entered by the office').waitFor();
    assert.deepEqual(seen, []);
  });
});

it('the office sees every member with points by kind and may export the list, in Chinese and English', async () => {
  await withPage(browser, server, 'desktop', 'duty-members', async (page) => {
    await loginUi(page, 'staff');
    await page.goto('/duty/members');
    await page.getByRole('heading', { name: '委员履职' }).waitFor();
    await page.getByTestId('duty-members').getByText(memberName).first().waitFor();
    await page.getByText(/共 \d+ 位委员/).waitFor();
    const href = await page.getByTestId('duty-export').locator('xpath=ancestor::a[1]').getAttribute('href');
    assert.match(href ?? '', /^\/api\/duty\/members\.xlsx\?/);
    // The year's grades: filtered to 优秀, every row listed is excellent, as many as the evaluation says.
    const staff = await ApiSession.login(server.baseUrl, 'staff');
    const excellent = (await staff.get<{ counts: Record<string, number> }>('/api/duty/evaluation')).counts.excellent!;
    await pickOption(page, page.getByRole('combobox', { name: '考评等次' }), '优秀');
    await page.getByText(`共 ${excellent} 位委员`).waitFor();
    const grades = await page.getByTestId('duty-members').getByTestId('duty-grade').allTextContents();
    assert.ok(grades.length > 0 && grades.every((g) => g === '优秀'), grades.join());
    await page.getByTestId('lang-switch').click();
    await page.getByRole('heading', { name: "Members' duty" }).waitFor();
    await page.getByRole('button', { name: /Export to Excel/ }).waitFor();
    await page.goto('/duty/stats');
    await page.getByRole('heading', { name: "Members' duty in figures" }).waitFor();
    await page.getByTestId('duty-stats').getByText('Research or inspection trip').waitFor();
  });
});

it('a member claims a training on the phone, the office approves it, and it counts', async () => {
  const training = '参加全市委员履职能力培训';
  await withPage(browser, server, 'phone', 'duty-claim', async (page) => {
    await loginUi(page, 'member');
    await page.goto('/duty/mine');
    await page.getByRole('button', { name: '申报履职' }).click();
    const dialog = page.getByRole('dialog');
    await pickOption(page, dialog.getByLabel('履职类型'), '学习培训');
    await dialog.getByLabel('日期').fill(chinaDate());
    await dialog.getByLabel('日期').press('Enter');
    await dialog.getByLabel('活动名称').fill(training);
    await dialog.getByLabel('说明').fill('培训一天，已签到');
    await dialog.getByRole('button', { name: '提交申报' }).click();
    await page.getByTestId('duty-claims').locator('.ant-list-item').filter({ hasText: training }).getByText('待审核').waitFor();
  });
  await withPage(browser, server, 'desktop', 'duty-claims-queue', async (page) => {
    await loginUi(page, 'staff');
    await page.goto('/duty/claims');
    await page.getByRole('heading', { name: '履职申报审核' }).waitFor();
    const row = page.getByTestId('duty-claims-queue').locator('tr').filter({ hasText: training });
    await row.getByRole('button', { name: '认定' }).click();
    await row.waitFor({ state: 'detached' });
  });
  await withPage(browser, server, 'phone', 'duty-claim-counted', async (page) => {
    await loginUi(page, 'member');
    await page.goto('/duty/mine');
    await page.getByTestId('duty-events').locator('.ant-list-item').filter({ hasText: training }).getByText('学习培训').waitFor();
    await page.getByTestId('duty-claims').locator('.ant-list-item').filter({ hasText: training }).getByText('已认定').waitFor();
  });
});
