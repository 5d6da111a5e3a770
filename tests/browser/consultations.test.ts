// A consultation end to end: staff arrange an online meeting through the form, publish and start
// it; the invited member, on a phone, accepts and registers a speech; staff approve it and mark
// the speaker; the member checks in through the meeting's QR code; after the meeting the member
// votes for the best speech, staff confirm it and everyone sees it; staff turn a passage of the
// speech into a suggestion and assign it to a department.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, it } from 'node:test';
import { Document, Packer, Paragraph } from 'docx';
import JSZip from 'jszip';
import { chinaMinute, chinaYear } from '../../server/src/platform/time.js';
import type { Browser, Page } from 'playwright-core';
import { ApiSession, confirmStep, DEMO_PASSWORD, launchBrowser, loginUi, pickOption, screenshot, startServer, withPage, type TestServer } from './harness.js';

let server: TestServer;
let browser: Browser;
let staff: ApiSession;
let memberName: string;
let unitName: string;
let meetingId: number;
let token: string;
let suggestionId: number;
/** The year's suggestions before this test's one (the demo data has its own). */
let suggestionsBefore: number;
const topic = '关于加快城市老旧小区加装电梯的专题协商<b>议政</b>';
const speechTitle = '多方共担破解加装电梯资金难题';
const passage = '建议由市财政按每台二十万元给予补助，并允许提取住房公积金。';
const speechText = `老旧小区加装电梯是群众关切的民生实事。${passage}同时简化审批流程，推行“一站式”办理。`;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  staff = await ApiSession.login(server.baseUrl, 'staff');
  const member = await ApiSession.login(server.baseUrl, 'member');
  memberName = (await member.get<{ displayName: string }>('/api/me')).displayName;
  const unit = await ApiSession.login(server.baseUrl, 'unit');
  const unitId = (await unit.get<{ handlingUnitId: number }>('/api/me')).handlingUnitId;
  const config = await staff.get<{ units: { id: number; name: string }[] }>('/api/consultations/config');
  unitName = config.units.find((u) => u.id === unitId)!.name;
  suggestionsBefore = (await staff.get<{ suggestions: { total: number } }>('/api/consultations/stats')).suggestions.total;
});

/** A county CPPCC's office (an account the city's admin opens) holds an online meeting of its own. */
async function countyHoldsAMeeting() {
  const admin = await ApiSession.login(server.baseUrl, 'admin');
  const orgs = await admin.get<{ id: number; level: string }[]>('/api/orgs/organizations');
  const county = orgs.find((o) => o.level === 'county')!;
  const made = await admin.request('POST', '/api/accounts', { username: 'county_office', displayName: '县政协办公室', password: DEMO_PASSWORD, organizationId: county.id, roles: ['staff'] });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  const office = await ApiSession.login(server.baseUrl, 'county_office');
  const at = Date.now();
  const meeting = await office.request<{ id: number }>('POST', '/api/consultations/meetings', {
    type: 'counterpart', topic: '县域农村生活污水治理对口协商', startsAt: new Date(at + 60_000).toISOString(), endsAt: new Date(at + 3_600_000).toISOString(),
    place: '县政协会议室', online: true, publicSeats: 0, agenda: [], invitedMemberIds: [],
  });
  assert.equal(meeting.status, 201, JSON.stringify(meeting.body));
  for (const step of ['publish', 'start', 'end']) assert.equal((await office.request('POST', `/api/consultations/meetings/${meeting.body.id}/${step}`, {})).status, 200, step);
}

after(async () => {
  await browser?.close();
  await server?.stop();
});

const shot = (page: Page, name: string) => screenshot(page, `consultations-${name}`);

/** A time `minutes` from now as a datetime-local field wants it, in China time (as the form reads it). */
function chinaLocal(minutes: number): string {
  return chinaMinute(new Date(Date.now() + minutes * 60_000));
}

async function openMeeting(page: Page, user: string) {
  await loginUi(page, user);
  await page.goto(`/consultations/meetings/${meetingId}`);
  await page.getByTestId('meeting-topic').filter({ hasText: topic }).waitFor();
}

