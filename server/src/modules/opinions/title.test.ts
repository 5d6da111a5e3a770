// Automatic titles of residents' concerns (whole words only) and the office's edit of a title
// before a report goes into an issue: validated, audited, and what the issue prints.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { hostile, testServer, type Agent, type TestServer } from '../../test/harness.js';
import { segments } from '../../platform/search.js';
import { aPlace, aResidentConcern } from './testing.js';
import { AUTO_TITLE_MAX, autoTitle } from './title.js';
import { enqueue } from './intake.js';
import { applyStep, indexPlan, planStep } from './intake-plan.js';
import { VectorCache } from './similar.js';

let t: TestServer;
let staff: Agent;
let placeId: number;
before(async () => {
  t = await testServer({ challengeBits: 0, publicBaseUrl: 'https://sl.example.org' });
  staff = await t.as('staff');
  placeId = await aPlace(t, '南湖区新兴街道民生议事堂');
});
after(() => t.close());

/** A title is whole words: it is the text's first words, joined, with nothing cut off the last. */
function wholeWords(title: string, text: string) {
  let joined = '';
  for (const piece of segments(text.replace(/\s+/gu, ' ').trim())) {
    if (joined === title || joined.replace(/[\p{P}\s]+$/u, '') === title) return true;
    joined += piece;
    if ([...joined].length > [...title].length + 2) break;
  }
  return joined === title;
}

const LONG = '我们小区门口的路灯已经坏了三个多月，晚上出行很不方便，老人孩子都容易摔倒，希望有关部门尽快维修';
const NO_PAUSE = '建议在中山路与人民路交叉口增设红绿灯并安排交警在早晚高峰时段指挥交通以保障学生上下学安全';

describe('the automatic title', () => {
  it('keeps whole clauses, then whole words, and never passes the limit', () => {
    assert.equal(autoTitle(LONG), '我们小区门口的路灯已经坏了三个多月，晚上出行很不方便');
    assert.equal(autoTitle('路灯坏了。'), '路灯坏了');
    assert.equal(autoTitle('村口的道路路灯损坏多日了。夜间出行不便，希望尽快修复。'), '村口的道路路灯损坏多日了');
    for (const text of [LONG, NO_PAUSE, '停车难', `${hostile}${NO_PAUSE}`, '小区停车难。希望增设停车位，并规范收费，还有很多其他问题需要一并解决']) {
      const title = autoTitle(text);
      assert.ok([...title].length <= AUTO_TITLE_MAX, title);
      assert.ok(title.length > 0);
      assert.ok(wholeWords(title, text), `${title} is not whole words of ${text}`);
    }
    // Without a pause the cut falls between two words: never 上下 of 上下学 or 安 of 安全.
    const cut = autoTitle(NO_PAUSE);
    const rest = NO_PAUSE.slice(cut.length);
    assert.ok(segments(NO_PAUSE).reduce<string[]>((acc, w) => [...acc, (acc.at(-1) ?? '') + w], []).includes(cut), cut);
    assert.ok(rest.length > 0);
  });
});

