// Proposals: drafting and filing (individual, joint, collective), review with gapless numbers
// under concurrency, merge and convert, assignment, handling, replies and evaluation, every
// illegal transition, the role matrix, bad input, similar proposals, lists and workbenches.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { hostile, multipart, testServer, type Agent, type TestServer } from '../../test/harness.js';
import { addDays, chinaDate } from '../../platform/time.js';
import { accepted, aMember, anAccount, aUnit, count, draft, filed } from './testing.js';

let t: TestServer;
let admin: Agent, staff: Agent, staff2: Agent, leader: Agent, member: Agent, co1: Agent, co2: Agent, unit: Agent, unit2: Agent, unit3: Agent, countyStaff: Agent;
let category: number, subcategory: number, reason: number;
let memberId: number, co1Id: number, co2Id: number, countyMemberId: number;
let unit2Id: number, unit3Id: number, countyUnit: number;

before(async () => {
  t = await testServer();
  memberId = await aMember(t, '周静');
  await t.services.db.updateTable('users').set({ member_id: memberId }).where('username', '=', 'member').execute();
  co1Id = await aMember(t, '陆明');
  co2Id = await aMember(t, '沈红');
  countyMemberId = await aMember(t, '海宁委员', t.fixture.county);
  await anAccount(t, 'co1', 'member', { memberId: co1Id });
  await anAccount(t, 'co2', 'member', { memberId: co2Id });
  await anAccount(t, 'staff2', 'staff');
  unit2Id = await aUnit(t, '市交通运输局');
  unit3Id = await aUnit(t, '市住房和城乡建设局');
  countyUnit = await aUnit(t, '海宁市教育局', t.fixture.county);
  await anAccount(t, 'unit2', 'unit', { handlingUnitId: unit2Id });
  await anAccount(t, 'unit3', 'unit', { handlingUnitId: unit3Id });
  const agents = await Promise.all(['admin', 'staff', 'staff2', 'leader', 'member', 'co1', 'co2', 'unit', 'unit2', 'unit3', 'county_staff'].map((u) => t.as(u)));
  [admin, staff, staff2, leader, member, co1, co2, unit, unit2, unit3, countyStaff] = agents as [Agent, Agent, Agent, Agent, Agent, Agent, Agent, Agent, Agent, Agent, Agent];
  const top = await admin.post('/api/proposals/categories', { organizationId: t.fixture.city, name: '经济建设' });
  assert.equal(top.statusCode, 201, top.body);
  category = top.data.id;
  subcategory = (await admin.post('/api/proposals/categories', { organizationId: t.fixture.city, parentId: category, name: '交通运输' })).data.id;
  reason = (await admin.post('/api/proposals/reject-reasons', { organizationId: t.fixture.city, text: '不属于政协提案受理范围' })).data.id;
});
after(() => t.close());

const get = (a: Agent, id: number) => a.get(`/api/proposals/${id}`);
const state = async (id: number) => (await t.services.db.selectFrom('proposals').select('state').where('id', '=', id).executeTakeFirstOrThrow()).state;
/** A date `days` after today in China (0: today), as the server counts it. */
const future = (days: number) => addDays(chinaDate(), days);

describe('settings', () => {
  it('keeps a category tree and reject reasons per organization; only its admin changes them', async () => {
    const cfg = await member.get('/api/proposals/config');
    assert.equal(cfg.statusCode, 200, cfg.body);
    const top = cfg.data.categories.find((c: { id: number }) => c.id === category);
    assert.deepEqual(top.children.map((c: { name: string }) => c.name), ['交通运输']);
    assert.ok(cfg.data.rejectReasons.some((r: { id: number }) => r.id === reason));
    assert.equal(cfg.data.deadlineMonths, 3);
    assert.equal(cfg.data.sessions.at(-1).label, '第九届第二次会议');
    assert.equal(cfg.data.filing.asMember, true);
    assert.equal((await staff.post('/api/proposals/categories', { organizationId: t.fixture.city, name: '文化' })).statusCode, 403);
    assert.equal((await (await t.as('county_admin')).post('/api/proposals/categories', { organizationId: t.fixture.city, name: '文化' })).statusCode, 403);
    const deep = await admin.post('/api/proposals/categories', { organizationId: t.fixture.city, parentId: subcategory, name: '三级' });
    assert.equal(deep.statusCode, 400);
    assert.equal(deep.data.errors[0].field, 'body.parentId');
  });
});

