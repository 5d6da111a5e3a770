// Accounts for people in bulk: linking an account to its member or handling unit, accounts made
// by the member and unit imports with one-time initial passwords, and the forced first change.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { hostile, multipart, testServer, type Agent, type TestServer } from '../../test/harness.js';

let t: TestServer;
let admin: Agent;
let staff: Agent;
before(async () => {
  t = await testServer();
  admin = await t.as('admin');
  staff = await t.as('staff');
});
after(() => t.close());

const newMember = async (over: Record<string, unknown> = {}) => {
  const res = await staff.post('/api/orgs/members', {
    organizationId: t.fixture.city, termId: t.fixture.cityTerm, name: '陈思远', gender: 'male', birthYear: 1972, ethnicity: '汉族',
    politicalAffiliation: '无党派人士', sectorId: t.fixture.sectors['经济界'], committeeIds: [], workplace: `嘉兴某公司${hostile}`, title: '', phone: null, standing: false, ...over,
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.data.id as number;
};
const account = (over: Record<string, unknown> = {}) => ({ username: `acc${Math.random().toString(36).slice(2, 8)}`, displayName: '陈思远', password: 'Init-pass-2026', organizationId: t.fixture.city, roles: ['member'], ...over });
const countUsers = async () => Number((await t.services.db.selectFrom('users').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

async function xlsx(header: string[], rows: (string | number)[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名单');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
/** name → [username, password] from the downloaded sheet of initial passwords. */
async function readCredentials(data: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  assert.deepEqual([1, 2, 3].map((c) => ws.getRow(1).getCell(c).value), ['姓名', '用户名', '初始密码']);
  const out = new Map<string, [string, string]>();
  ws.eachRow((row, n) => n > 1 && out.set(String(row.getCell(1).value), [String(row.getCell(2).value), String(row.getCell(3).value)]));
  return out;
}

describe('linking accounts to members and handling units', () => {
  it('links a new account to its member, and refuses a second account for the same member (409)', async () => {
    const memberId = await newMember();
    const res = await admin.post('/api/accounts', account({ memberId }));
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.data.memberId, memberId);
    assert.equal(res.data.memberName, '陈思远');
    const before = await countUsers();
    const again = await admin.post('/api/accounts', account({ memberId }));
    assert.equal(again.statusCode, 409);
    assert.equal(again.data.errors[0].field, 'body.memberId');
    assert.match(again.data.detail, /已有账号/);
    assert.equal(await countUsers(), before);
    const audit = await t.services.db.selectFrom('audit_log').select('after').where('action', '=', 'create').where('entity_type', '=', 'user').where('entity_id', '=', String(res.data.id)).executeTakeFirstOrThrow();
    assert.equal(JSON.parse(audit.after!).memberId, memberId);
    assert.doesNotMatch(audit.after!, /Init-pass/);
  });

  it('links, changes and removes the member or unit of an existing account, audited', async () => {
    const created = await admin.post('/api/accounts', account({ roles: ['member'] }));
    const id = created.data.id;
    const memberId = await newMember({ name: '林晓' });
    const linked = await admin.patch(`/api/accounts/${id}`, { memberId });
    assert.equal(linked.statusCode, 200, linked.body);
    assert.deepEqual([linked.data.memberId, linked.data.memberName], [memberId, '林晓']);
    const entry = await t.services.db.selectFrom('audit_log').select(['before', 'after']).where('action', '=', 'update').where('entity_id', '=', String(id)).orderBy('id', 'desc').executeTakeFirstOrThrow();
    assert.deepEqual([JSON.parse(entry.before!).memberId, JSON.parse(entry.after!).memberId], [null, memberId]);
    const unit = await admin.patch(`/api/accounts/${id}`, { roles: ['unit'], memberId: null, handlingUnitId: t.fixture.unit });
    assert.equal(unit.statusCode, 200, unit.body);
    assert.deepEqual([unit.data.memberId, unit.data.handlingUnitId, unit.data.handlingUnitName], [null, t.fixture.unit, '市教育局']);
    // The member is free again: another account may take it.
    assert.equal((await admin.post('/api/accounts', account({ memberId }))).statusCode, 201);
  });

  it('refuses a member or unit of another organization (400 naming the field), a role that does not match, or a taken member, changing nothing', async () => {
    const countyMember = await newMember({ organizationId: t.fixture.county, termId: t.fixture.countyTerm, sectorId: t.fixture.countySector, name: '县委员' });
    const wrongOrg = await admin.post('/api/accounts', account({ memberId: countyMember }));
    assert.equal(wrongOrg.statusCode, 400);
    assert.equal(wrongOrg.data.errors[0].field, 'body.memberId');
    assert.match(wrongOrg.data.errors[0].message_en, /organization/);
    const countyUnit = (await t.services.db.insertInto('handling_units').values({ organization_id: t.fixture.county, name: '海宁市教育局', contact_name: null, contact_phone: null, active: 1, sort: 0 }).returning('id').executeTakeFirstOrThrow()).id;
    const wrongUnit = await admin.post('/api/accounts', account({ roles: ['unit'], handlingUnitId: countyUnit }));
    assert.equal(wrongUnit.statusCode, 400);
    assert.equal(wrongUnit.data.errors[0].field, 'body.handlingUnitId');
    const memberId = await newMember({ name: '角色不符' });
    const wrongRole = await admin.post('/api/accounts', account({ roles: ['staff'], memberId }));
    assert.equal(wrongRole.statusCode, 400);
    assert.equal(wrongRole.data.errors[0].field, 'body.memberId');

    const target = (await admin.post('/api/accounts', account())).data.id;
    const taken = (await admin.post('/api/accounts', account({ memberId }))).data.memberId;
    assert.equal(taken, memberId);
    for (const [body, status, field] of [
      [{ memberId: countyMember }, 400, 'body.memberId'],
      [{ memberId }, 409, 'body.memberId'],
      [{ roles: ['unit'], handlingUnitId: countyUnit }, 400, 'body.handlingUnitId'],
    ] as const) {
      const res = await admin.patch(`/api/accounts/${target}`, body);
      assert.equal(res.statusCode, status, JSON.stringify(body));
      assert.equal(res.data.errors[0].field, field);
    }
    const unchanged = await t.services.db.selectFrom('users').select(['member_id', 'handling_unit_id']).where('id', '=', target).executeTakeFirstOrThrow();
    assert.deepEqual(unchanged, { member_id: null, handling_unit_id: null });
  });

  it('lets only an admin of the organization link accounts', async () => {
    const target = (await admin.post('/api/accounts', account())).data.id;
    const memberId = await newMember({ name: '无权者' });
    assert.equal((await staff.patch(`/api/accounts/${target}`, { memberId })).statusCode, 403);
    assert.equal((await staff.post('/api/accounts', account({ memberId }))).statusCode, 403);
    assert.equal((await t.anonymous().patch(`/api/accounts/${target}`, { memberId })).statusCode, 401);
    const county = await t.as('county_admin');
    assert.equal((await county.patch(`/api/accounts/${target}`, { memberId })).statusCode, 404);
    assert.equal((await county.post('/api/accounts', account({ memberId }))).statusCode, 403);
    const row = await t.services.db.selectFrom('users').select('member_id').where('id', '=', target).executeTakeFirstOrThrow();
    assert.equal(row.member_id, null);
  });
});

const MEMBER_COLUMNS = ['姓名', '性别', '出生年份', '民族', '政治面貌', '界别', '专门委员会', '工作单位', '职务', '手机号码', '是否常委'];
const memberRow = (name: string, phone: string) => [name, '女', 1981, '汉族', '群众', '教育界', '', '嘉兴学院', '教授', phone, '否'];

describe('member import with accounts', () => {
  it('creates an account per imported member; the initial passwords come once as an .xlsx, and must be changed before anything else', async () => {
    const file = multipart(await xlsx(MEMBER_COLUMNS, [memberRow('周雨桐', '13700000001'), memberRow(`吴${hostile}`.slice(0, 30), '13700000002')]));
    const url = `/api/orgs/members/import?organizationId=${t.fixture.city}&termId=${t.fixture.cityTerm}&commit=true&accounts=true`;
    const res = await staff.importFile(url, file);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.data.memberIds.length, 2);
    assert.equal(res.data.accountIds.length, 2);
    assert.equal(res.data.credentials.accounts, 2);
    const users = await t.services.db.selectFrom('users').select(['id', 'username', 'member_id', 'must_change_password', 'password_hash']).where('id', 'in', res.data.accountIds).orderBy('id').execute();
    assert.deepEqual(users.map((u) => u.member_id), res.data.memberIds);
    assert.deepEqual(users.map((u) => u.username), res.data.memberIds.map((id: number) => `m${String(id).padStart(4, '0')}`));
    assert.ok(users.every((u) => u.must_change_password === 1 && u.password_hash.startsWith('$argon2id$')));

    // Another staff member of the same office cannot fetch it; the importer can, once.
    const other = await t.as('county_staff');
    assert.equal((await other.get(res.data.credentials.url)).statusCode, 404);
    assert.equal((await admin.get(res.data.credentials.url)).statusCode, 404);
    assert.equal((await t.anonymous().get(res.data.credentials.url)).statusCode, 401);
    const download = await staff.get(res.data.credentials.url);
    assert.equal(download.statusCode, 200);
    assert.equal(download.headers['cache-control'], 'no-store');
    const second = await staff.get(res.data.credentials.url);
    assert.equal(second.statusCode, 404);
    assert.match(second.data.detail, /已下载或已过期/);
    const creds = await readCredentials(download.rawPayload);
    assert.equal(creds.size, 2);
    const [username, password] = creds.get('周雨桐')!;
    // Nowhere in the database in plain text, not even in the audit log.
    const audit = await t.services.db.selectFrom('audit_log').select(['before', 'after']).execute();
    assert.ok(!JSON.stringify(audit).includes(password));
    const sealed = await t.services.db.selectFrom('account_credentials').selectAll().execute();
    assert.equal(sealed.length, 0);

    const person = t.anonymous();
    const login = await person.post('/api/auth/login', { username, password });
    assert.equal(login.statusCode, 200, login.body);
    assert.equal(login.data.user.mustChangePassword, true);
    for (const path of ['/api/me', '/api/orgs/members/' + res.data.memberIds[0], '/api/proposals']) {
      const refused = await person.get(path);
      assert.equal(refused.statusCode, 403, path);
      assert.equal(refused.data.code, 'password_change_required');
      assert.equal(refused.data.title, '请先修改初始密码');
    }
    assert.equal((await person.post('/api/me/password', { currentPassword: password, newPassword: password })).statusCode, 400);
    const changed = await person.post('/api/me/password', { currentPassword: password, newPassword: 'My-own-pass-2027' });
    assert.equal(changed.statusCode, 204, changed.body);
    const me = await person.get('/api/me');
    assert.equal(me.statusCode, 200);
    assert.equal(me.data.mustChangePassword, false);
    assert.equal(me.data.memberId, res.data.memberIds[0]);
    assert.equal((await person.get('/api/orgs/members/' + res.data.memberIds[0])).statusCode, 200);
    assert.equal((await t.anonymous().post('/api/auth/login', { username, password })).statusCode, 401);
  });

  it('signs out a user who has not changed the initial password yet', async () => {
    const file = multipart(await xlsx(MEMBER_COLUMNS, [memberRow('郑一鸣', '13700000003')]));
    const res = await staff.importFile(`/api/orgs/members/import?organizationId=${t.fixture.city}&termId=${t.fixture.cityTerm}&commit=true&accounts=true`, file);
    const [username, password] = (await readCredentials((await staff.get(res.data.credentials.url)).rawPayload)).get('郑一鸣')!;
    const person = t.anonymous();
    await person.post('/api/auth/login', { username, password });
    assert.equal((await person.post('/api/auth/logout')).statusCode, 204);
    assert.equal((await person.get('/api/me')).statusCode, 401);
  });

  it('creates no account when not asked, and none at a preview', async () => {
    const before = await countUsers();
    const file = multipart(await xlsx(MEMBER_COLUMNS, [memberRow('冯可', '13700000004')]));
    const preview = await staff.importFile(`/api/orgs/members/import?organizationId=${t.fixture.city}&termId=${t.fixture.cityTerm}&accounts=true`, file);
    assert.deepEqual([preview.data.committed, preview.data.accountIds, preview.data.credentials], [false, [], null]);
    const plain = await staff.importFile(`/api/orgs/members/import?organizationId=${t.fixture.city}&termId=${t.fixture.cityTerm}&commit=true`, file);
    assert.equal(plain.data.memberIds.length, 1);
    assert.deepEqual([plain.data.accountIds, plain.data.credentials], [[], null]);
    assert.equal(await countUsers(), before);
    const member = await t.as('member');
    assert.equal((await member.importFile(`/api/orgs/members/import?organizationId=${t.fixture.city}&termId=${t.fixture.cityTerm}&commit=true&accounts=true`, file)).statusCode, 403);
    const county = await t.as('county_staff');
    assert.equal((await county.importFile(`/api/orgs/members/import?organizationId=${t.fixture.city}&termId=${t.fixture.cityTerm}&commit=true&accounts=true`, file)).statusCode, 403);
    assert.equal(await countUsers(), before);
  });
});

describe('handling-unit import with accounts', () => {
  const url = (q: string) => `/api/orgs/handling-units/import?organizationId=${t.fixture.city}${q}`;
  it('offers a template, checks each row, and creates units and their accounts', async () => {
    const template = await staff.get('/api/orgs/handling-units/import-template.xlsx');
    assert.equal(template.statusCode, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
    assert.deepEqual([1, 2, 3].map((c) => wb.worksheets[0]!.getRow(1).getCell(c).value), ['单位名称', '联系人', '联系电话']);

    const bad = multipart(await xlsx(['单位名称', '联系人', '联系电话'], [['市卫生健康委员会', '李华', '0573-82011111'], ['市教育局', '', ''], ['', '王', 'abc'], ['市卫生健康委员会', '', '']]));
    const preview = await staff.importFile(url(''), bad);
    assert.equal(preview.statusCode, 200, preview.body);
    assert.deepEqual(preview.data.rows.map((r: { errors: { column: string }[] }) => r.errors.map((e) => e.column)), [[], ['单位名称'], ['单位名称', '联系电话'], ['单位名称']]);
    const units = async () => Number((await t.services.db.selectFrom('handling_units').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const before = [await units(), await countUsers()];
    assert.equal((await staff.importFile(url('&commit=true&accounts=true'), bad)).statusCode, 422);
    assert.deepEqual([await units(), await countUsers()], before);

    // The existing 市教育局 has an account (the fixture's unit user): it gets no second one.
    const good = multipart(await xlsx(['单位名称', '联系人', '联系电话'], [['市卫生健康委员会', '李华', '0573-82011111'], ['市住房和城乡建设局', '', '']]));
    const res = await staff.importFile(url('&commit=true&accounts=true'), good);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.data.unitIds.length, 2);
    assert.equal(res.data.accountIds.length, 2);
    const creds = await readCredentials((await staff.get(res.data.credentials.url)).rawPayload);
    const [username, password] = creds.get('市卫生健康委员会')!;
    assert.equal(username, `u${String(res.data.unitIds[0]).padStart(4, '0')}`);
    const unit = t.anonymous();
    assert.equal((await unit.post('/api/auth/login', { username, password })).statusCode, 200);
    assert.equal((await unit.get('/api/me')).data.code, 'password_change_required');
    assert.equal((await unit.post('/api/me/password', { currentPassword: password, newPassword: 'Unit-own-pass-9' })).statusCode, 204);
    const me = await unit.get('/api/me');
    assert.deepEqual([me.data.handlingUnitId, me.data.roles[0].role], [res.data.unitIds[0], 'unit']);

    // An existing unit without an account gets one when asked.
    const again = multipart(await xlsx(['单位名称', '联系人', '联系电话'], [['市住房和城乡建设局', '', '']]));
    const refused = await staff.importFile(url('&accounts=true'), again);
    assert.match(refused.data.rows[0].errors[0].message, /已有账号/);
    assert.equal((await (await t.as('member')).importFile(url('&commit=true'), good)).statusCode, 403);
    assert.equal((await t.anonymous().importFile(url('&commit=true'), good)).statusCode, 401);
  });
});
