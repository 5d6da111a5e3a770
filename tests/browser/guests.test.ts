// Invited guests who are not members: the office records an official at a meeting from the
// meeting page, sees the figures beside the members' attendance, and removes the guest again.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { ApiSession, launchBrowser, loginUi, pickOption, startServer, withPage, type TestServer, type ViewportName } from './harness.js';

let server: TestServer;
let browser: Browser;
let staff: ApiSession;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  staff = await ApiSession.login(server.baseUrl, 'staff');
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

type Attendance = { guests: { name: string; category: string }[]; totals: { guests: number; attendees: number } };

for (const viewport of ['desktop', 'phone'] as ViewportName[]) {
  it(`the office records and removes an invited official at a meeting (${viewport})`, async () => {
    const at = Date.now();
    const made = await staff.request<{ id: number }>('POST', '/api/consultations/meetings', {
      type: 'thematic', topic: `特邀人员登记测试${viewport}`, startsAt: new Date(at + 3_600_000).toISOString(), endsAt: new Date(at + 7_200_000).toISOString(),
      place: '市政协会议室', online: false, publicSeats: 10, agenda: [], invitedMemberIds: [],
    });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    const id = made.body.id;
    assert.equal((await staff.request('POST', `/api/consultations/meetings/${id}/publish`, {})).status, 200);
    const guest = viewport === 'desktop' ? '张建国' : '李淑芬';

    await withPage(browser, server, viewport, 'guests', async (page) => {
      await loginUi(page, 'staff');
      await page.goto(`/consultations/meetings/${id}`);
      const card = page.getByTestId('guests');
      await card.getByText('尚未登记特邀人员').waitFor();
      await card.getByLabel('姓名').fill(guest);
      await pickOption(page, card.getByLabel('类别'), '专家学者');
      await card.getByLabel('工作单位').fill('嘉兴大学');
      await card.getByRole('button', { name: '登记' }).click();
      await card.getByText(guest).first().waitFor();
      await page.getByTestId('attendance-totals').getByText('特邀 1').waitFor();
      await page.getByTestId('attendance-totals').getByText('出席合计 1').waitFor();
      const listed = await staff.get<Attendance>(`/api/consultations/meetings/${id}/attendance`);
      assert.deepEqual(listed.guests.map((g) => [g.name, g.category]), [[guest, 'expert']]);

      await card.getByRole('button', { name: '移除' }).click();
      await page.getByRole('button', { name: /确\s*定|OK/ }).click();
      await card.getByText('尚未登记特邀人员').waitFor();
    });
    const after = await staff.get<Attendance>(`/api/consultations/meetings/${id}/attendance`);
    assert.deepEqual([after.guests.length, after.totals.guests], [0, 0]);
  });
}
