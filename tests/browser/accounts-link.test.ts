// An admin opens an account for a member on the accounts page, choosing the member from the
// roster search, and links an existing unit account's unit; a second account for the same
// member is refused with the server's message.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { ApiSession, launchBrowser, loginUi, newMember, pickOption, startServer, withPage, type TestServer } from './harness.js';

let server: TestServer;
let browser: Browser;
let admin: ApiSession;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  admin = await ApiSession.login(server.baseUrl, 'admin');
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

type Account = { username: string; memberId: number | null; memberName: string | null };

it('an admin creates an account linked to a member chosen by name, and cannot give the member a second one', async () => {
  const member = await newMember(admin, '欧阳晓岚');

  await withPage(browser, server, 'desktop', 'accounts-link', async (page) => {
    await loginUi(page, 'admin');
    await page.goto('/admin/accounts');
    const open = async (username: string) => {
      await page.getByRole('button', { name: '新建账号' }).click();
      const form = page.getByTestId('account-form');
      await form.getByLabel('用户名').fill(username);
      await form.getByLabel('姓名').fill(member.name);
      await form.getByLabel('密码').fill('Link-pass-2026');
      await pickOption(page, form.getByLabel('角色'), '委员');
      await page.keyboard.press('Escape');
      const picker = form.getByLabel('关联委员');
      await pickOption(page, picker, member.name, async () => {
        await picker.click();
        await picker.fill(member.name);
      });
      await page.getByRole('button', { name: '保 存' }).or(page.getByRole('button', { name: '保存' })).click();
    };
    await open('linkdemo1');
    // The demo has some 450 accounts: the new one is found by the list's search.
    await page.getByPlaceholder('用户名或姓名').fill('linkdemo1');
    await page.getByRole('button', { name: 'search' }).click();
    await page.getByRole('cell', { name: 'linkdemo1' }).first().waitFor();
    await open('linkdemo2');
    await page.getByText('该委员已有账号').first().waitFor();
  });
  const made = (await admin.get<{ items: Account[] }>('/api/accounts?q=linkdemo')).items;
  assert.deepEqual(made.map((a) => [a.username, a.memberId, a.memberName]), [['linkdemo1', member.id, member.name]]);
});
