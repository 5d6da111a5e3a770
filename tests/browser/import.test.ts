// Member import: a sheet with one good and one bad row previews the bad row's error, then imports
// the good one when told to skip the bad.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, it } from 'node:test';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { ApiSession, launchBrowser, loginUi, startServer, withPage, type TestServer, type ViewportName } from './harness.js';

const HEADER = ['姓名', '性别', '出生年份', '民族', '政治面貌', '界别', '专门委员会', '工作单位', '职务', '手机号码', '是否常委'];

let server: TestServer;
let browser: Browser;
let api: ApiSession;
let dir: string;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  api = await ApiSession.login(server.baseUrl, 'admin');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-import-'));
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

async function makeSheet(viewport: ViewportName): Promise<{ file: string; good: string; bad: string }> {
  const me = await api.get<{ organization: { id: number } }>('/api/me');
  const orgId = me.organization.id;
  const [sector] = await api.get<{ name: string }[]>(`/api/orgs/sectors?organizationId=${orgId}`);
  const [committee] = await api.get<{ name: string }[]>(`/api/orgs/committees?organizationId=${orgId}`);
  assert.ok(sector && committee, 'the demo organization has sectors and committees');

  const suffix = viewport === 'desktop' ? '甲' : '乙';
  const good = `试导入${suffix}良`;
  const bad = `试导入${suffix}误`;
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('委员');
  sheet.addRow(HEADER);
  sheet.addRow([good, '女', 1980, '汉族', '中共党员', sector.name, committee.name, '嘉兴市测试单位', '主任', viewport === 'desktop' ? '13900001111' : '13900002222', '否']);
  sheet.addRow([bad, '男', 1975, '汉族', '群众', '没有这个界别', '', '嘉兴市测试单位', '', '', '否']);
  const file = path.join(dir, `members-${viewport}.xlsx`);
  await book.xlsx.writeFile(file);
  return { file, good, bad };
}

for (const viewport of ['desktop', 'phone'] as ViewportName[]) {
  it(`import previews the bad row's error, then imports the good row (${viewport})`, async () => {
    const { file, good, bad } = await makeSheet(viewport);

    await withPage(browser, server, viewport, 'import', async (page) => {
      await loginUi(page, 'admin');
      await page.goto('/orgs/members/import');
      await page.getByRole('heading', { name: '批量导入委员' }).waitFor();
      await page.locator('input[type=file]').setInputFiles(file);

      const preview = page.getByRole('button', { name: '预检' });
      await preview.click();
      await page.getByText('预检结果（尚未写入）').waitFor();
      await page.getByText('共 2 行，通过 1 行，有错误 1 行').waitFor();

      const rows = page.getByTestId('import-rows');
      await rows.getByText(bad).first().waitFor();
      await rows.getByText(good).first().waitFor();
      await rows.getByText('有错误').waitFor();
      const error = (await page.getByTestId('import-error').first().textContent()) ?? '';
      assert.match(error, /界别/, error);

      // With a bad row the import stays off until the user chooses to skip it.
      const commit = page.getByRole('button', { name: '导入', exact: true });
      assert.equal(await commit.isDisabled(), true);
      await page.getByText('跳过有错误的行').click();
      await commit.click();
      await page.getByText('已导入 1 名委员').waitFor();
    });

    const found = await api.get<{ items: { name: string }[] }>(`/api/orgs/members?q=${encodeURIComponent(good)}`);
    assert.ok(found.items.some((m) => m.name === good), 'the good row is now a member');
    const notFound = await api.get<{ items: { name: string }[] }>(`/api/orgs/members?q=${encodeURIComponent(bad)}`);
    assert.ok(!notFound.items.some((m) => m.name === bad), 'the bad row was skipped');
  });
}
