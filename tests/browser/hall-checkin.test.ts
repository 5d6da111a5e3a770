// QR check-in at a hall's deliberation session: an invited member on a phone opens the check-in
// link, signs in where they stand and is checked in; the office sees them on the session's list.
// Then an invited resident finds the session on their home page and checks in in English, and the
// office reads the list in English.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { ApiSession, DEMO_PASSWORD, launchBrowser, loginUi, pickOption, startServer, withPage, type TestServer } from './harness.js';

let server: TestServer;
let browser: Browser;
let staff: ApiSession;
let hall: { id: number; name: string };
let sessionId: number;
let token: string;
const title = '社区助餐点议事会<b>午间</b>';
const inMinutes = (m: number) => new Date(Date.now() + m * 60_000).toISOString();

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  staff = await ApiSession.login(server.baseUrl, 'staff');
  const member = await (await ApiSession.login(server.baseUrl, 'member')).get<{ memberId: number }>('/api/me');
  const resident = await (await ApiSession.login(server.baseUrl, 'public')).get<{ id: number }>('/api/me');
  hall = (await staff.get<{ items: { id: number; name: string }[] }>('/api/orgs/places?kind=hall&limit=1')).items[0]!;
  const topic = await staff.request<{ id: number }>('POST', `/api/halls/places/${hall.id}/topics`, { title: '老年人午餐难', text: '社区老人多，午餐无处解决，建议设助餐点。' });
  assert.equal(topic.status, 201, JSON.stringify(topic.body));
  assert.equal((await staff.request('POST', `/api/halls/topics/${topic.body.id}/screen`, { event: 'adopt' })).status, 200);
  const session = await staff.request<{ id: number }>('POST', '/api/halls/sessions', {
    placeId: hall.id, title, startsAt: inMinutes(10), endsAt: inMinutes(120), topicIds: [topic.body.id], invitedMemberIds: [member.memberId], residentUserIds: [resident.id],
  });
  assert.equal(session.status, 201, JSON.stringify(session.body));
  sessionId = session.body.id;
  assert.equal((await staff.request('POST', `/api/halls/sessions/${sessionId}/events`, { event: 'publish' })).status, 200);
  token = (await staff.get<{ token: string }>(`/api/halls/sessions/${sessionId}/checkin-code`)).token;
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** The office's workbench with the session's check-in panel open. */
async function openPanel(page: import('playwright-core').Page) {
  await page.goto('/halls');
  const pick = page.getByLabel(/选择议事堂|Choose a hall/);
  await pickOption(page, pick, hall.name, async () => {
    await pick.click();
    await pick.fill(hall.name);
  });
  const row = page.getByTestId('halls-sessions').getByRole('row').filter({ hasText: title });
  await row.locator('.ant-table-row-expand-icon').click();
  const panel = page.getByTestId('hall-checkin-panel');
  await panel.getByTestId('checkin-qr').waitFor();
  return panel;
}

it('a member checks in on a phone and the office sees them on the list, in Chinese', async () => {
  await withPage(browser, server, 'phone', 'hall-checkin-member', async (page) => {
    await page.goto(`/hall/checkin/${token}`);
    await page.getByText('请登录后签到').waitFor();
    await page.getByPlaceholder('用户名').fill('member');
    await page.getByPlaceholder('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByTestId('checkin-topic').filter({ hasText: title }).waitFor();
    await page.getByText(/可签到时间/).waitFor();
    await page.getByTestId('checkin-button').click();
    await page.getByTestId('checkin-done').filter({ hasText: '签到成功' }).waitFor();
    assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 375, 'nothing wider than the phone');
    // Scanning again is harmless: the page says so.
    await page.reload();
    await page.getByTestId('checkin-done').filter({ hasText: '您已签到' }).waitFor();
  });
  await withPage(browser, server, 'desktop', 'hall-checkin-office', async (page) => {
    await loginUi(page, 'staff');
    const panel = await openPanel(page);
    assert.ok((await panel.getByTestId('checkin-url').textContent())?.includes(`/hall/checkin/${token}`));
    const rows = panel.getByTestId('hall-attendance').getByRole('row');
    await rows.filter({ hasText: '委员' }).getByText('已签到').waitFor();
    await rows.filter({ hasText: '居民' }).getByText('待签到').waitFor();
    await panel.getByTestId('hall-attendance-totals').filter({ hasText: '应到 2 人，已签到 1 人' }).waitFor();
  });
});

it('an invited resident finds the session on their home page, checks in in English, and the office list follows', async () => {
  await withPage(browser, server, 'phone', 'hall-checkin-resident-home', async (page) => {
    await loginUi(page, 'public');
    const item = page.getByTestId('work-public').getByTestId('work-item-halls.attend');
    await item.getByText('待参加的议事活动').waitFor();
    assert.equal(await item.getByTestId('count').textContent(), '1');
    await item.getByTestId('count').click();
    await page.getByTestId('my-sessions').getByText(title).waitFor();
    await page.getByTestId('my-sessions').getByText(hall.name).waitFor();
  });
  await withPage(browser, server, 'phone', 'hall-checkin-resident', async (page) => {
    await page.goto(`/hall/checkin/${token}`);
    await page.getByTestId('lang-switch').click();
    await page.getByText('Sign in to check in').waitFor();
    await page.getByPlaceholder('Username').fill('public');
    await page.getByPlaceholder('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('checkin-topic').filter({ hasText: title }).waitFor();
    await page.getByRole('button', { name: 'Check in' }).click();
    await page.getByTestId('checkin-done').filter({ hasText: 'You have checked in' }).waitFor();
  });
  await withPage(browser, server, 'desktop', 'hall-checkin-office-en', async (page) => {
    await loginUi(page, 'staff');
    await page.getByTestId('lang-switch').first().click();
    const panel = await openPanel(page);
    const rows = panel.getByTestId('hall-attendance').getByRole('row');
    await rows.filter({ hasText: 'Resident' }).getByText('Checked in').waitFor();
    await panel.getByTestId('hall-attendance-totals').filter({ hasText: '2 invited, 2 checked in' }).waitFor();
  });
  const list = await staff.get<{ totals: { headcount: number } }>(`/api/halls/attendance?sessionId=${sessionId}`);
  assert.equal(list.totals.headcount, 2);
});
