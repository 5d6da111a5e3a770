// Residents can be called back: staff reveal a resident's phone on the report page (the view is
// recorded), hand the concern to a handling unit with a deadline, the unit answers it in its list,
// and the resident's tracking page shows the answer in plain words.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { solveChallenge } from '../../server/src/platform/challenge.js';
import { addDays, chinaDate } from '../../server/src/platform/time.js';
import { ApiSession, confirmStep, launchBrowser, loginUi, pickOption, screenshot, startServer, withPage, type TestServer } from './harness.js';

let server: TestServer;
let browser: Browser;
let staff: ApiSession;
let unitName: string;
let opinionId: number;
let trackingCode: string;
const concern = '新兴街道朝阳路三盏路灯坏了一个多星期，晚上老人出门看不清路。';
const answer = '街道已安排维修，三盏路灯已全部修好，感谢您的反映。';

before(async () => {
  server = await startServer({ SHANGLIANG_CHALLENGE_BITS: '8' });
  browser = await launchBrowser();
  staff = await ApiSession.login(server.baseUrl, 'staff');
  const unit = await ApiSession.login(server.baseUrl, 'unit');
  const me = await unit.get<{ handlingUnitId: number; organization: { id: number } }>('/api/me');
  const units = await staff.get<{ id: number; name: string }[]>(`/api/orgs/handling-units?organizationId=${me.organization.id}`);
  unitName = units.find((u) => u.id === me.handlingUnitId)!.name;

  // A resident's concern through a place's QR code, with a phone to call back.
  const places = await staff.get<{ items: { id: number; active: boolean; organizationId: number }[] }>(`/api/orgs/places?organizationId=${me.organization.id}&limit=50`);
  const place = places.items.find((p) => p.active && p.organizationId === me.organization.id)!;
  const poster = await staff.request<string>('GET', `/api/orgs/places/${place.id}/qr-poster.svg`);
  const code = /\/q\/([0-9a-z]+)/.exec(poster.body)![1]!;
  const page = (await (await fetch(`${server.baseUrl}/api/q/${code}`)).json()) as { challenge: { token: string; nonce: string; bits: number } };
  const form = new FormData();
  for (const [k, v] of Object.entries({ text: concern, category: 'transport', name: '李大爷', phone: '13912345678', challenge: page.challenge.token, solution: solveChallenge(page.challenge.nonce, page.challenge.bits) }))
    form.append(k, v);
  const res = await fetch(`${server.baseUrl}/api/q/${code}/opinions`, { method: 'POST', body: form });
  assert.equal(res.status, 201, await res.clone().text());
  trackingCode = ((await res.json()) as { trackingCode: string }).trackingCode;
  assert.doesNotMatch(trackingCode, /[01OI]/);
  const list = await staff.get<{ items: { id: number; title: string }[] }>('/api/opinions?source=resident&limit=5');
  opinionId = list.items.find((o) => concern.startsWith(o.title))!.id;
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

it('staff call the resident back and hand the concern to a unit with a deadline', async () => {
  const deadline = addDays(chinaDate(), 7);
  await withPage(browser, server, 'desktop', 'callback-staff', async (page) => {
    await loginUi(page, 'staff');
    await page.goto(`/opinions/${opinionId}`);
    await page.getByTestId('resident-contact').filter({ hasText: '139****5678' }).waitFor();
    await page.getByRole('button', { name: '查看联系方式' }).click();
    await page.getByTestId('resident-contact').filter({ hasText: '13912345678' }).waitFor();
    await page.getByTestId('reveal-recorded').filter({ hasText: '本次查看已记录' }).waitFor();
    await page.getByTestId('timeline').getByText('查看联系方式', { exact: true }).waitFor();

    await page.getByRole('button', { name: '转交办理' }).click();
    const modal = page.getByRole('dialog');
    await pickOption(page, modal.getByLabel('承办单位（镇街或部门）'), unitName);
    await modal.getByLabel('答复期限').fill(deadline);
    await modal.getByRole('button', { name: '确定' }).click();
    await confirmStep(page, `将转交${unitName}办理，答复期限 ${deadline}`);
    await page.getByTestId('done-message').filter({ hasText: `已转交给 ${unitName}` }).waitFor();
    await modal.waitFor({ state: 'hidden' });
    await page.getByTestId('opinion-handoff').filter({ hasText: `已转交${unitName}，请于${deadline}前答复` }).waitFor();
    await page.getByTestId('timeline').getByText('转交办理', { exact: true }).waitFor();
    await screenshot(page, 'callback-staff-desktop');
  });
});

it('the unit answers it, and the resident reads the answer on the tracking page', async () => {
  await withPage(browser, server, 'phone', 'callback-unit', async (page) => {
    await loginUi(page, 'unit');
    await page.goto('/opinions/handoffs');
    await page.getByRole('heading', { name: '群众诉求转办' }).waitFor();
    const card = page.getByTestId('handoff').filter({ hasText: concern });
    await card.getByRole('button', { name: '答复群众' }).click();
    const modal = page.getByRole('dialog');
    await modal.getByLabel('答复内容').fill(answer);
    await modal.getByRole('button', { name: '确定' }).click();
    await modal.waitFor({ state: 'hidden' });
    await page.getByText('已答复', { exact: true }).click();
    await page.getByTestId('handoff').filter({ hasText: answer }).waitFor();
    await screenshot(page, 'callback-unit-phone');
  });
  await withPage(browser, server, 'phone', 'callback-track', async (page) => {
    await page.goto(`/track/${trackingCode}`);
    await page.getByTestId('track-status').filter({ hasText: `已答复：${answer}` }).waitFor();
    assert.doesNotMatch((await page.getByTestId('track-result').textContent()) ?? '', /编报|报送/);
    await page.getByTestId('track-answer').getByText(unitName, { exact: false }).waitFor();
    await screenshot(page, 'callback-track-phone');
  });
});
