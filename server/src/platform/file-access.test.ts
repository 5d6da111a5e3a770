// GET /api/files/:id reads a file for exactly those who may read the record it is attached to:
// the module owning the record decides (each module's file-access.ts), and a file of a kind no
// module claims is read by admins only.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { multipart, testServer, type Agent, type TestServer } from '../test/harness.js';
import { anAccount, insertMember, type MemberProfile } from '../test/people.js';
import { aPlace, aResidentConcern } from '../modules/opinions/testing.js';
import { backfill } from './db/migrations/018_file_owners.js';

const PROFILE: MemberProfile = { gender: 'male', birthYear: 1968, affiliation: '中国民主同盟', sector: '经济界', workplace: '嘉兴某研究院', title: '研究员' };
const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n`);

let t: TestServer;
const as: Record<string, Agent> = {};
let memberId: number;
let otherMemberId: number;

before(async () => {
  t = await testServer({ challengeBits: 8, publicBaseUrl: 'https://sl.example.org' });
  memberId = await insertMember(t, '周静', t.fixture.city, PROFILE);
  otherMemberId = await insertMember(t, '李文', t.fixture.city, PROFILE);
  await t.services.db.updateTable('users').set({ member_id: memberId }).where('username', '=', 'member').execute();
  await anAccount(t, 'member2', 'member', { memberId: otherMemberId });
  for (const who of ['admin', 'staff', 'leader', 'member', 'member2', 'unit', 'public', 'county_staff', 'county_admin']) as[who] = await t.as(who);
});
after(() => t.close());

async function upload(agent: Agent, name: string) {
  const { body, headers } = multipart(pdf(name), name, 'application/pdf');
  const res = await agent.request('POST', '/api/files', body, headers);
  assert.equal(res.statusCode, 201, res.body);
  return res.data.id as string;
}

/** Who reads the file: each caller's status, 200 or 404. */
async function readers(fileId: string, who: string[]) {
  const out: Record<string, number> = {};
  for (const w of who) out[w] = (await as[w]!.get(`/api/files/${fileId}`)).statusCode;
  return out;
}
const expect = (allowed: string[], denied: string[]) => Object.fromEntries([...allowed.map((w) => [w, 200]), ...denied.map((w) => [w, 404])]);

describe('files of proposals', () => {
  let categoryId: number;
  let proposalId: number;
  let fileId: string;
  before(async () => {
    categoryId = (await as.admin!.post('/api/proposals/categories', { organizationId: t.fixture.city, name: '经济建设' })).data.id;
  });

  it('reads a draft\'s attachment for its author alone', async () => {
    fileId = await upload(as.member!, '调研报告.pdf');
    const made = await as.member!.post('/api/proposals', {
      kind: 'individual', title: '关于加快推进城乡公交一体化的建议', reasons: '城乡公交线路覆盖不均衡，偏远村镇班次少、间隔长。', suggestions: '优化线路布局，增加偏远村镇班次。', categoryId, attachmentIds: [fileId],
    });
    assert.equal(made.statusCode, 201, made.body);
    proposalId = made.data.id;
    assert.deepEqual(await readers(fileId, ['member', 'member2', 'unit', 'staff', 'admin', 'leader', 'public', 'county_staff']), expect(['member'], ['member2', 'unit', 'staff', 'admin', 'leader', 'public', 'county_staff']));
  });

  it('refuses to attach a file that already belongs to another proposal', async () => {
    const res = await as.member!.post('/api/proposals', { kind: 'individual', title: '另一件提案', reasons: '理由。', suggestions: '建议。', categoryId, attachmentIds: [fileId] });
    assert.equal(res.statusCode, 400, res.body);
    assert.equal(res.data.errors[0].field, 'body.attachmentIds');
  });

  it('once filed, the office and leaders read it; once assigned, the unit too; never other members or a county', async () => {
    assert.equal((await as.member!.post(`/api/proposals/${proposalId}/file`, {})).statusCode, 200);
    assert.deepEqual(await readers(fileId, ['member', 'staff', 'admin', 'leader', 'member2', 'unit', 'public', 'county_staff']), expect(['member', 'staff', 'admin', 'leader'], ['member2', 'unit', 'public', 'county_staff']));
    assert.equal((await as.staff!.post(`/api/proposals/${proposalId}/accept`, {})).statusCode, 200);
    const assigned = await as.staff!.post(`/api/proposals/${proposalId}/assign`, { units: [{ unitId: t.fixture.unit, role: 'lead' }] });
    assert.equal(assigned.statusCode, 200, assigned.body);
    assert.deepEqual(await readers(fileId, ['unit', 'member2', 'county_staff']), expect(['unit'], ['member2', 'county_staff']));
  });

  it("reads a unit's reply letter for those who read the proposal's handling", async () => {
    const assignmentId = (await as.unit!.get(`/api/proposals/${proposalId}`)).data.assignments[0].id;
    assert.equal((await as.unit!.post(`/api/proposals/${proposalId}/assignments/${assignmentId}/sign`, {})).statusCode, 200);
    const letter = await upload(as.unit!, '答复函.pdf');
    assert.deepEqual(await readers(letter, ['unit', 'staff', 'member']), expect(['unit'], ['staff', 'member']), 'not attached yet: the uploader alone');
    const replied = await as.unit!.post(`/api/proposals/${proposalId}/assignments/${assignmentId}/reply`, { class: 'A', letterText: '经研究，现答复如下：已增加偏远村镇班次。', letterFileId: letter });
    assert.equal(replied.statusCode, 200, replied.body);
    assert.deepEqual(await readers(letter, ['unit', 'staff', 'member', 'leader', 'member2', 'public', 'county_staff']), expect(['unit', 'staff', 'member', 'leader'], ['member2', 'public', 'county_staff']));
  });
});

describe('files of consultations', () => {
  let meetingId: number;
  let speechId: number;
  let speechFile: string;
  let material: string;
  before(async () => {
    const inHours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();
    const made = await as.staff!.post('/api/consultations/meetings', {
      type: 'thematic', topic: '推进城乡教育优质均衡发展专题协商会', startsAt: inHours(3), endsAt: inHours(6), place: '市政协三楼会议室', online: false, publicSeats: 20,
      agenda: [{ title: '委员发言' }], invitedMemberIds: [memberId, otherMemberId],
    });
    assert.equal(made.statusCode, 201, made.body);
    meetingId = made.data.id;
  });

  it("reads a meeting's material for those who see the meeting: the office, and invitees once it is published", async () => {
    const { body, headers } = multipart(pdf('会议材料'), '会议材料.pdf', 'application/pdf');
    const res = await as.staff!.request('POST', `/api/consultations/meetings/${meetingId}/materials`, body, headers);
    assert.equal(res.statusCode, 201, res.body);
    material = res.data.id;
    assert.deepEqual(await readers(material, ['staff', 'member', 'public', 'county_staff']), expect(['staff'], ['member', 'public', 'county_staff']));
    assert.equal((await as.staff!.post(`/api/consultations/meetings/${meetingId}/publish`, {})).statusCode, 200);
    assert.deepEqual(await readers(material, ['staff', 'member', 'member2', 'public', 'unit', 'county_staff']), expect(['staff', 'member', 'member2'], ['public', 'unit', 'county_staff']));
  });

  it("reads a submitted speech's document for the speaker and the office; approved, leaders too; never other members", async () => {
    const speech = await as.member!.post(`/api/consultations/meetings/${meetingId}/speeches`, { title: '关于乡村教师的建议', text: '提高乡村教师待遇。' });
    assert.equal(speech.statusCode, 201, speech.body);
    speechId = speech.data.id;
    const { body, headers } = multipart(pdf('发言稿'), '发言稿.pdf', 'application/pdf');
    const up = await as.member!.request('POST', `/api/consultations/speeches/${speechId}/file`, body, headers);
    assert.equal(up.statusCode, 201, up.body);
    speechFile = up.data.id;
    const denied = ['member2', 'unit', 'public', 'county_staff'];
    assert.deepEqual(await readers(speechFile, ['member', 'staff', 'admin', 'leader', ...denied]), expect(['member', 'staff', 'admin'], ['leader', ...denied]));
    assert.equal((await as.staff!.post(`/api/consultations/speeches/${speechId}/approve`, {})).statusCode, 200);
    // Approved, the speech is listed for the invitees, its full text still for the same readers (as its own route says).
    assert.deepEqual(await readers(speechFile, ['member', 'staff', 'leader', ...denied]), expect(['member', 'staff', 'leader'], denied));
    assert.equal((await as.member2!.get(`/api/consultations/speeches/${speechId}/file`)).statusCode, 404, 'the speech route agrees');
  });
});

describe('files of public-opinion reports', () => {
  it("reads a resident's photo for the office and leaders handling it, not members, units, the public or a county", async () => {
    const place = await aPlace(t, '南湖区新兴街道民生议事堂');
    const concern = await aResidentConcern(t, as.staff!, place, { phone: '13912345678' });
    const photo = (await t.services.db.selectFrom('opinion_files').select('file_id').where('opinion_id', '=', concern.id).executeTakeFirstOrThrow()).file_id;
    assert.deepEqual(await readers(photo, ['staff', 'admin', 'leader', 'member', 'unit', 'public', 'county_staff']), expect(['staff', 'admin', 'leader'], ['member', 'unit', 'public', 'county_staff']));
  });

  it("reads a member's attachment for the reporter and the office, not other members", async () => {
    const fileId = await upload(as.member!, '调查问卷.pdf');
    const report = await as.member!.post('/api/opinions', { organizationId: t.fixture.city, title: '关于农村养老服务的建议', text: '农村养老服务设施不足，建议统筹建设村级养老服务站点。', category: 'livelihood', attachmentIds: [fileId] });
    assert.equal(report.statusCode, 201, report.body);
    assert.deepEqual(await readers(fileId, ['member', 'staff', 'member2', 'unit', 'public', 'county_staff']), expect(['member', 'staff'], ['member2', 'unit', 'public', 'county_staff']));
  });
});

describe('files uploaded before their records were noted (migration 018)', () => {
  it('get their record from the link tables', async () => {
    const kinds = await t.services.db.selectFrom('files').select(['id', 'record_kind', 'record_id']).where('record_kind', 'is not', null).orderBy('id').execute();
    assert.deepEqual(new Set(kinds.map((k) => k.record_kind)), new Set(['proposal', 'proposal_reply', 'meeting_material', 'speech', 'opinion']));
    await t.services.db.updateTable('files').set({ record_kind: null, record_id: null }).execute();
    await backfill(t.services.db);
    assert.deepEqual(await t.services.db.selectFrom('files').select(['id', 'record_kind', 'record_id']).where('record_kind', 'is not', null).orderBy('id').execute(), kinds);
  });
});

describe('deny by default', () => {
  it('reads a file of a kind no module claims for admins of its organization only, not even its uploader', async () => {
    const fileId = await upload(as.member!, '未知.pdf');
    await t.services.db.updateTable('files').set({ record_kind: 'nobody_claims_this', record_id: 1 }).where('id', '=', fileId).execute();
    assert.deepEqual(await readers(fileId, ['admin', 'member', 'staff', 'leader', 'county_admin']), expect(['admin'], ['member', 'staff', 'leader', 'county_admin']));
    assert.equal((await t.anonymous().get(`/api/files/${fileId}`)).statusCode, 401);
  });
});
