// The panorama as the office reads it, on a desktop and on a 390 px phone: in Chinese the headline
// cards show the API's values and the charts are drawn; the whole system's county table opens one
// county's own panorama with the way back to the city; then the same page in English.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { ApiSession, launchBrowser, loginUi, startServer, withPage, type TestServer } from './harness.js';

type Headline = { code: string; value: number; name: { zh: string; en: string } };
type County = { organizationId: number; organizationName: string; own: boolean; values: Record<string, number> };
type Panorama = { organizationId: number; organizationName: string; headlines: Headline[]; breakdowns: { code: string; rows: unknown[] }[]; counties: County[] | null };

let server: TestServer;
let browser: Browser;
let staff: ApiSession;
let own: Panorama;
let system: Panorama;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  staff = await ApiSession.login(server.baseUrl, 'staff');
  own = await staff.get<Panorama>('/api/dashboard/panorama');
  system = await staff.get<Panorama>('/api/dashboard/panorama?scope=system');
  assert.ok(own.headlines.some((h) => h.value > 0), 'the demo year has work to count');
  assert.ok(system.counties?.some((c) => !c.own), 'the demo city has counties');
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** Every headline card shows the value the API gives for it. */
async function cardsShow(page: Page, p: Panorama) {
  for (const h of p.headlines) await page.getByTestId(`headline-${h.code}`).filter({ hasText: h.value.toLocaleString('en-US') }).waitFor();
}

async function chartsDrawn(page: Page) {
  await page.getByTestId('trend-chart').locator('canvas').first().waitFor();
  const drawn = own.breakdowns.filter((b) => b.rows.length);
  assert.ok(drawn.length > 0, 'the demo year has breakdowns to draw');
  for (const b of drawn) await page.getByTestId(`breakdown-${b.code}`).locator('canvas').first().waitFor();
}

for (const viewport of ['desktop', 'phone'] as const)
  it(`staff read the panorama, drill into a county and back, and read it in English (${viewport})`, async () => {
    await withPage(browser, server, viewport, 'panorama', async (page) => {
      if (viewport === 'phone') await page.setViewportSize({ width: 390, height: 844 });
      await loginUi(page, 'staff');
      await page.goto('/dashboard/panorama');
      await page.getByRole('heading', { name: `${own.organizationName}全景图` }).waitFor();
      await cardsShow(page, own);
      await chartsDrawn(page);
      if (viewport === 'phone') {
        // The cards wrap within the width and the charts fit it: nothing scrolls sideways.
        assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), 'no sideways scrolling');
        const chart = await page.getByTestId('trend-chart').boundingBox();
        assert.ok(chart && chart.width <= 390, `the chart fits (${chart?.width})`);
      }

      // A card opens the records behind it.
      const first = own.headlines.find((h) => h.value > 0)!;
      await page.getByTestId(`headline-${first.code}`).click();
      await page.getByTestId('records-drawer').getByText(`${first.name.zh}：明细 ${first.value} 条`).waitFor();
      await page.keyboard.press('Escape');
      await page.getByTestId('records-drawer').waitFor({ state: 'hidden' });

      await page.getByTestId('scope-switch').getByText('全系统（含下级）').click();
      await cardsShow(page, system);
      const row = system.counties!.find((c) => !c.own && Object.values(c.values).some((v) => v > 0)) ?? system.counties!.find((c) => !c.own)!;
      const county = await staff.get<Panorama>(`/api/dashboard/panorama?organizationId=${row.organizationId}&scope=system`);
      for (const h of county.headlines) assert.equal(h.value, row.values[h.code], h.code);
      const line = page.getByTestId(`county-${row.organizationId}`);
      await line.getByText(row.organizationName).waitFor();
      await line.locator('td').last().click();
      await page.getByRole('heading', { name: `${row.organizationName}全景图` }).waitFor();
      assert.match(page.url(), new RegExp(`organizationId=${row.organizationId}`));
      await cardsShow(page, county);
      await page.getByTestId('trend-chart').locator('canvas').first().waitFor();

      // Back to the city by the trail above the page.
      await page.getByTestId('panorama-trail').getByRole('link', { name: own.organizationName }).click();
      await page.getByRole('heading', { name: `${own.organizationName}全景图` }).waitFor();
      await cardsShow(page, system);

      await page.getByTestId('lang-switch').click();
      await page.waitForFunction(() => document.documentElement.lang === 'en');
      await page.getByRole('heading', { name: `Panorama of ${own.organizationName}` }).waitFor();
      const filed = system.headlines.find((h) => h.code === 'proposals.filed')!;
      await page.getByTestId('headline-proposals.filed').getByText(filed.name.en).waitFor();
      await page.getByTestId('trend-group').getByText('Proposals').waitFor();
      await page.getByText('CPPCCs below').waitFor();
      await chartsDrawn(page);
    });
  });

