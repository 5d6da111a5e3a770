// Words and numbers as a user sees them, in Chinese and in English: the audit log and a proposal's
// timeline show labels, never codes or "#313"; English counts take their plural form (1 report,
// 2 reports); a proposal's number reads "No. 37, 5th Session of the 9th Term"; the number and
// title of a wide list stay in view when it scrolls sideways at 1440 px, and head each card on a
// phone.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { AUDIT_ACTIONS, AUDIT_ENTITY_TYPES } from '../../server/src/platform/audit-codes.js';
import { ApiSession, launchBrowser, loginUi, screenshot, startServer, type TestServer } from './harness.js';

let server: TestServer;
let browser: Browser;
let proposal: { id: number; title: string; numberLabel: string; numberLabel_en: string };
let issue: { id: number; title: string; year: number; number: number };
let forwarded: number;

const CODES = new Set<string>([...AUDIT_ACTIONS, ...AUDIT_ENTITY_TYPES]);
const HASH_ID = /#\d+/;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const staff = await ApiSession.login(server.baseUrl, 'staff');
  const me = await staff.get<{ organization: { id: number } }>('/api/me');

  // An accepted proposal with its number; marking it key writes a fresh entry at the top of the audit log.
  const list = await staff.get<{ items: { id: number; title: string; numberLabel: string | null; numberLabel_en: string | null }[] }>(
    `/api/proposals?state=accepted&organizationId=${me.organization.id}&limit=20`,
  );
  const found = list.items.find((p) => p.numberLabel && p.numberLabel_en);
  assert.ok(found, 'the demo data has an accepted, numbered proposal');
  proposal = { id: found.id, title: found.title, numberLabel: found.numberLabel!, numberLabel_en: found.numberLabel_en! };
  const key = await staff.request('PUT', `/api/proposals/${proposal.id}/key`, { key: true });
  assert.equal(key.status, 200, JSON.stringify(key.body));

  // A forwarded report: its timeline has the forwarding among its steps.
  const sent = await staff.get<{ items: { id: number }[] }>(`/api/opinions?state=forwarded&organizationId=${me.organization.id}&limit=1`);
  assert.ok(sent.items[0], 'the demo data has a forwarded report');
  forwarded = sent.items[0].id;

  // A bulletin issue of one report: its count must read "1 report", not "1 reports".
  const opinions = await staff.get<{ items: { id: number }[] }>(`/api/opinions?state=accepted&organizationId=${me.organization.id}&limit=1`);
  assert.ok(opinions.items[0], 'the demo data has an accepted report');
  const compiled = await staff.request<{ id: number; title: string; year: number; number: number }>('POST', '/api/opinions/issues', {
    organizationId: me.organization.id,
    items: [{ opinionId: opinions.items[0].id }],
  });
  assert.equal(compiled.status, 201, JSON.stringify(compiled.body));
  issue = compiled.body;
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** A page of a given size, in a fresh context, as the harness makes them. */
async function sized(width: number, height: number, name: string, fn: (page: Page) => Promise<void>) {
  const phone = width < 600;
  const context = await browser.newContext({
    baseURL: server.baseUrl,
    viewport: { width, height },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    isMobile: phone,
    hasTouch: phone,
    reducedMotion: 'reduce',
  });
  context.setDefaultTimeout(30_000);
  const page = await context.newPage();
  try {
    await fn(page);
  } catch (e) {
    const file = await screenshot(page, `words-${name}`).catch(() => null);
    if (file) console.error(`screenshot: ${file}`);
    throw e;
  } finally {
    await context.close();
  }
}

/**
 * Waits for an entry of the audit log, loading older entries while it is not shown: newest first,
 * the day's sign-ins and scheduled reminders (each proposal's deadline, on its timeline too) may
 * have pushed it to a later page.
 */
async function seek(page: Page, entry: Locator, en: boolean) {
  for (let more = 0; more < 20 && !(await entry.isVisible()); more++) {
    await entry.waitFor({ timeout: 2000 }).catch(() => {});
    if (await entry.isVisible()) return;
    await page.getByRole('button', { name: en ? 'Load more' : '加载更多' }).click();
  }
  await entry.waitFor();
}

async function toEnglish(page: Page) {
  await page.getByTestId('lang-switch').click();
  await page.waitForFunction(() => document.documentElement.lang === 'en');
}

/** No label is a bare code, and no text names a record by "#<id>". */
async function assertNoCodes(texts: string[], where: string) {
  const raw = texts.map((t) => t.trim()).filter((t) => CODES.has(t));
  assert.deepEqual(raw, [], `${where} shows codes`);
  const hashed = texts.filter((t) => HASH_ID.test(t));
  assert.deepEqual(hashed, [], `${where} shows "#<id>"`);
}

