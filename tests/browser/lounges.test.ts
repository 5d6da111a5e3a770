// Member lounges (委员会客厅) and the halls' figures as their users see them: a resident on a phone
// reads a lounge's rota and its answered questions without signing in; the member on duty answers
// the question waiting for them and the resident's page shows the answer; the office reads the
// halls' statistics, for the city alone and with its counties, in Chinese and in English.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { chinaYear } from '../../server/src/platform/time.js';
import { ApiSession, launchBrowser, loginUi, startServer, withPage, type TestServer } from './harness.js';

let server: TestServer;
let browser: Browser;
let staff: ApiSession;
let loungeId: number;
let onDuty: string;
const answer = '周六上午九点至十二点开放，由值班委员接待，欢迎来坐坐。';

interface LoungePage {
  rota: { member: string; onDuty: boolean }[];
  questions: { text: string; answer: string | null }[];
}

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  staff = await ApiSession.login(server.baseUrl, 'staff');
  const me = await staff.get<{ organization: { id: number } }>('/api/me');
  const lounges = (await staff.get<{ id: number; organizationId: number }[]>('/api/halls/lounges')).filter((l) => l.organizationId === me.organization.id);
  assert.ok(lounges.length > 0, 'the demo city has a lounge');
  loungeId = lounges[0]!.id;
  const page = await new ApiSession(server.baseUrl).get<LoungePage>(`/api/halls/lounges/public/${loungeId}`);
  const duty = page.rota.find((r) => r.onDuty);
  assert.ok(duty, 'a member is on duty today');
  onDuty = duty.member;
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

it('a resident on a phone reads the rota and the answered questions without signing in', async () => {
  await withPage(browser, server, 'phone', 'lounge-public', async (page) => {
    await page.goto(`/lounge/${loungeId}`);
    await page.getByText('值班委员', { exact: true }).waitFor();
    await page.getByText(`${onDuty} · `).first().waitFor();
    await page.getByText('今日值班').first().waitFor();
    const answered = page.getByTestId('lounge-question').filter({ hasText: '加装电梯' });
    await answered.getByText(`${onDuty} 委员答复：`).waitFor();
    await page.getByTestId('lounge-question').filter({ hasText: '客厅周末开放吗？' }).getByText('等待值班委员答复').waitFor();
    // The asker is never shown.
    assert.doesNotMatch(await page.locator('body').innerText(), /群众用户/);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `page wider than the phone by ${overflow}px`);
  });
});

it('the member on duty answers the waiting question, and the lounge page shows the answer', async () => {
  await withPage(browser, server, 'phone', 'lounge-duty', async (page) => {
    await loginUi(page, 'member');
    await page.goto('/halls/lounge-duty');
    await page.getByRole('heading', { name: '客厅值班' }).waitFor();
    await page.getByText('客厅周末开放吗？').waitFor();
    await page.getByLabel('答复').first().fill(answer);
    await page.getByRole('button', { name: '答 复' }).or(page.getByRole('button', { name: '答复', exact: true })).first().click();
    await page.getByText('没有待答复的问题').waitFor();
  });
  await withPage(browser, server, 'phone', 'lounge-answered', async (page) => {
    await page.goto(`/lounge/${loungeId}`);
    await page.getByTestId('lounge-question').filter({ hasText: '客厅周末开放吗？' }).getByText(answer).waitFor();
  });
});

for (const lang of ['zh-CN', 'en'] as const) {
  const en = lang === 'en';
  it(`the office reads the halls' figures, for the city and with its counties (${lang})`, async () => {
    const year = chinaYear();
    const own = await staff.get<{ sessions: number; suggestions: { made: number } }>(`/api/halls/stats?year=${year}&scope=own`);
    const system = await staff.get<{ sessions: number; suggestions: { made: number } }>(`/api/halls/stats?year=${year}&scope=system`);
    assert.ok(system.sessions >= own.sessions);
    await withPage(browser, server, 'desktop', `halls-stats-${lang}`, async (page) => {
      await loginUi(page, 'staff');
      if (en) {
        await page.getByTestId('lang-switch').click();
        await page.waitForFunction(() => document.documentElement.lang === 'en');
      }
      await page.goto('/halls/stats');
      await page.getByRole('heading', { name: en ? 'Livelihood hall statistics' : '民生议事堂统计' }).waitFor();
      const figures = page.getByTestId('stats-figures');
      const value = async (label: string) => {
        const card = figures.locator('.ant-statistic').filter({ hasText: label }).first();
        return Number((await card.locator('.ant-statistic-content').innerText()).replace(/[^\d]/g, ''));
      };
      const sessions = en ? 'Sessions held' : '议事活动';
      const made = en ? 'Suggestions made' : '形成建议';
      await figures.waitFor();
      assert.equal(await value(sessions), own.sessions);
      assert.equal(await value(made), own.suggestions.made);
      await page.getByTestId('scope-switch').getByText(en ? 'With those below' : '全系统（含下级）').click();
      await page.waitForFunction(
        ([label, n]) => [...document.querySelectorAll('[data-testid="stats-figures"] .ant-statistic')].some((el) => el.textContent?.startsWith(label as string) && el.textContent.replace(/[^\d]/g, '') === String(n)),
        [sessions, system.sessions] as const,
      );
    });
  });
}