it('staff choose a period of dates beside the year; the address keeps it, so the link shows the same panorama', async () => {
  const year = Number((await staff.get<{ year: number }>('/api/dashboard/panorama')).year);
  const from = `${year}-03-01`;
  const to = `${year}-06-30`;
  const period = await staff.get<Panorama>(`/api/dashboard/panorama?from=${from}&to=${to}`);
  await withPage(browser, server, 'desktop', 'panorama-period', async (page) => {
    await loginUi(page, 'staff');
    await page.goto('/dashboard/panorama');
    await cardsShow(page, own);
    // Typed into the range picker, as a user picks the first and the last day.
    const inputs = page.getByTestId('period-range').locator('input');
    await inputs.first().click();
    await inputs.first().fill(from);
    await inputs.first().press('Enter');
    await inputs.last().fill(to);
    await inputs.last().press('Enter');
    await page.waitForURL((u) => u.searchParams.get('from') === from && u.searchParams.get('to') === to && !u.searchParams.has('year'));
    await cardsShow(page, period);
    // A record of the period's cards opens the records of that period only.
    const shown = period.headlines.find((h) => h.value > 0);
    if (shown) {
      await page.getByTestId(`headline-${shown.code}`).click();
      await page.getByTestId('records-drawer').getByText(`${shown.name.zh}：明细 ${shown.value} 条`).waitFor();
      await page.keyboard.press('Escape');
    }
    // The same address in a new page shows the same period.
    const link = page.url();
    await page.goto('/');
    await page.goto(link);
    await cardsShow(page, period);
    assert.equal(await inputs.first().inputValue(), from);
    assert.equal(await inputs.last().inputValue(), to);
    // Back to a year: the dates leave the address.
    await page.getByTestId('year-select').click();
    await page.locator('.ant-select-item-option').filter({ hasText: `${year}年` }).click();
    await page.waitForURL((u) => u.searchParams.get('year') === String(year) && !u.searchParams.has('from'));
    await cardsShow(page, own);
    // A period over ten years is refused with the server's words.
    await page.goto(`/dashboard/panorama?from=2010-01-01&to=${year}-12-31`);
    await page.getByText('统计期间不能超过 10 年').waitFor();
  });
});

it('the figures table keeps its period and scope in the address too', async () => {
  const year = Number((await staff.get<{ year: number }>('/api/dashboard/figures')).year);
  const figures = await staff.get<{ figures: { code: string; value: number }[] }>(`/api/dashboard/figures?from=${year}-01-01&to=${year}-01-31&scope=system`);
  await withPage(browser, server, 'desktop', 'figures-period', async (page) => {
    await loginUi(page, 'staff');
    await page.goto(`/dashboard/figures?from=${year}-01-01&to=${year}-01-31&scope=system`);
    for (const f of figures.figures) await page.getByTestId(`figure-${f.code}`).filter({ hasText: f.value.toLocaleString('en-US') }).waitFor();
    assert.match(await page.getByTestId('download-docx').getAttribute('href') ?? '', new RegExp(`from=${year}-01-01&to=${year}-01-31&scope=system`));
  });
});