describe('drafting and filing', () => {
  it('keeps a draft to its author: nobody else, not even staff or a county user, reads it', async () => {
    const res = await member.post('/api/proposals', draft(subcategory, { unitIds: [unit2Id] }));
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.data.state, 'draft');
    assert.equal(res.data.proposerName, '周静');
    assert.deepEqual(res.data.categoryPath, ['经济建设', '交通运输']);
    assert.deepEqual(res.data.suggestedUnits.map((u: { name: string }) => u.name), ['市交通运输局']);
    assert.equal(res.data.abilities.edit, true);
    assert.equal(res.data.abilities.file, true);
    for (const other of [staff, leader, countyStaff, co1, unit, admin]) assert.equal((await get(other, res.data.id)).statusCode, 404);
    assert.equal((await staff.get(`/api/proposals/${res.data.id}/timeline`)).statusCode, 404);
    const list = await staff.get('/api/proposals?state=draft');
    assert.equal(list.data.total, 0);
    const edited = await member.patch(`/api/proposals/${res.data.id}`, { title: '关于城乡公交的建议' });
    assert.equal(edited.data.title, '关于城乡公交的建议');
    assert.equal((await co1.patch(`/api/proposals/${res.data.id}`, { title: 'x' })).statusCode, 404);
  });

  it('refuses bad input naming the field, and changes nothing', async () => {
    const before = await count(t, 'proposals');
    const bad: [Record<string, unknown>, string][] = [
      [{ title: '' }, 'body.title'],
      [{ title: '   ' }, 'body.title'],
      [{ reasons: '长'.repeat(5001) }, 'body.reasons'],
      [{ suggestions: '长'.repeat(10001) }, 'body.suggestions'],
      [{ kind: 'joint', cosignerIds: [99999] }, 'body.cosignerIds'],
      [{ kind: 'joint', cosignerIds: [countyMemberId] }, 'body.cosignerIds'],
      [{ kind: 'joint', cosignerIds: [memberId] }, 'body.cosignerIds'],
      [{ kind: 'individual', cosignerIds: [co1Id] }, 'body.cosignerIds'],
      [{ unitIds: [countyUnit] }, 'body.unitIds'],
      [{ categoryId: 99999 }, 'body.categoryId'],
      [{ kind: 'collective' }, 'body.kind'],
      [{ attachmentIds: ['0'.repeat(32)] }, 'body.attachmentIds'],
      [{ extra: 1 }, 'body.extra'],
    ];
    for (const [over, field] of bad) {
      const res = await member.post('/api/proposals', draft(category, over));
      assert.equal(res.statusCode, 400, JSON.stringify(over));
      assert.ok(res.data.errors.some((e: { field: string }) => e.field === field), `${JSON.stringify(over)} → ${res.body}`);
      assert.ok(res.data.title && res.data.title_en);
    }
    assert.equal((await staff.post('/api/proposals', draft(category))).statusCode, 403);
    assert.equal((await t.anonymous().post('/api/proposals', draft(category))).statusCode, 401);
    assert.equal(await count(t, 'proposals'), before);
  });

  it('a joint proposal waits for its co-signers; a declined co-signer drops off', async () => {
    const made = await member.post('/api/proposals', draft(category, { kind: 'joint', cosignerIds: [co1Id, co2Id] }));
    assert.equal(made.statusCode, 201, made.body);
    const id = made.data.id;
    assert.equal((await get(co1, id)).statusCode, 404, 'co-signers see it only once filed');
    const f = await member.post(`/api/proposals/${id}/file`, {});
    assert.equal(f.data.state, 'cosigning');
    const asked = await co1.get('/api/proposals/workbench');
    assert.ok(asked.data.member.cosignRequests.items.some((p: { id: number }) => p.id === id));
    const seen = await get(co1, id);
    assert.equal(seen.data.abilities.cosign, true);
    assert.equal(seen.data.abilities.accept, false);
    const early = await staff.post(`/api/proposals/${id}/accept`, {});
    assert.equal(early.statusCode, 409);
    assert.equal(early.data.state, 'cosigning');
    assert.match(early.data.detail, /待附议/);
    assert.equal((await co2.post(`/api/proposals/${id}/cosign`, { decision: 'decline' })).statusCode, 200);
    assert.equal(await state(id), 'cosigning');
    assert.equal((await co2.post(`/api/proposals/${id}/cosign`, { decision: 'confirm' })).statusCode, 404, 'a declined co-signer has dropped off');
    const answer = await co1.post(`/api/proposals/${id}/cosign`, { decision: 'confirm' });
    assert.deepEqual(answer.data, { proposalId: id, decision: 'confirm', proposalState: 'submitted' });
    const done = await get(co1, id);
    assert.equal(done.data.state, 'submitted');
    assert.deepEqual(done.data.cosigners.map((c: { name: string; state: string }) => [c.name, c.state]), [['陆明', 'confirmed'], ['沈红', 'declined']]);
    assert.equal((await get(co2, id)).statusCode, 404);
    assert.equal((await co1.post(`/api/proposals/${id}/cosign`, { decision: 'confirm' })).statusCode, 409);
    const timeline = (await member.get(`/api/proposals/${id}/timeline`)).data.map((e: { action: string }) => e.action);
    assert.deepEqual(timeline, ['create', 'file', 'cosign_decline', 'cosign_confirm', 'cosign_complete']);
  });

  it('a collective proposal is filed by the account of a party group', async () => {
    const groupId = (await t.services.db.insertInto('party_groups').values({ organization_id: t.fixture.city, name: '民盟嘉兴市委会', kind: 'democratic_party', sort: 0 }).returning('id').executeTakeFirstOrThrow()).id;
    const userId = await anAccount(t, 'minmeng', 'member');
    assert.equal((await staff.request('PUT', '/api/proposals/collective-accounts', { userId, bodyKind: 'party_group', bodyId: groupId })).statusCode, 403);
    const link = await admin.request('PUT', '/api/proposals/collective-accounts', { userId, bodyKind: 'party_group', bodyId: groupId });
    assert.equal(link.statusCode, 204, link.body);
    const group = await t.as('minmeng');
    assert.equal((await group.post('/api/proposals', draft(category))).statusCode, 403, 'not a member: files only collectively');
    const id = await filed(group, category, { kind: 'collective' });
    const p = await get(staff, id);
    assert.equal(p.data.kind, 'collective');
    assert.equal(p.data.proposerName, '民盟嘉兴市委会');
    assert.deepEqual(p.data.collective, { kind: 'party_group', id: groupId, name: '民盟嘉兴市委会' });
  });

  it('the author withdraws a filed proposal back to a draft', async () => {
    const id = await filed(member, category);
    const w = await member.post(`/api/proposals/${id}/withdraw`, {});
    assert.equal(w.data.state, 'draft');
    assert.equal((await get(staff, id)).statusCode, 404);
    assert.equal((await staff.post(`/api/proposals/${id}/accept`, {})).statusCode, 404);
  });
});

