// The first start of a real office: the server, started without demo data, prints a set-up link;
// the operator opens it, chooses the province and the city from the division tree, the term and
// its sessions and the admin, and lands signed in. At desktop and phone size, each on a fresh install.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, pickOption, startEmptyServer, withPage, type TestServer, type ViewportName } from './harness.js';

let browser: Browser;
const servers: TestServer[] = [];

before(async () => {
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  for (const s of servers) await s.stop();
});

/** Chooses in a searching select by typing part of the name, as an operator would. */
async function choose(page: Page, label: string, typed: string, option: string) {
  const field = page.getByLabel(label, { exact: true });
  await pickOption(page, field, option, async () => {
    await field.click();
    await field.fill(typed);
  });
}

for (const viewport of ['desktop', 'phone'] as ViewportName[]) {
  it(`sets up 嘉兴 with its counties from the printed link and ends signed in (${viewport})`, async () => {
    const server = await startEmptyServer();
    servers.push(server);
    assert.match(server.output(), /尚未完成初始设置/);
    assert.equal(server.setupLink.pathname, '/setup');
    assert.match(server.setupLink.searchParams.get('token') ?? '', /^[A-Za-z0-9_-]{40,}$/);

    await withPage(browser, server, viewport, 'setup', async (page) => {
      // Before set-up the login page says where the way in is.
      await page.goto('/login');
      await page.getByText('系统尚未完成初始设置').waitFor();

      await page.goto(server.setupLink.pathname + server.setupLink.search);
      await page.getByText('创建首个系统管理员和本政协组织').waitFor();
      assert.equal(await page.getByRole('radio', { name: '市级' }).isChecked(), true);
      await choose(page, '省、自治区、直辖市', '浙江', '浙江省');
      await choose(page, '市、州、盟', '嘉兴', '嘉兴市');
      const name = page.getByLabel('组织名称');
      await page.waitForFunction(() => (document.querySelector('#name') as HTMLInputElement | null)?.value === '政协嘉兴市委员会');
      assert.equal(await name.inputValue(), '政协嘉兴市委员会');
      await page.getByText('将同时为下辖的 7 个县（市、区）各建立政协组织').waitFor();

      await page.getByLabel('届次（第几届）').fill('10');
      await page.getByLabel('本届开始日期').fill('2022-01-10');
      await page.getByLabel('第 1 次会议开幕日期').fill('2022-01-12');
      await page.getByRole('button', { name: '添加会议' }).click();
      await page.getByLabel('第 2 次会议开幕日期').fill('2023-01-09');

      await page.getByLabel('用户名', { exact: true }).fill('office_admin');
      await page.getByLabel('姓名', { exact: true }).fill('王主任');
      await page.getByLabel('密码', { exact: true }).fill('Setup-pass-2026');
      await page.getByLabel('确认密码', { exact: true }).fill('Setup-pass-2026');
      if (viewport === 'phone') assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no sideways scrolling on a phone');

      await page.getByRole('button', { name: '完成设置' }).click();
      await page.waitForURL((url) => url.pathname === '/');
      await page.getByText('您好').first().waitFor();
      const me = await page.evaluate(async () => (await fetch('/api/me')).json() as Promise<{ username: string; roles: { role: string }[]; organization: { name: string } }>);
      assert.equal(me.username, 'office_admin');
      assert.deepEqual(me.roles.map((r) => r.role), ['admin']);
      assert.equal(me.organization.name, '政协嘉兴市委员会');
      const orgs = await page.evaluate(async () => (await fetch('/api/orgs/organizations')).json() as Promise<{ name: string; level: string }[]>);
      assert.equal(orgs.filter((o) => o.level === 'county').length, 7);

      // The link was for once: opened again it says set-up is done and sends to sign-in.
      await page.goto(server.setupLink.pathname + server.setupLink.search);
      await page.getByText('系统已完成初始设置，请直接登录').waitFor();
    });
  });
}