it('staff arrange an online meeting through the form, publish and start it', async () => {
  await withPage(browser, server, 'desktop', 'consultations-create', async (page) => {
    await loginUi(page, 'staff');
    await page.goto('/consultations/meetings');
    await page.getByRole('heading', { name: '协商活动' }).waitFor();
    await page.getByRole('button', { name: '新建协商活动' }).click();
    await page.waitForURL('**/consultations/meetings/new');

    await page.getByLabel('协商议题').fill(topic);
    await page.getByLabel('开始时间').fill(chinaLocal(30));
    await page.getByLabel('结束时间').fill(chinaLocal(180));
    await page.getByLabel('地点').fill('市政协三楼会议室');
    await page.getByTestId('online-switch').click();
    await page.getByLabel('议程 1', { exact: true }).fill('市住建局通报加装电梯工作情况');
    await page.getByRole('button', { name: '添加议程' }).click();
    await page.getByLabel('议程 2', { exact: true }).fill('委员发言');
    const picker = page.getByLabel('受邀委员');
    await pickOption(page, picker, memberName, async () => {
      await picker.click();
      await picker.pressSequentially(memberName.slice(0, 2));
    });
    await page.keyboard.press('Escape');
    await shot(page, 'form-desktop');
    await page.getByRole('button', { name: '保存' }).click();

    await page.waitForURL(/\/consultations\/meetings\/\d+$/);
    meetingId = Number(/meetings\/(\d+)$/.exec(page.url())![1]);
    await page.getByTestId('meeting-topic').filter({ hasText: topic }).waitFor();
    await page.getByTestId('meeting-state').filter({ hasText: '草稿' }).waitFor();
    await page.getByTestId('agenda').getByText('委员发言').waitFor();
    const materials = page.getByTestId('materials');
    await materials.locator('input[type=file]').setInputFiles({ name: '加装电梯情况通报.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
    await materials.getByRole('link', { name: '加装电梯情况通报.pdf' }).waitFor();

    await page.getByRole('button', { name: '发布' }).click();
    await confirmStep(page, `“${topic}”`);
    await page.getByTestId('meeting-state').filter({ hasText: '已发布' }).waitFor();
    await page.getByRole('button', { name: '开始会议' }).click();
    await page.getByTestId('meeting-state').filter({ hasText: '进行中' }).waitFor();
    await page.getByRole('link', { name: '进入直播间' }).waitFor();
    assert.equal(await page.getByRole('link', { name: '进入直播间' }).getAttribute('href'), `/consultations/meetings/${meetingId}/live`);

    // The QR code shows the address the member's phone opens.
    await page.getByTestId('checkin-qr').waitFor();
    const url = (await page.getByTestId('checkin-url').textContent()) ?? '';
    token = /\/consultations\/checkin\/([^/?#\s]+)/.exec(url)![1]!;
    assert.ok(token);
    await page.getByRole('link', { name: '下载二维码（SVG）' }).waitFor();
  });
});

it('the invited member accepts and registers a speech on a phone', async () => {
  await withPage(browser, server, 'phone', 'consultations-member', async (page) => {
    await loginUi(page, 'member');
    await page.goto('/consultations/meetings');
    await page.getByTestId('meetings-table').getByText(topic).first().click();
    await page.waitForURL(`**/consultations/meetings/${meetingId}`);
    const invitation = page.getByTestId('invitation');
    await invitation.getByTestId('invitation-answer').filter({ hasText: '未回复' }).waitFor();
    await invitation.getByRole('button', { name: '确认参加' }).click();
    await invitation.getByTestId('invitation-answer').filter({ hasText: '参加' }).waitFor();

    await page.getByTestId('register-speech').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('发言题目').fill(speechTitle);
    await dialog.getByLabel('发言稿').fill(speechText);
    await dialog.getByRole('button', { name: '提交' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByTestId('speeches').getByText(speechTitle).waitFor();
    await page.getByTestId('speeches').getByText('待审核').waitFor();
    // The speech as the member wrote it in Word goes with the text.
    const docx = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph(speechTitle), new Paragraph(speechText)] }] }));
    await page.getByTestId('speeches').locator('input[type=file]').setInputFiles({ name: `${speechTitle}.docx`, mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: docx });
    await page.getByTestId('speech-file').filter({ hasText: `讲稿：${speechTitle}.docx` }).waitFor();
    await page.getByTestId('speeches').getByRole('button', { name: '更换讲稿' }).waitFor();
    await shot(page, 'member-phone');
  });
});

it('staff approve the speech and mark the speaker, on a phone in the meeting room', async () => {
  await withPage(browser, server, 'phone', 'consultations-approve', async (page) => {
    await openMeeting(page, 'staff');
    const speeches = page.getByTestId('speeches');
    // The office reads the member's Word file: the same document, opened back here.
    const [download] = await Promise.all([page.waitForEvent('download'), speeches.getByTestId('speech-file').click()]);
    assert.equal(download.suggestedFilename(), `${speechTitle}.docx`);
    const zip = await JSZip.loadAsync(fs.readFileSync(await download.path()));
    assert.ok((await zip.file('word/document.xml')!.async('string')).includes(passage));
    await speeches.getByRole('button', { name: '同意发言' }).click();
    await speeches.getByRole('button', { name: '正在发言' }).click();
    await speeches.getByTestId('speaking-now').waitFor();
    await page.getByTestId('timeline').getByText('安排发言', { exact: true }).waitFor();
    await page.getByTestId('timeline').getByText('正在发言', { exact: true }).waitFor();
    await shot(page, 'staff-meeting-phone');
  });
});