describe('review', () => {
  it('numbers accepted proposals gaplessly per session, also when staff accept at the same moment', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 12; i++) ids.push(await filed(member, category, { title: `并发立案测试 ${i}` }));
    const results = await Promise.all(ids.map((id, i) => (i % 2 ? staff : staff2).post(`/api/proposals/${id}/accept`, {})));
    assert.deepEqual(results.map((r) => r.statusCode), ids.map(() => 200));
    const numbers = results.map((r) => r.data.number as number).sort((a, b) => a - b);
    const session = results[0]!.data.sessionId;
    const all = await t.services.db.selectFrom('proposals').select('number').where('session_id', '=', session).where('number', 'is not', null).orderBy('number').execute();
    assert.deepEqual(all.map((r) => r.number), all.map((_, i) => i + 1), 'gapless from 1');
    assert.equal(new Set(numbers).size, numbers.length);
    assert.match(results[0]!.data.numberLabel, /^第九届第二次会议 第\d{4}号$/);

    // Two accepts of the same proposal at once: exactly one applies, the number is given once.
    const id = await filed(member, category);
    const twice = await Promise.all([staff.post(`/api/proposals/${id}/accept`, {}), staff2.post(`/api/proposals/${id}/accept`, {})]);
    assert.deepEqual(twice.map((r) => r.statusCode).sort(), [200, 409]);
    assert.equal(twice.find((r) => r.statusCode === 409)!.data.state, 'accepted');
    const after = await t.services.db.selectFrom('proposals').select('number').where('session_id', '=', session).where('number', 'is not', null).orderBy('number').execute();
    assert.deepEqual(after.map((r) => r.number), after.map((_, i) => i + 1));
  });

  it('rejects with a reason the proposer sees, and reconsiders', async () => {
    const id = await filed(member, category);
    const bad = await staff.post(`/api/proposals/${id}/reject`, { reasonId: 99999, text: '请改为社情民意信息报送' });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.data.errors[0].field, 'body.reasonId');
    assert.equal((await staff.post(`/api/proposals/${id}/reject`, { reasonId: reason, text: '' })).statusCode, 400);
    assert.equal(await state(id), 'submitted');
    assert.equal((await member.post(`/api/proposals/${id}/reject`, { reasonId: reason, text: 'x' })).statusCode, 403);
    const r = await staff.post(`/api/proposals/${id}/reject`, { reasonId: reason, text: `建议通过其他渠道反映${hostile}` });
    assert.equal(r.data.state, 'rejected');
    const own = await get(member, id);
    assert.deepEqual(own.data.rejection, { reasonId: reason, reason: '不属于政协提案受理范围', text: `建议通过其他渠道反映${hostile}` });
    assert.equal((await staff.post(`/api/proposals/${id}/assign`, { units: [{ unitId: t.fixture.unit, role: 'lead' }] })).data.state, 'rejected');
    assert.equal((await staff.post(`/api/proposals/${id}/reconsider`, {})).data.state, 'submitted');
  });

  it('merges proposals into one case; every proposer sees where theirs went', async () => {
    const target = await accepted(member, staff, category);
    const a = await filed(co1, category, { title: '关于公交的另一份建议' });
    const b = await filed(co2, category, { title: '关于公交的第三份建议' });
    const bad = await staff.post(`/api/proposals/${target}/merge`, { sourceIds: [target] });
    assert.equal(bad.statusCode, 400);
    const res = await staff.post(`/api/proposals/${target}/merge`, { sourceIds: [a, b] });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.data.mergedProposals.map((m: { id: number }) => m.id), [a, b]);
    const mine = await get(co1, a);
    assert.equal(mine.data.state, 'merged');
    assert.equal(mine.data.mergedInto.id, target);
    assert.equal((await get(co1, target)).statusCode, 200, 'a merged proposer follows the case');
    assert.equal((await staff.post(`/api/proposals/${target}/merge`, { sourceIds: [a] })).statusCode, 409);
  });

  it('converts a proposal into a public-opinion report, linked both ways', async () => {
    const id = await filed(member, category, { title: '关于农贸市场改造的建议' });
    const before = await count(t, 'opinions');
    const res = await staff.post(`/api/proposals/${id}/convert`, { category: 'livelihood' });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.data.state, 'converted');
    assert.equal(await count(t, 'opinions'), before + 1);
    const opinion = await staff.get(`/api/opinions/${res.data.conversion.opinionId}`);
    assert.equal(opinion.data.title, '关于农贸市场改造的建议');
    assert.equal(opinion.data.state, 'new');
    assert.equal(opinion.data.memberName, '周静');
    assert.equal((await staff.post(`/api/proposals/${id}/convert`, {})).statusCode, 409);
  });
});