describe("a resident's concern and its title", () => {
  it('gets an automatic title of whole words, which the office may rewrite until it is compiled', async () => {
    const { id } = await aResidentConcern(t, staff, placeId, { text: LONG }, 0);
    const fresh = await staff.get(`/api/opinions/${id}`);
    assert.equal(fresh.data.title, autoTitle(LONG));
    assert.equal(fresh.data.abilities.retitle, true);

    // Invalid titles: 400 with field errors in Chinese and English, nothing changed.
    for (const body of [{ title: '' }, { title: '   ' }, { title: '长'.repeat(101) }, {}, { title: '好标题', extra: 1 }]) {
      const res = await staff.post(`/api/opinions/${id}/title`, body);
      assert.equal(res.statusCode, 400, JSON.stringify(body));
      assert.match(String(res.headers['content-type']), /application\/problem\+json/);
      assert.ok(res.data.title && res.data.title_en);
    }
    const empty = await staff.post(`/api/opinions/${id}/title`, { title: '' });
    assert.deepEqual(empty.data.errors.map((e: { field: string }) => e.field), ['body.title']);
    assert.ok(empty.data.errors[0].message && empty.data.errors[0].message_en);
    for (const who of ['member', 'leader', 'unit', 'public']) assert.equal((await (await t.as(who)).post(`/api/opinions/${id}/title`, { title: '改' })).statusCode, 403, who);
    assert.equal((await (await t.as('county_staff')).post(`/api/opinions/${id}/title`, { title: '改' })).statusCode, 404);
    assert.equal((await t.anonymous().post(`/api/opinions/${id}/title`, { title: '改' })).statusCode, 401);
    assert.equal((await staff.get(`/api/opinions/${id}`)).data.title, autoTitle(LONG));

    const edited = `关于尽快修复小区门口路灯的建议${hostile}`;
    const res = await staff.post(`/api/opinions/${id}/title`, { title: `  ${edited} ` });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.data.title, edited);
    const entry = await t.services.db.selectFrom('audit_log').selectAll().where('entity_type', '=', 'opinion').where('entity_id', '=', String(id)).where('action', '=', 'retitle').executeTakeFirstOrThrow();
    const after = JSON.parse(String(entry.after));
    assert.equal(after.title, edited);
    assert.equal(after.previousTitle, autoTitle(LONG));
    const timeline = await staff.get(`/api/opinions/${id}/timeline`);
    assert.ok(timeline.data.some((e: { action: string }) => e.action === 'retitle'));
    // The new title is found by search.
    const found = await staff.get(`/api/opinions?q=${encodeURIComponent('尽快修复小区门口路灯')}`);
    assert.ok(found.data.items.some((o: { id: number }) => o.id === id));

    // Still editable once accepted; the issue prints the edited title; afterwards it is fixed.
    assert.equal((await staff.post(`/api/opinions/${id}/screen`, { event: 'accept' })).statusCode, 200);
    const again = `关于修复小区门口路灯的建议${hostile}`;
    assert.equal((await staff.post(`/api/opinions/${id}/title`, { title: again })).data.title, again);
    const issue = await staff.post('/api/opinions/issues', { organizationId: t.fixture.city, items: [{ opinionId: id }] });
    assert.equal(issue.statusCode, 201, issue.body);
    assert.equal(issue.data.items[0].title, again);
    const late = await staff.post(`/api/opinions/${id}/title`, { title: '编报后不能再改' });
    assert.equal(late.statusCode, 409);
    assert.ok(late.data.detail && late.data.detail_en);
    assert.equal((await staff.get(`/api/opinions/${id}`)).data.abilities.retitle, false);
  });

  it('is found by its new title when the office rewrote it while the intake step was reading the report', async () => {
    const { id } = await aResidentConcern(t, staff, placeId, { text: '菜市场门口的积水一下雨就没过脚踝。希望疏通排水管道' }, 0);
    const { db } = t.services;
    // The report queued again, and a step's plan read (old words) before the office retitles it.
    const queued = () => db.selectFrom('opinion_intake').select('opinion_id').where('opinion_id', '=', id).executeTakeFirst();
    for (let i = 0; (await queued()) && i < 100; i++) await new Promise((r) => setTimeout(r, 50));
    assert.equal(await queued(), undefined, 'the first step took the report');
    await db.transaction().execute((trx) => enqueue(trx, id));
    const plan = await planStep(db, t.services.dialect, new VectorCache(), { limit: 10, only: [id] });
    const res = await staff.post(`/api/opinions/${id}/title`, { title: '关于疏通菜场排水管道的建议' });
    assert.equal(res.statusCode, 200, res.body);
    // The step writes its old words to the index after the retitle (as the worker thread may), then applies.
    await db.transaction().execute(async (trx) => {
      await indexPlan(trx, plan);
      assert.deepEqual(await applyStep(trx, { ...plan, indexed: true }), [id]);
    });
    const found = await staff.get(`/api/opinions?q=${encodeURIComponent('疏通菜场排水')}`);
    assert.deepEqual(found.data.items.map((o: { id: number }) => o.id), [id]);
  });
});