it('the member checks in with the meeting QR code', async () => {
  await withPage(browser, server, 'phone', 'consultations-checkin', async (page) => {
    // Scanning with a phone that is not signed in asks for the account, then comes back to the code.
    await page.goto(`/consultations/checkin/${token}`);
    await page.waitForURL('**/login?next=*');
    await page.getByLabel('用户名').fill('member');
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(`**/consultations/checkin/${token}`);
    await page.getByRole('heading', { name: '会议签到' }).waitFor();
    await page.getByTestId('checkin-button').click();
    await page.getByTestId('checkin-done').filter({ hasText: '签到成功' }).waitFor();
    await page.getByTestId('checkin-topic').filter({ hasText: topic }).waitFor();
    await shot(page, 'checkin-phone');
    await page.getByRole('button', { name: '查看会议' }).click();
    await page.getByTestId('checked-in').waitFor();

    // A made-up code is refused with the server's message.
    await page.goto('/consultations/checkin/not-a-real-code');
    await page.getByTestId('checkin-button').click();
    await page.getByRole('alert').getByText('签到码无效').waitFor();
  });
  const attendance = await staff.get<{ items: { name: string; status: string }[] }>(`/api/consultations/meetings/${meetingId}/attendance`);
  assert.equal(attendance.items.find((r) => r.name === memberName)?.status, 'present');
});

it('after the meeting the member votes for the best speech; staff confirm it and it is shown', async () => {
  await withPage(browser, server, 'desktop', 'consultations-end', async (page) => {
    await openMeeting(page, 'staff');
    await page.getByRole('button', { name: '结束会议' }).click();
    await page.getByTestId('meeting-state').filter({ hasText: '已结束' }).waitFor();
    const settings = page.getByTestId('vote-settings');
    await settings.getByLabel('每人票数').fill('1');
    await settings.getByLabel('投票开始').fill(chinaLocal(-10));
    await settings.getByLabel('投票截止').fill(chinaLocal(60));
    await settings.getByRole('button', { name: '保存投票设置' }).click();
    await page.getByTestId('vote-window').filter({ hasText: '每人可投 1 票' }).waitFor();
  });

  await withPage(browser, server, 'phone', 'consultations-vote', async (page) => {
    await openMeeting(page, 'member');
    const speeches = page.getByTestId('speeches');
    await speeches.getByTestId('votes-left').filter({ hasText: '剩余 1 票' }).waitFor();
    await speeches.getByRole('button', { name: '投票' }).click();
    await speeches.getByRole('button', { name: '已投票' }).waitFor();
    await speeches.getByTestId('votes-left').filter({ hasText: '剩余 0 票' }).waitFor();
    await shot(page, 'vote-phone');
  });

  await withPage(browser, server, 'desktop', 'consultations-best', async (page) => {
    await openMeeting(page, 'staff');
    const vote = page.getByTestId('vote');
    await vote.getByRole('button', { name: '立即截止投票' }).click();
    await vote.getByRole('button', { name: '立即截止投票' }).waitFor({ state: 'hidden' });
    const row = vote.getByTestId('vote-results').locator('tr', { hasText: speechTitle });
    await row.getByText('1', { exact: true }).waitFor();
    await row.getByRole('checkbox').check();
    await vote.getByRole('button', { name: '确认最佳发言' }).click();
    await page.getByTestId('best-speeches').getByText(speechTitle).waitFor();
  });

  await withPage(browser, server, 'phone', 'consultations-best-member', async (page) => {
    await openMeeting(page, 'member');
    const best = page.getByTestId('best-speeches');
    await best.getByText(speechTitle).waitFor();
    await best.getByText(memberName).waitFor();
  });
});