describe('assignment, handling, reply and evaluation', () => {
  it('refuses a bad assignment naming the field, and changes nothing', async () => {
    const id = await accepted(member, staff, category);
    const past = future(-1);
    const bad: [unknown, string][] = [
      [[{ unitId: t.fixture.unit, role: 'lead', deadline: past }], 'body.units.0.deadline'],
      [[{ unitId: t.fixture.unit, role: 'lead' }, { unitId: countyUnit, role: 'assisting' }], 'body.units.1.unitId'],
      [[{ unitId: t.fixture.unit, role: 'lead' }, { unitId: unit2Id, role: 'lead' }], 'body.units'],
      [[{ unitId: t.fixture.unit, role: 'lead' }, { unitId: unit2Id, role: 'separate' }], 'body.units'],
      [[{ unitId: t.fixture.unit, role: 'lead' }, { unitId: t.fixture.unit, role: 'assisting' }], 'body.units.1.unitId'],
      [[{ unitId: t.fixture.unit, role: 'lead', deadline: '2030-02-30' }], 'body.units.0.deadline'],
      [[], 'body.units'],
    ];
    for (const [units, field] of bad) {
      const res = await staff.post(`/api/proposals/${id}/assign`, { units });
      assert.equal(res.statusCode, 400, JSON.stringify(units));
      assert.ok(res.data.errors.some((e: { field: string }) => e.field === field), `${JSON.stringify(units)} → ${res.body}`);
    }
    assert.equal(await state(id), 'accepted');
    assert.equal(Number((await t.services.db.selectFrom('proposal_assignments').select((eb) => eb.fn.countAll().as('n')).where('proposal_id', '=', id).executeTakeFirstOrThrow()).n), 0);
  });

  it('runs the whole path: assign, sign, reassign, assisting opinion, contact, reply, unsatisfied, another round, satisfied', async () => {
    const made = await member.post('/api/proposals', draft(subcategory, { kind: 'joint', cosignerIds: [co1Id] }));
    const pid = made.data.id as number;
    await member.post(`/api/proposals/${pid}/file`, {});
    await co1.post(`/api/proposals/${pid}/cosign`, { decision: 'confirm' });
    await staff.post(`/api/proposals/${pid}/accept`, {});
    assert.equal((await get(unit, pid)).statusCode, 404, 'a unit sees nothing before it is assigned');

    const deadline = future(40);
    const a = await staff.post(`/api/proposals/${pid}/assign`, { units: [{ unitId: t.fixture.unit, role: 'lead', deadline }, { unitId: unit2Id, role: 'assisting' }] });
    assert.equal(a.statusCode, 200, a.body);
    assert.equal(a.data.state, 'handling');
    const lead = a.data.assignments.find((x: { role: string }) => x.role === 'lead');
    const assist = a.data.assignments.find((x: { role: string }) => x.role === 'assisting');
    assert.equal(lead.deadline, deadline);
    assert.ok(assist.deadline > future(80) && assist.deadline < future(95), `default three months: ${assist.deadline}`);
    assert.equal(lead.abilities.sign, false, 'staff do not sign for a unit');

    const seen = await get(unit, pid);
    const mine = seen.data.assignments.find((x: { id: number }) => x.id === lead.id);
    assert.equal(mine.abilities.sign, true);
    assert.equal(seen.data.assignments.find((x: { id: number }) => x.id === assist.id).abilities.sign, false);
    assert.equal((await unit.post(`/api/proposals/${pid}/assignments/${assist.id}/sign`, {})).statusCode, 403, 'a unit signs only its own');
    assert.equal((await unit.post(`/api/proposals/${pid}/assignments/${lead.id}/reply`, { class: 'A', letterText: '已解决' })).statusCode, 409, 'sign first');
    assert.equal((await unit.post(`/api/proposals/${pid}/assignments/${lead.id}/sign`, {})).statusCode, 200);
    const again = await unit.post(`/api/proposals/${pid}/assignments/${lead.id}/sign`, {});
    assert.equal(again.statusCode, 409);

    // The assisting unit asks to be replaced; staff move it to another unit.
    const ask = await unit2.post(`/api/proposals/${pid}/assignments/${assist.id}/request-reassign`, { reason: '该事项不属于本单位职责' });
    assert.equal(ask.statusCode, 200, ask.body);
    assert.ok((await staff.get('/api/proposals/workbench')).data.staff.reassignRequests.items.some((p: { id: number }) => p.id === pid));
    assert.equal((await staff.post(`/api/proposals/${pid}/assignments/${assist.id}/reassign`, { unitId: countyUnit })).data.errors[0].field, 'body.unitId');
    const moved = await staff.post(`/api/proposals/${pid}/assignments/${assist.id}/reassign`, { unitId: unit3Id });
    assert.equal(moved.statusCode, 200, moved.body);
    assert.equal((await get(unit2, pid)).statusCode, 404, 'a withdrawn unit no longer sees it');
    const assist3 = moved.data.assignments.find((x: { unitId: number; state: string }) => x.unitId === unit3Id);
    await unit3.post(`/api/proposals/${pid}/assignments/${assist3.id}/sign`, {});
    const op = await unit3.post(`/api/proposals/${pid}/assignments/${assist3.id}/opinions`, { text: '建议结合城市更新统筹推进场站建设' });
    assert.equal(op.statusCode, 200, op.body);
    assert.equal((await unit3.post(`/api/proposals/${pid}/assignments/${assist3.id}/reply`, { class: 'A', letterText: 'x' })).statusCode, 409, 'an assisting unit does not reply');
    assert.equal((await get(unit, pid)).data.assistOpinions[0].text, '建议结合城市更新统筹推进场站建设', 'the lead unit reads it');

    const future1 = await unit.post(`/api/proposals/${pid}/assignments/${lead.id}/contacts`, { contactedOn: future(2), way: 'phone', summary: '电话沟通' });
    assert.equal(future1.data.errors[0].field, 'body.contactedOn');
    const c = await unit.post(`/api/proposals/${pid}/assignments/${lead.id}/contacts`, { contactedOn: future(0), way: 'visit', summary: '上门听取提案人意见' });
    assert.equal(c.data.contacts[0].summary, '上门听取提案人意见');
    const noReason = await unit.post(`/api/proposals/${pid}/assignments/${lead.id}/reply`, { class: 'C', letterText: '留作参考' });
    assert.equal(noReason.statusCode, 400);
    assert.equal(noReason.data.errors[0].field, 'body.classReason');
    assert.equal(await state(pid), 'handling');
    const r = await unit.post(`/api/proposals/${pid}/assignments/${lead.id}/reply`, { class: 'B', letterText: `关于城乡公交一体化的答复函${hostile}` });
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.data.state, 'replied');

    // Replies are visible to the proposer at once; the co-signer rates too.
    const own = await get(member, pid);
    assert.equal(own.data.replies[0].class, 'B');
    assert.equal(own.data.replies[0].letterText, `关于城乡公交一体化的答复函${hostile}`);
    assert.ok((await member.get('/api/proposals/workbench')).data.member.ratingsDue.items.some((p: { id: number }) => p.id === pid));
    assert.equal((await unit.post(`/api/proposals/${pid}/assignments/${lead.id}/evaluate`, { result: 'satisfied' })).statusCode, 403);
    assert.equal((await member.post(`/api/proposals/${pid}/assignments/${assist3.id}/evaluate`, { result: 'satisfied' })).statusCode, 409, 'assisting units are not rated');
    assert.equal((await co1.post(`/api/proposals/${pid}/assignments/${lead.id}/evaluate`, { result: 'basically_satisfied' })).data.state, 'replied');
    const e = await member.post(`/api/proposals/${pid}/assignments/${lead.id}/evaluate`, { result: 'unsatisfied', comment: '场站建设没有时间表' });
    assert.equal(e.data.state, 'evaluated');
    assert.equal((await member.post(`/api/proposals/${pid}/assignments/${lead.id}/evaluate`, { result: 'satisfied' })).statusCode, 409, 'rated once per round');

    // One more round: the unit replies again and the proposer is satisfied.
    assert.equal((await member.post(`/api/proposals/${pid}/another-round`, {})).statusCode, 403);
    const more = await staff.post(`/api/proposals/${pid}/another-round`, { deadline: future(30) });
    assert.equal(more.data.state, 'handling');
    assert.equal(more.data.round, 2);
    assert.equal(more.data.assignments.find((x: { id: number }) => x.id === lead.id).state, 'signed');
    const r2 = await unit.post(`/api/proposals/${pid}/assignments/${lead.id}/reply`, { class: 'A', letterText: '场站将于明年六月前建成' });
    assert.equal(r2.data.state, 'replied');
    const done = await member.post(`/api/proposals/${pid}/assignments/${lead.id}/evaluate`, { result: 'satisfied' });
    assert.equal(done.data.state, 'closed');
    assert.equal((await staff.post(`/api/proposals/${pid}/close`, {})).statusCode, 409);

    const timeline = (await member.get(`/api/proposals/${pid}/timeline`)).data as { action: string; actorName: string; at: string; label: string }[];
    for (const action of ['file', 'cosign_complete', 'accept', 'number', 'assign', 'assignment.sign', 'assignment.request_reassign', 'assignment.reassign', 'assignment.send_opinion', 'assignment.contact', 'assignment.reply', 'all_replied', 'evaluate', 'evaluation_unsatisfied', 'another_round', 'evaluation_complete'])
      assert.ok(timeline.some((e) => e.action === action), action);
    assert.ok(timeline.every((e) => e.at && e.label));
  });

  it('separate units each reply before the proposal counts as replied', async () => {
    const id = await accepted(member, staff, category);
    const a = await staff.post(`/api/proposals/${id}/assign`, { units: [{ unitId: t.fixture.unit, role: 'separate' }, { unitId: unit2Id, role: 'separate' }] });
    const [x, y] = a.data.assignments;
    await unit.post(`/api/proposals/${id}/assignments/${x.id}/sign`, {});
    await unit2.post(`/api/proposals/${id}/assignments/${y.id}/sign`, {});
    assert.equal((await unit.post(`/api/proposals/${id}/assignments/${x.id}/reply`, { class: 'C', classReason: '受财力所限', letterText: '留作参考' })).data.state, 'handling');
    assert.equal((await unit2.post(`/api/proposals/${id}/assignments/${y.id}/reply`, { class: 'A', letterText: '已采纳' })).data.state, 'replied');
    await member.post(`/api/proposals/${id}/assignments/${x.id}/evaluate`, { result: 'satisfied' });
    assert.equal(await state(id), 'replied');
    await member.post(`/api/proposals/${id}/assignments/${y.id}/evaluate`, { result: 'basically_satisfied' });
    assert.equal(await state(id), 'closed');
  });

  it('takes the default deadline from the organization, and attachments from uploads', async () => {
    assert.equal((await staff.request('PUT', '/api/proposals/settings', { organizationId: t.fixture.city, deadlineMonths: 1 })).statusCode, 403);
    const bad = await admin.request('PUT', '/api/proposals/settings', { organizationId: t.fixture.city, deadlineMonths: 0 });
    assert.equal(bad.data.errors[0].field, 'body.deadlineMonths');
    assert.equal((await admin.request('PUT', '/api/proposals/settings', { organizationId: t.fixture.city, deadlineMonths: 1 })).statusCode, 204);
    const upload = multipart(Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(64, 32)]), '附件.pdf', 'application/pdf');
    const pdf = await member.request('POST', '/api/files', upload.body, upload.headers);
    assert.equal(pdf.statusCode, 201, pdf.body);
    assert.equal((await co1.post('/api/proposals', draft(category, { attachmentIds: [pdf.data.id] }))).data.errors[0].field, 'body.attachmentIds', "another's upload");
    const id = await accepted(member, staff, category, { attachmentIds: [pdf.data.id] });
    assert.deepEqual((await get(staff, id)).data.files.map((f: { name: string }) => f.name), ['附件.pdf']);
    const a = await staff.post(`/api/proposals/${id}/assign`, { units: [{ unitId: t.fixture.unit, role: 'lead' }] });
    const deadline = a.data.assignments[0].deadline as string;
    assert.ok(deadline >= future(27) && deadline <= future(32), deadline);
    await unit.post(`/api/proposals/${id}/assignments/${a.data.assignments[0].id}/sign`, {});
    const letterUpload = multipart(Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(64, 33)]), '答复函（盖章）.pdf', 'application/pdf');
    const letter = await unit.request('POST', '/api/files', letterUpload.body, letterUpload.headers);
    const r = await unit.post(`/api/proposals/${id}/assignments/${a.data.assignments[0].id}/reply`, { class: 'A', letterText: '已采纳', letterFileId: letter.data.id });
    assert.equal(r.data.replies[0].letterFile.name, '答复函（盖章）.pdf');
    await admin.request('PUT', '/api/proposals/settings', { organizationId: t.fixture.city, deadlineMonths: 3 });
  });

  it('staff close a replied proposal without waiting for the rating; closed accepts nothing more', async () => {
    const id = await accepted(member, staff, category);
    const a = await staff.post(`/api/proposals/${id}/assign`, { units: [{ unitId: unit2Id, role: 'lead' }] });
    const aid = a.data.assignments[0].id;
    assert.equal((await staff.post(`/api/proposals/${id}/close`, {})).data.state, 'handling', 'not while handling');
    await unit2.post(`/api/proposals/${id}/assignments/${aid}/sign`, {});
    await unit2.post(`/api/proposals/${id}/assignments/${aid}/reply`, { class: 'B', letterText: '正在推进' });
    assert.equal((await staff.post(`/api/proposals/${id}/another-round`, {})).statusCode, 409, 'another round only after an unsatisfied rating');
    const closed = await staff.post(`/api/proposals/${id}/close`, {});
    assert.equal(closed.data.state, 'closed');
    assert.equal(closed.data.abilities.close, false);
    const late = await unit2.post(`/api/proposals/${id}/assignments/${aid}/contacts`, { contactedOn: future(0), way: 'phone', summary: '补充沟通' });
    assert.equal(late.statusCode, 409);
    assert.equal(late.data.state, 'closed');
    assert.equal((await member.post(`/api/proposals/${id}/assignments/${aid}/evaluate`, { result: 'satisfied' })).statusCode, 200, 'the proposer may still rate');
  });

  it('two conflicting events at once leave exactly one applied', async () => {
    const id = await filed(member, category);
    const both = await Promise.all([staff.post(`/api/proposals/${id}/accept`, {}), staff2.post(`/api/proposals/${id}/reject`, { reasonId: reason, text: '重复提交' })]);
    assert.deepEqual(both.map((r) => r.statusCode).sort(), [200, 409]);
    const s = await state(id);
    assert.ok(s === 'accepted' || s === 'rejected');
    const entries = await t.services.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'proposal').where('entity_id', '=', String(id)).where('action', 'in', ['accept', 'reject']).execute();
    assert.equal(entries.length, 1);
  });
});

