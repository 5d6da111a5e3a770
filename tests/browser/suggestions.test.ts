// A hall session's suggestion followed up on a phone: the office records it and assigns it to a
// unit; the unit finds it among its suggestions to answer and answers; the office must choose
// whether it was adopted (no default) and records it; the history shows every step, in Chinese.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { ApiSession, launchBrowser, loginUi, startServer, withPage, type TestServer } from './harness.js';

let server: TestServer;
let browser: Browser;
let id: number;
let unitUser: string;
const title = '夜间开放机关停车场<script>alert(1)</script>';

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const staff = await ApiSession.login(server.baseUrl, 'staff');
  const places = await staff.get<{ items: { id: number; organizationId: number }[] }>('/api/orgs/places?kind=hall&limit=1');
  const hall = places.items[0]!;
  const sessions = await staff.get<{ id: number; state: string }[]>(`/api/halls/places/${hall.id}/sessions`);
  const held = sessions.find((s) => s.state === 'held' || s.state === 'closed')!;
  // The demo's hall units answer with the accounts unit<id>, like the city's units.
  const units = await staff.get<{ id: number; active: boolean }[]>(`/api/orgs/handling-units?organizationId=${hall.organizationId}`);
  unitUser = `unit${units.find((u) => u.active)!.id}`;
  const made = await staff.request<{ id: number }>('POST', `/api/halls/sessions/${held.id}/suggestions`, { title, text: '建议机关停车场 19 时至次日 7 时向周边居民开放。' });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  id = made.body.id;
  const assigned = await staff.request('POST', `/api/suggestions/${id}/assign`, { unitIds: [Number(unitUser.slice(4))] });
  assert.equal(assigned.status, 200, JSON.stringify(assigned.body));
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

it('a unit answers from its list on a phone; the office records adoption only once it is chosen', async () => {
  await withPage(browser, server, 'phone', 'suggestions-answer', async (page) => {
    await loginUi(page, unitUser);
    await page.goto('/suggestions/mine');
    await page.getByRole('heading', { name: '我的待办建议' }).waitFor();
    await page.getByText(title, { exact: true }).first().click();
    await page.getByTestId('suggestion-title').filter({ hasText: title }).waitFor();
    await page.getByRole('button', { name: '答复', exact: true }).click();
    await page.getByLabel('答复内容').fill('已协调镇机关停车场夜间开放，提供车位 30 个。');
    await page.getByRole('button', { name: '提交' }).click();
    await page.getByText('已答复', { exact: true }).first().waitFor();
    await page.getByText('已协调镇机关停车场夜间开放，提供车位 30 个。').waitFor();
    assert.equal(await page.getByRole('button', { name: '答复', exact: true }).count(), 0, 'answered once');
  });
  await withPage(browser, server, 'phone', 'suggestions-adopt', async (page) => {
    await loginUi(page, 'staff');
    await page.goto(`/suggestions/${id}`);
    await page.getByRole('button', { name: '标记采纳情况' }).click();
    await page.getByRole('button', { name: '提交' }).click();
    await page.getByText('请选择是否采纳').waitFor();
    await page.getByRole('dialog').getByText('已采纳', { exact: true }).click();
    await page.getByRole('button', { name: '提交' }).click();
    await page.getByRole('button', { name: '确定' }).click();
    // The success message says what was recorded.
    await page.getByText('已登记：已采纳').waitFor();
    await page.getByTestId('suggestion-state').filter({ hasText: '已采纳' }).waitFor();
    const history = await page.getByTestId('timeline').innerText();
    for (const step of ['整理意见建议', '交办', '答复', '采纳']) assert.match(history, new RegExp(step));
  });
});
