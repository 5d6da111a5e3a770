// Past proposals: staff download the template, upload a file with one bad row, see that row's
// error in the preview, upload the fixed file, import it and find the proposal in the list.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, it } from 'node:test';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { ApiSession, launchBrowser, loginUi, startServer, withPage, type TestServer, type ViewportName } from './harness.js';

let server: TestServer;
let browser: Browser;
let api: ApiSession;
let dir: string;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  api = await ApiSession.login(server.baseUrl, 'staff');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-history-'));
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

for (const viewport of ['desktop', 'phone'] as ViewportName[]) {
  it(`staff import past proposals after fixing the row the preview names (${viewport})`, async () => {
    const me = await api.get<{ organization: { id: number } }>('/api/me');
    const orgId = me.organization.id;
    const [term] = await api.get<{ number: number; current: boolean; sessions: { number: number }[] }[]>(`/api/orgs/terms?organizationId=${orgId}`);
    const [group] = await api.get<{ name: string }[]>(`/api/orgs/party-groups?organizationId=${orgId}`);
    assert.ok(term?.sessions[0] && group, 'the demo organization has a session and a party group');
    const title = `历史提案试导入${viewport === 'desktop' ? '甲' : '乙'}`;
    const number = viewport === 'desktop' ? '9001' : '9002';

    await withPage(browser, server, viewport, 'history', async (page) => {
      await loginUi(page, 'staff');
      await page.goto('/history/proposals');
      await page.getByRole('heading', { name: '导入历史提案' }).waitFor();
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '下载模板' }).click()]);
      const template = path.join(dir, `template-${viewport}.xlsx`);
      await download.saveAs(template);

      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(template);
      const sheet = book.worksheets[0]!;
      const header = (sheet.getRow(1).values as string[]).slice(1);
      const row = (kind: string, over: Record<string, string> = {}) => {
        const v: Record<string, string> = { 届次: String(term.number), 会议次数: String(term.sessions[0]!.number), 提案号: '', 标题: title, 内容: '', 提案类型: kind, 提案人: group.name, 分类: '', 最终状态: '不立案', 主办单位: '', 协办单位: '', 分办单位: '', 答复类别: '', 提交日期: '2023-01-10', 立案日期: '2023-01-20', 交办日期: '', 答复日期: '', 测评日期: '', ...over };
        return header.map((h) => v[h] ?? '');
      };
      sheet.spliceRows(2, 1, row('集体', { 提案号: number }), row('团体'));
      const bad = path.join(dir, `bad-${viewport}.xlsx`);
      await book.xlsx.writeFile(bad);
      sheet.spliceRows(3, 1);
      const good = path.join(dir, `good-${viewport}.xlsx`);
      await book.xlsx.writeFile(good);

      await page.locator('input[type=file]').setInputFiles(bad);
      await page.getByRole('button', { name: '预览' }).click();
      await page.getByText('共 2 行，1 行有错误').waitFor();
      const error = (await page.getByTestId('history-row-3').textContent()) ?? '';
      assert.match(error, /提案类型/, error);
      assert.equal(await page.getByRole('button', { name: '确认导入' }).isDisabled(), true);

      await page.locator('input[type=file]').setInputFiles(good);
      await page.getByRole('button', { name: '预览' }).click();
      await page.getByText('共 1 行，0 行有错误').waitFor();
      await page.getByRole('button', { name: '确认导入' }).click();
      await page.getByText('已导入 1 条历史提案').waitFor();

      await page.goto('/proposals/list');
      await page.getByText(title).locator('visible=true').first().waitFor();
    });
  });
}