describe('role matrix', () => {
  it('refuses every caller who may not act, and units read only what is assigned to them', async () => {
    const id = await accepted(member, staff, category);
    await staff.post(`/api/proposals/${id}/assign`, { units: [{ unitId: t.fixture.unit, role: 'lead' }] });
    assert.equal((await get(unit, id)).statusCode, 200);
    assert.equal((await get(unit2, id)).statusCode, 404, 'a unit reading a proposal not assigned to it');
    assert.equal((await get(co2, id)).statusCode, 404, 'another member');
    assert.equal((await get(countyStaff, id)).statusCode, 404, 'a county user reading the city');
    assert.equal((await get(leader, id)).statusCode, 200);
    assert.equal((await get(leader, id)).data.abilities.close, false);
    const province = await t.as('province_admin');
    assert.equal((await get(province, id)).statusCode, 200, 'the level above reads');
    const routes: [string, Agent[]][] = [
      ['accept', [member, unit, leader]],
      ['reject', [member, unit, leader]],
      ['assign', [member, unit, leader]],
      ['close', [member, unit, leader]],
    ];
    for (const [path, who] of routes) for (const a of who) assert.equal((await a.post(`/api/proposals/${id}/${path}`, {})).statusCode, 403, `${path}`);
    assert.equal((await t.anonymous().get(`/api/proposals/${id}`)).statusCode, 401);
    assert.equal((await member.get('/api/proposals')).statusCode, 403);
    assert.equal((await unit.get('/api/proposals')).statusCode, 403);
    const countyList = await countyStaff.get('/api/proposals');
    assert.equal(countyList.data.items.length, 0);
    const units = await unit2.get('/api/proposals/assigned');
    assert.ok(!units.data.items.some((p: { id: number }) => p.id === id));
    assert.ok((await unit.get('/api/proposals/assigned')).data.items.some((p: { id: number }) => p.id === id));
  });
});

