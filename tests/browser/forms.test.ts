// Forms that do not decide for people, as a user sees them in Chinese and in English: a reply's
// class and an adoption's level are empty until chosen and the form refuses to send without them;
// accepting a proposal first says it takes the next permanent number (cancelling changes nothing),
// then says which number it got; a resident's concern gets a title of whole words, which the office
// rewrites before compiling, and the issue prints the rewritten title.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { solveChallenge } from '../../server/src/platform/challenge.js';
import { segments } from '../../server/src/platform/search.js';
import { chinaDate } from '../../server/src/platform/time.js';
import { format } from '../../web/src/i18n/format.js';
import { ApiSession, confirmStep, launchBrowser, loginUi, pickOption, ROOT, screenshot, startServer, withPage, type TestServer, type ViewportName } from './harness.js';

type Lang = 'zh-CN' | 'en';
const LANGS: { lang: Lang; viewport: ViewportName }[] = [
  { lang: 'zh-CN', viewport: 'desktop' },
  { lang: 'en', viewport: 'phone' },
];

/** The page's own words, from the message files, with {vars} filled in as the app does. */
function messages(module: string, lang: Lang) {
  const file = module === 'app' ? `web/src/app/messages.${lang}.json` : `web/src/modules/${module}/messages.${lang}.json`;
  const table = JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8')) as Record<string, string>;
  return (key: string, vars: Record<string, string | number> = {}) => {
    const text = table[key];
    assert.ok(text !== undefined, `${module} ${lang} has no ${key}`);
    return format(text, vars, lang);
  };
}

let server: TestServer;
let browser: Browser;
let staff: ApiSession;
let member: ApiSession;
let unit: ApiSession;
let unitId: number;
let unitName: string;
let categoryId: number;
let placeCode: string;

