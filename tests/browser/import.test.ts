// Member import: a sheet with one good and one bad row previews the bad row's error, then imports
// the good one when told to skip the bad; an import with accounts hands out initial passwords that
// must be changed at first sign-in.
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

it('an office imports members with accounts, downloads the initial passwords once, and a new member must change the password at first sign-in (phone)', async () => {
  const me = await api.get<{ organization: { id: number } }>('/api/me');
  const [sector] = await api.get<{ name: string }[]>(`/api/orgs/sectors?organizationId=${me.organization.id}`);
  const name = '试开户委员';
  const book = new ExcelJS.Workbook();
  book.addWorksheet('委员').addRows([HEADER, [name, '女', 1983, '汉族', '群众', sector!.name, '', '嘉兴市测试单位', '', '13900003333', '否']]);
  const file = path.join(dir, 'members-accounts.xlsx');
  await book.xlsx.writeFile(file);
  const sheet = path.join(dir, 'initial-passwords.xlsx');

  await withPage(browser, server, 'desktop', 'import-accounts', async (page) => {
    await loginUi(page, 'admin');
    await page.goto('/orgs/members/import');
    await page.locator('input[type=file]').setInputFiles(file);
    await page.getByRole('button', { name: '预检' }).click();
    await page.getByText('共 1 行，通过 1 行，有错误 0 行').waitFor();
    await page.getByText('同时为导入的委员创建账号').click();
    await page.getByRole('button', { name: '导入', exact: true }).click();
    await page.getByText('已创建 1 个账号，请下载初始密码表').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('credentials-download').click()]);
    await download.saveAs(sheet);
    await page.getByText('初始密码表已下载（共 1 个账号）').waitFor();
  });

  const read = new ExcelJS.Workbook();
  await read.xlsx.readFile(sheet);
  const row = read.worksheets[0]!.getRow(2);
  assert.equal(row.getCell(1).value, name);
  const username = String(row.getCell(2).value);
  const password = String(row.getCell(3).value);
  assert.match(username, /^m\d{4,}$/);

  await withPage(browser, server, 'phone', 'first-sign-in', async (page) => {
    await page.goto('/login');
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL((url) => url.pathname === '/change-password');
    await page.getByText('这是您第一次登录').waitFor();
    // Another page of the app sends the user back here.
    await page.goto('/orgs/members');
    await page.waitForURL((url) => url.pathname === '/change-password');
    await page.getByLabel('初始密码（当前密码）').fill(password);
    await page.getByLabel('新密码', { exact: true }).fill('Mine-2027-pass');
    await page.getByLabel('确认新密码').fill('Mine-2027-pass');
    await page.getByRole('button', { name: '修改并进入系统' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByText('您好').first().waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 375, `no sideways scrolling at phone size (${width}px)`);
  });
  const member = await ApiSession.login(server.baseUrl, username, 'Mine-2027-pass');
  assert.equal((await member.get<{ mustChangePassword: boolean }>('/api/me')).mustChangePassword, false);
});

it('an office imports handling units with accounts from the units page and downloads their initial passwords', async () => {
  const book = new ExcelJS.Workbook();
  book.addWorksheet('承办单位').addRows([['单位名称', '联系人', '联系电话'], ['试导入市数据局', '钱明', '0573-82099999'], ['', '无名', '']]);
  const file = path.join(dir, 'units.xlsx');
  await book.xlsx.writeFile(file);
  await withPage(browser, server, 'desktop', 'unit-import', async (page) => {
    await loginUi(page, 'admin');
    await page.goto('/orgs/catalogs');
    await page.getByRole('tab', { name: '承办单位' }).click();
    await page.getByRole('button', { name: '批量导入承办单位' }).click();
    await page.getByRole('heading', { name: '批量导入承办单位' }).waitFor();
    await page.locator('input[type=file]').setInputFiles(file);
    await page.getByRole('button', { name: '预检' }).click();
    await page.getByText('共 2 行，通过 1 行，有错误 1 行').waitFor();
    await page.getByText('跳过有错误的行').click();
    await page.getByRole('button', { name: '导入', exact: true }).click();
    await page.getByText('已导入 1 个承办单位').waitFor();
    await page.getByText('已创建 1 个账号，请下载初始密码表').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('credentials-download').click()]);
    const saved = path.join(dir, 'unit-passwords.xlsx');
    await download.saveAs(saved);
    const read = new ExcelJS.Workbook();
    await read.xlsx.readFile(saved);
    assert.equal(read.worksheets[0]!.getRow(2).getCell(1).value, '试导入市数据局');
    assert.match(String(read.worksheets[0]!.getRow(2).getCell(2).value), /^u\d{4,}$/);
  });
});

it('a sheet of 20,000 members shows its progress while it is read, then the preview (phone)', async () => {
  const me = await api.get<{ organization: { id: number } }>('/api/me');
  const [sector] = await api.get<{ name: string }[]>(`/api/orgs/sectors?organizationId=${me.organization.id}`);
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('委员');
  sheet.addRow(HEADER);
  for (let i = 0; i < 20_000; i++) sheet.addRow([`大表委员${i}`, '女', 1970, '汉族', '群众', sector!.name, '', '嘉兴市测试单位', '', `137${String(i).padStart(8, '0')}`, '否']);
  const file = path.join(dir, 'members-20000.xlsx');
  await book.xlsx.writeFile(file);

  await withPage(browser, server, 'phone', 'import-progress', async (page) => {
    await loginUi(page, 'admin');
    await page.goto('/orgs/members/import');
    await page.getByRole('heading', { name: '批量导入委员' }).waitFor();
    await page.locator('input[type=file]').setInputFiles(file);
    await page.getByRole('button', { name: '预检' }).click();
    const progress = page.getByTestId('import-progress');
    await progress.waitFor();
    assert.match((await progress.textContent()) ?? '', /正在读取：已读 \d+ 行/);
    await page.getByText('共 20000 行，通过 20000 行，有错误 0 行').waitFor({ timeout: 60_000 });
    assert.equal(await progress.count(), 0, 'the progress gives way to the preview');
  });
});
