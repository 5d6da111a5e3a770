// Proposals end to end: a member writes a joint proposal (the similar earlier proposals show while
// writing) and files it; the co-signer confirms on a phone; the office accepts it (its number
// shows) and assigns it to a unit; the unit signs for it and replies class A with a letter; the
// member rates the reply satisfied; the office makes it public and anyone finds it on the public
// page, in Chinese and in English.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { chinaYear } from '../../server/src/platform/time.js';
import { ApiSession, confirmStep, launchBrowser, loginUi, pickOption, screenshot, startServer, withPage, type TestServer } from './harness.js';

let server: TestServer;
let browser: Browser;
let staff: ApiSession;
let cosigner: { name: string; username: string };
let unitName: string;
let proposalId: number;
let numberLabel: string;
// Markup in the title must show as text, never run.
const title = `关于加快发展普惠托育服务的建议<b>${Date.now() % 10000}</b>`;
const reasons = '婴幼儿托育服务供给不足、价格偏高，双职工家庭照护压力大，社区托育点覆盖率低。';
const suggestions = '一、发展普惠托育机构，给予场地和运营补助；二、支持用人单位办托；三、加强托育从业人员培训。';
const letter = '经研究，我委已将普惠托育纳入今年民生实事项目，新建社区托育点二十个，并出台运营补助办法。';

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  staff = await ApiSession.login(server.baseUrl, 'staff');
  const admin = await ApiSession.login(server.baseUrl, 'admin');

  // The co-signer is another serving member, signing in with the account the demo gave them.
  const memberAccount = await ApiSession.login(server.baseUrl, 'member');
  const author = await memberAccount.get<{ memberId: number }>('/api/me');
  const accounts = await admin.get<{ items: { username: string; displayName: string; memberId: number | null }[] }>('/api/accounts?role=member&limit=50');
  const other = accounts.items.find((a) => a.memberId !== null && a.memberId !== author.memberId)!;
  cosigner = { name: other.displayName, username: other.username };

  const unit = await ApiSession.login(server.baseUrl, 'unit');
  unitName = (await unit.get<{ displayName: string }>('/api/me')).displayName;
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const shot = (page: Page, name: string) => screenshot(page, `proposals-${name}`);

/** Waits for the proposal page to show a state. */
async function stateIs(page: Page, label: string) {
  await page.getByTestId('proposal-state').filter({ hasText: label }).first().waitFor();
}

it('a member writes a joint proposal, sees similar earlier proposals, and files it', async () => {
  await withPage(browser, server, 'desktop', 'proposals-file', async (page) => {
    await loginUi(page, 'member');
    await page.getByRole('menuitem', { name: '撰写提案' }).click();
    await page.getByRole('heading', { name: '撰写提案' }).waitFor();
    await page.getByText('联名提案', { exact: true }).click();
    await page.getByLabel('标题').fill(title);
    await page.getByLabel('案由').fill(reasons);
    await page.getByLabel('建议', { exact: true }).fill(suggestions);

    // Seeded proposals on the care of the old and the young are among the most similar, with their scores.
    const similar = page.getByTestId('similar');
    await similar.getByRole('link', { name: /养老|老年|托育/ }).first().waitFor();
    await similar.getByText(/相似度 \d+%/).first().waitFor();

    await page.getByLabel('类别').fill('养老');
    await page.getByTitle('养老服务', { exact: true }).click();
    await pickOption(page, page.getByLabel('建议承办单位'), unitName);
    await page.keyboard.press('Escape');

    const picker = page.getByLabel('附议人');
    await pickOption(page, picker, cosigner.name, async () => {
      await picker.click();
      await picker.pressSequentially(cosigner.name.slice(0, 2));
    });
    await page.keyboard.press('Escape');
    await shot(page, 'form-desktop');

    await page.getByRole('button', { name: '提交提案' }).click();
    await page.waitForURL(/\/proposals\/\d+$/);
    proposalId = Number(new URL(page.url()).pathname.split('/').pop());
    await page.getByTestId('proposal-title').filter({ hasText: title }).waitFor();
    await stateIs(page, '待附议');
    await page.getByTestId('cosigners').getByText(`${cosigner.name} · 待确认`).waitFor();
  });
});

