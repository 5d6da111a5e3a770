// What follows a proposal's handling: deadline reminders sent once each (also from two processes
// on PostgreSQL), in-app notifications and their e-mail copies through a real SMTP server, key
// proposals and sponsors on the leader's page, quality ratings and excellent proposals exported,
// the public page without personal data, documents opened back, statistics against known data,
// and who may NOT call each route.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import JSZip from 'jszip';
import ExcelJS from 'exceljs';
import { SMTPServer } from 'smtp-server';
import { hostile, testServer, type Agent, type TestServer } from '../../test/harness.js';
import { connect } from '../../platform/db/connect.js';
import { addDays, chinaDate } from '../../platform/time.js';
import { createMailer } from '../../platform/mail.js';
import { insertUser } from '../accounts/service.js';
import { deliverEmails } from '../notifications/service.js';
import { indexProposal } from './commands.js';
import { sendDeadlineReminders } from './reminders.js';
import type { AssignmentRole, AssignmentState, ProposalState } from '../../platform/db/types.js';

// ---- A real SMTP server on a free port, keeping what it receives ------------------------------
const received: { to: string[]; data: string }[] = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  onData(stream, session, done) {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => {
      received.push({ to: session.envelope.rcptTo.map((r) => r.address), data: Buffer.concat(chunks).toString('utf8') });
      done();
    });
  },
});

let t: TestServer;
let staff: Agent;
let committee: Agent;
let leader: Agent;
let unit: Agent;
let member: Agent;
let memberId: number;
let coId: number;
let session2: number;
let otherUnit: number;
const PHONES = ['13912345678', '13987654321'] as const;
const WORKPLACE = `嘉兴市秘密研究所${hostile}`;