describe('similar proposals, lists and workbenches', () => {
  it('finds the most similar earlier proposals by words, with a score', async () => {
    const a = await filed(member, category, { title: '关于加强中小学校园周边交通安全的建议', reasons: '中小学校园周边上下学高峰期交通拥堵，接送车辆乱停乱放，学生安全隐患突出。', suggestions: '设置校园周边限时停车区，增派交警疏导，建设学生安全接送通道。' });
    const b = await filed(co1, category, { title: '关于发展农村养老服务的建议', reasons: '农村老龄化程度高，养老服务设施不足，留守老人照料困难。', suggestions: '建设农村居家养老服务中心，推广邻里互助养老。' });
    const res = await member.post('/api/proposals/similar', { title: '校园周边交通拥堵治理', reasons: '学校门口上下学时段交通拥堵，家长接送车辆乱停，学生安全隐患。', suggestions: '增派交警，设置接送车辆临时停车区。' });
    assert.equal(res.statusCode, 200, res.body);
    assert.ok(res.data.length <= 5);
    assert.equal(res.data[0].id, a);
    assert.ok(res.data[0].score > 0.2 && res.data[0].score <= 1, String(res.data[0].score));
    const other = res.data.find((x: { id: number }) => x.id === b);
    assert.ok(!other || other.score < res.data[0].score);
    for (let i = 1; i < res.data.length; i++) assert.ok(res.data[i - 1].score >= res.data[i].score);
    const review = await staff.get(`/api/proposals/${a}/similar`);
    assert.ok(!review.data.some((x: { id: number }) => x.id === a), 'not itself');
    assert.equal((await unit.post('/api/proposals/similar', { title: '交通' })).statusCode, 403);
  });

  it('filters lists, searches Chinese text, and pages', async () => {
    const id = await accepted(member, staff, subcategory, { title: '关于建设海绵城市的建议', reasons: '城区内涝频发。', suggestions: '推进海绵城市建设。' });
    const byQ = await staff.get(`/api/proposals?q=${encodeURIComponent('海绵城市')}`);
    assert.deepEqual(byQ.data.items.map((p: { id: number }) => p.id), [id]);
    const byCategory = await staff.get(`/api/proposals?categoryId=${category}&state=accepted`);
    assert.ok(byCategory.data.items.some((p: { id: number }) => p.id === id), 'a category includes its subcategories');
    assert.ok(byCategory.data.items.every((p: { state: string }) => p.state === 'accepted'));
    const joint = await staff.get('/api/proposals?kind=joint');
    assert.ok(joint.data.items.length > 0 && joint.data.items.every((p: { kind: string }) => p.kind === 'joint'));
    await staff.post(`/api/proposals/${id}/assign`, { units: [{ unitId: unit2Id, role: 'lead' }] });
    await t.services.db.updateTable('proposal_assignments').set({ deadline: '2020-01-01' }).where('proposal_id', '=', id).execute();
    const overdue = await staff.get('/api/proposals?overdue=true');
    assert.deepEqual(overdue.data.items.map((p: { id: number }) => p.id), [id]);
    assert.equal(overdue.data.items[0].overdue, true);
    assert.ok((await staff.get('/api/proposals/workbench')).data.staff.overdue.items.some((p: { id: number }) => p.id === id));
    assert.deepEqual((await staff.get(`/api/proposals?unitId=${unit2Id}&state=handling`)).data.items.map((p: { id: number }) => p.id), [id]);
    const bad = await staff.get('/api/proposals?state=nonsense');
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.data.errors[0].field, 'querystring.state');

    const first = await staff.get('/api/proposals?limit=3');
    assert.equal(first.data.items.length, 3);
    const second = await staff.get(`/api/proposals?limit=3&cursor=${first.data.nextCursor}`);
    assert.ok(second.data.items[0].id < first.data.items[2].id);
    assert.equal(first.data.total, second.data.total);

    const mine = await member.get('/api/proposals/mine');
    assert.ok(mine.data.items.every((p: { proposerName: string }) => p.proposerName === '周静'));
    const wb = await member.get('/api/proposals/workbench');
    assert.ok(wb.data.member.drafts.total >= 1);
    assert.equal(wb.data.staff, undefined);
    const uw = await unit2.get('/api/proposals/workbench');
    assert.ok(uw.data.unit.toSign.items.some((p: { id: number }) => p.id === id));
    assert.equal(uw.data.member, undefined);
  });
});