it('the co-signer confirms on a phone, and the proposal goes to review', async () => {
  await withPage(browser, server, 'phone', 'proposals-cosign', async (page) => {
    await loginUi(page, cosigner.username);
    await page.getByTestId('menu-toggle').click();
    await page.getByTestId('menu-drawer').getByRole('menuitem', { name: '我的提案' }).click();
    await page.getByRole('heading', { name: '我的提案' }).waitFor();
    const requests = page.getByTestId('cosign-requests');
    const card = requests.locator('.ant-card', { hasText: title }).last();
    await card.waitFor();
    // Nothing on the page is wider than the phone.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `page wider than the phone by ${overflow}px`);
    await shot(page, 'cosign-phone');
    await card.getByRole('button', { name: '同意附议' }).click();
    await page.getByText('已附议').first().waitFor();
    await requests.getByText(title).waitFor({ state: 'detached' });
  });
  const p = await staff.get<{ state: string; cosigners: { state: string }[] }>(`/api/proposals/${proposalId}`);
  assert.equal(p.state, 'submitted');
  assert.deepEqual(p.cosigners.map((c) => c.state), ['confirmed']);
});

it('the office accepts it (the number shows) and assigns it to a unit', async () => {
  await withPage(browser, server, 'desktop', 'proposals-office', async (page) => {
    await loginUi(page, 'staff');
    await page.goto('/proposals/office');
    await page.getByRole('heading', { name: '提案工作台' }).waitFor();
    await page.getByTestId('review-queue').getByRole('link', { name: title }).click();
    await page.waitForURL(`**/proposals/${proposalId}`);
    await stateIs(page, '待审查');
    await page.getByTestId('similar').getByRole('link', { name: /养老|老年|托育/ }).first().waitFor();

    await page.getByRole('button', { name: '立案', exact: true }).click();
    await confirmStep(page, '永久');
    await stateIs(page, '已立案');
    const number = page.getByTestId('proposal-number');
    await number.filter({ hasText: /第\d{4}号/ }).waitFor();
    numberLabel = ((await number.textContent()) ?? '').trim();
    assert.match(numberLabel, /^第.+届第.+次会议 第\d{4}号$/);

    await page.getByRole('button', { name: '交办', exact: true }).click();
    const modal = page.getByRole('dialog');
    await pickOption(page, modal.getByLabel('主办单位'), unitName);
    await modal.getByRole('button', { name: '确定' }).click();
    await confirmStep(page, unitName);
    await modal.waitFor({ state: 'hidden' });
    await stateIs(page, '办理中');
    await page.getByTestId('assignments').getByText(unitName).waitFor();
    await page.getByTestId('assignments').getByText('待签收').waitFor();
    await shot(page, 'assigned-desktop');
  });
});

it('the unit signs for it and replies class A with a letter', async () => {
  await withPage(browser, server, 'desktop', 'proposals-unit', async (page) => {
    await loginUi(page, 'unit');
    await page.goto('/proposals/unit');
    await page.getByRole('heading', { name: '承办工作台' }).waitFor();
    const row = page.getByTestId('to-sign').locator('tr', { hasText: title });
    await row.getByRole('button', { name: '签收' }).click();
    await page.getByTestId('in-handling').getByRole('link', { name: title }).click();
    await page.waitForURL(`**/proposals/${proposalId}`);
    await page.getByTestId('assignments').getByText('办理中').waitFor();

    await page.getByTestId('assignments').getByRole('button', { name: '答复' }).click();
    const modal = page.getByRole('dialog');
    await modal.getByText('A 类：所提问题已经解决或采纳').click();
    await modal.getByLabel('答复函正文').fill(letter);
    await modal.getByRole('button', { name: '确定' }).click();
    await confirmStep(page, 'A 类');
    await modal.waitFor({ state: 'hidden' });
    await stateIs(page, '已答复');
    await page.getByTestId('replies').getByText(letter).waitFor();
    await page.getByTestId('replies').getByText('A 类答复', { exact: false }).waitFor();
  });
});

