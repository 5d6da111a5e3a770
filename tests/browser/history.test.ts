// Past records: staff download the proposal template, upload a file with one bad row, see that
// row's error in the preview, upload the fixed file and find the proposal in the list; and, in
// English, switch to past meetings and import one with its attendance.
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

it('staff switch to past meetings in English, import one with its attendance and find it among the meetings', async () => {
  const members = await api.get<{ items: { name: string }[] }>('/api/orgs/members?limit=50');
  // A name that only one member has: the import refuses an ambiguous one.
  const counts = new Map<string, number>();
  for (const m of members.items) counts.set(m.name, (counts.get(m.name) ?? 0) + 1);
  const attendee = members.items.find((m) => counts.get(m.name) === 1)!.name;
  const title = '历史协商活动试导入：推进城乡公交一体化专题协商会';

  await withPage(browser, server, 'desktop', 'history-meetings', async (page) => {
    await loginUi(page, 'staff');
    await page.goto('/history/proposals');
    await page.getByTestId('lang-switch').click();
    await page.getByRole('heading', { name: 'Import past proposals' }).waitFor();
    await page.getByRole('menuitem', { name: 'Import past meetings' }).click();
    await page.getByRole('heading', { name: 'Import past consultation meetings' }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download template' }).click()]);
    const template = path.join(dir, 'meetings-template.xlsx');
    await download.saveAs(template);

    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(template);
    const sheet = book.worksheets[0]!;
    const header = (sheet.getRow(1).values as string[]).slice(1);
    assert.ok(header.includes('实到人数') && header.includes('出席委员'), header.join(','));
    const v: Record<string, string> = { 标题: title, 会议类型: '专题协商会', 日期: '2024-06-18', 开始时间: '09:00', 结束时间: '11:30', 地点: '市政协三楼会议室', 网络议政: '否', 组织专委会: '', 应到人数: '30', 实到人数: '26', 出席委员: attendee, 请假委员: '', 缺席委员: '' };
    sheet.spliceRows(2, 1, header.map((h) => v[h] ?? ''));
    const file = path.join(dir, 'meetings.xlsx');
    await book.xlsx.writeFile(file);

    await page.locator('input[type=file]').setInputFiles(file);
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByText('1 row, 0 with errors').waitFor();
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByText('1 past meeting imported').waitFor();
  });
  const list = await api.get<{ items: { id: number; topic: string; state: string }[] }>(`/api/consultations/meetings?year=2024&limit=100`);
  const meeting = list.items.find((m) => m.topic === title);
  assert.ok(meeting, JSON.stringify(list));
  assert.equal(meeting.state, 'ended');
});