before(async () => {
  server = await startServer({ SHANGLIANG_CHALLENGE_BITS: '4' });
  browser = await launchBrowser();
  staff = await ApiSession.login(server.baseUrl, 'staff');
  member = await ApiSession.login(server.baseUrl, 'member');
  unit = await ApiSession.login(server.baseUrl, 'unit');
  const unitMe = await unit.get<{ handlingUnitId: number; displayName: string }>('/api/me');
  unitId = unitMe.handlingUnitId;
  const config = await staff.get<{ categories: { id: number; children?: { id: number }[] }[] }>('/api/proposals/config');
  const first = config.categories[0]!;
  categoryId = first.children?.[0]?.id ?? first.id;
  const units = await staff.get<{ units: { id: number; name: string }[] }>('/api/proposals/config');
  unitName = units.units.find((u) => u.id === unitId)?.name ?? unitMe.displayName;

  // A hall of the staff's organization, whose QR code residents scan.
  const me = await staff.get<{ organization: { id: number } }>('/api/me');
  const places = await staff.get<{ items: { divisionCode: string; organizationId: number }[] }>(`/api/orgs/places?organizationId=${me.organization.id}&limit=50`);
  const town = places.items.find((p) => p.organizationId === me.organization.id)!.divisionCode;
  const made = await staff.request<{ id: number }>('POST', '/api/orgs/places', { organizationId: me.organization.id, kind: 'hall', name: '南湖区建设街道民生议事堂', divisionCode: town });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  const poster = await staff.request<string>('GET', `/api/orgs/places/${made.body.id}/qr-poster.svg`);
  placeCode = /\/q\/([0-9a-z]+)/.exec(poster.body)![1]!;
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** Signs in (the login page is Chinese first) and turns the app to `lang`. */
async function signIn(page: Page, username: string, lang: Lang) {
  await loginUi(page, username);
  if (lang === 'en') await page.evaluate(() => localStorage.setItem('sl_lang', 'en'));
}

async function ok<T>(res: Promise<{ status: number; body: T }>, status = 200): Promise<T> {
  const r = await res;
  assert.equal(r.status, status, JSON.stringify(r.body));
  return r.body;
}

type Proposal = { id: number; state: string; number: number | null; numberLabel: string | null; numberLabel_en: string | null; sessionLabel: string | null; assignments: { id: number; unitId: number; state: string }[]; replies: { class: string }[] };

/** A proposal the member wrote and filed: waiting for the office's review. */
async function filedProposal(title: string): Promise<Proposal> {
  const draft = await ok(
    member.request<{ id: number }>('POST', '/api/proposals', {
      title,
      reasons: '老旧小区普遍缺少电动自行车集中充电设施，居民飞线充电现象突出，火灾隐患较大。',
      suggestions: '一、由街道统一规划建设集中充电棚；二、对物业企业给予建设补助；三、加强消防巡查。',
      categoryId,
    }),
    201,
  );
  return ok(member.request<Proposal>('POST', `/api/proposals/${draft.id}/file`, {}));
}

/** A proposal the unit has signed for and now answers. */
async function inHandling(title: string): Promise<{ id: number; assignmentId: number }> {
  const p = await filedProposal(title);
  await ok(staff.request('POST', `/api/proposals/${p.id}/accept`, {}));
  const assigned = await ok(staff.request<Proposal>('POST', `/api/proposals/${p.id}/assign`, { units: [{ unitId, role: 'lead' }] }));
  const a = assigned.assignments.find((x) => x.unitId === unitId)!;
  await ok(unit.request('POST', `/api/proposals/${p.id}/assignments/${a.id}/sign`, {}));
  return { id: p.id, assignmentId: a.id };
}

/** The visible, open modal (not a confirmation). */
const openModal = (page: Page): Locator => page.locator('.ant-modal:not(.ant-modal-confirm)').filter({ visible: true }).last();

describe('a judgement is never chosen for the user', () => {
  for (const { lang, viewport } of LANGS) {
    it(`a reply's class is empty until chosen, and the reply is refused without it (${lang})`, async () => {
      const t = messages('proposals', lang);
      const { id, assignmentId } = await inHandling(`关于老旧小区电动自行车集中充电的建议（${lang}）`);
      await withPage(browser, server, viewport, `forms-reply-${lang}`, async (page) => {
        await signIn(page, 'unit', lang);
        await page.goto(`/proposals/${id}`);
        await page.getByTestId('assignments').getByRole('button', { name: t('action.reply'), exact: true }).click();
        const modal = openModal(page);
        await modal.getByLabel(t('form.letterText')).fill('经研究，我局将在今年内完成试点小区集中充电棚建设。');
        // No class is picked for the unit.
        for (const c of ['A', 'B', 'C']) assert.equal(await modal.getByRole('radio', { name: t(`class.${c}`) }).isChecked(), false, c);
        await modal.locator('.ant-modal-footer .ant-btn-primary').click();
        await modal.locator('.ant-form-item-explain-error').filter({ hasText: t('form.chooseClass') }).waitFor();
        assert.equal(await page.locator('.ant-modal-confirm').filter({ visible: true }).count(), 0, 'nothing to confirm before a class is chosen');
        const still = await staff.get<Proposal>(`/api/proposals/${id}`);
        assert.equal(still.replies.length, 0);
        assert.equal(still.assignments.find((a) => a.id === assignmentId)!.state, 'signed');

        await modal.getByText(t('class.B'), { exact: true }).click();
        await modal.locator('.ant-modal-footer .ant-btn-primary').click();
        await confirmStep(page, t('confirm.reply', { class: t('class.B'), unit: unitName }));
        await page.getByTestId('done-message').filter({ hasText: t('done.reply', { class: t('class.B') }) }).waitFor();
        await screenshot(page, `forms-reply-${lang}`);
      });
      const replied = await staff.get<Proposal>(`/api/proposals/${id}`);
      assert.deepEqual(replied.replies.map((r) => r.class), ['B']);
    });

    it(`an adoption asks for its level with none chosen, and says which level adopted it (${lang})`, async () => {
      const t = messages('opinions', lang);
      const report = await ok(
        member.request<{ id: number }>('POST', '/api/opinions', {
          organizationId: (await staff.get<{ organization: { id: number } }>('/api/me')).organization.id,
          title: `关于规范小区电动自行车充电的建议（${lang}）`,
          text: '小区电动自行车飞线充电现象普遍，存在火灾隐患，建议统一建设充电设施。',
          category: 'livelihood',
        }),
        201,
      );
      await ok(staff.request('POST', `/api/opinions/${report.id}/screen`, { event: 'accept' }));
      await ok(staff.request('POST', `/api/opinions/${report.id}/forward`, { recipient: 'city_government', sentOn: chinaDate() }));
      await withPage(browser, server, viewport, `forms-adopt-${lang}`, async (page) => {
        await signIn(page, 'staff', lang);
        await page.goto(`/opinions/${report.id}`);
        await page.getByRole('button', { name: t('action.adopt'), exact: true }).click();
        const modal = openModal(page);
        // The level field shows only its prompt: nothing is chosen for the office.
        await modal.getByText(t('form.chooseLevel'), { exact: true }).waitFor();
        assert.equal(await modal.getByText(t('level.city'), { exact: true }).count(), 0, 'no level is chosen');
        await modal.getByLabel(t('form.adoptedBy')).fill('嘉兴市人民政府办公室');
        await modal.locator('.ant-modal-footer .ant-btn-primary').click();
        await modal.locator('.ant-form-item-explain-error').filter({ hasText: t('form.chooseLevel') }).waitFor();
        assert.equal((await staff.get<{ state: string }>(`/api/opinions/${report.id}`)).state, 'forwarded');

        await pickOption(page, modal.getByLabel(t('form.level')), t('level.city'));
        await modal.locator('.ant-modal-footer .ant-btn-primary').click();
        await confirmStep(page, t('confirm.adopt', { level: t('level.city'), adoptedBy: '嘉兴市人民政府办公室', adoptedOn: chinaDate() }));
        await page.getByTestId('done-message').filter({ hasText: t('done.adopt', { level: t('level.city') }) }).waitFor();
      });
      const adopted = await staff.get<{ state: string; adoptions: { level: string }[] }>(`/api/opinions/${report.id}`);
      assert.equal(adopted.state, 'adopted');
      assert.deepEqual(adopted.adoptions.map((a) => a.level), ['city']);
    });
  }
});

describe('an irreversible step says what it will do, and what it did', () => {
  for (const { lang, viewport } of LANGS) {
    it(`accepting a proposal names the permanent number; cancelling changes nothing (${lang})`, async () => {
      const t = messages('proposals', lang);
      const p = await filedProposal(`关于增设社区充电设施的建议（立案 ${lang}）`);
      await withPage(browser, server, viewport, `forms-accept-${lang}`, async (page) => {
        await signIn(page, 'staff', lang);
        await page.goto(`/proposals/${p.id}`);
        const accept = page.getByRole('button', { name: t('action.accept'), exact: true });
        const says = t('confirm.accept', { session: p.sessionLabel ?? '' });
        await accept.click();
        await confirmStep(page, says, { cancel: true });
        const unchanged = await staff.get<Proposal>(`/api/proposals/${p.id}`);
        assert.equal(unchanged.state, 'submitted');
        assert.equal(unchanged.number, null);
        await page.getByTestId('proposal-number').filter({ hasText: t('detail.noNumber') }).waitFor();

        await accept.click();
        await confirmStep(page, says);
        const done = page.getByTestId('done-message');
        await done.waitFor();
        const now = await staff.get<Proposal>(`/api/proposals/${p.id}`);
        assert.equal(now.state, 'accepted');
        assert.ok(now.number && now.numberLabel && now.numberLabel_en);
        // The number as the page's language writes it: 第九届第五次会议 第0028号, or No. 28, 5th Session of the 9th Term.
        const label = lang === 'en' ? now.numberLabel_en : now.numberLabel;
        assert.equal((await done.textContent())?.trim(), t('done.accept', { number: label, no: now.number }));
        if (lang === 'en') assert.match(label, /^No\. \d+, \d+(st|nd|rd|th) Session of the \d+(st|nd|rd|th) Term$/);
        if (lang === 'zh-CN') assert.match((await done.textContent()) ?? '', /^已立案，编号 .*第\d{4}号$/);
        await page.getByTestId('proposal-number').filter({ hasText: label }).waitFor();
        await screenshot(page, `forms-accepted-${lang}`);
      });
    });
  }
});

/** A resident's concern through the QR page's API, as the page sends it; returns the report's id. */
async function residentConcern(text: string): Promise<number> {
  const page = (await (await fetch(`${server.baseUrl}/api/q/${placeCode}`)).json()) as { challenge: { token: string; nonce: string; bits: number } };
  const body = new FormData();
  body.set('text', text);
  body.set('category', 'livelihood');
  body.set('challenge', page.challenge.token);
  body.set('solution', solveChallenge(page.challenge.nonce, page.challenge.bits));
  const res = await fetch(`${server.baseUrl}/api/q/${placeCode}/opinions`, { method: 'POST', body });
  const answer = await res.text();
  assert.equal(res.status, 201, answer);
  const { trackingCode } = JSON.parse(answer) as { trackingCode: string };
  const list = await staff.get<{ items: { id: number; title: string }[] }>(`/api/opinions?state=new&limit=50`);
  const found = [];
  for (const o of list.items) {
    const d = await staff.get<{ id: number; text: string }>(`/api/opinions/${o.id}`);
    if (d.text === text) found.push(d.id);
    if (found.length) break;
  }
  assert.ok(trackingCode && found.length === 1, 'the concern is in the office queue');
  return found[0]!;
}

/** Whether `title` is the text's first whole words (jieba's), nothing cut off the last. */
function wholeWords(title: string, text: string): boolean {
  let joined = '';
  for (const piece of segments(text)) {
    if (joined === title) return true;
    joined += piece;
  }
  return joined === title;
}

describe('automatic titles', () => {
  for (const { lang, viewport } of LANGS) {
    it(`a concern's title is whole words, and the title the office writes is the one the issue prints (${lang})`, async () => {
      const t = messages('opinions', lang);
      const ta = messages('app', lang);
      // No pause in the first thirty characters: a cut there by characters would split 上下学.
      const text = `建议在中山路与人民路交叉口增设红绿灯并安排交警维持秩序保障学生上下学安全${lang === 'en' ? '另外希望延长绿灯时间' : ''}`;
      assert.equal(wholeWords([...text].slice(0, 30).join(''), text), false, 'a cut by characters would split a word');
      const id = await residentConcern(text);
      const auto = (await staff.get<{ title: string }>(`/api/opinions/${id}`)).title;
      assert.ok(wholeWords(auto, text), `"${auto}" is whole words`);
      assert.ok([...auto].length <= 30);
      const edited = `关于中山路人民路口增设红绿灯的建议（${lang}）`;

      await withPage(browser, server, viewport, `forms-title-${lang}`, async (page) => {
        await signIn(page, 'staff', lang);
        await page.goto(`/opinions/${id}`);
        await page.getByRole('heading', { name: auto }).waitFor();
        await page.getByTestId('retitle').click();
        const modal = openModal(page);
        const input = modal.getByTestId('title-input');
        assert.equal(await input.inputValue(), auto);
        await input.fill('   ');
        await modal.locator('.ant-modal-footer .ant-btn-primary').click();
        await modal.locator('.ant-form-item-explain-error').filter({ hasText: ta('common.required') }).waitFor();
        await input.fill(edited);
        await modal.locator('.ant-modal-footer .ant-btn-primary').click();
        await page.getByTestId('done-message').filter({ hasText: t('done.retitle', { title: edited }) }).waitFor();
        await page.getByRole('heading', { name: edited }).waitFor();
        await page.getByTestId('timeline').getByText(t('timeline.retitle'), { exact: true }).waitFor();

        await page.getByRole('button', { name: t('action.accept'), exact: true }).click();
        await confirmStep(page, t('confirm.accept'));
        await page.getByTestId('done-message').filter({ hasText: t('done.accept') }).waitFor();
        await page.getByRole('button', { name: t('action.compile'), exact: true }).click();
        await page.waitForURL('**/opinions/issues/new?ids=*');
        const item = page.getByTestId(`compose-item-${id}`);
        assert.equal(await item.getByLabel(t('compose.itemTitle')).inputValue(), edited);
        await page.getByRole('button', { name: t('compose.submit') }).click();
        await confirmStep(page, t('confirm.compile', { n: 1 }));
        await page.waitForURL(/\/opinions\/issues\/\d+$/);
        await page.getByText(`1. ${edited}`, { exact: true }).first().waitFor();
        await screenshot(page, `forms-issue-${lang}`);
      });
      const o = await staff.get<{ state: string; title: string; issue: { id: number } | null }>(`/api/opinions/${id}`);
      assert.equal(o.state, 'compiled');
      const issue = await staff.get<{ items: { opinionId: number; title: string }[] }>(`/api/opinions/issues/${o.issue!.id}`);
      assert.equal(issue.items.find((i) => i.opinionId === id)?.title, edited);
    });
  }
});
