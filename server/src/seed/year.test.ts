// The demo year at full scale, as `npm start` makes it: the proportions of a real city's year,
// every step done by the person whose step it is (as the audit log and the timelines name them),
// units given only what their remit covers, and statistics that equal the count of their records.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { demoServer, type Agent } from '../test/harness.js';
import { CHINA_OFFSET_MS, chinaYear, yearRange } from '../platform/time.js';
import { CATEGORIES, unitsOf } from './proposal-topics.js';
import { chinaWeekday, DAY } from './calendar.js';

let t: Awaited<ReturnType<typeof demoServer>>;
let staff: Agent;
const year = chinaYear();
// The seed acts out the year so far: in its first months not every step has happened yet.
const young = Date.now() - Date.parse(yearRange(year).from) < 120 * 86_400_000;
const n = (v: unknown) => Number(v ?? 0);

before(async () => {
  t = await demoServer();
  staff = await t.as('staff');
});
after(() => t.close());

// Who may do each step: the role the acting account must hold (null: a resident, who has no account).
const steps: Record<string, Record<string, readonly (string | null)[]>> = {
  proposal: {
    create: ['member'], file: ['member'], cosign_confirm: ['member'], cosign_decline: ['member'], cosign_complete: ['member'],
    accept: ['staff'], number: ['staff'], reject: ['staff'], merge: ['staff'], merge_in: ['staff'], convert: ['staff'], assign: ['staff'],
    mark_key: ['staff'], set_sponsors: ['staff'], another_round: ['staff'], 'assignment.reassign': ['staff'], progress_meeting: ['leader'],
    'assignment.sign': ['unit'], 'assignment.request_reassign': ['unit'], 'assignment.contact': ['unit'], 'assignment.send_opinion': ['unit'],
    'assignment.reply': ['unit'], all_replied: ['unit'], evaluate: ['member'], evaluation_complete: ['member'], evaluation_unsatisfied: ['member'],
  },
  opinion: {
    submit: ['member', 'staff', null], accept: ['staff'], mark_duplicate: ['staff'], not_use: ['staff'], compile: ['staff'], forward: ['staff'],
    adopt: ['staff'], instruct: ['staff'], feedback: ['staff'], hand_off: ['staff'], handoff_answer: ['unit'],
  },
  opinion_issue: { compile: ['staff'] },
  opinion_qr_code: { create: ['staff'] },
  consultation_plan: { create: ['staff'], add_item: ['staff'], submit: ['staff'], approve: ['leader'], publish: ['staff'] },
  consultation_meeting: {
    create: ['staff'], publish: ['staff'], start: ['staff'], end: ['staff'], cancel: ['staff'], speech_approve: ['staff'], speaking: ['staff'],
    suggestion: ['staff'], outcome: ['staff'], reply: ['member'], checkin: ['member'], speech_register: ['member'],
  },
  suggestion: { create: ['staff'], assign: ['staff'], answer: ['unit'], adopt: ['staff'], not_adopt: ['staff'] },
  consultation_outcome: { create: ['staff'], forwarding: ['staff'], instruction: ['staff'], adoption: ['staff'] },
};

