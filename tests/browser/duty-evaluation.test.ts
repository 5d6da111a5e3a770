// The yearly evaluation in the browser: the office publishes the demo year's computed evaluation,
// confirming a dialog that says what will happen and reading what did; the member then opens
// 我的履职 on a 375 px phone and sees this year's grade and the minimums still missing. How much of
// the demo year a member has done depends on today's date, so the office first adds a minimum of
// a kind the demo member has not done, as an admin would before the year is computed.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { ApiSession, confirmStep, launchBrowser, loginUi, startServer, watchPage, withPage, type TestServer } from './harness.js';

let server: TestServer;
let browser: Browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const [admin, member] = await Promise.all([ApiSession.login(server.baseUrl, 'admin'), ApiSession.login(server.baseUrl, 'member')]);
  type Rules = { organizationId: number; year: number; bands: unknown; minimums: { kinds: string[]; count: number }[]; rules: { kind: string; penalty: boolean }[] };
  const rules = await admin.get<Rules>('/api/duty/rules');
  const done = new Set((await member.get<{ kinds: { kind: string; count: number }[] }>('/api/duty/me')).kinds.filter((k) => k.count > 0).map((k) => k.kind));
  const undone = rules.rules.find((r) => !r.penalty && !done.has(r.kind));
  assert.ok(undone, 'a kind the demo member has not done this year');
  const minimums = [...rules.minimums.map(({ kinds, count }) => ({ kinds, count })), { kinds: [undone.kind], count: 1 }];
  const set = await admin.request('PUT', '/api/duty/rules/grading', { organizationId: rules.organizationId, year: rules.year, minimums, bands: rules.bands });
  assert.equal(set.status, 204, JSON.stringify(set.body));
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

it('the office publishes the computed year, confirming what will happen', async () => {
  await withPage(browser, server, 'desktop', 'duty-evaluation', async (page) => {
    await loginUi(page, 'staff');
    await page.goto('/duty/evaluation');
    await page.getByRole('heading', { name: '年度履职考评' }).waitFor();
    await page.getByTestId('duty-evaluation-state').getByText('已计算，待发布').waitFor();
    await page.getByTestId('duty-evaluation').getByTestId('duty-grade').first().waitFor();
    await page.getByTestId('duty-publish').click();
    await confirmStep(page, /将向 \d+ 位委员本人发送其考评等次的通知/);
    await page.getByText(/已发布 \d+ 位委员的考评结果，已通知 \d+ 个委员账号/).waitFor();
    await page.getByTestId('duty-evaluation-state').getByText('已发布').waitFor();
    assert.equal(await page.getByTestId('duty-compute').isDisabled(), true, 'a published year is frozen');
  });
});

it('the member sees the grade and what is still missing on a phone', async () => {
  const member = await ApiSession.login(server.baseUrl, 'member');
  const own = await member.get<{ missing: { label: { zh: string } }[]; grades: { grade: string }[] }>('/api/duty/me');
  const labels: Record<string, string> = { excellent: '优秀', competent: '称职', basic: '基本称职', not_competent: '不称职' };
  assert.ok(own.grades.length > 0 && own.missing.length > 0, 'the demo member has a published grade and the minimum the office added is missing');
  await withPage(browser, server, 'phone', 'duty-mine-grade', async (page) => {
    await loginUi(page, 'member');
    // Watched from here: leaving the home page may cancel its own requests.
    await page.goto('/duty/mine');
    const seen = watchPage(page, 'member');
    await page.getByRole('heading', { name: '我的履职' }).waitFor();
    await page.getByTestId('duty-grades').getByText(labels[own.grades[0]!.grade]!, { exact: true }).waitFor();
    await page.getByTestId('duty-missing').getByText(own.missing[0]!.label.zh).waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 375, `the page fits the phone (${width} px)`);
    assert.deepEqual(seen, []);
  });
});