it('the member rates the reply satisfied, and the timeline shows every step', async () => {
  await withPage(browser, server, 'desktop', 'proposals-rate', async (page) => {
    await loginUi(page, 'member');
    await page.goto('/proposals/mine');
    await page.getByTestId('ratings-due').getByRole('link', { name: title }).click();
    await page.waitForURL(`**/proposals/${proposalId}`);
    await page.getByTestId('proposal-number').filter({ hasText: numberLabel }).waitFor();
    await page.getByTestId('replies').getByText(letter).waitFor();
    await page.getByRole('button', { name: '满意度测评' }).click();
    const modal = page.getByRole('dialog');
    await modal.getByText('满意', { exact: true }).click();
    await modal.getByLabel('意见（选填）').fill('答复及时，措施具体。');
    await modal.getByRole('button', { name: '确定' }).click();
    await confirmStep(page, '“满意”');
    await modal.waitFor({ state: 'hidden' });
    await page.getByTestId('evaluation').filter({ hasText: '满意' }).waitFor();
    await stateIs(page, '已办结');

    const timeline = page.getByTestId('timeline');
    for (const step of ['立案', '交办', '签收', '满意度测评']) await timeline.getByText(step, { exact: true }).first().waitFor();
    await shot(page, 'closed-desktop');
  });
});

it('the office makes it public, and anyone finds it on the public page', async () => {
  await withPage(browser, server, 'desktop', 'proposals-disclose', async (page) => {
    await loginUi(page, 'staff');
    await page.goto(`/proposals/${proposalId}`);
    await page.getByTestId('public-switch').click();
    await page.getByTestId('public-switch').and(page.locator('.ant-switch-checked')).waitFor();
    await page.getByTestId('public-replies-switch').click();
    await page.getByTestId('public-replies-switch').and(page.locator('.ant-switch-checked')).waitFor();

    // The office's list finds it by words of its text, and exports what the filters show.
    await page.goto('/proposals/list');
    await page.getByLabel('全文搜索：标题、案由、建议').fill('双职工家庭');
    await page.getByLabel('全文搜索：标题、案由、建议').press('Enter');
    await page.getByTestId('proposals-table').getByRole('link', { name: title }).waitFor();
    await page.getByTestId('proposals-table').getByText(numberLabel).waitFor();
    const href = await page.getByTestId('export-xlsx').getAttribute('href');
    assert.match(href ?? '', /^\/api\/proposals\/export\.xlsx\?q=/);
    const xlsx = await staff.request<string>('GET', href!);
    assert.equal(xlsx.status, 200);
    assert.ok(xlsx.body.startsWith('PK'), 'the export is a zip (xlsx) file');
  });

  await withPage(browser, server, 'phone', 'proposals-public', async (page) => {
    await page.goto('/disclosure/proposals');
    await page.getByRole('heading', { name: '提案公开' }).waitFor();
    assert.equal(await page.locator('[data-testid="menu-toggle"]').count(), 0, 'no app menu on the public page');
    await page.getByLabel('搜索提案标题和内容').fill('普惠托育');
    await page.getByRole('button', { name: '搜索' }).click();
    await page.getByTestId('public-proposals').getByRole('link', { name: title }).click();
    await page.getByRole('heading', { name: title }).waitFor();
    await page.getByTestId('public-reply').getByText(letter).waitFor();
    await page.getByText(cosigner.name, { exact: false }).first().waitFor();
    await shot(page, 'public-phone');

    await page.getByTestId('lang-switch').click();
    await page.getByText('Back to public proposals').waitFor();
    await page.getByText('Class A reply', { exact: false }).waitFor();
  });
});