describe('the demo year', () => {
  it('has the proportions of a real city: ~380 proposals, ~15% collective, ~14 key ones with sponsors, ~1,100 reports, ~40 meetings', async () => {
    const db = t.services.db;
    const p = (await staff.get(`/api/proposals/stats?year=${year}`)).data;
    const share = (x: number) => x / p.filed;
    const span = (Date.now() - Date.parse(yearRange(year).from)) / (365 * 86_400_000);
    if (!young) assert.ok(p.filed >= 330 && p.filed <= 420, `proposals filed: ${p.filed}`);
    assert.ok(share(p.byKind.collective ?? 0) > 0.1 && share(p.byKind.collective ?? 0) < 0.2, `collective: ${p.byKind.collective}`);
    assert.ok(share(p.byKind.joint ?? 0) > 0.1, `joint: ${p.byKind.joint}`);
    const key = await db.selectFrom('proposals').select('id').where('is_key', '=', 1).execute();
    assert.ok(key.length >= 10 && key.length <= 18, `key proposals: ${key.length}`);
    const sponsored = new Set((await db.selectFrom('proposal_sponsors').select('proposal_id').execute()).map((r) => r.proposal_id));
    for (const k of key) assert.ok(sponsored.has(k.id), `key proposal ${k.id} has a sponsor`);
    const titles = await db.selectFrom('proposals').select('title').execute();
    const uses = new Map<string, number>();
    for (const { title } of titles) uses.set(title, (uses.get(title) ?? 0) + 1);
    assert.ok(!titles.some((x) => x.title.includes('再建议')));
    assert.ok(uses.size > titles.length * 0.6, `distinct titles: ${uses.size} of ${titles.length}`);
    const [most, times] = [...uses].sort((a, b) => b[1] - a[1])[0]!;
    assert.ok(times <= 5, `no title more than five times: ${most} ×${times}`);

    const o = (await staff.get(`/api/opinions/stats?year=${year}`)).data;
    assert.ok(o.received >= 1100 * span && o.received <= 1400 * span, `reports: ${o.received}`);
    const upward = (o.adopted.national + o.adopted.province) / o.compiled;
    assert.ok(upward > 0.03 && upward < 0.15, `adopted upward: ${upward}`);
    assert.ok(o.adopted.national < o.adopted.province, 'fewer adopted by the nation than by the province');
    for (const source of ['member', 'contact_point', 'resident']) assert.ok(o.bySource[source] > 0, source);

    const c = (await staff.get(`/api/consultations/stats?year=${year}`)).data;
    if (!young) assert.ok(c.meetings >= 30 && c.meetings <= 45, `meetings: ${c.meetings}`);
    assert.ok(c.participations.attendance > c.meetings * 10, 'members attend');
  });

  it('shows every state of proposals, reports, meetings and suggestions', { skip: young && 'the first months of a year lack the later steps' }, async () => {
    const db = t.services.db;
    const states = async (table: 'proposals' | 'opinions' | 'consultation_meetings' | 'suggestions') =>
      new Set((await db.selectFrom(table).select('state').distinct().execute()).map((r) => r.state as string));
    const proposals = await states('proposals');
    for (const s of ['draft', 'cosigning', 'submitted', 'accepted', 'rejected', 'merged', 'converted', 'handling', 'replied', 'evaluated', 'closed']) assert.ok(proposals.has(s), `proposal ${s}`);
    const opinions = await states('opinions');
    for (const s of ['new', 'accepted', 'duplicate', 'not_used', 'forwarded', 'adopted']) assert.ok(opinions.has(s), `report ${s}`);
    const meetings = await states('consultation_meetings');
    for (const s of ['draft', 'published', 'in_progress', 'ended', 'cancelled']) assert.ok(meetings.has(s), `meeting ${s}`);
    const suggestions = await states('suggestions');
    for (const s of ['open', 'assigned', 'answered', 'adopted', 'not_adopted']) assert.ok(suggestions.has(s), `suggestion ${s}`);
  });

  it('has each step done by an account whose role the step needs, at times spread over office hours in China', async () => {
    const db = t.services.db;
    const rows = await db
      .selectFrom('audit_log as a')
      .leftJoin('users as u', 'u.id', 'a.actor_id')
      .select(['a.entity_type', 'a.entity_id', 'a.action', 'a.at', 'a.actor_id', 'a.after', 'u.member_id', 'u.handling_unit_id', 'u.username'])
      .where('a.entity_type', 'in', Object.keys(steps))
      .execute();
    const roles = new Map<number, string[]>();
    for (const r of await db.selectFrom('user_roles').select(['user_id', 'role']).execute()) roles.set(r.user_id, [...(roles.get(r.user_id) ?? []), r.role]);
    const proposals = new Map((await db.selectFrom('proposals').select(['id', 'author_user_id']).execute()).map((p) => [String(p.id), p]));
    const cosigners = await db.selectFrom('proposal_cosigners').select(['proposal_id', 'member_id']).execute();
    const reports = new Map((await db.selectFrom('opinions').select(['id', 'source_kind', 'member_id', 'user_id']).execute()).map((o) => [String(o.id), o]));
    assert.ok(rows.length > 5000);
    for (const r of rows) {
      const allowed = steps[r.entity_type]?.[r.action];
      assert.ok(allowed, `a known step: ${r.entity_type} ${r.action}`);
      const has = r.actor_id === null ? [null] : roles.get(r.actor_id) ?? [];
      assert.ok(has.some((role) => allowed.includes(role)), `${r.entity_type} ${r.entity_id} ${r.action} by ${r.username ?? 'a resident'} (${has.join(',')})`);
      const after = JSON.parse(r.after ?? '{}') as Record<string, unknown>;
      if (r.entity_type === 'proposal' && ['create', 'file', 'evaluate'].includes(r.action))
        assert.equal(r.actor_id, proposals.get(r.entity_id!)!.author_user_id, `${r.action} of proposal ${r.entity_id} by its author`);
      if (r.entity_type === 'proposal' && r.action.startsWith('cosign_') && r.action !== 'cosign_complete')
        assert.ok(cosigners.some((c) => String(c.proposal_id) === r.entity_id && c.member_id === r.member_id), `co-signer of ${r.entity_id}`);
      if (r.entity_type === 'proposal' && r.action.startsWith('assignment.') && r.action !== 'assignment.reassign')
        assert.equal(r.handling_unit_id, after.unitId, `${r.action} of proposal ${r.entity_id} by the unit assigned`);
      // A report made of a proposal the office converted is the office's act, credited to the proposer.
      if (r.entity_type === 'opinion' && r.action === 'submit' && after.proposalId) assert.ok(roles.get(r.actor_id!)!.includes('staff'));
      else if (r.entity_type === 'opinion' && r.action === 'submit') {
        const o = reports.get(r.entity_id!)!;
        assert.equal(o.source_kind === 'resident' ? null : o.source_kind === 'member' ? 'member' : 'staff', r.actor_id === null ? null : roles.get(r.actor_id)![0], `report ${o.id} submitted by its source`);
        if (o.source_kind === 'member') assert.equal(r.member_id, o.member_id);
      }
    }
    // Office work on proposals and reports happens on working days in office hours; no two acts share a time.
    const office = rows.filter((r) => ['proposal', 'opinion'].includes(r.entity_type) && r.actor_id !== null && ['staff', 'unit'].includes(roles.get(r.actor_id)![0]!));
    for (const r of office) {
      const at = Date.parse(r.at);
      const hour = ((at + CHINA_OFFSET_MS) % DAY) / 3_600_000;
      assert.ok(chinaWeekday(at) >= 1 && chinaWeekday(at) <= 5 && hour >= 8.5 && hour < 19, `${r.action} of ${r.entity_type} ${r.entity_id} at ${r.at}`);
    }
    const seconds = new Set(rows.map((r) => r.at.slice(17, 23)));
    assert.ok(seconds.size > 1000, `times differ to the millisecond: ${seconds.size}`);
    const acts = new Set(rows.filter((r) => r.entity_type === 'proposal').map((r) => r.at));
    assert.ok(acts.size > rows.filter((r) => r.entity_type === 'proposal').length / 3, 'acts at their own moments');
  });

  it('assigns each unit only proposals of the categories in its remit', async () => {
    const rows = await t.services.db
      .selectFrom('proposal_assignments as a')
      .innerJoin('proposals as p', 'p.id', 'a.proposal_id')
      .innerJoin('proposal_categories as c', 'c.id', 'p.category_id')
      .innerJoin('handling_units as u', 'u.id', 'a.unit_id')
      .select(['c.name as category', 'u.name as unit', 'p.id'])
      .execute();
    assert.ok(rows.length > 100);
    for (const r of rows) {
      const spec = CATEGORIES.find((c) => c.name === r.category)!;
      assert.ok(unitsOf(spec).includes(r.unit), `${r.unit} handles ${r.category} (proposal ${r.id})`);
    }
  });

  it('has statistics that equal the count of their records', async () => {
    const db = t.services.db;
    const { from, to } = yearRange(year);
    const p = (await staff.get(`/api/proposals/stats?year=${year}`)).data;
    const filed = await db.selectFrom('proposals').select(['state', 'kind', 'round']).where('year', '=', year).where('state', 'not in', ['draft', 'cosigning']).execute();
    assert.equal(p.filed, filed.length);
    const count = <T>(rows: T[], key: (r: T) => string) => rows.reduce<Record<string, number>>((m, r) => ({ ...m, [key(r)]: (m[key(r)] ?? 0) + 1 }), {});
    assert.deepEqual(p.byState, count(filed, (r) => r.state));
    assert.deepEqual(p.byKind, count(filed, (r) => r.kind));
    const answered = filed.filter((r) => ['replied', 'evaluated', 'closed'].includes(r.state) || (r.state === 'handling' && r.round > 1)).length;
    assert.equal(p.answered, answered);
    // The chart of the statistics page shows stages whose 已答复 is the figure above it.
    assert.equal(p.byStage.answered, p.answered);
    assert.equal(Object.values(p.byStage as Record<string, number>).reduce((a, b) => a + b, 0), p.filed);
    const replies = await db.selectFrom('proposal_replies as r').innerJoin('proposals as x', 'x.id', 'r.proposal_id').select('r.class').where('x.year', '=', year).execute();
    assert.deepEqual(p.byReplyClass, count(replies, (r) => r.class));
    const assigned = await db.selectFrom('proposal_assignments as a').innerJoin('proposals as x', 'x.id', 'a.proposal_id').select('a.unit_id').where('x.year', '=', year).where('a.state', '!=', 'withdrawn').execute();
    for (const u of p.byUnit as { unitId: number; assigned: number }[]) assert.equal(u.assigned, assigned.filter((a) => a.unit_id === u.unitId).length);

    const o = (await staff.get(`/api/opinions/stats?year=${year}`)).data;
    const reports = await db.selectFrom('opinions').select(['state', 'source_kind']).where('year', '=', year).execute();
    assert.equal(o.received, reports.length);
    assert.deepEqual(o.byState, count(reports, (r) => r.state));
    assert.deepEqual(o.bySource, count(reports, (r) => r.source_kind));
    const issues = await db.selectFrom('opinion_issues').select('id').where('year', '=', year).execute();
    assert.equal(o.issues, issues.length);
    const items = await db.selectFrom('opinion_issue_items as i').innerJoin('opinion_issues as s', 's.id', 'i.issue_id').select('i.opinion_id').where('s.year', '=', year).execute();
    assert.equal(o.compiled, items.length);
    const adoptions = await db.selectFrom('opinion_adoptions as a').innerJoin('opinions as x', 'x.id', 'a.opinion_id').select('a.level').where('x.year', '=', year).execute();
    for (const level of ['national', 'province', 'city']) assert.equal(o.adopted[level], adoptions.filter((a) => a.level === level).length, level);

    const c = (await staff.get(`/api/consultations/stats?year=${year}`)).data;
    const held = await db.selectFrom('consultation_meetings').select('id').where('state', 'in', ['in_progress', 'ended']).where('starts_at', '>=', from).where('starts_at', '<', to).execute();
    assert.equal(c.meetings, held.length);
    const present = await db.selectFrom('consultation_invitations').select('id').where('meeting_id', 'in', held.map((m) => m.id)).where('checked_in_at', 'is not', null).execute();
    assert.equal(c.participations.attendance, present.length);
    const sg = await db.selectFrom('suggestions as s').innerJoin('consultation_meetings as m', 'm.id', 's.source_id').where('s.source_type', '=', 'consultation_meeting').select('s.state').where('m.starts_at', '>=', from).where('m.starts_at', '<', to).execute();
    assert.equal(c.suggestions.total, sg.length);
    assert.equal(c.suggestions.adopted, sg.filter((x) => x.state === 'adopted').length);
    const outcomes = await db.selectFrom('consultation_outcomes').select('id').execute();
    assert.equal(c.outcomes, outcomes.length);
    assert.ok(n(c.outcomes) > 0);
  });

  it("offers the office no withdrawing of a member's proposal, and the member who wrote it does", async () => {
    const db = t.services.db;
    const submitted = await db.selectFrom('proposals as p').innerJoin('users as u', 'u.id', 'p.author_user_id').select(['p.id', 'u.username']).where('p.state', '=', 'submitted').execute();
    assert.ok(submitted.length > 0);
    for (const p of submitted) {
      const office = (await staff.get(`/api/proposals/${p.id}`)).data;
      assert.equal(office.abilities.withdraw, false, `staff on proposal ${p.id}`);
      assert.equal(office.abilities.accept, true);
    }
    const own = submitted.find((p) => p.username === 'member');
    assert.ok(own, 'the demo member has a proposal awaiting review');
    const member = await t.as('member');
    assert.equal((await member.get(`/api/proposals/${own.id}`)).data.abilities.withdraw, true);
    const timeline = (await staff.get(`/api/proposals/${own.id}/timeline`)).data as { action: string; actor: { name: string } | string | null }[];
    assert.ok(timeline.length >= 2);
    assert.ok(!JSON.stringify(timeline).includes('政协办公室 工作人员'), 'the office is not named as the author of a member’s steps');
  });
  it('has a lounge with an event held, a rota and a question answered by the member on duty', async () => {
    const db = t.services.db;
    const answered = await db.selectFrom('lounge_questions').select(['place_id']).where('state', '=', 'answered').executeTakeFirstOrThrow();
    const page = (await t.anonymous().get(`/api/halls/lounges/public/${answered.place_id}`)).data;
    assert.ok(page.questions.some((q: { answer: string | null; answeredBy: string | null }) => q.answer && q.answeredBy));
    assert.ok(page.rota.some((r: { onDuty: boolean }) => r.onDuty));
    assert.ok(page.events.length >= 1, 'an upcoming event');
    const held = await db.selectFrom('lounge_events').select(['headcount', 'headcount_reason']).where('place_id', '=', answered.place_id).where('state', '=', 'held').executeTakeFirstOrThrow();
    assert.ok(held.headcount && held.headcount_reason);
  });
  it("has the duty year: entries, claims in each state, the rules, an evaluation with every grade, warnings and an exit candidate", async () => {
    const db = t.services.db;
    assert.ok((await db.selectFrom('duty_entries').select('id').execute()).length >= 2);
    const claims = new Set((await db.selectFrom('duty_claims').select('state').execute()).map((c) => c.state));
    assert.deepEqual([...claims].sort(), ['approved', 'pending', 'returned']);
    const rules = (await staff.get(`/api/duty/rules?year=${year}`)).data;
    assert.equal(rules.minimums.length, 3);
    assert.deepEqual(rules.bands, { excellent: 100, competent: 45, basic: 30 });
    const ev = (await staff.get(`/api/duty/evaluation?year=${year}`)).data;
    assert.equal(ev.state, 'computed');
    for (const g of ['excellent', 'competent', 'basic', 'not_competent']) assert.ok(ev.counts[g] > 0, g);
    // As in a real city: most members do their duty, a few are warned off.
    const graded = Object.values(ev.counts as Record<string, number>).reduce((a, b) => a + b, 0);
    assert.ok((ev.counts.excellent + ev.counts.competent) / graded >= 0.6, JSON.stringify(ev.counts));
    assert.ok(ev.counts.excellent / graded <= 0.25 && ev.counts.not_competent / graded <= 0.15, JSON.stringify(ev.counts));
    // Every member is called to the plenary session, and nearly all come.
    const plenary = await db.selectFrom('duty_events').select((e) => e.fn.count<number>('member_id').distinct().as('n')).where('kind', '=', 'plenary_attended').where('year', '=', year).executeTakeFirstOrThrow();
    assert.ok(Number(plenary.n) / graded >= 0.9, `${plenary.n} of ${graded} at the plenary`);
    // Warnings start in the second quarter (see modules/duty/warnings.ts).
    if (Date.now() - Date.parse(yearRange(year).from) > 100 * 86_400_000) assert.ok((await staff.get(`/api/duty/stats?year=${year}`)).data.warnings.sent > 0);
    const exits = (await staff.get('/api/duty/exits')).data.items;
    assert.ok(exits.some((c: { reasons: string[]; absences: unknown[] }) => c.reasons.includes('plenary_absences') && c.absences.length === 2));
  });
});