before(async () => {
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const port = (smtp.server.address() as { port: number }).port;
  t = await testServer({ smtpUrl: `smtp://127.0.0.1:${port}`, mailFrom: '嘉兴市政协 <tian@example.org>' });
  const { db } = t.services;
  const at = new Date().toISOString();
  const aMember = async (name: string, sector: string, phone: string) =>
    (await db.insertInto('members').values({
      organization_id: t.fixture.city, term_id: t.fixture.cityTerm, name, gender: 'female', birth_year: 1970, ethnicity: '汉族', political_affiliation: '无党派人士',
      sector_id: t.fixture.sectors[sector]!, workplace: WORKPLACE, title: '主任', phone, standing: 0, status: 'active', exited_on: null, exit_reason: null, created_at: at, updated_at: at,
    }).returning('id').executeTakeFirstOrThrow()).id;
  memberId = await aMember('周静', '经济界', PHONES[0]);
  coId = await aMember('陆明', '教育界', PHONES[1]);
  await db.updateTable('users').set({ member_id: memberId }).where('username', '=', 'member').execute();
  // The fixture's staff works in the proposal committee's office; `clerk` is staff elsewhere.
  await db.updateTable('users').set({ department: '提案委员会办公室' }).where('username', '=', 'staff').execute();
  const hash = (await db.selectFrom('users').select('password_hash').where('username', '=', 'staff').executeTakeFirstOrThrow()).password_hash;
  await insertUser(db, { username: 'clerk', displayName: '办公室职员', passwordHash: hash, organizationId: t.fixture.city, roles: ['staff'], department: '办公室' });
  otherUnit = (await db.insertInto('handling_units').values({ organization_id: t.fixture.city, name: '市卫生健康委', contact_name: null, contact_phone: null, active: 1, sort: 1 }).returning('id').executeTakeFirstOrThrow()).id;
  await insertUser(db, { username: 'unit2', displayName: '卫健委经办人', passwordHash: hash, organizationId: t.fixture.city, roles: ['unit'], handlingUnitId: otherUnit });
  session2 = (await db.selectFrom('sessions').select('id').where('term_id', '=', t.fixture.cityTerm).where('number', '=', 2).executeTakeFirstOrThrow()).id;
  [staff, committee, leader, unit, member] = await Promise.all([t.as('clerk'), t.as('staff'), t.as('leader'), t.as('unit'), t.as('member')]);
});
after(async () => {
  await t.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

// ---- Real rows, hostile text ------------------------------------------------------------------
let nextNumber = 1;
interface ProposalOpts {
  state?: ProposalState;
  year?: number;
  title?: string;
  reasons?: string;
  round?: number;
  kind?: 'individual' | 'joint';
  cosigner?: boolean;
}
async function aProposal(o: ProposalOpts = {}) {
  const at = new Date().toISOString();
  const state = o.state ?? 'handling';
  const accepted = ['accepted', 'handling', 'replied', 'evaluated', 'closed'].includes(state);
  const row = {
    organization_id: t.fixture.city, session_id: session2, year: o.year ?? 2023, kind: o.kind ?? 'individual', state, author_user_id: t.fixture.users.member!, member_id: memberId,
    collective_kind: null, collective_id: null, proposer_name: '周静', sector_id: t.fixture.sectors['经济界']!, category_id: null,
    title: o.title ?? `关于加快发展普惠托育服务的建议${hostile}`, reasons: o.reasons ?? '当前婴幼儿照护服务供给不足，普惠性托位紧缺，家庭养育负担较重。',
    suggestions: '一是加大财政投入；二是鼓励用人单位举办托育机构；三是加强从业人员培训。', number: accepted ? nextNumber++ : null, reject_reason_id: null, reject_text: null,
    round: o.round ?? 1, is_key: 0, is_public: 0, filed_at: at, reviewed_at: accepted ? at : null, reviewed_by: null, assigned_at: null, closed_at: null, created_at: at, updated_at: at,
  };
  const { id } = await t.services.db.insertInto('proposals').values(row).returning('id').executeTakeFirstOrThrow();
  await indexProposal(t.services.db, { id, title: row.title, reasons: row.reasons, suggestions: row.suggestions });
  if (o.cosigner) await t.services.db.insertInto('proposal_cosigners').values({ proposal_id: id, member_id: coId, state: 'confirmed', answered_at: at }).execute();
  return id;
}
async function anAssignment(proposalId: number, o: { unitId?: number; role?: AssignmentRole; state?: AssignmentState; deadline: string; repliedAt?: string }) {
  const at = new Date().toISOString();
  return (await t.services.db.insertInto('proposal_assignments').values({
    proposal_id: proposalId, organization_id: t.fixture.city, unit_id: o.unitId ?? t.fixture.unit, role: o.role ?? 'lead', state: o.state ?? 'signed', round: 1, deadline: o.deadline,
    reassign_reason: null, assigned_by: null, assigned_at: at, signed_at: at, replied_at: o.repliedAt ?? null, updated_at: at,
  }).returning('id').executeTakeFirstOrThrow()).id;
}
async function aReply(proposalId: number, assignmentId: number, cls: 'A' | 'B' | 'C' = 'A', at = new Date().toISOString()) {
  return (await t.services.db.insertInto('proposal_replies').values({
    assignment_id: assignmentId, proposal_id: proposalId, round: 1, class: cls, class_reason: null, letter_text: `经研究，我局已将普惠托育纳入民生实事项目。${hostile}\n明年新增托位2000个。`,
    letter_file_id: null, replied_by: null, replied_at: at,
  }).returning('id').executeTakeFirstOrThrow()).id;
}
const noon = (date: string) => new Date(`${date}T04:00:00Z`); // 12:00 in Shanghai
const day = addDays;
const kindsFor = async (assignmentId: number) =>
  (await t.services.db.selectFrom('reminders').select('once_key').where('code', '=', 'proposal.deadline').where('once_key', 'like', `${assignmentId}:%`).orderBy('sent_at').execute()).map((r) => r.once_key.split(':')[1]);
async function sheet(res: { rawPayload: Buffer; headers: Record<string, unknown> }) {
  assert.match(String(res.headers['content-type']), /spreadsheetml/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  wb.worksheets[0]!.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
  return rows;
}
async function documentXml(res: { rawPayload: Buffer; headers: Record<string, unknown> }) {
  assert.match(String(res.headers['content-type']), /wordprocessingml/);
  const zip = await JSZip.loadAsync(res.rawPayload);
  return (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
}

describe('deadline reminders', () => {
  it('reminds the unit 30, 7 and 1 days ahead and when overdue, each once; a late first sight sends only the most urgent', async () => {
    const D = '2031-06-30';
    const p = await aProposal({ year: 2031 });
    const a = await anAssignment(p, { deadline: D });
    const done = await anAssignment(await aProposal({ year: 2031 }), { deadline: day(D, -20), state: 'replied', repliedAt: new Date().toISOString() });
    const gone = await anAssignment(p, { deadline: day(D, -20), state: 'withdrawn', unitId: otherUnit });
    assert.equal(await sendDeadlineReminders(t.services, noon(day(D, -31))), 0, 'nothing is due 31 days ahead');
    const soon = await anAssignment(await aProposal({ year: 2031 }), { deadline: day(D, -25), state: 'assigned' }); // 5 days away at D-30
    assert.equal(await sendDeadlineReminders(t.services, noon(day(D, -30))), 2);
    assert.deepEqual(await kindsFor(a), ['d30']);
    assert.deepEqual(await kindsFor(soon), ['d7'], 'assigned five days ahead: the 7-day reminder, not the 30-day one');
    assert.equal(await sendDeadlineReminders(t.services, noon(day(D, -30))), 0, 'the same moment again sends nothing');
    assert.equal(await sendDeadlineReminders(t.services, noon(day(D, -26))), 1, 'one day before the early deadline');
    assert.equal(await sendDeadlineReminders(t.services, noon(day(D, -8))), 1, 'the early deadline has passed');
    assert.equal(await sendDeadlineReminders(t.services, noon(day(D, -7))), 1);
    assert.equal(await sendDeadlineReminders(t.services, noon(day(D, -1))), 1);
    assert.equal(await sendDeadlineReminders(t.services, noon(D)), 0);
    assert.deepEqual(await kindsFor(a), ['d30', 'd7', 'd1'], 'on the deadline itself nothing new');
    await sendDeadlineReminders(t.services, noon(day(D, 1)));
    await sendDeadlineReminders(t.services, noon(day(D, 5)));
    assert.deepEqual(await kindsFor(a), ['d30', 'd7', 'd1', 'overdue']);
    assert.deepEqual(await kindsFor(soon), ['d7', 'd1', 'overdue']);
    assert.deepEqual(await kindsFor(done), [], 'a replied assignment is not reminded');
    assert.deepEqual(await kindsFor(gone), [], 'a withdrawn assignment is not reminded');
    // Each reminder is on the proposal's timeline, sent by the system.
    const reminders = (await staff.get(`/api/proposals/${p}/timeline`)).data.filter((e: { action: string }) => e.action === 'remind');
    assert.deepEqual(reminders.map((e: { detail: { step: string } }) => e.detail.step), ['d30', 'd7', 'd1', 'overdue']);
    assert.deepEqual([reminders[0].label, reminders[0].actorName], ['提醒办理期限', '系统']);
  });

  it('the unit sees its reminders; marking one read is its own business', async () => {
    const res = await unit.get('/api/notifications');
    assert.equal(res.statusCode, 200);
    const kinds = res.data.items.map((n: { kind: string }) => n.kind);
    assert.deepEqual(kinds.filter((k: string) => k === 'proposal.deadline.overdue').length, 2);
    assert.equal(res.data.unread, res.data.total);
    const first = res.data.items.find((n: { kind: string }) => n.kind === 'proposal.deadline.d30');
    assert.match(first.title, /第九届第二次会议 第\d{4}号提案办理期限提醒/);
    assert.match(first.body, /办理期限为 2031-06-30，还有 30 天/);
    assert.equal(first.link, `/proposals/${first.entityId}`);
    assert.equal((await unit.get('/api/notifications')).data.items.length, res.data.items.length);
    assert.equal((await member.get('/api/notifications')).data.total, 0, 'nobody else got them');
    assert.equal((await unit2().then((a) => a.get('/api/notifications'))).data.total, 0, 'nor another unit');
    assert.equal((await member.post(`/api/notifications/${first.id}/read`)).statusCode, 404, "another account's notification is not found");
    const read = await unit.post(`/api/notifications/${first.id}/read`);
    assert.equal(read.statusCode, 200);
    assert.equal((await unit.get('/api/notifications?unread=1')).data.total, res.data.total - 1);
    assert.equal((await unit.post('/api/notifications/read-all')).data.marked, res.data.total - 1);
    assert.equal((await unit.get('/api/notifications')).data.unread, 0);
    assert.equal((await t.anonymous().get('/api/notifications')).statusCode, 401);
  });

  it('sends an e-mail copy through the SMTP server to a unit account that gave its address', async () => {
    const bad = await unit.request('PUT', '/api/notifications/settings', { email: 'not-an-address', emailEnabled: true });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.data.errors[0].field, 'body.email');
    const ok = await unit.request('PUT', '/api/notifications/settings', { email: 'jiaoyuju@example.org', emailEnabled: true });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.deepEqual(ok.data, { email: 'jiaoyuju@example.org', emailEnabled: true, mailConfigured: true });
    const D = '2032-03-31';
    await anAssignment(await aProposal({ year: 2032, title: '关于建设城市绿道网络的建议' }), { deadline: D });
    assert.equal(await sendDeadlineReminders(t.services, noon(day(D, -7))), 1);
    const mailer = createMailer(t.config)!;
    const before = received.length;
    assert.equal(await deliverEmails(t.services, mailer), 1);
    assert.equal(await deliverEmails(t.services, mailer), 0, 'sent once');
    mailer.close();
    assert.equal(received.length, before + 1);
    const mail = received.at(-1)!;
    assert.deepEqual(mail.to, ['jiaoyuju@example.org']);
    assert.match(mail.data, /^From: .*<tian@example\.org>/m);
    const decoded = decodeMail(mail.data);
    assert.match(decoded, /关于建设城市绿道网络的建议/);
    assert.match(decoded, /还有 7 天/);
    const row = await t.services.db.selectFrom('notifications').select(['email_state']).where('email_to', '=', 'jiaoyuju@example.org').executeTakeFirstOrThrow();
    assert.equal(row.email_state, 'sent');
  });

  it('sends again an e-mail copy left claimed by a process that died before recording the send, and only once its claim is stale', async () => {
    const D = '2033-03-31';
    await anAssignment(await aProposal({ year: 2033, title: '关于完善社区嵌入式托育服务的建议' }), { deadline: D });
    // (The reminders of that day also tell of earlier proposals now overdue.)
    assert.ok((await sendDeadlineReminders(t.services, noon(day(D, -7)))) >= 1);
    const { db } = t.services;
    const row = await db.selectFrom('notifications').select(['id']).where('email_state', '=', 'pending').where('body', 'like', `%${D}%`).executeTakeFirstOrThrow();
    // A process claimed it two minutes ago and died: still its claim, nobody sends it.
    const claimedAt = new Date(Date.now() - 2 * 60_000);
    await db.updateTable('notifications').set({ email_state: 'sending', email_claimed_at: claimedAt.toISOString() }).where('id', '=', row.id).execute();
    const mailer = createMailer(t.config)!;
    await deliverEmails(t.services, mailer);
    assert.equal((await db.selectFrom('notifications').select('email_state').where('id', '=', row.id).executeTakeFirstOrThrow()).email_state, 'sending');
    const before = received.length;
    // Twenty minutes after the claim it is stale: the copy goes out, counted as a second attempt.
    assert.equal(await deliverEmails(t.services, mailer, 100, new Date(claimedAt.getTime() + 20 * 60_000)), 1);
    mailer.close();
    assert.equal(received.length, before + 1);
    assert.match(decodeMail(received.at(-1)!.data), /关于完善社区嵌入式托育服务的建议/);
    const after = await db.selectFrom('notifications').select(['email_state', 'email_attempts']).where('id', '=', row.id).executeTakeFirstOrThrow();
    assert.deepEqual(after, { email_state: 'sent', email_attempts: 1 });
  });

  it('the hourly job sends what is due now', async () => {
    const p = await aProposal({ year: 2026 });
    const a = await anAssignment(p, { deadline: addDays(chinaDate(), 3) });
    const ran = await t.jobs.runDue(new Date(Date.now() + 2 * 3600_000));
    assert.ok(ran.includes('proposals.deadline-reminders'), ran.join());
    assert.deepEqual(await kindsFor(a), ['d7']);
  });

  it('two server processes on one database send each reminder once', async () => {
    const D = '2033-09-30';
    const proposals: number[] = [];
    const ids: number[] = [];
    for (let i = 0; i < 6; i++) {
      proposals.push(await aProposal({ year: 2033 }));
      ids.push(await anAssignment(proposals[i]!, { deadline: day(D, i) }));
    }
    const moments = [-30, -7, -1, 1];
    // On PostgreSQL a second pool is a second process's view of the database; on SQLite a server
    // is one process, and its concurrent runs share its connection.
    const other = t.config.databaseUrl ? connect({ databaseUrl: t.config.databaseUrl, dataDir: t.config.dataDir }) : null;
    try {
      const dbs = [t.services, other ? { db: other.db } : t.services];
      for (const at of moments) await Promise.all([0, 1, 0, 1].map((i) => sendDeadlineReminders(dbs[i]!, noon(day(D, at)))));
    } finally {
      await other?.close();
    }
    let expectedTotal = 0;
    for (let i = 0; i < ids.length; i++) {
      // What a single process would have sent: the kind due at each moment, once.
      const expected = [...new Set(moments.map((at) => {
        const today = day(D, at);
        const deadline = day(D, i);
        return deadline < today ? 'overdue' : deadline <= day(today, 1) ? 'd1' : deadline <= day(today, 7) ? 'd7' : 'd30';
      }))];
      assert.deepEqual(await kindsFor(ids[i]!), expected, `assignment ${i}`);
      expectedTotal += expected.length;
    }
    const notes = await t.services.db.selectFrom('notifications').select((eb) => eb.fn.countAll().as('n')).where('entity_id', 'in', proposals).where('kind', 'like', 'proposal.deadline.%').executeTakeFirstOrThrow();
    assert.equal(Number(notes.n), expectedTotal, 'one notification per reminder (the unit has one account)');
  });

  it('lists overdue assignments for the office, most overdue first', async () => {
    await anAssignment(await aProposal(), { deadline: '2025-12-01' });
    await anAssignment(await aProposal(), { deadline: '2026-01-10', state: 'assigned' });
    const res = await staff.get('/api/proposals/overdue');
    assert.equal(res.statusCode, 200, res.body);
    assert.ok(res.data.total >= 2);
    const days = res.data.items.map((i: { daysOverdue: number }) => i.daysOverdue);
    assert.deepEqual(days, [...days].sort((a, b) => b - a));
    assert.ok(res.data.items.every((i: { deadline: string }) => i.deadline < res.data.today));
    assert.equal((await staff.get(`/api/proposals/overdue?unitId=${otherUnit}`)).data.total, 0);
    assert.equal((await unit.get('/api/proposals/overdue')).statusCode, 403);
    assert.equal((await (await t.as('county_staff')).get('/api/proposals/overdue')).data.total, 0, 'a county sees none of the city');
  });
});

/** The text of a one-part e-mail as the SMTP server received it (base64 or quoted-printable). */
function decodeMail(raw: string) {
  const at = raw.search(/\r?\n\r?\n/);
  const head = raw.slice(0, at);
  const body = raw.slice(at).trim();
  if (/Content-Transfer-Encoding: base64/i.test(head)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (/Content-Transfer-Encoding: quoted-printable/i.test(head))
    return Buffer.from(body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');
  return body;
}
const unit2 = () => t.as('unit2');

describe('key proposals and sponsors', () => {
  it('the office marks a key proposal, links a leader; the leader sees it with progress; the timeline shows each step', async () => {
    const p = await aProposal({ title: '关于推进长三角生态绿色一体化发展的建议' });
    await anAssignment(p, { deadline: '2031-12-31' });
    const submitted = await aProposal({ state: 'submitted' });
    const refused = await staff.request('PUT', `/api/proposals/${submitted}/key`, { key: true });
    assert.equal(refused.statusCode, 409);
    assert.match(refused.data.detail, /待审查/);
    assert.equal((await staff.request('PUT', `/api/proposals/${p}/sponsors`, { userIds: [t.fixture.users.leader!] })).statusCode, 409, 'sponsors only on key proposals');
    const key = await staff.request('PUT', `/api/proposals/${p}/key`, { key: true });
    assert.equal(key.statusCode, 200, key.body);
    assert.equal(key.data.isKey, true);
    const notLeader = await staff.request('PUT', `/api/proposals/${p}/sponsors`, { userIds: [t.fixture.users.leader!, t.fixture.users.member!] });
    assert.equal(notLeader.statusCode, 400);
    assert.equal(notLeader.data.errors[0].field, 'body.userIds.1');
    assert.deepEqual((await staff.get(`/api/proposals/${p}/key`)).data.sponsors, [], 'a refused request changed nothing');
    const linked = await staff.request('PUT', `/api/proposals/${p}/sponsors`, { userIds: [t.fixture.users.leader!] });
    assert.equal(linked.statusCode, 200);
    assert.deepEqual(linked.data.sponsors.map((s: { userId: number }) => s.userId), [t.fixture.users.leader]);
    assert.ok((await leader.get('/api/notifications')).data.items.some((n: { kind: string; entityId: number }) => n.kind === 'proposal.sponsor' && n.entityId === p));

    const future = addDays(chinaDate(), 2);
    assert.equal((await leader.post(`/api/proposals/${p}/progress`, { kind: 'meeting', heldOn: future, text: '督办会' })).data.errors[0].field, 'body.heldOn');
    // Rule: progress is not dated before the proposal was filed.
    const early = await leader.post(`/api/proposals/${p}/progress`, { kind: 'meeting', heldOn: addDays(chinaDate(), -1), text: '督办会' });
    assert.equal(early.data.errors[0].field, 'body.heldOn');
    assert.equal(early.data.errors[0].message, `不能早于提案的提交日期 ${chinaDate()}`);
    const meeting = await leader.post(`/api/proposals/${p}/progress`, { kind: 'meeting', heldOn: chinaDate(), text: `召开重点提案督办座谈会${hostile}` });
    assert.equal(meeting.statusCode, 201, meeting.body);
    assert.equal((await staff.post(`/api/proposals/${p}/progress`, { kind: 'note', heldOn: chinaDate(), text: '承办单位已完成实地调研' })).statusCode, 201);
    const page = await leader.get('/api/proposals/sponsored');
    assert.equal(page.statusCode, 200);
    assert.equal(page.data.length, 1);
    const item = page.data[0];
    assert.equal(item.id, p);
    assert.equal(item.stateLabel, '办理中');
    assert.deepEqual(item.units.map((u: { name: string; role: string }) => [u.name, u.role]), [['市教育局', 'lead']]);
    assert.equal(item.progressCount, 2);
    assert.equal(item.lastProgress.text, '承办单位已完成实地调研');
    assert.equal((await staff.get('/api/proposals/sponsored')).statusCode, 403);

    const timeline = await staff.get(`/api/proposals/${p}/timeline`);
    const actions = timeline.data.map((e: { action: string }) => e.action);
    for (const a of ['mark_key', 'set_sponsors', 'progress_meeting', 'progress_note']) assert.ok(actions.includes(a), `${a} on the timeline`);
    const entry = await t.services.db.selectFrom('audit_log').selectAll().where('entity_id', '=', String(p)).where('action', '=', 'mark_key').executeTakeFirstOrThrow();
    assert.deepEqual([JSON.parse(entry.before!), JSON.parse(entry.after!)], [{ isKey: false }, { isKey: true }]);
    assert.ok(entry.actor_id);
    const unmark = await staff.request('PUT', `/api/proposals/${p}/key`, { key: false });
    assert.equal(unmark.statusCode, 409, 'a sponsored proposal keeps its mark until the sponsors are removed');
  });
});

describe('sponsor candidates', () => {
  it('lists the active leaders of the organization and above it, id and name only', async () => {
    const { db } = t.services;
    const hash = (await db.selectFrom('users').select('password_hash').where('username', '=', 'leader').executeTakeFirstOrThrow()).password_hash;
    const province = await insertUser(db, { username: 'sheng_leader', displayName: '省政协副主席', passwordHash: hash, organizationId: t.fixture.province, roles: ['leader'] });
    const county = await insertUser(db, { username: 'xian_leader', displayName: '县政协主席', passwordHash: hash, organizationId: t.fixture.county, roles: ['leader'] });
    const gone = await insertUser(db, { username: 'old_leader', displayName: '原副主席', passwordHash: hash, organizationId: t.fixture.city, roles: ['leader'] });
    await db.updateTable('users').set({ status: 'disabled' }).where('id', '=', gone).execute();

    const city = await staff.get('/api/proposals/sponsor-candidates');
    assert.equal(city.statusCode, 200, city.body);
    const ids = city.data.map((c: { id: number }) => c.id);
    assert.deepEqual([...ids].sort((a: number, b: number) => a - b), [t.fixture.users.leader!, province].sort((a, b) => a - b), 'city and province leaders; no county leader, no disabled account, no member');
    assert.deepEqual(Object.keys(city.data[0]).sort(), ['displayName', 'id'], 'nothing else of the account leaves');
    // Every candidate is accepted by the sponsors route.
    const p = await aProposal();
    assert.equal((await staff.request('PUT', `/api/proposals/${p}/key`, { key: true })).statusCode, 200);
    assert.equal((await staff.request('PUT', `/api/proposals/${p}/sponsors`, { userIds: ids })).statusCode, 200);

    const below = await (await t.as('county_staff')).get('/api/proposals/sponsor-candidates');
    assert.deepEqual(below.data.map((c: { id: number }) => c.id).sort((a: number, b: number) => a - b), [t.fixture.users.leader!, province, county].sort((a, b) => a - b));
    assert.equal((await staff.get(`/api/proposals/sponsor-candidates?organizationId=${t.fixture.province}`)).statusCode, 404, 'an organization the caller does not see');
    assert.equal((await staff.get('/api/proposals/sponsor-candidates?organizationId=abc')).statusCode, 400);
  });
});

describe('quality', () => {
  it('the committee rates proposals and selects excellent ones; other staff may not; both export to .xlsx', async () => {
    const good = await aProposal({ year: 2024, title: '关于完善农村养老服务体系的建议' });
    const plain = await aProposal({ year: 2024, title: '关于优化营商环境的建议' });
    const rejected = await aProposal({ year: 2024, state: 'rejected' });
    assert.equal((await staff.request('PUT', `/api/proposals/${good}/quality`, { score: 90 })).statusCode, 403, 'staff outside the committee');
    assert.equal((await leader.request('PUT', `/api/proposals/${good}/quality`, { score: 90 })).statusCode, 403);
    assert.equal((await committee.request('PUT', `/api/proposals/${good}/quality`, { score: 101 })).data.errors[0].field, 'body.score');
    assert.equal((await committee.request('PUT', `/api/proposals/${rejected}/quality`, { score: 60 })).statusCode, 409);
    assert.equal((await committee.request('PUT', `/api/proposals/${good}/excellent`, { selected: true })).statusCode, 409, 'rated first');
    assert.equal((await committee.request('PUT', `/api/proposals/${good}/quality`, { score: 95, comment: '调研深入，建议可行' })).statusCode, 200);
    assert.equal((await committee.request('PUT', `/api/proposals/${plain}/quality`, { score: 70 })).statusCode, 200);
    const chosen = await committee.request('PUT', `/api/proposals/${good}/excellent`, { selected: true, citation: '年度优秀提案' });
    assert.equal(chosen.statusCode, 200);
    assert.deepEqual(chosen.data, { proposalId: good, score: 95, comment: '调研深入，建议可行', excellent: true, citation: '年度优秀提案' });
    const excellent = await leader.get('/api/proposals/excellent?year=2024');
    assert.deepEqual(excellent.data.map((p: { id: number }) => p.id), [good]);
    const rows = await sheet(await staff.get('/api/proposals/quality.xlsx?year=2024'));
    assert.deepEqual(rows[0], ['提案号', '标题', '提案者', '界别', '质量评分', '评语', '优秀提案']);
    const byTitle = new Map(rows.slice(1).map((r) => [r[1], r]));
    assert.deepEqual(byTitle.get('关于完善农村养老服务体系的建议')!.slice(2), ['周静', '经济界', 95, '调研深入，建议可行', '是']);
    assert.equal(byTitle.get('关于优化营商环境的建议')![4], 70);
    // Numbered as people write them, not as a bare 37.
    for (const r of rows.slice(1)) assert.match(String(r[0]), /^第.+届第.+次会议 第\d{4}号$/);
    assert.equal(rows.length, 3, 'only the accepted proposals of 2024');
    assert.equal((await member.get('/api/proposals/quality.xlsx?year=2024')).statusCode, 403);
  });

  it("the office rates a unit's handling after it replied; the units' year exports to .xlsx", async () => {
    const p = await aProposal({ year: 2025 });
    const open = await anAssignment(p, { deadline: '2025-08-01' });
    const replied = await anAssignment(await aProposal({ year: 2025 }), { deadline: '2025-08-01', state: 'replied', repliedAt: '2025-07-20T02:00:00.000Z', unitId: otherUnit });
    assert.equal((await staff.request('PUT', `/api/proposals/assignments/${open}/quality`, { score: 80 })).statusCode, 409);
    assert.equal((await unit.request('PUT', `/api/proposals/assignments/${replied}/quality`, { score: 80 })).statusCode, 403);
    const ok = await staff.request('PUT', `/api/proposals/assignments/${replied}/quality`, { score: 88, comment: '答复及时，沟通充分' });
    assert.equal(ok.statusCode, 200, ok.body);
    const rows = await sheet(await staff.get('/api/proposals/unit-quality.xlsx?year=2025'));
    assert.deepEqual(rows[0], ['承办单位', '交办件数', '已答复', '按期答复', '已评价', '平均得分']);
    assert.deepEqual(rows.find((r) => r[0] === '市卫生健康委'), ['市卫生健康委', 1, 1, 1, 1, 88]);
    assert.deepEqual(rows.find((r) => r[0] === '市教育局')?.slice(0, 5), ['市教育局', 1, 0, 0, 0]);
  });
});

describe('public disclosure', () => {
  let shown: number;
  let hidden: number;
  before(async () => {
    shown = await aProposal({ title: '关于加强古运河文化遗产保护的建议', cosigner: true, reasons: '大运河嘉兴段遗产点保护压力大，沿岸开发与保护矛盾突出。' });
    const a = await anAssignment(shown, { deadline: '2023-09-30', state: 'replied', repliedAt: '2023-09-01T02:00:00.000Z' });
    await aReply(shown, a);
    hidden = await aProposal({ title: '关于整治城区噪音扰民问题的建议' });
  });

  it('only office staff publish, only accepted proposals; anonymous readers see only what was published', async () => {
    const submitted = await aProposal({ state: 'submitted' });
    assert.equal((await staff.request('PUT', `/api/proposals/${submitted}/disclosure`, { public: true })).statusCode, 409);
    assert.equal((await member.request('PUT', `/api/proposals/${shown}/disclosure`, { public: true })).statusCode, 403);
    assert.equal((await t.anonymous().request('PUT', `/api/proposals/${shown}/disclosure`, { public: true })).statusCode, 401);
    const res = await staff.request('PUT', `/api/proposals/${shown}/disclosure`, { public: true, replies: true });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.data, { proposalId: shown, public: true, replies: true });
    const anyone = t.anonymous();
    const list = await anyone.get('/api/public/proposals');
    assert.equal(list.statusCode, 200);
    assert.deepEqual(list.data.items.map((p: { id: number }) => p.id), [shown]);
    assert.deepEqual(list.data.items[0].proposers, [{ name: '周静', sector: '经济界' }, { name: '陆明', sector: '教育界' }]);
    assert.equal((await anyone.get(`/api/public/proposals?q=${encodeURIComponent('运河')}`)).data.total, 1, 'searchable in Chinese');
    assert.equal((await anyone.get(`/api/public/proposals?q=${encodeURIComponent('噪音')}`)).data.total, 0, 'an unpublished proposal is not found');
    assert.equal((await anyone.get(`/api/public/proposals/${hidden}`)).statusCode, 404);
    const detail = await anyone.get(`/api/public/proposals/${shown}`);
    assert.equal(detail.statusCode, 200);
    assert.equal(detail.data.replies.length, 1);
    assert.match(detail.data.replies[0].letterText, /新增托位2000个/);
    assert.equal(detail.data.sessionLabel, '第九届第二次会议');
  });

  it('exposes no personal data beyond names and sectors', async () => {
    const anyone = t.anonymous();
    const bodies = [(await anyone.get('/api/public/proposals')).body, (await anyone.get(`/api/public/proposals/${shown}`)).body];
    const accounts = await t.services.db.selectFrom('users').select(['username', 'display_name']).execute();
    for (const body of bodies) {
      for (const phone of PHONES) assert.ok(!body.includes(phone), 'no phone');
      assert.ok(!body.includes('秘密研究所'), 'no workplace');
      for (const key of ['userId', 'memberId', 'authorUserId', 'author_user_id', 'member_id', 'unitId', 'assignmentId', 'sectorId', 'phone', 'workplace', 'email'])
        assert.ok(!body.includes(`"${key}"`), `no ${key}`);
      for (const a of accounts) assert.ok(!body.includes(a.display_name), `no account name ${a.username}`);
    }
  });

  it('withdrawing from the public page hides the proposal; the replies can stay private', async () => {
    await staff.request('PUT', `/api/proposals/${shown}/disclosure`, { public: true, replies: false });
    const detail = await t.anonymous().get(`/api/public/proposals/${shown}`);
    assert.deepEqual(detail.data.replies, []);
    assert.equal(detail.data.replied, false);
    await staff.request('PUT', `/api/proposals/${shown}/disclosure`, { public: false });
    assert.equal((await t.anonymous().get(`/api/public/proposals/${shown}`)).statusCode, 404);
    const actions = (await staff.get(`/api/proposals/${shown}/timeline`)).data.filter((e: { action: string }) => e.action === 'disclose');
    assert.equal(actions.length, 3);
  });
});

describe('documents', () => {
  it('a proposal as .docx in the official layout, for those who may read it', async () => {
    const p = await aProposal({ title: '关于推动数字乡村建设的建议', cosigner: true });
    await anAssignment(p, { deadline: '2023-10-31', role: 'lead' });
    await anAssignment(p, { deadline: '2023-10-31', role: 'assisting', unitId: otherUnit });
    const res = await staff.get(`/api/proposals/${p}/document.docx`);
    assert.equal(res.statusCode, 200, res.body);
    assert.match(String(res.headers['content-disposition']), /filename\*=UTF-8''/);
    const text = await documentXml(res);
    const number = (await t.services.db.selectFrom('proposals').select('number').where('id', '=', p).executeTakeFirstOrThrow()).number!;
    for (const part of ['嘉兴市政协', '提　案', '第九届第二次会议', `第${String(number).padStart(4, '0')}号`, '关于推动数字乡村建设的建议', '周静、陆明', '经济界、教育界', '案由', '普惠性托位紧缺', '建议', '鼓励用人单位举办托育机构', '主办：市教育局', '协办：市卫生健康委'])
      assert.ok(text.includes(part), `${part} in the document`);
    assert.equal((await member.get(`/api/proposals/${p}/document.docx`)).statusCode, 200, 'the proposer');
    assert.equal((await (await t.as('public')).get(`/api/proposals/${p}/document.docx`)).statusCode, 404);
    assert.equal((await t.anonymous().get(`/api/proposals/${p}/document.docx`)).statusCode, 401);
  });

  it('a reply letter as .docx; a unit not assigned may not read it', async () => {
    const p = await aProposal({ title: '关于提升公共图书馆服务效能的建议' });
    const a = await anAssignment(p, { deadline: '2023-10-31', state: 'replied', repliedAt: '2023-10-10T02:00:00.000Z' });
    const reply = await aReply(p, a, 'A', '2023-10-10T02:00:00.000Z');
    const text = await documentXml(await unit.get(`/api/proposals/replies/${reply}/letter.docx`));
    for (const part of ['A类', '市教育局', '尊敬的周静委员', '《关于提升公共图书馆服务效能的建议》', '明年新增托位2000个', '2023年10月10日'])
      assert.ok(text.includes(part), `${part} in the letter`);
    assert.equal((await (await unit2()).get(`/api/proposals/replies/${reply}/letter.docx`)).statusCode, 404);
    assert.equal((await member.get(`/api/proposals/replies/${reply}/letter.docx`)).statusCode, 200);
    assert.equal((await staff.get('/api/proposals/replies/999999/letter.docx')).statusCode, 404);
  });

  it('the filtered list to .xlsx, the same rows the list shows', async () => {
    const list = await staff.get('/api/proposals?state=rejected&limit=100');
    const rows = await sheet(await staff.get('/api/proposals/export.xlsx?state=rejected'));
    assert.equal(rows[0]![0], '提案号');
    assert.equal(rows.length - 1, list.data.total);
    assert.ok(rows.slice(1).every((r) => r[6] === '不立案'));
    const all = await sheet(await leader.get('/api/proposals/export.xlsx?year=2023'));
    assert.equal(all.length - 1, (await staff.get('/api/proposals?year=2023&limit=100')).data.total);
    assert.equal((await staff.get('/api/proposals/export.xlsx?state=nonsense')).statusCode, 400);
    assert.equal((await unit.get('/api/proposals/export.xlsx')).statusCode, 403);
  });
});

describe('statistics', () => {
  it('counts, rates and the headline figures of a year, checked against known data', async () => {
    const Y = 2020;
    const closed = await aProposal({ year: Y, state: 'closed' });
    const h1 = await aProposal({ year: Y, state: 'handling' });
    const h2 = await aProposal({ year: Y, state: 'handling', round: 2, kind: 'joint' });
    await aProposal({ year: Y, state: 'rejected' });
    await aProposal({ year: Y, state: 'submitted' });
    await aProposal({ year: Y, state: 'draft' });
    const a1 = await anAssignment(closed, { deadline: '2020-08-31', state: 'replied', repliedAt: '2020-08-31T15:00:00.000Z' }); // 23:00 in Shanghai: on time
    await anAssignment(h1, { deadline: '2020-08-31', state: 'signed' }); // overdue
    await anAssignment(h1, { deadline: '2020-08-31', role: 'assisting', state: 'replied', repliedAt: '2020-09-20T02:00:00.000Z', unitId: otherUnit });
    const a3 = await anAssignment(h2, { deadline: '2020-08-31', role: 'separate', state: 'replied', repliedAt: '2020-09-01T01:00:00.000Z', unitId: otherUnit }); // late
    await aReply(closed, a1, 'A');
    await aReply(h2, a3, 'B');
    const rate = async (p: number, a: number, result: string, user: number) =>
      t.services.db.insertInto('proposal_evaluations').values({ assignment_id: a, proposal_id: p, round: 1, user_id: user, result: result as 'satisfied', comment: null, created_at: new Date().toISOString() }).execute();
    await rate(closed, a1, 'satisfied', t.fixture.users.member!);
    await rate(closed, a1, 'satisfied', t.fixture.users.admin!);
    await rate(h2, a3, 'basically_satisfied', t.fixture.users.member!);
    await rate(h2, a3, 'unsatisfied', t.fixture.users.admin!);

    const res = await leader.get(`/api/proposals/stats?year=${Y}`);
    assert.equal(res.statusCode, 200, res.body);
    const s = res.data;
    assert.equal(s.filed, 5, 'the draft is not counted');
    assert.deepEqual(s.byState, { closed: 1, handling: 2, rejected: 1, submitted: 1 });
    assert.deepEqual(s.byKind, { individual: 4, joint: 1 });
    assert.deepEqual(s.bySession, [{ sessionId: session2, label: '第九届第二次会议', count: 5 }]);
    assert.deepEqual(s.bySector, [{ sectorId: t.fixture.sectors['经济界'], name: '经济界', count: 5 }]);
    assert.equal(s.accepted, 3);
    assert.equal(s.answered, 2, 'the closed one and the one in its second round');
    assert.deepEqual(s.acceptanceRate, { numerator: 3, denominator: 4, rate: 0.75 });
    assert.deepEqual(s.onTimeReplyRate, { numerator: 1, denominator: 3, rate: 0.3333 });
    assert.deepEqual(s.satisfactionRate, { numerator: 3, denominator: 4, rate: 0.75 });
    assert.deepEqual(s.byReplyClass, { A: 1, B: 1 });
    assert.deepEqual(
      s.byUnit.map((u: { name: string; assigned: number; replied: number; onTime: number; overdue: number }) => [u.name, u.assigned, u.replied, u.onTime, u.overdue]).sort(),
      [['市卫生健康委', 2, 2, 0, 0], ['市教育局', 2, 1, 1, 1]].sort(),
    );
    assert.equal(s.headline.zh, '2020年共收到提案 5 件，立案 3 件，已答复 2 件；按时答复率 33.3%，满意和基本满意率 75.0%');
    assert.match(s.headline.en, /^2020: 5 proposals filed, 3 accepted, 2 answered;/);
    assert.equal((await member.get(`/api/proposals/stats?year=${Y}`)).statusCode, 403);
    assert.equal((await staff.get(`/api/proposals/stats?year=${Y}&organizationId=${t.fixture.province}`)).statusCode, 404, 'an organization the caller does not see');
    const county = await (await t.as('county_staff')).get(`/api/proposals/stats?year=${Y}`);
    assert.equal(county.data.filed, 0, "the county's own figures, not the city's");
  });
});

describe('who may NOT', () => {
  it('refuses every follow-up route to the roles it is not for', async () => {
    const p = await aProposal();
    const a = await anAssignment(p, { deadline: '2023-12-31', state: 'replied', repliedAt: '2023-12-01T00:00:00.000Z' });
    // A key proposal that the leader sponsors, so that every allowed call can succeed.
    assert.equal((await staff.request('PUT', `/api/proposals/${p}/key`, { key: true })).statusCode, 200);
    assert.equal((await staff.request('PUT', `/api/proposals/${p}/sponsors`, { userIds: [t.fixture.users.leader!] })).statusCode, 200);
    const routes: [method: 'GET' | 'PUT' | 'POST', url: string, body: Record<string, unknown> | undefined, allowed: string[]][] = [
      ['GET', '/api/proposals/overdue', undefined, ['admin', 'staff']],
      ['GET', '/api/proposals/sponsored', undefined, ['leader']],
      ['GET', `/api/proposals/${p}/key`, undefined, ['admin', 'staff', 'leader']],
      ['PUT', `/api/proposals/${p}/key`, { key: true }, ['admin', 'staff']],
      ['PUT', `/api/proposals/${p}/sponsors`, { userIds: [t.fixture.users.leader!] }, ['admin', 'staff']],
      ['GET', '/api/proposals/sponsor-candidates', undefined, ['admin', 'staff']],
      ['POST', `/api/proposals/${p}/progress`, { kind: 'note', heldOn: chinaDate(), text: '进展' }, ['admin', 'staff', 'leader']],
      ['GET', `/api/proposals/${p}/quality`, undefined, ['admin', 'staff']],
      ['PUT', `/api/proposals/${p}/quality`, { score: 80 }, ['admin', 'staff']],
      ['PUT', `/api/proposals/${p}/excellent`, { selected: false }, ['admin', 'staff']],
      ['GET', '/api/proposals/quality', undefined, ['admin', 'staff', 'leader']],
      ['GET', '/api/proposals/excellent', undefined, ['admin', 'staff', 'leader']],
      ['GET', '/api/proposals/quality.xlsx', undefined, ['admin', 'staff', 'leader']],
      ['PUT', `/api/proposals/assignments/${a}/quality`, { score: 80 }, ['admin', 'staff']],
      ['GET', '/api/proposals/unit-quality', undefined, ['admin', 'staff', 'leader']],
      ['GET', '/api/proposals/unit-quality.xlsx', undefined, ['admin', 'staff', 'leader']],
      ['GET', `/api/proposals/${p}/disclosure`, undefined, ['admin', 'staff']],
      ['PUT', `/api/proposals/${p}/disclosure`, { public: false }, ['admin', 'staff']],
      ['GET', '/api/proposals/export.xlsx', undefined, ['admin', 'staff', 'leader']],
      ['GET', '/api/proposals/stats', undefined, ['admin', 'staff', 'leader']],
    ];
    const roles = ['admin', 'staff', 'leader', 'member', 'unit', 'public'];
    const agents = Object.fromEntries(await Promise.all(roles.map(async (r) => [r, await t.as(r)] as const)));
    for (const [method, url, body, allowed] of routes) {
      assert.equal((await t.anonymous().request(method, url, body)).statusCode, 401, `anonymous ${method} ${url}`);
      for (const role of roles) {
        const res = await agents[role]!.request(method, url, body);
        if (allowed.includes(role)) assert.ok(res.statusCode < 400 || res.statusCode === 409, `${role} ${method} ${url}: ${res.statusCode} ${res.body}`);
        else assert.equal(res.statusCode, 403, `${role} may not ${method} ${url}`);
      }
    }
    // A county's office reaches the city's proposals not at all: not found rather than forbidden.
    const county = await t.as('county_staff');
    for (const [method, url, body] of routes.filter(([, u]) => u.includes(`/${p}/`) || u.includes(`/${a}/`)))
      assert.equal((await county.request(method, url, body)).statusCode, 404, `county staff ${method} ${url}`);
  });
});

describe('the API document', () => {
  it('describes the follow-up routes', async () => {
    const res = await t.anonymous().get('/api/openapi.json');
    assert.equal(res.statusCode, 200);
    for (const route of ['/api/proposals/stats', '/api/proposals/overdue', '/api/public/proposals', '/api/notifications', '/api/proposals/{id}/key'])
      assert.ok(res.data.paths[route], `${route} documented`);
    assert.ok(res.data.paths['/api/proposals/stats'].get.responses['200'].content['application/json'].schema.properties.acceptanceRate);
  });
});

describe("notifications of a proposal's steps", () => {
  async function waitFor<T>(probe: () => Promise<T | undefined>, ms = 5000): Promise<T> {
    for (const end = Date.now() + ms; ; await new Promise((r) => setTimeout(r, 50))) {
      const found = await probe();
      if (found !== undefined || Date.now() > end) return found as T;
    }
  }
  const latest = (agent: Agent, kind: string, id: number) => async () =>
    ((await agent.get('/api/notifications')).data.items as { kind: string; entityId: number; body: string }[]).find((n) => n.kind === kind && n.entityId === id);

  it('tells the proposer of the acceptance and the unit of the assignment, once each', async () => {
    const p = await aProposal({ state: 'submitted', title: '关于建设口袋公园的建议' });
    // The factory numbered its accepted proposals itself: the session's counter goes on from there.
    const last = (await t.services.db.selectFrom('proposals').select((eb) => eb.fn.max('number').as('n')).where('session_id', '=', session2).executeTakeFirstOrThrow()).n;
    await t.services.db.insertInto('proposal_counters').values({ session_id: session2, last_number: Number(last) }).onConflict((oc) => oc.column('session_id').doUpdateSet({ last_number: Number(last) })).execute();
    assert.equal((await staff.post(`/api/proposals/${p}/accept`)).statusCode, 200);
    const accepted = await waitFor(latest(member, 'proposal.accepted', p));
    assert.ok(accepted, 'the proposer is told');
    assert.match(accepted.body, /关于建设口袋公园的建议》已立案/);
    const assigned = await staff.post(`/api/proposals/${p}/assign`, { units: [{ unitId: t.fixture.unit, role: 'lead' }] });
    assert.equal(assigned.statusCode, 200, assigned.body);
    assert.ok(await waitFor(latest(unit, 'proposal.assigned', p)), 'the unit is told');
    assert.equal(await waitFor(latest(await unit2(), 'proposal.assigned', p), 300), undefined, 'another unit is not');
    // Each change's notifications come from its outbox row, done once: draining again, as a
    // second server process would, writes nothing more.
    const rows = await t.services.db.selectFrom('outbox').select(['done_at']).where('topic', '=', 'proposals.notify').where('payload', 'like', `{"proposalId":${p},%`).execute();
    assert.ok(rows.length >= 2 && rows.every((r) => r.done_at !== null), 'every change event of the proposal was done');
    assert.equal(await t.outbox.drain(), 0);
    const told = await t.services.db.selectFrom('notifications').select((eb) => eb.fn.countAll().as('n')).where('entity_id', '=', p).where('kind', '=', 'proposal.assigned').executeTakeFirstOrThrow();
    assert.equal(Number(told.n), 1);
  });
});
