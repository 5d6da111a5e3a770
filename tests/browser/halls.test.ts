// A livelihood hall end to end on a phone: a resident opens the hall's QR page, chooses to propose
// a topic, signs in and proposes it; another resident supports it; the office adopts it into a
// session and publishes the notice; the hall's public page shows it without signing in, in
// Chinese, and one step in English.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { ApiSession, DEMO_PASSWORD, launchBrowser, loginUi, pickOption, startServer, withPage, type TestServer } from './harness.js';

let server: TestServer;
let browser: Browser;
let staff: ApiSession;
let hall: { id: number; name: string; organizationId: number };
let qrCode: string;
const title = '老街停车难<script>alert(1)</script>';

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  staff = await ApiSession.login(server.baseUrl, 'staff');
  const places = await staff.get<{ items: { id: number; name: string; organizationId: number }[] }>('/api/orgs/places?kind=hall&limit=1');
  hall = places.items[0]!;
  const poster = await staff.request<string>('GET', `/api/orgs/places/${hall.id}/qr-poster.svg`);
  qrCode = /\/q\/([0-9a-z]+)/.exec(poster.body)![1]!;
  const neighbour = new ApiSession(server.baseUrl);
  const reg = await neighbour.request('POST', '/api/auth/register', { username: 'neighbour1', password: DEMO_PASSWORD, displayName: '邻居', organizationId: hall.organizationId });
  assert.equal(reg.status, 201, JSON.stringify(reg.body));
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

it('a resident proposes a topic from the QR page, another supports it, the office adopts it, the public page shows it', async () => {
  await withPage(browser, server, 'phone', 'halls-propose', async (page) => {
    await page.goto(`/q/${qrCode}`);
    await page.getByRole('link', { name: '为议事堂提议题' }).click();
    await page.getByRole('heading', { name: hall.name }).waitFor();
    await page.getByPlaceholder('用户名').fill('public');
    await page.getByPlaceholder('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByLabel('议题标题').fill(title);
    await page.getByLabel('议题内容').fill('老街两侧车辆乱停，消防通道常被堵，建议划定停车位并错时开放机关停车场。');
    await page.getByRole('button', { name: '提交议题' }).click();
    await page.getByText('议题已提交，谢谢您！').waitFor();
    await page.getByTestId('hall-topic').filter({ hasText: title }).getByText('0 人支持').waitFor();
  });
  await withPage(browser, server, 'phone', 'halls-support', async (page) => {
    await page.goto(`/hall/${hall.id}`);
    await page.getByPlaceholder('用户名').fill('neighbour1');
    await page.getByPlaceholder('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    const card = page.getByTestId('hall-topic').filter({ hasText: title });
    await card.getByRole('button', { name: '支持' }).click();
    await card.getByText('1 人支持').waitFor();
    await card.getByRole('button', { name: '撤回支持' }).waitFor();
  });

  const topics = await staff.get<{ topics: { id: number; title: string }[] }>(`/api/halls/public/${hall.id}`);
  const topicId = topics.topics.find((x) => x.title === title)!.id;
  await withPage(browser, server, 'desktop', 'halls-office', async (page) => {
    await loginUi(page, 'staff');
    await page.goto('/halls');
    await page.getByRole('heading', { name: '民生议事堂工作台' }).waitFor();
    await pickOption(page, page.getByLabel('选择议事堂'), hall.name, async () => {
      await page.getByLabel('选择议事堂').click();
      await page.getByLabel('选择议事堂').fill(hall.name);
    });
    const row = page.getByTestId('halls-topics').getByRole('row').filter({ hasText: title });
    await row.getByRole('button', { name: '采纳', exact: true }).click();
    await row.getByText('已采纳').waitFor();
    await row.locator('.ant-table-row-expand-icon').click();
    const detail = page.getByTestId('halls-topic-detail');
    await detail.getByText(/提出议题/).waitFor();
    await detail.getByText(/· 采纳$/).waitFor();
  });
  const session = await staff.request<{ id: number }>('POST', '/api/halls/sessions', { placeId: hall.id, title: '老街停车议事会', startsAt: '2027-01-15T09:30:00+08:00', topicIds: [topicId] });
  assert.equal(session.status, 201, JSON.stringify(session.body));
  assert.equal((await staff.request('POST', `/api/halls/sessions/${session.body.id}/events`, { event: 'publish' })).status, 200);

  await withPage(browser, server, 'phone', 'halls-public', async (page) => {
    await page.goto(`/hall/${hall.id}`);
    const card = page.getByTestId('hall-topic').filter({ hasText: title });
    await card.getByText('已采纳').waitFor();
    await card.getByText('1 人支持').waitFor();
    await page.getByTestId('hall-session').filter({ hasText: '老街停车议事会' }).getByText('即将举行').waitFor();
    assert.equal(await page.getByText('邻居').count(), 0, 'supporters are not shown');
    assert.equal(await page.locator('script:not([src])').filter({ hasText: 'alert(1)' }).count(), 0);
    // One step in English.
    await page.getByTestId('lang-switch').click();
    await card.getByText('Supporters: 1').waitFor();
    await page.getByTestId('hall-session').getByText('Upcoming').waitFor();
  });
});

it('the public index lists the halls by county and town with their figures, and opens a hall', async () => {
  await withPage(browser, server, 'phone', 'halls-index', async (page) => {
    await page.goto('/hall');
    await page.getByRole('heading', { name: '民生议事堂' }).waitFor();
    const row = page.getByTestId('hall-index-row').filter({ hasText: hall.name }).first();
    await row.getByText(/今年议事 \d+ 次/).waitFor();
    await row.getByRole('link', { name: hall.name }).click();
    await page.getByRole('heading', { name: hall.name }).waitFor();
    await page.goBack();
    await page.getByRole('link', { name: '查看议事案例' }).click();
    await page.getByTestId('hall-case').filter({ hasText: '老街停车难议出了 40 个车位' }).getByText('办理后：').waitFor();
    await page.goBack();
    await page.getByRole('link', { name: '查看议事堂、驿站、工作室分布' }).click();
    await page.getByRole('heading', { name: '三位一体阵地' }).waitFor();
    await page.getByTestId('directory-row').filter({ hasText: hall.name }).first().getByText(/今年活动 \d+ 次/).waitFor();
  });
});
