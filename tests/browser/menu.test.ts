// The menu: at phone width it lives in a drawer; it follows the roles; the English switch relabels it.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, loginUi, newPage, startServer, withPage, type TestServer } from './harness.js';

let server: TestServer;
let browser: Browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const ADMIN_MENU_ZH = ['首页', '委员名册', '履职阵地', '基础名录', '账号管理', '审计日志'];
const ADMIN_MENU_EN = ['Home', 'Members', 'Places', 'Lists', 'Accounts', 'Audit log'];

async function expectMenu(page: Page, labels: string[]): Promise<void> {
  const menu = page.locator('.ant-menu:visible').last();
  for (const label of labels) await menu.getByText(label, { exact: true }).waitFor();
}

it('at phone width the menu opens from a button, in Chinese, and switches to English', async () => {
  await withPage(browser, server, 'phone', 'menu', async (page) => {
    await loginUi(page, 'admin');
    await page.getByText('您好，').waitFor();
    assert.equal(await page.locator('.ant-layout-sider').count(), 0, 'no side menu on a phone');

    await page.getByRole('button', { name: '打开菜单' }).click();
    const drawer = page.getByRole('dialog');
    await drawer.waitFor();
    await expectMenu(page, ADMIN_MENU_ZH);
    await drawer.getByText('退出登录').waitFor();

    await drawer.getByText('委员名册', { exact: true }).click();
    await page.waitForURL('**/orgs/members');
    await page.getByRole('heading', { name: '委员名册' }).waitFor();

    await page.getByTestId('lang-switch').click();
    await page.getByRole('heading', { name: 'Members' }).waitFor();
    await page.getByRole('button', { name: 'Open menu' }).click();
    await expectMenu(page, ADMIN_MENU_EN);

    // The choice is kept across a reload.
    await page.reload();
    await page.getByRole('heading', { name: 'Members' }).waitFor();
    assert.equal((await page.getByTestId('lang-switch').textContent())?.trim(), '中文');
  });
});

it('on a desktop the side menu shows the admin entries and switches language', async () => {
  await withPage(browser, server, 'desktop', 'menu', async (page) => {
    await loginUi(page, 'admin');
    await page.locator('.ant-layout-sider').waitFor();
    await expectMenu(page, ADMIN_MENU_ZH);
    await page.getByTestId('user-box').getByText('退出登录').waitFor();

    await page.getByTestId('lang-switch').click();
    await expectMenu(page, ADMIN_MENU_EN);
    await page.getByText('Welcome,').waitFor();
  });
});

it('a leader sees the rosters but not the administration', async () => {
  await withPage(browser, server, 'desktop', 'menu-leader', async (page) => {
    await loginUi(page, 'leader');
    await expectMenu(page, ['首页', '委员名册', '履职阵地']);
    const menu = page.locator('.ant-layout-sider .ant-menu');
    assert.equal(await menu.getByText('账号管理').count(), 0);
    assert.equal(await menu.getByText('审计日志').count(), 0);

    await page.goto('/admin/audit');
    await page.getByText('您没有访问此页面的权限。').waitFor();
  });
});

it('the phone menu slides in, and appears at once for a user who asked for reduced motion', async () => {
  const animated = async (motion: boolean) => {
    const { context, page } = await newPage(browser, server.baseUrl, 'phone', motion);
    try {
      await loginUi(page, 'admin');
      // Every class the page puts on while the drawer opens: a motion shows as "…-enter" or "…-appear"
      // (the drawer's slide, and the ripple of the button clicked to open it).
      await page.evaluate(() => {
        const seen: string[] = ((window as unknown as { seen: string[] }).seen = []);
        new MutationObserver((records) => records.forEach((r) => seen.push((r.target as Element).className?.toString() ?? ''))).observe(document.body, { attributes: true, attributeFilter: ['class'], subtree: true, childList: true });
      });
      await page.getByRole('button', { name: '打开菜单' }).click();
      await page.getByRole('dialog').getByText('委员名册', { exact: true }).waitFor();
      const classes = await page.evaluate(() => (window as unknown as { seen: string[] }).seen);
      return classes.filter((c) => /-(enter|appear)(-active)?\b/.test(c));
    } finally {
      await context.close();
    }
  };
  assert.ok((await animated(true)).some((c) => c.includes('ant-drawer-panel-motion')), 'the drawer slides in');
  assert.deepEqual(await animated(false), [], 'no motion at all');
});