it('staff turn a passage of the speech into a suggestion and assign it', async () => {
  await withPage(browser, server, 'desktop', 'consultations-suggest', async (page) => {
    await openMeeting(page, 'staff');
    await page.getByTestId('speeches').getByRole('button', { name: '转为建议' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(`${memberName} 的发言摘录`).fill(passage);
    await dialog.getByLabel('建议标题').fill('加大老旧小区加装电梯财政补助');
    await dialog.getByLabel('建议内容').fill(passage);
    await dialog.getByRole('button', { name: '提交' }).click();

    await page.waitForURL(/\/consultations\/suggestions\/\d+$/);
    suggestionId = Number(/suggestions\/(\d+)$/.exec(page.url())![1]);
    await page.getByTestId('suggestion-state').filter({ hasText: '待交办' }).waitFor();
    const source = page.getByTestId('suggestion-source');
    await source.getByText(passage).waitFor();
    await source.getByText(memberName, { exact: false }).waitFor();
    await page.getByRole('link', { name: topic }).waitFor();

    await page.getByRole('button', { name: '交办' }).click();
    const assign = page.getByRole('dialog');
    const units = assign.getByLabel('承办单位');
    await pickOption(page, units, unitName, async () => {
      await units.click();
      await units.pressSequentially(unitName.slice(0, 4));
    });
    await page.keyboard.press('Escape');
    await assign.getByLabel('答复期限').fill(chinaLocal(60 * 24 * 30).slice(0, 10));
    await assign.getByRole('button', { name: '提交' }).click();
    await confirmStep(page, unitName);
    await assign.waitFor({ state: 'hidden' });
    await page.getByTestId('suggestion-state').filter({ hasText: '已交办' }).waitFor();
    await page.getByTestId('assignments').getByText(unitName).waitFor();
    await page.getByTestId('timeline').getByText('交办', { exact: true }).waitFor();
    await shot(page, 'suggestion-desktop');
  });
  const detail = await staff.get<{ state: string; source: { kind: string; excerpt: string } }>(`/api/consultations/suggestions/${suggestionId}`);
  assert.equal(detail.state, 'assigned');
  assert.equal(detail.source.kind, 'speech');
  assert.equal(detail.source.excerpt, passage);
});

it('the department answers on a phone; staff mark the suggestion adopted and compile the outcome', async () => {
  await withPage(browser, server, 'phone', 'consultations-unit', async (page) => {
    await loginUi(page, 'unit');
    await page.getByRole('button', { name: '打开菜单' }).click();
    await page.getByRole('dialog').getByText('意见建议', { exact: true }).click();
    await page.waitForURL('**/consultations/suggestions');
    await page.getByTestId('suggestions-table').getByText('加大老旧小区加装电梯财政补助').click();
    await page.waitForURL(`**/consultations/suggestions/${suggestionId}`);
    await page.getByRole('button', { name: '答复' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('答复内容').fill('市住建局已会同市财政局研究，拟将补助标准提高至每台二十万元。');
    await dialog.getByRole('button', { name: '提交' }).click();
    await page.getByTestId('suggestion-state').filter({ hasText: '已答复' }).waitFor();
  });

  await withPage(browser, server, 'desktop', 'consultations-outcome', async (page) => {
    await loginUi(page, 'staff');
    await page.goto(`/consultations/suggestions/${suggestionId}`);
    await page.getByRole('button', { name: '标记采纳情况' }).click();
    const adopt = page.getByRole('dialog');
    await adopt.getByText('已采纳', { exact: true }).click();
    await adopt.getByLabel('采纳说明').fill('纳入市政府民生实事项目');
    await adopt.getByRole('button', { name: '提交' }).click();
    await confirmStep(page, '将标记为“已采纳”');
    await page.getByTestId('suggestion-state').filter({ hasText: '已采纳' }).waitFor();

    await page.getByRole('link', { name: topic }).click();
    await page.getByTestId('meeting-suggestions').getByRole('button', { name: '汇编协商成果' }).click();
    const compile = page.getByRole('dialog');
    await compile.getByLabel('成果综述').fill('委员围绕加装电梯资金、审批和后期管理提出建议，形成协商成果。');
    await compile.getByRole('button', { name: '提交' }).click();
    await page.waitForURL(/\/consultations\/outcomes\/\d+$/);
    const outcomeId = Number(/outcomes\/(\d+)$/.exec(page.url())![1]);
    await page.getByTestId('outcome-title').filter({ hasText: '协商成果' }).waitFor();
    await page.getByRole('link', { name: '加大老旧小区加装电梯财政补助' }).waitFor();
    const docx = await staff.request<string>('GET', `/api/consultations/outcomes/${outcomeId}/docx`);
    assert.equal(docx.status, 200);
    assert.equal(await page.getByRole('link', { name: '下载 Word' }).getAttribute('href'), `/api/consultations/outcomes/${outcomeId}/docx`);

    await page.getByRole('button', { name: '登记报送' }).click();
    const forward = page.getByRole('dialog');
    await forward.getByLabel('报送对象').fill('中共嘉兴市委办公室');
    await forward.getByRole('button', { name: '提交' }).click();
    await page.getByTestId('outcome-forwardings').getByText('中共嘉兴市委办公室').waitFor();
    await page.getByTestId('timeline').getByText('报送', { exact: true }).waitFor();
    await shot(page, 'outcome-desktop');

    await page.goto('/consultations/stats');
    await page.getByTestId('stats-headline').filter({ hasText: `形成意见建议${suggestionsBefore + 1}条` }).waitFor();
    await page.getByTestId('chart-types').locator('canvas').waitFor();
    await page.getByTestId('chart-months').locator('canvas').waitFor();
    // The city's own figures, then those of the whole system with the meeting a county held.
    const own = await staff.get<{ meetings: number }>('/api/consultations/stats');
    await countyHoldsAMeeting();
    await page.getByTestId('stats-headline').filter({ hasText: `全年开展协商活动${own.meetings}次` }).waitFor();
    await page.getByTestId('scope-switch').getByText('全系统（含下级）').click();
    await page.getByTestId('stats-headline').filter({ hasText: `全年开展协商活动${own.meetings + 1}次` }).waitFor();
    await page.getByTestId('scope-switch').getByText('本级').click();
    await page.getByTestId('lang-switch').click();
    await page.getByRole('heading', { name: 'Consultation statistics' }).waitFor();
    await page.getByTestId('stats-headline').filter({ hasText: `${suggestionsBefore + 1} suggestions` }).waitFor();
  });
});

it("staff draw up next year's plan, a leader approves it, and the member reads it once published", async () => {
  // This year's plan is in the demo data; towards the end of a year the office draws up the next one.
  const year = chinaYear() + 1;
  await withPage(browser, server, 'desktop', 'consultations-plan', async (page) => {
    await loginUi(page, 'staff');
    await page.goto(`/consultations/plan?year=${year}`);
    await page.getByRole('button', { name: '制定计划' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '保存' }).click();
    await page.getByTestId('plan-title').filter({ hasText: `${year}年度协商计划` }).waitFor();
    await page.getByRole('button', { name: '添加协商事项' }).click();
    const item = page.getByRole('dialog');
    await pickOption(page, item.getByLabel('协商类型'), '请你来协商');
    await item.getByLabel('协商议题').fill('优化营商环境');
    await item.getByRole('button', { name: '保存' }).click();
    await page.getByTestId('plan-items').getByText('优化营商环境').waitFor();
    await page.getByRole('button', { name: '报送审定' }).click();
    await page.getByTestId('plan-state').filter({ hasText: '待审定' }).waitFor();
  });
  await withPage(browser, server, 'desktop', 'consultations-plan-leader', async (page) => {
    await loginUi(page, 'leader');
    await page.goto(`/consultations/plan?year=${year}`);
    await page.getByRole('button', { name: '审定' }).click();
    await page.getByTestId('plan-state').filter({ hasText: '已审定' }).waitFor();
  });
  await withPage(browser, server, 'desktop', 'consultations-plan-publish', async (page) => {
    await loginUi(page, 'staff');
    await page.goto(`/consultations/plan?year=${year}`);
    await page.getByRole('button', { name: '发布' }).click();
    await confirmStep(page, '项协商对全体可见，发布不可撤回');
    await page.getByTestId('plan-state').filter({ hasText: '已发布' }).waitFor();
    await page.getByTestId('timeline').getByText('审定', { exact: true }).waitFor();
  });
  await withPage(browser, server, 'phone', 'consultations-plan-member', async (page) => {
    await loginUi(page, 'member');
    await page.goto(`/consultations/plan?year=${year}`);
    await page.getByTestId('plan-items').getByText('优化营商环境').waitFor();
    assert.equal(await page.getByRole('button', { name: '添加协商事项' }).count(), 0);
    await shot(page, 'plan-phone');
  });
});

it('the public see online meetings only, and no office pages', async () => {
  await withPage(browser, server, 'phone', 'consultations-public', async (page) => {
    await loginUi(page, 'public');
    await page.getByRole('button', { name: '打开菜单' }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByText('协商活动', { exact: true }).click();
    await page.getByTestId('meetings-table').getByText(topic).waitFor();
    await page.getByRole('button', { name: '打开菜单' }).click();
    assert.equal(await page.getByRole('dialog').getByText('意见建议', { exact: true }).count(), 0);
    await page.goto('/consultations/stats');
    await page.getByText('您没有访问此页面的权限。').waitFor();
  });
});
