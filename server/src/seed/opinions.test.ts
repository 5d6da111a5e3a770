// The demo year of public opinion, as a newcomer finds it after `npm start`: figures on the
// statistics page that add up, bulletin issues numbered without a gap, every report's state backed
// by its records and shown on its timeline, residents' tracking codes that answer, and (once the
// intake has taken the queued reports) groups of similar reports and a points ranking.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { demoServer, type Agent } from '../test/harness.js';
import { chinaYear, yearRange } from '../platform/time.js';

let t: Awaited<ReturnType<typeof demoServer>>;
let staff: Agent;
const year = chinaYear();
const early = Date.now() - Date.parse(yearRange(year).from) < 16 * 86_400_000; // the seed leaves a year's first days empty

before(async () => {
  t = await demoServer({ demoCityMembers: 80, demoScale: 0.2 });
  staff = await t.as('staff');
});
after(() => t.close());

describe('the demo year of public opinion', { skip: early && 'nothing is seeded in the first days of a year' }, () => {
  it('adds up on the statistics page, with issues numbered 1, 2, 3… and every compiled report in one issue', async () => {
    const stats = (await staff.get(`/api/opinions/stats?year=${year}`)).data;
    const db = t.services.db;
    const reports = await db.selectFrom('opinions').select(['id', 'state', 'source_kind']).execute();
    assert.ok(reports.length >= 15);
    assert.equal(stats.received, reports.length);
    for (const source of ['member', 'contact_point', 'resident']) assert.ok(stats.bySource[source] > 0, source);
    for (const state of ['new', 'accepted', 'duplicate', 'not_used', 'forwarded']) assert.ok(stats.byState[state] > 0, state);

    const issues = (await staff.get('/api/opinions/issues')).data as { year: number; number: number; items: { opinionId: number }[] }[];
    assert.deepEqual(issues.map((i) => i.number).sort((a, b) => a - b), issues.map((_, i) => i + 1));
    assert.equal(stats.issues, issues.length);
    const compiled = issues.flatMap((i) => i.items.map((x) => x.opinionId));
    assert.equal(new Set(compiled).size, compiled.length, 'no report in two issues');
    assert.equal(stats.compiled, compiled.length);
    const past = reports.filter((r) => ['compiled', 'forwarded', 'adopted'].includes(r.state)).map((r) => r.id).sort((a, b) => a - b);
    assert.deepEqual([...compiled].sort((a, b) => a - b), past);
    assert.match(stats.headline.zh, new RegExp(`全年收到社情民意信息 ${stats.received.toLocaleString('en-US')} 条，编报 ${stats.compiled.toLocaleString('en-US')} 条`));
  });

  it('backs each state with its records and shows each step on the timeline', async () => {
    const db = t.services.db;
    const adopted = await db.selectFrom('opinions').select('id').where('state', '=', 'adopted').execute();
    if (Date.now() - Date.parse(yearRange(year).from) > 90 * 86_400_000) assert.ok(adopted.length > 0, 'some reports adopted by spring');
    for (const { id } of adopted) {
      const d = (await staff.get(`/api/opinions/${id}`)).data;
      assert.ok(d.adoptions.length > 0 && d.forwardings.length > 0, `report ${id}`);
    }
    for (const r of await db.selectFrom('opinions').select(['id', 'state', 'duplicate_of', 'screening_reason']).where('state', 'in', ['duplicate', 'not_used']).execute()) {
      assert.ok(r.state === 'duplicate' ? r.duplicate_of !== null : !!r.screening_reason, `report ${r.id}`);
    }
    const one = adopted[0] ?? (await db.selectFrom('opinions').select('id').where('state', '=', 'forwarded').executeTakeFirstOrThrow());
    const steps = (await staff.get(`/api/opinions/${one.id}/timeline`)).data as { action: string; detail: { state: string } }[];
    const actions = steps.map((e) => e.action);
    for (const step of ['submit', 'accept', 'compile', 'forward']) assert.ok(actions.includes(step), step);
    assert.equal(steps.at(-1)!.detail.state, (await staff.get(`/api/opinions/${one.id}`)).data.state, 'the last step leaves the report as it stands');
  });

  it("answers a resident's tracking code with the report's status and, once adopted, the answer", async () => {
    const db = t.services.db;
    const residents = await db.selectFrom('opinions').select(['id', 'tracking_code', 'state', 'duplicate_of']).where('source_kind', '=', 'resident').execute();
    assert.ok(residents.length > 0);
    const answered = new Set((await db.selectFrom('opinion_feedback').select('opinion_id').where('final', '=', 1).execute()).map((f) => f.opinion_id));
    for (const r of residents) {
      const res = await t.anonymous().get(`/api/track/${r.tracking_code}`);
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.data.state, r.state);
      // A duplicate is answered through the earlier report it was merged into.
      const answeredBy = r.state === 'duplicate' && r.duplicate_of ? r.duplicate_of : r.id;
      assert.equal(res.data.answer !== null, answered.has(answeredBy), `report ${r.id}`);
      if (r.state === 'not_used') assert.ok(res.data.reason, 'the source sees why');
    }
  });

  it('once the intake has taken the queued reports: groups of similar reports, search and a points ranking', async () => {
    const db = t.services.db;
    for (let i = 0; i < 600 && (await db.selectFrom('opinion_intake').select('opinion_id').limit(1).executeTakeFirst()); i++) await new Promise((r) => setTimeout(r, 100));
    assert.equal(await db.selectFrom('opinion_intake').select('opinion_id').limit(1).executeTakeFirst(), undefined, 'the intake took every queued report');
    const groups = (await staff.get('/api/opinions/similar')).data as { count: number }[];
    assert.ok(groups.length > 0 && groups[0]!.count >= 3, 'the same concern raised by several people');
    const found = await staff.get(`/api/opinions?q=${encodeURIComponent('加装电梯')}&limit=100`);
    assert.equal(found.statusCode, 200, found.body);
    // Search is by words: every report saying 加装电梯 is found, and each found says both words.
    const lifts = await db.selectFrom('opinions').select('id').where('text', 'like', '%加装电梯%').execute();
    const foundIds = new Set((found.data.items as { id: number }[]).map((i) => i.id));
    assert.ok(lifts.length > 0 && lifts.length < 100);
    for (const l of lifts) assert.ok(foundIds.has(l.id), `search finds report ${l.id} on lifts`);
    const texts = await db.selectFrom('opinions').select(['title', 'text']).where('id', 'in', [...foundIds]).execute();
    for (const o of texts) assert.ok(['加装', '电梯'].every((w) => `${o.title}${o.text}`.includes(w)), o.title);
    const ranking = (await staff.get(`/api/opinions/ranking?by=member&year=${year}`)).data as { points: number }[];
    assert.ok(ranking.length > 0 && ranking[0]!.points > 0);
    const submitted = await db.selectFrom('opinion_points').select('opinion_id').where('event', '=', 'submitted').execute();
    assert.equal(new Set(submitted.map((p) => p.opinion_id)).size, (await db.selectFrom('opinions').select('id').execute()).length, 'every report earned its submission points');
  });
});
