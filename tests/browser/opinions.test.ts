// Public opinion end to end: a resident scans a place's code on a phone and raises a concern (the
// page solves the proof-of-work), follows it by tracking code; the office accepts and compiles it
// in the workbench, forwards the issue and records the province's adoption; the resident then
// reads the answer, and the place ranking shows the points; the year's figures, the city's own and
// with its counties.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { chinaDate, chinaYear } from '../../server/src/platform/time.js';
import { ApiSession, confirmStep, launchBrowser, loginUi, pickOption, screenshot, startServer, withPage, type TestServer } from './harness.js';

let server: TestServer;
let browser: Browser;
let staff: ApiSession;
let place: { id: number; name: string };
let qrCode: string;
let trackingCode: string;
let opinionId: number;
const concern = '南湖路公交站台没有遮雨棚，雨天老人候车很不方便，建议加装。<script>alert(1)</script>';
const answer = '市交通运输局已将该站台列入今年改造计划，五月底前完成遮雨棚安装。';

// A little work is enough to run the real solver in the page without slowing the test.
before(async () => {
  server = await startServer({ SHANGLIANG_CHALLENGE_BITS: '10' });
  browser = await launchBrowser();
  staff = await ApiSession.login(server.baseUrl, 'staff');
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const shot = (page: Page, name: string) => screenshot(page, `opinions-${name}`);

// 1×1 PNG: a real image for the photo field.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

it('staff take a place QR code: the poster carries the code the phone opens', async () => {
  // A new hall of the staff's own organization (whose ranking the page shows by default), so that
  // its points are this test's alone: the demo year's reports credit the other places.
  const me = await staff.get<{ organization: { id: number } }>('/api/me');
  const places = await staff.get<{ items: { divisionCode: string; organizationId: number }[] }>(`/api/orgs/places?organizationId=${me.organization.id}&limit=50`);
  const town = places.items.find((p) => p.organizationId === me.organization.id)!.divisionCode;
  const made = await staff.request<{ id: number; name: string }>('POST', '/api/orgs/places', { organizationId: me.organization.id, kind: 'hall', name: '南湖区新兴街道民生议事堂', divisionCode: town });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  place = made.body;
  const poster = await staff.request<string>('GET', `/api/orgs/places/${place.id}/qr-poster.svg`);
  assert.equal(poster.status, 200);
  qrCode = /\/q\/([0-9a-z]+)/.exec(poster.body)![1]!;
  assert.ok(qrCode);
});

it('a resident raises a concern on a phone and follows it by tracking code', async () => {
  await withPage(browser, server, 'phone', 'opinions-scan', async (page) => {
    await page.goto(`/q/${qrCode}`);
    await page.getByRole('heading', { name: place.name }).waitFor();
    await page.getByText('扫码说事 有事好商量').waitFor();
    assert.equal(await page.locator('.ant-layout-sider, [data-testid="menu-toggle"]').count(), 0, 'no app menu on the public page');

    await page.getByLabel('您想反映的事').fill(concern);
    await pickOption(page, page.getByLabel('类别'), '交通出行');
    await page.getByTestId('photo-input').setInputFiles({ name: '站台.png', mimeType: 'image/png', buffer: PNG });
    await page.getByTestId('photo-preview').waitFor();
    await page.getByLabel('姓名（选填）').fill('张三丰');
    await page.getByLabel('手机号码（选填）').fill('13812345678');
    await page.getByText('您的姓名和手机号码加密保存').waitFor();
    await shot(page, 'scan-phone');
    await page.getByRole('button', { name: '提交' }).click();

    const code = page.getByTestId('tracking-code');
    await code.waitFor();
    trackingCode = ((await code.textContent()) ?? '').trim();
    assert.match(trackingCode, /^[0-9A-Z]{12}$/);
    await page.getByText('已提交，谢谢您！').waitFor();
    await shot(page, 'scan-done-phone');

    await page.getByRole('link', { name: '查看办理进度' }).click();
    await page.waitForURL(`**/track/${trackingCode}`);
    await page.getByTestId('track-status').filter({ hasText: '已收到，正在查看' }).waitFor();
    await page.getByText('答复尚未到达，请稍后再来查看。').waitFor();
  });
  const list = await staff.get<{ items: { id: number; source: string; residentName: string }[] }>('/api/opinions?source=resident');
  opinionId = list.items[0]!.id;
  assert.equal(list.items[0]!.residentName, '张**', 'contact is masked for staff');
});

it('staff accept the concern, compile it into an issue, forward the issue and record adoption', async () => {
  // The issue takes the year's next number, after the demo year's issues.
  const year = chinaYear();
  const issued = await staff.get<{ year: number; number: number }[]>('/api/opinions/issues');
  const number = Math.max(0, ...issued.filter((i) => i.year === year).map((i) => i.number)) + 1;
  await withPage(browser, server, 'desktop', 'opinions-staff', async (page) => {
    await loginUi(page, 'staff');
    await page.goto('/opinions');
    await page.getByRole('heading', { name: '社情民意信息工作台' }).waitFor();
    await page.getByTestId('opinions-table').getByRole('link', { name: concern.slice(0, 10) }).first().click();
    await page.waitForURL(`**/opinions/${opinionId}`);
    const state = page.getByTestId('opinion-state');
    await state.filter({ hasText: '已收到，待筛选' }).waitFor();
    await page.getByTestId('resident-contact').filter({ hasText: '138****5678' }).waitFor();
    await page.getByText(concern).waitFor();

    await page.getByRole('button', { name: '采用', exact: true }).click();
    await confirmStep(page, '不能再退回筛选');
    await state.filter({ hasText: '已采用，待编报' }).waitFor();
    await page.getByRole('button', { name: '编入新一期' }).click();
    await page.waitForURL('**/opinions/issues/new?ids=*');
    await page.getByLabel('来源署名（留空则按报送人署名）').fill(`${place.name}（群众反映）`);
    await page.getByRole('button', { name: '生成本期' }).click();
    await confirmStep(page, '编入下一期');

    await page.waitForURL(/\/opinions\/issues\/\d+$/);
    await page.getByRole('heading', { name: `《社情民意》${year}年第${number}期` }).waitFor();
    await page.getByRole('link', { name: '下载 Word' }).waitFor();
    await shot(page, 'issue-desktop');
    await page.getByRole('button', { name: '报送本期' }).click();
    const modal = page.getByRole('dialog');
    await pickOption(page, modal.getByLabel('报送对象'), '省政协');
    await modal.getByRole('button', { name: '确定' }).click();
    await confirmStep(page, '将报送省政协');
    await modal.waitFor({ state: 'hidden' });

    await page.goto(`/opinions/${opinionId}`);
    await state.filter({ hasText: '已报送' }).waitFor();
    await page.getByRole('button', { name: '登记采用' }).click();
    const adopt = page.getByRole('dialog');
    await pickOption(page, adopt.getByLabel('层级'), '省政协');
    await adopt.getByLabel('采用单位').fill('浙江省政协办公厅');
    await adopt.getByRole('button', { name: '确定' }).click();
    await confirmStep(page, '被省政协采用');
    await page.getByTestId('results').getByText('浙江省政协办公厅').waitFor();
    await state.filter({ hasText: '已被采用' }).waitFor();
  });

  // The instruction and the final answer are typed in from paper in the same modal; by API here.
  const today = chinaDate();
  const instructed = await staff.request('POST', `/api/opinions/${opinionId}/instructions`, { leader: '省政协主席', level: 'province', instructedOn: today, text: '请市政府研究落实。' });
  assert.equal(instructed.status, 200, JSON.stringify(instructed.body));
  const answered = await staff.request('POST', `/api/opinions/${opinionId}/feedback`, { fromName: '市交通运输局', text: answer, receivedOn: today, final: true });
  assert.equal(answered.status, 200, JSON.stringify(answered.body));

  await withPage(browser, server, 'desktop', 'opinions-timeline', async (page) => {
    await loginUi(page, 'staff');
    await page.goto(`/opinions/${opinionId}`);
    const timeline = page.getByTestId('timeline');
    for (const step of ['提交', '采用', '编报', '报送', '登记采用', '登记批示', '登记反馈']) await timeline.getByText(step, { exact: true }).first().waitFor();
    await shot(page, 'opinion-desktop');
  });
});

it('the resident reads the answer, and the place ranking shows its points', async () => {
  await withPage(browser, server, 'phone', 'opinions-answer', async (page) => {
    await page.goto('/track');
    await page.getByLabel('查询码').fill(trackingCode.toLowerCase());
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByTestId('track-status').filter({ hasText: '已被采纳' }).waitFor();
    const answerCard = page.getByTestId('track-answer');
    await answerCard.getByText(answer).waitFor();
    assert.match((await answerCard.textContent()) ?? '', /办理答复市交通运输局/);
    await page.getByText('省政协', { exact: true }).waitFor();
    await shot(page, 'track-phone');
  });

  // submitted 1 + accepted 2 + compiled 3 + adopted by the province 10 + the province's instruction 10
  const year = chinaYear();
  const rows = await staff.get<{ name: string; points: number }[]>(`/api/opinions/ranking?by=place&year=${year}`);
  assert.equal(rows.find((r) => r.name === place.name)?.points, 26);
  await withPage(browser, server, 'desktop', 'opinions-ranking', async (page) => {
    await loginUi(page, 'staff');
    await page.goto('/opinions/ranking');
    await page.getByRole('heading', { name: '社情民意积分排名' }).waitFor();
    await page.getByText('场所', { exact: true }).click();
    const row = page.getByTestId('ranking').locator('tr', { hasText: place.name });
    await row.getByText('26', { exact: true }).waitFor();
    await page.getByRole('link', { name: '导出 Excel' }).waitFor();
    await shot(page, 'ranking-desktop');
  });
});

it("the office reads the year's figures on a phone: its own, then with the counties below", async () => {
  // A resident raises a concern at a place of a county CPPCC below the city.
  const orgs = await staff.get<{ id: number; level: string }[]>('/api/orgs/organizations');
  const county = orgs.find((o) => o.level === 'county')!;
  const places = await staff.get<{ items: { id: number; name: string; active: boolean; organizationId: number }[] }>(`/api/orgs/places?organizationId=${county.id}&limit=50`);
  const countyPlace = places.items.find((p) => p.active && p.organizationId === county.id)!;
  const poster = await staff.request<string>('GET', `/api/orgs/places/${countyPlace.id}/qr-poster.svg`);
  const code = /\/q\/([0-9a-z]+)/.exec(poster.body)![1]!;
  await withPage(browser, server, 'phone', 'opinions-county-scan', async (page) => {
    await page.goto(`/q/${code}`);
    await page.getByRole('heading', { name: countyPlace.name }).waitFor();
    await page.getByLabel('您想反映的事').fill('村口道路路灯损坏多日，夜间出行不便，希望尽快修复。');
    await pickOption(page, page.getByLabel('类别'), '交通出行');
    await page.getByRole('button', { name: '提交' }).click();
    await page.getByTestId('tracking-code').waitFor();
  });

  const year = chinaYear();
  type Stats = { received: number; headline: { zh: string } };
  const own = await staff.get<Stats>(`/api/opinions/stats?year=${year}`);
  const system = await staff.get<Stats>(`/api/opinions/stats?year=${year}&scope=system`);
  assert.ok(system.received > own.received, 'the county’s concern counts for the whole system only');
  await withPage(browser, server, 'phone', 'opinions-stats', async (page) => {
    await loginUi(page, 'staff');
    await page.goto('/opinions/stats');
    await page.getByRole('heading', { name: '社情民意统计' }).waitFor();
    const headline = page.getByTestId('stats-headline');
    await headline.getByText(own.headline.zh, { exact: true }).waitFor();
    await page.getByTestId('scope-switch').getByText('全系统（含下级）').click();
    await headline.getByText(system.headline.zh, { exact: true }).waitFor();
    await shot(page, 'stats-phone');
  });
});