for (const lang of ['zh-CN', 'en'] as const) {
  const en = lang === 'en';

  it(`the audit log names actions and records (${lang})`, async () => {
    await sized(1440, 900, `audit-${lang}`, async (page) => {
      await loginUi(page, 'admin');
      if (en) await toEnglish(page);
      await page.goto('/admin/audit');
      const table = page.getByTestId('audit-table');
      await table.locator('tbody tr.ant-table-row').first().waitFor();
      // The key proposal entry: its label, and the proposal by number and title, linked.
      await seek(page, table.getByText(en ? 'Marked key proposal' : '列为重点提案').first(), en);
      const record = table.getByTestId('audit-record').filter({ hasText: en ? proposal.numberLabel_en : proposal.numberLabel }).first();
      await seek(page, record, en);
      assert.equal(await record.getByRole('link').first().getAttribute('href'), `/proposals/${proposal.id}`);
      // The bulletin issue just compiled, and sign-ins, are named too.
      await seek(page, table.getByText(en ? 'Compiled' : '编报').first(), en);
      await seek(page, table.getByRole('link', { name: en ? `Public Opinion ${issue.year} No. ${issue.number}` : `《社情民意》${issue.year}年第${issue.number}期` }).first(), en);
      await seek(page, table.getByText(en ? 'Sign-in' : '登录', { exact: true }).first(), en);

      if (process.env.WORDS_SHOTS) await screenshot(page, `words-audit-${lang}`);
      const cells = await table.locator('tbody td').allInnerTexts();
      const tags = await table.locator('tbody .ant-tag').allInnerTexts();
      await assertNoCodes([...cells, ...tags], 'the audit log');
      assert.doesNotMatch(await table.innerText(), HASH_ID);
    });
  });

  it(`the audit log on a phone names records too (${lang})`, async () => {
    await sized(390, 844, `audit-phone-${lang}`, async (page) => {
      await loginUi(page, 'admin');
      if (en) await toEnglish(page);
      await page.goto('/admin/audit');
      const list = page.getByTestId('audit-table');
      await list.locator('.ant-card').first().waitFor();
      const record = list.getByTestId('audit-record').filter({ hasText: en ? proposal.numberLabel_en : proposal.numberLabel }).first();
      await seek(page, record, en);
      const tags = await list.locator('.ant-tag').allInnerTexts();
      await assertNoCodes(tags, 'the audit cards');
      assert.doesNotMatch(await list.innerText(), HASH_ID);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 1, `the page does not scroll sideways (${overflow}px)`);
    });
  });

  it(`a proposal's timeline and number read as words (${lang})`, async () => {
    await sized(1440, 900, `timeline-${lang}`, async (page) => {
      await loginUi(page, 'staff');
      if (en) await toEnglish(page);
      await page.goto(`/proposals/${proposal.id}`);
      const number = page.getByTestId('proposal-number');
      await number.waitFor();
      if (en) {
        assert.equal((await number.innerText()).trim(), proposal.numberLabel_en);
        assert.match(proposal.numberLabel_en, /^No\. \d+, \d+(st|nd|rd|th) Session of the \d+(st|nd|rd|th) Term$/);
      } else {
        assert.equal((await number.innerText()).trim(), proposal.numberLabel);
        assert.match(proposal.numberLabel, /^第.+届第.+次会议 第\d{4}号$/);
      }
      const timeline = page.getByTestId('timeline');
      await timeline.getByText(en ? 'Marked key proposal' : '列为重点提案').first().waitFor();
      const labels = await timeline.locator('.ant-timeline-item strong, .ant-timeline-item-content strong').allInnerTexts();
      assert.ok(labels.length >= 2, 'the timeline has its steps');
      await assertNoCodes(labels, 'the timeline');
      assert.doesNotMatch(await timeline.innerText(), HASH_ID);
    });
  });

  it(`a report's timeline reads as words (${lang})`, async () => {
    await sized(1440, 900, `opinion-timeline-${lang}`, async (page) => {
      await loginUi(page, 'staff');
      if (en) await toEnglish(page);
      await page.goto(`/opinions/${forwarded}`);
      const timeline = page.getByTestId('timeline');
      await timeline.getByText(en ? 'Forwarded' : '报送', { exact: true }).first().waitFor();
      const labels = await timeline.locator('.ant-timeline-item strong, .ant-timeline-item-content strong').allInnerTexts();
      await assertNoCodes(labels, "the report's timeline");
      assert.doesNotMatch(await timeline.innerText(), HASH_ID);
    });
  });

  it(`counts take their plural form (${lang})`, async () => {
    await sized(1440, 900, `plurals-${lang}`, async (page) => {
      await loginUi(page, 'staff');
      if (en) await toEnglish(page);
      await page.goto('/opinions/issues');
      const mine = page.locator('.ant-list-item').filter({ hasText: en ? `${issue.year} No. ${issue.number}` : issue.title }).first();
      await mine.waitFor();
      const text = await page.locator('main, body').first().innerText();
      if (en) {
        assert.match(await mine.innerText(), /\b1 report\b(?!s)/);
        assert.match(text, /\b([2-9]|\d{2,}) reports\b/, 'issues of several reports say "reports"');
        assert.doesNotMatch(text, /\b1 reports\b/);
      } else {
        assert.match(await mine.innerText(), /(^|\D)1 条信息/);
      }
      // The issue's own page links its report by words, not "#313".
      await page.goto(`/opinions/issues/${issue.id}`);
      const link = page.getByRole('link', { name: en ? 'Open the report' : '查看原信息' }).first();
      await link.waitFor();
      assert.doesNotMatch(await page.locator('main, body').first().innerText(), HASH_ID);
    });
  });

  it(`a wide list keeps its number and title in view at 1440 px (${lang})`, async () => {
    await sized(1440, 900, `wide-${lang}`, async (page) => {
      await loginUi(page, 'staff');
      if (en) await toEnglish(page);
      await page.goto('/proposals/list');
      const row = page.locator('.ant-table-tbody tr.ant-table-row').first();
      await row.waitFor();
      const titleCell = row.locator('td.ant-table-cell-fix-start').filter({ has: page.locator('a[href^="/proposals/"]') }).first();
      await titleCell.waitFor();
      // Scroll the table as far right as it goes.
      const scrolled = await page.evaluate(() => {
        let most = 0;
        for (const el of document.querySelectorAll<HTMLElement>('.ant-table-content, .ant-table-body')) {
          el.scrollLeft = el.scrollWidth;
          most = Math.max(most, el.scrollLeft);
        }
        return most;
      });
      assert.ok(scrolled > 0, 'the list is wider than the screen and scrolls sideways');
      await page.waitForTimeout(100);
      if (process.env.WORDS_SHOTS) await screenshot(page, `words-wide-scrolled-${lang}`);
      const box = await titleCell.boundingBox();
      assert.ok(box && box.x >= 0 && box.x + 40 < 1440, 'the title cell is on the screen');
      // What shows at the title cell's place is the title cell, not a column scrolled over it.
      const onTop = await page.evaluate(({ x, y }) => {
        const el = document.elementFromPoint(x, y);
        return !!el?.closest('td.ant-table-cell-fix-start');
      }, { x: box.x + 10, y: box.y + box.height / 2 });
      assert.ok(onTop, 'the title stays above the scrolled columns');
      const numberCell = row.locator('td.ant-table-cell-fix-start').first();
      assert.ok(await numberCell.isVisible());
    });
  });

  it(`members, reports, meetings and suggestions keep their key column at the left (${lang})`, async () => {
    await sized(1440, 900, `key-columns-${lang}`, async (page) => {
      await loginUi(page, 'staff');
      if (en) await toEnglish(page);
      const lists: [string, string, string][] = [
        ['/orgs/members', 'members-table', en ? 'Name' : '姓名'],
        ['/opinions', 'opinions-table', en ? 'Title' : '标题'],
        ['/consultations/meetings', 'meetings-table', ''],
        ['/consultations/suggestions', 'suggestions-table', ''],
      ];
      for (const [path, testId, header] of lists) {
        await page.goto(path);
        const table = page.getByTestId(testId);
        await table.locator('tbody tr.ant-table-row').first().waitFor();
        const fixed = table.locator('th.ant-table-cell-fix-start');
        await fixed.first().waitFor();
        if (header) assert.ok((await fixed.allInnerTexts()).some((t) => t.trim() === header), `${path}: ${header} is fixed`);
      }
    });
  });

  it(`on a phone each proposal's card is headed by its title (${lang})`, async () => {
    await sized(390, 844, `phone-${lang}`, async (page) => {
      await loginUi(page, 'staff');
      if (en) await toEnglish(page);
      await page.goto('/proposals/list');
      const card = page.locator('.ant-list-item .ant-card').first();
      await card.waitFor();
      const head = card.locator('.ant-card-head-title');
      await head.waitFor();
      assert.ok((await head.innerText()).trim().length > 0, 'the card shows the title');
      const box = await head.boundingBox();
      assert.ok(box && box.x >= 0 && box.x + box.width <= 390 + 1, 'the title fits the phone');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 1, `the page does not scroll sideways (${overflow}px)`);
      if (en) assert.match(await page.getByTestId('proposal-row-number').first().innerText(), /^No\. \d+, \d+(st|nd|rd|th) Session of the \d+(st|nd|rd|th) Term$/);
    });
  });
}