it('the office marks it key with the leader as sponsor; the leader follows it on their page', async () => {
  const leader = await ApiSession.login(server.baseUrl, 'leader');
  const leaderMe = await leader.get<{ id: number; displayName: string }>('/api/me');
  await withPage(browser, server, 'desktop', 'proposals-key', async (page) => {
    await loginUi(page, 'staff');
    await page.goto(`/proposals/${proposalId}`);
    await page.getByTestId('key-switch').click();
    const card = page.getByTestId('key-card');
    // The office picks the sponsor among the leaders of the organization and above it.
    await pickOption(page, card.getByTestId('sponsor-select'), leaderMe.displayName);
    await page.keyboard.press('Escape');
    await card.getByTestId('sponsor-save').click();
    await page.getByTestId('timeline').getByText('确定领办领导', { exact: true }).waitFor();
  });
  const key = await staff.get<{ sponsors: { userId: number }[] }>(`/api/proposals/${proposalId}/key`);
  assert.deepEqual(key.sponsors.map((s) => s.userId), [leaderMe.id]);

  await withPage(browser, server, 'desktop', 'proposals-leader', async (page) => {
    await loginUi(page, 'leader');
    // The leader's menu follows the role: key proposals and the list, no writing or handling.
    await page.getByRole('menuitem', { name: '重点提案' }).click();
    assert.equal(await page.getByRole('menuitem', { name: '撰写提案' }).count(), 0);
    assert.equal(await page.getByRole('menuitem', { name: '承办工作台' }).count(), 0);
    const mine = page.getByTestId('sponsored');
    await mine.getByRole('link', { name: title }).click();
    await page.waitForURL(`**/proposals/${proposalId}`);
    const card = page.getByTestId('key-card');
    await card.getByLabel('推进情况').fill('召开重点提案督办推进会，明确年内新建托育点二十个。');
    await card.getByRole('button', { name: '登记推进情况' }).click();
    await card.getByText('召开重点提案督办推进会，明确年内新建托育点二十个。').waitFor();
    for (const step of ['列为重点提案', '确定领办领导', '督办会议']) await page.getByTestId('timeline').getByText(step, { exact: true }).waitFor();
    await shot(page, 'key-desktop');

    // The same page in English.
    await page.getByTestId('lang-switch').click();
    await page.getByText('Key proposal follow-up').waitFor();
    await stateIs(page, 'Closed');
    await page.getByTestId('timeline').getByText('Progress meeting', { exact: true }).waitFor();
  });
});

it('the office reads the year on the statistics and quality pages', async () => {
  const year = chinaYear();
  const stats = await staff.get<{ headline: { zh: string }; accepted: number }>(`/api/proposals/stats?year=${year}`);
  assert.ok(stats.accepted >= 1, 'the proposal accepted above counts');
  await withPage(browser, server, 'phone', 'proposals-stats', async (page) => {
    await loginUi(page, 'staff');
    await page.goto('/proposals/stats');
    await page.getByTestId('stats-headline').getByText(stats.headline.zh, { exact: true }).waitFor();
    await page.getByTestId('stats-units').getByText(unitName, { exact: true }).waitFor();
    await shot(page, 'stats-phone');
    await page.goto('/proposals/quality');
    // The year's proposals in the order of their numbers, fifty a page: the newest is on the last.
    const quality = page.getByTestId('quality-table');
    await page.locator('.ant-pagination-item').last().click();
    await quality.getByText(title, { exact: true }).waitFor();
    await page.getByRole('tab', { name: '承办单位' }).click();
    await page.getByTestId('unit-quality-table').getByText(unitName, { exact: true }).waitFor();
    await shot(page, 'quality-phone');
  });
});
