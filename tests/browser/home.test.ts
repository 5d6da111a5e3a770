// Where each role starts: the staff, member, unit and leader homes of the demo year show what
// waits on them, each count a way to the list that shows that many records; one home on a 390 px
// phone, one in English.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { ApiSession, launchBrowser, loginUi, startServer, withPage, type TestServer } from './harness.js';

type Count = { count: number; link: string };
type Item = Count & { code: string; role: string; name: string; name_en: string; overdue?: Count; dueSoon?: Count };

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

/** The items the server counts for an account, as its home asks for them. */
async function itemsOf(username: string): Promise<Record<string, Item>> {
  const session = await ApiSession.login(server.baseUrl, username);
  const { items } = await session.get<{ items: Item[] }>('/api/home');
  return Object.fromEntries(items.map((i) => [i.code, i]));
}

/** Clicks a count on the home page and waits for the list it opens to say how many records it holds. */
async function opensListOf(page: Page, link: ReturnType<Page['getByTestId']>, count: number) {
  await link.click();
  await page.getByTestId('list-total').filter({ hasText: `共 ${count} 条` }).waitFor();
}

it('staff see their queues in Chinese; a count opens the filtered list with that many proposals', async () => {
  const items = await itemsOf('staff');
  const review = items['proposals.review']!;
  const handling = items['proposals.handling']!;
  await withPage(browser, server, 'desktop', 'home-staff', async (page) => {
    await loginUi(page, 'staff');
    const card = page.getByTestId('work-staff');
    await card.getByText('待审查提案').waitFor();
    for (const item of Object.values(items)) {
      const row = card.getByTestId(`work-item-${item.code}`);
      await row.getByText(item.name, { exact: true }).waitFor();
      assert.equal(await row.getByTestId('count').textContent(), String(item.count), item.code);
    }
    const overdue = card.getByTestId('work-item-proposals.handling').getByTestId('overdue');
    assert.equal(await overdue.textContent(), `超期 ${handling.overdue!.count}`);
    if (handling.overdue!.count > 0) assert.equal(await overdue.evaluate((e) => getComputedStyle(e).color), 'rgb(207, 19, 34)', 'overdue in red');
    await opensListOf(page, card.getByTestId('work-item-proposals.review').getByTestId('count'), review.count);
    assert.equal(new URL(page.url()).search, '?state=submitted');
    await page.goBack();
    await opensListOf(page, page.getByTestId('work-item-proposals.handling').getByTestId('overdue'), handling.overdue!.count);
  });
});

it('a member on a 390 px phone sees what waits on them; the meetings count opens those meetings', async () => {
  const items = await itemsOf('member');
  assert.deepEqual(Object.keys(items).sort(), ['consultations.answer', 'duty.missing', 'halls.attend', 'proposals.cosign', 'proposals.rate']);
  await withPage(browser, server, 'phone', 'home-member', async (page) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await loginUi(page, 'member');
    const card = page.getByTestId('work-member');
    await card.getByText('待回复的会议邀请').waitFor();
    await card.getByText('待附议的联名提案').waitFor();
    assert.equal(await card.getByTestId('work-item-duty.missing').getByTestId('count').textContent(), String(items['duty.missing']!.count));
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 390), 'nothing wider than the phone');
    assert.ok(await page.getByTestId('work-staff').count() === 0, "no office's card");
    await opensListOf(page, card.getByTestId('work-item-consultations.answer').getByTestId('count'), items['consultations.answer']!.count);
    // The hall sessions count opens the sessions the member is to attend, as many as counted.
    await page.goBack();
    await page.getByTestId('work-item-halls.attend').getByTestId('count').click();
    await page.getByTestId('my-sessions-total').filter({ hasText: `共 ${items['halls.attend']!.count} 场` }).waitFor();
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 390), 'the sessions list fits the phone');
  });
});

it('staff see the hall topics waiting for screening; the count opens that many topics across their halls', async () => {
  const items = await itemsOf('staff');
  const screen = items['halls.screen']!;
  await withPage(browser, server, 'desktop', 'home-halls', async (page) => {
    await loginUi(page, 'staff');
    const row = page.getByTestId('work-staff').getByTestId('work-item-halls.screen');
    await row.getByText('待筛选的议事堂议题').waitFor();
    await opensListOf(page, row.getByTestId('count'), screen.count);
    assert.equal(new URL(page.url()).pathname, '/halls/topics');
    await page.getByRole('heading', { name: '待筛选的议事堂议题' }).waitFor();
  });
});

it("a unit sees its proposals by deadline and its suggestions; the suggestions count opens the unit's list", async () => {
  const items = await itemsOf('unit');
  assert.ok(items['proposals.reply']!.overdue && items['proposals.reply']!.dueSoon);
  await withPage(browser, server, 'desktop', 'home-unit', async (page) => {
    await loginUi(page, 'unit');
    const card = page.getByTestId('work-unit');
    await card.getByText('待签收提案').waitFor();
    const reply = card.getByTestId('work-item-proposals.reply');
    assert.equal(await reply.getByTestId('overdue').textContent(), `超期 ${items['proposals.reply']!.overdue!.count}`);
    assert.equal(await reply.getByTestId('due-soon').textContent(), `7 天内到期 ${items['proposals.reply']!.dueSoon!.count}`);
    await opensListOf(page, card.getByTestId('work-item-suggestions.answer').getByTestId('count'), items['suggestions.answer']!.count);
  });
});

it('a leader reads the key proposals they sponsor and the year’s headline figures, in English', async () => {
  const items = await itemsOf('leader');
  await withPage(browser, server, 'desktop', 'home-leader', async (page) => {
    await loginUi(page, 'leader');
    const card = page.getByTestId('work-leader');
    await card.getByText('领办的重点提案').waitFor();
    await card.getByTestId('leader-figures').getByText(/\d{4} 年工作数据/).waitFor();
    await page.getByTestId('lang-switch').click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await card.getByText('Key proposals I sponsor').waitFor();
    assert.equal(await card.getByTestId('work-item-proposals.sponsored').getByTestId('count').textContent(), String(items['proposals.sponsored']!.count));
    await card.getByTestId('leader-figures').getByText(/Figures of \d{4}/).waitFor();
    assert.ok((await card.getByTestId('leader-figures').locator('.ant-statistic').count()) > 0, 'headline figures shown');
    await card.getByTestId('work-item-proposals.sponsored').getByTestId('count').click();
    await page.waitForURL((u) => u.pathname === '/proposals/key' && u.search === '?open=true');
    await page.getByTestId('sponsored-filter').getByText(`Not closed: ${items['proposals.sponsored']!.count}`).waitFor();
  });
});

it("a leader sees the reports sent to the city's leaders with no instruction yet; the count opens that many reports", async () => {
  const items = await itemsOf('leader');
  const waiting = items['opinions.instruction']!;
  await withPage(browser, server, 'desktop', 'home-leader-instruction', async (page) => {
    await loginUi(page, 'leader');
    const row = page.getByTestId('work-leader').getByTestId('work-item-opinions.instruction');
    await row.getByText('报送市委市政府待批示').waitFor();
    await opensListOf(page, row.getByTestId('count'), waiting.count);
    assert.equal(new URL(page.url()).search, '?awaitingInstruction=true');
    await page.getByTestId('awaiting-instruction').getByText('报送市委市政府、尚无批示').waitFor();
  });
});
