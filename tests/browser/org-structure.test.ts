// The city admin of the demo sets up a new county CPPCC: creates it below the city, gives it a
// term and a session, and closes the session; at desktop and phone size.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { ApiSession, launchBrowser, loginUi, startServer, withPage, type TestServer, type ViewportName } from './harness.js';

interface Org {
  id: number;
  name: string;
  level: string;
}
interface Term {
  number: number;
  current: boolean;
  sessions: { number: number; opensOn: string; closedAt: string | null }[];
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

for (const viewport of ['desktop', 'phone'] as ViewportName[]) {
  it(`city admin creates a county CPPCC with a term and a session, and closes the session (${viewport})`, async () => {
    const city = (await api.get<Org[]>('/api/orgs/organizations')).find((o) => o.level === 'city')!;
    const name = `测试新区政协${viewport === 'desktop' ? '甲' : '乙'}`;

    await withPage(browser, server, viewport, 'org-structure', async (page) => {
      await loginUi(page, 'admin');
      await page.goto('/orgs/structure');
      await page.getByRole('heading', { name: '政协组织与届次' }).waitFor();

      const cityCard = page.getByTestId(`org-${city.id}`);
      await cityCard.getByRole('button', { name: '新建下级政协' }).click();
      await cityCard.getByLabel('名称').fill(name);
      await cityCard.getByRole('button', { name: '保存' }).click();

      const county = page.locator('[data-testid^="org-"]', { hasText: name });
      await county.waitFor();
      await county.getByText('县级').waitFor();
      await county.getByRole('button', { name: '届次与会议' }).click();
      await county.getByLabel('第几届').fill('1');
      await county.getByLabel('届初日期').fill('2025-01-01');
      await county.getByLabel('届末日期').fill('2029-12-31');
      await county.getByRole('button', { name: '新建届次' }).click();

      const term = county.getByTestId('term-1');
      await term.getByText('第一届').waitFor();
      await term.getByText('本届', { exact: true }).waitFor();
      await term.getByLabel('开幕日期').fill('2025-02-20');
      await term.getByRole('button', { name: '新增会议' }).click();
      const session = term.getByTestId('session-1');
      await session.getByText('第一次会议').waitFor();
      await session.getByRole('button', { name: '闭幕' }).click();
      await session.getByText('已闭幕').waitFor();

      // A session opening outside the term is refused with the reason shown.
      await term.getByLabel('开幕日期').fill('2031-01-01');
      await term.getByRole('button', { name: '新增会议' }).click();
      await page.getByRole('alert').filter({ hasText: '会议日期应在本届任期之内' }).waitFor();
    });

    const created = (await api.get<Org[]>('/api/orgs/organizations')).find((o) => o.name === name)!;
    assert.equal(created.level, 'county');
    const terms = await api.get<Term[]>(`/api/orgs/terms?organizationId=${created.id}`);
    assert.equal(terms.length, 1);
    assert.equal(terms[0]!.current, true);
    assert.equal(terms[0]!.sessions.length, 1, 'the refused session was not stored');
    assert.ok(terms[0]!.sessions[0]!.closedAt, 'the session is closed');
  });
}
