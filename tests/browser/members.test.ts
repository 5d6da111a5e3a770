// A staff path end to end: find a member by part of the name, change the workplace, and read the
// change back in the audit log, field by field.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { addDays, chinaDate } from '../../server/src/platform/time.js';
import { ApiSession, launchBrowser, loginUi, startServer, withPage, type TestServer, type ViewportName } from './harness.js';

interface Member {
  id: number;
  name: string;
  workplace: string;
}

let server: TestServer;
let browser: Browser;
let api: ApiSession;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  api = await ApiSession.login(server.baseUrl, 'admin');
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** A member whose last two characters find them on the first page of the search. */
async function findSearchable(): Promise<{ member: Member; part: string }> {
  const list = await api.get<{ items: Member[] }>('/api/orgs/members?status=active&limit=50');
  const candidates = [...list.items].sort((a, b) => [...b.name].length - [...a.name].length);
  for (const member of candidates) {
    const part = [...member.name].slice(-2).join('');
    const hits = await api.get<{ items: Member[] }>(`/api/orgs/members?q=${encodeURIComponent(part)}&limit=20`);
    if (hits.items.some((m) => m.id === member.id)) return { member, part };
  }
  throw new Error('no member is found by the last two characters of the name');
}

for (const viewport of ['desktop', 'phone'] as ViewportName[]) {
  it(`admin edits a member's workplace and sees it in the audit log (${viewport})`, async () => {
    const { member: listed, part } = await findSearchable();
    const member = await api.get<Member>(`/api/orgs/members/${listed.id}`);
    const newWorkplace = `嘉兴市南湖区测试单位${viewport === 'desktop' ? '甲' : '乙'}${Date.now() % 10000}`;

    await withPage(browser, server, viewport, 'members', async (page) => {
      await loginUi(page, 'admin');
      await page.goto('/orgs/members');
      await page.getByRole('heading', { name: '委员名册' }).waitFor();

      const search = page.getByPlaceholder('姓名、工作单位或职务');
      await search.fill(part);
      await search.press('Enter');
      await page.waitForURL((url) => url.searchParams.get('q') === part);
      await page.getByText(member.name, { exact: true }).first().click();

      await page.waitForURL(`**/orgs/members/${member.id}`);
      await page.getByRole('heading', { name: member.name }).waitFor();
      assert.equal(await page.getByTestId('member-workplace').textContent(), member.workplace);

      await page.getByRole('button', { name: '编辑' }).click();
      await page.waitForURL(`**/orgs/members/${member.id}/edit`);
      const workplace = page.getByLabel('工作单位');
      await workplace.fill(newWorkplace);
      await page.getByRole('button', { name: '保存' }).click();

      await page.waitForURL((url) => url.pathname === `/orgs/members/${member.id}`);
      await page.getByTestId('member-workplace').filter({ hasText: newWorkplace }).waitFor();

      await page.goto('/admin/audit');
      await page.getByRole('heading', { name: '审计日志' }).waitFor();
      // The record is named, not numbered: "委员 王小伟".
      const record = `委员 ${member.name}`;
      if (viewport === 'desktop') {
        const row = page.locator('tr.ant-table-row', { hasText: record }).filter({ hasText: '修改' }).first();
        await row.locator('.ant-table-row-expand-icon').click();
      } else {
        const card = page.locator('.ant-card', { hasText: record }).filter({ hasText: '修改' }).first();
        await card.getByRole('button', { name: '展开详情' }).click();
      }
      const diff = page.getByTestId('audit-diff').first();
      await diff.waitFor();
      const text = (await diff.textContent()) ?? '';
      assert.match(text, /修改前/);
      assert.match(text, /修改后/);
      assert.ok(text.includes('workplace'), text);
      assert.ok(text.includes(member.workplace), `before value missing: ${text}`);
      assert.ok(text.includes(newWorkplace), `after value missing: ${text}`);
    });
  });
}

it("the exit date offers no day after today in China, whatever the browser's zone (desktop)", async () => {
  const { member } = await findSearchable();
  const today = chinaDate();
  await withPage(browser, server, 'desktop', 'members-retire', async (page) => {
    await loginUi(page, 'admin');
    await page.goto(`/orgs/members/${member.id}`);
    await page.getByRole('button', { name: '退出委员' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('退出日期').click();
    const cell = (date: string) => page.locator(`.ant-picker-dropdown td[title="${date}"]`);
    await cell(today).waitFor();
    assert.equal(await cell(today).evaluate((td) => td.classList.contains('ant-picker-cell-disabled')), false, 'today may be chosen');
    const tomorrow = cell(addDays(today, 1));
    if (await tomorrow.count()) assert.equal(await tomorrow.evaluate((td) => td.classList.contains('ant-picker-cell-disabled')), true, 'tomorrow may not');
  });
});
