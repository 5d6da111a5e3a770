// A handling unit's own handling in figures, on a 390 px phone: the link on its home opens the page,
// each card shows the value the API gives the unit, a card opens the records behind it, and the
// period chosen stays in the address; the same page in English. The office picks a unit from the
// menu's 承办单位办理情况 and sees what that unit sees.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { ApiSession, launchBrowser, loginUi, pickOption, startServer, withPage, type TestServer } from './harness.js';

type Figure = { code: string; value: number; name: { zh: string; en: string } };
type UnitFigures = { unitId: number; unitName: string; year: number; figures: Figure[] };

let server: TestServer;
let browser: Browser;
let unit: ApiSession;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  unit = await ApiSession.login(server.baseUrl, 'unit');
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

it('a unit opens its own handling from its home on a phone: the figures, the records behind one, and last year', async () => {
  const mine = await unit.get<UnitFigures>('/api/dashboard/unit-figures');
  const last = await unit.get<UnitFigures>(`/api/dashboard/unit-figures?year=${mine.year - 1}`);
  await withPage(browser, server, 'phone', 'unit-figures', async (page) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await loginUi(page, 'unit');
    await page.getByTestId('work-unit').getByTestId('unit-figures-link').click();
    await page.getByRole('heading', { name: `${mine.unitName}办理情况` }).waitFor();
    for (const f of mine.figures) await page.getByTestId(`unit-figure-${f.code}`).filter({ hasText: f.name.zh }).filter({ hasText: String(f.value) }).waitFor();
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 390), 'nothing wider than the phone');

    const shown = mine.figures.find((f) => f.value > 0) ?? mine.figures[0]!;
    await page.getByTestId(`unit-figure-${shown.code}`).click();
    await page.getByTestId('records-drawer').getByText(`${shown.name.zh}：明细 ${shown.value} 条`).waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('records-drawer').waitFor({ state: 'hidden' });

    // Last year, kept in the address: the same link shows it again.
    await page.getByTestId('year-select').click();
    await page.locator('.ant-select-item-option').filter({ hasText: `${mine.year - 1}年` }).click();
    await page.waitForURL((u) => u.searchParams.get('year') === String(mine.year - 1));
    for (const f of last.figures) await page.getByTestId(`unit-figure-${f.code}`).filter({ hasText: String(f.value) }).waitFor();
    await page.reload();
    for (const f of last.figures) await page.getByTestId(`unit-figure-${f.code}`).filter({ hasText: String(f.value) }).waitFor();

    await page.getByTestId('lang-switch').click();
    await page.getByRole('heading', { name: `Handling by ${mine.unitName}` }).waitFor();
    await page.getByTestId('unit-figure-proposals.unit_assigned').getByText('Proposals assigned to us').waitFor();
  });
});

it("the office picks a unit from the menu and sees that unit's figures, the unit kept in the address", async () => {
  const mine = await unit.get<UnitFigures>('/api/dashboard/unit-figures');
  await withPage(browser, server, 'desktop', 'unit-figures-office', async (page) => {
    await loginUi(page, 'staff');
    await page.getByRole('menuitem', { name: '承办单位办理情况' }).click();
    await page.getByTestId('unit-pick-hint').getByText('请选择要查看办理情况的承办单位').waitFor();
    await pickOption(page, page.getByTestId('unit-select'), mine.unitName);
    await page.waitForURL((u) => u.searchParams.get('unitId') === String(mine.unitId));
    await page.getByRole('heading', { name: `${mine.unitName}办理情况` }).waitFor();
    for (const f of mine.figures) await page.getByTestId(`unit-figure-${f.code}`).filter({ hasText: String(f.value) }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: `${mine.unitName}办理情况` }).waitFor();
    assert.equal(await page.getByTestId('unit-pick-hint').count(), 0);
  });
});
