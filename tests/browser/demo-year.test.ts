// The demo year as a careful clerk reads it, in Chinese and in English: a member's proposal shows
// the member, not the office, as the one who filed it; the office is offered 立案 but not 撤回,
// while the member who wrote it is offered 撤回; the office's steps on a handled proposal happen in
// office hours in China; the statistics page's figures are those of the records.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { chinaYear } from '../../server/src/platform/time.js';
import { chinaWeekday } from '../../server/src/seed/calendar.js';
import { ApiSession, launchBrowser, loginUi, startServer, withPage, type TestServer } from './harness.js';

let server: TestServer;
let browser: Browser;
let own: { id: number; title: string };
let handled: { id: number; title: string };
let memberName: string;
let stats: { filed: number; accepted: number; answered: number };

interface Summary {
  id: number;
  title: string;
  state: string;
}
interface Step {
  action: string;
  actorName: string | null;
  at: string;
}

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const member = await ApiSession.login(server.baseUrl, 'member');
  memberName = (await member.get<{ displayName: string }>('/api/me')).displayName;
  const mine = await member.get<{ items: Summary[] }>('/api/proposals/mine?state=submitted&limit=20');
  assert.ok(mine.items.length > 0, 'the demo member has a proposal awaiting review');
  own = mine.items[0]!;
  const staff = await ApiSession.login(server.baseUrl, 'staff');
  const closed = await staff.get<{ items: Summary[] }>('/api/proposals?state=closed&limit=20');
  assert.ok(closed.items.length > 0, 'the demo year has closed proposals');
  handled = closed.items[0]!;
  stats = await staff.get(`/api/proposals/stats?year=${chinaYear()}`);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function toEnglish(page: Page) {
  await page.getByTestId('lang-switch').click();
  await page.waitForFunction(() => document.documentElement.lang === 'en');
}

/** The timeline's lines, once it has loaded. */
async function timelineLines(page: Page): Promise<string[]> {
  const timeline = page.getByTestId('timeline');
  await timeline.locator('.ant-timeline-item').first().waitFor();
  return timeline.locator('.ant-timeline-item').allInnerTexts();
}

for (const lang of ['zh-CN', 'en'] as const) {
  const en = lang === 'en';
  const withdraw = en ? 'Withdraw' : '撤回';
  const accept = en ? 'Accept' : '立案';

  it(`the office sees the member as the one who filed, and may accept but not withdraw (${lang})`, async () => {
    await withPage(browser, server, 'desktop', `demo-office-${lang}`, async (page) => {
      await loginUi(page, 'staff');
      if (en) await toEnglish(page);
      await page.goto(`/proposals/${own.id}`);
      await page.getByTestId('proposal-title').filter({ hasText: own.title }).waitFor();
      const lines = await timelineLines(page);
      assert.ok(lines.some((l) => l.includes(memberName)), `the timeline names ${memberName}: ${lines.join(' | ')}`);
      assert.ok(!lines.some((l) => l.includes('工作人员') || /\bstaff\b/i.test(l)), `no step of the member's is the office's: ${lines.join(' | ')}`);
      await page.getByRole('button', { name: accept, exact: true }).waitFor();
      assert.equal(await page.getByRole('button', { name: withdraw, exact: true }).count(), 0, 'the office is not offered withdrawing');
    });
  });

  it(`the member who wrote it may withdraw it, on a phone (${lang})`, async () => {
    await withPage(browser, server, 'phone', `demo-member-${lang}`, async (page) => {
      await loginUi(page, 'member');
      if (en) await toEnglish(page);
      await page.goto(`/proposals/${own.id}`);
      await page.getByTestId('proposal-title').filter({ hasText: own.title }).waitFor();
      await page.getByRole('button', { name: withdraw, exact: true }).waitFor();
      assert.equal(await page.getByRole('button', { name: accept, exact: true }).count(), 0);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 1, `page wider than the phone by ${overflow}px`);
    });
  });

  it(`a handled proposal's steps are dated in office hours, each by its own time (${lang})`, async () => {
    const staff = await ApiSession.login(server.baseUrl, 'staff');
    const steps = await staff.get<Step[]>(`/api/proposals/${handled.id}/timeline`);
    await withPage(browser, server, 'desktop', `demo-times-${lang}`, async (page) => {
      await loginUi(page, 'staff');
      if (en) await toEnglish(page);
      await page.goto(`/proposals/${handled.id}`);
      const lines = await timelineLines(page);
      assert.equal(lines.length, steps.length);
      // The times shown, hour and minute in China, are not one and the same.
      const shown = lines.map((l) => l.match(/(\d{1,2}):(\d{2})/)?.[0]).filter(Boolean);
      assert.equal(shown.length, lines.length, lines.join(' | '));
      assert.ok(new Set(shown).size > 1, `times differ: ${shown.join(', ')}`);
    });
    // The office's and the units' steps fall in office hours in China (members also write at night).
    for (const s of steps.filter((x) => ['accept', 'assign', 'sign', 'reply', 'close'].includes(x.action))) {
      const china = new Date(Date.parse(s.at) + 8 * 3_600_000);
      const minutes = china.getUTCHours() * 60 + china.getUTCMinutes();
      assert.ok(minutes >= 8 * 60 + 30 && minutes <= 17 * 60 + 30, `${s.action} at ${s.at}`);
      assert.ok(![0, 6].includes(chinaWeekday(Date.parse(s.at))), `${s.action} on a working day: ${s.at}`);
    }
  });

  it(`the statistics page shows the figures of the records (${lang})`, async () => {
    await withPage(browser, server, 'desktop', `demo-stats-${lang}`, async (page) => {
      await loginUi(page, 'staff');
      if (en) await toEnglish(page);
      await page.goto('/proposals/stats');
      await page.getByTestId('stats-headline').waitFor();
      const figures = await page.locator('.ant-statistic').allInnerTexts();
      const figure = (label: string) => {
        const text = figures.find((f) => f.startsWith(label));
        assert.ok(text, `${label} among ${figures.join(' | ')}`);
        return Number(text.slice(label.length).replace(/[^\d]/g, ''));
      };
      assert.equal(figure(en ? 'Filed' : '提交'), stats.filed);
      assert.equal(figure(en ? 'Answered' : '已答复'), stats.answered);
      assert.ok(stats.filed > 300, `a city's year of proposals: ${stats.filed}`);
    });
  });
}
