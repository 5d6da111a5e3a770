import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { insertMembers } from './commands.js';
import { hostile, multipart, testServer, type Agent, type TestServer } from '../../test/harness.js';

let t: TestServer;
let staff: Agent;
let admin: Agent;
before(async () => {
  t = await testServer();
  staff = await t.as('staff');
  admin = await t.as('admin');
});
after(() => t.close());

const aMember = (over: Record<string, unknown> = {}) => ({
  organizationId: t.fixture.city,
  termId: t.fixture.cityTerm,
  name: '王小伟',
  gender: 'male',
  birthYear: 1975,
  ethnicity: '汉族',
  politicalAffiliation: '中共党员',
  sectorId: t.fixture.sectors['经济界'],
  committeeIds: [t.fixture.committees['经济委员会']],
  workplace: `嘉兴市第一医院${hostile}`,
  title: '副院长',
  phone: '13812345678',
  standing: true,
  ...over,
});

async function sheet(rows: (string | number)[][], header = ['姓名', '性别', '出生年份', '民族', '政治面貌', '界别', '专门委员会', '工作单位', '职务', '手机号码', '是否常委']) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('委员名单');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const countMembers = async () => Number((await t.services.db.selectFrom('members').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('members', () => {
  let id: number;
  it('creates a member and shows the phone in full only to the office and the member', async () => {
    const res = await staff.post('/api/orgs/members', aMember());
    assert.equal(res.statusCode, 201, res.body);
    id = res.data.id;
    assert.equal(res.data.sectorName, '经济界');
    assert.deepEqual(res.data.committeeNames, ['经济委员会']);
    assert.equal(res.data.workplace, `嘉兴市第一医院${hostile}`, 'text is stored as given and escaped by the page');
    assert.equal(res.data.phone, '13812345678', 'the office sees the phone in full');
    assert.equal((await admin.get(`/api/orgs/members/${id}`)).data.phone, '13812345678');
    assert.equal((await (await t.as('leader')).get(`/api/orgs/members/${id}`)).data.phone, '138****5678');
    assert.equal((await (await t.as('county_staff')).get(`/api/orgs/members/${id}`)).statusCode, 404, 'a county office does not reach a city member');
    // The member's own account sees their own number.
    await t.services.db.updateTable('users').set({ member_id: id }).where('username', '=', 'member').execute();
    const self = await (await t.as('member')).get(`/api/orgs/members/${id}`);
    assert.equal(self.data.phone, '13812345678');
    const entry = await t.services.db.selectFrom('audit_log').selectAll().where('entity_type', '=', 'member').where('entity_id', '=', String(id)).where('action', '=', 'create').executeTakeFirstOrThrow();
    assert.equal(JSON.parse(entry.after!).name, '王小伟');
  });

  it('finds members by a two-character part of the name or of the workplace, not only by prefix', async () => {
    await staff.post('/api/orgs/members', aMember({ name: '沈建华', workplace: '嘉兴学院', title: '教授', phone: '13900000001', sectorId: t.fixture.sectors['教育界'] }));
    await staff.post('/api/orgs/members', aMember({ name: '朱伟', workplace: '海盐县人民医院', title: '院长', phone: '13900000002' }));
    const names = async (q: string) => (await staff.get(`/api/orgs/members?q=${encodeURIComponent(q)}`)).data.items.map((m: { name: string }) => m.name).sort();
    assert.deepEqual(await names('小伟'), ['王小伟']);
    assert.deepEqual(await names('建华'), ['沈建华']);
    assert.deepEqual(await names('朱伟'), ['朱伟']);
    assert.deepEqual(await names('医院'), ['朱伟', '王小伟']);
    assert.deepEqual(await names('人民医院'), ['朱伟']);
    assert.deepEqual(await names('学院 教授'), ['沈建华']);
    assert.deepEqual(await names('沈'), ['沈建华']);
    assert.deepEqual(await names('不存在的人'), []);
    assert.deepEqual(await names('%'), []);
  });

  it('filters by sector, committee, standing and status, and pages with a cursor', async () => {
    const bySector = await staff.get(`/api/orgs/members?sectorId=${t.fixture.sectors['教育界']}`);
    assert.deepEqual(bySector.data.items.map((m: { name: string }) => m.name), ['沈建华']);
    const byCommittee = await staff.get(`/api/orgs/members?committeeId=${t.fixture.committees['经济委员会']}`);
    assert.equal(byCommittee.data.total, 3);
    const page1 = await staff.get('/api/orgs/members?limit=2');
    assert.equal(page1.data.items.length, 2);
    assert.equal(page1.data.total, 3);
    const page2 = await staff.get(`/api/orgs/members?limit=2&cursor=${page1.data.nextCursor}`);
    assert.equal(page2.data.items.length, 1);
    assert.equal(page2.data.nextCursor, null);
    assert.equal((await staff.get('/api/orgs/members?limit=1000')).statusCode, 400);
    assert.equal((await staff.get('/api/orgs/members?cursor=abc')).data.errors[0].field, 'querystring.cursor');
  });

  it('counts the matches of a common word up to 1,000 and says so', async () => {
    const many = Array.from({ length: 1005 }, (_, i) => ({ ...aMember({ name: `测试${i}`, workplace: '嘉兴某某贸易公司', phone: null, committeeIds: [] }) })) as never[];
    const ids = await t.services.db.transaction().execute((trx) => insertMembers(trx, t.fixture.city, many));
    try {
      const res = await staff.get(`/api/orgs/members?q=${encodeURIComponent('贸易')}`);
      assert.equal(res.data.total, 1000);
      assert.equal(res.data.totalExact, false);
      assert.equal(res.data.items.length, 20);
      assert.deepEqual(res.data.items.map((m: { id: number }) => m.id), ids.slice(0, 20), 'the first page in id order');
      const exact = await staff.get(`/api/orgs/members?q=${encodeURIComponent('贸易')}&sectorId=${t.fixture.sectors['教育界']}`);
      assert.deepEqual([exact.data.total, exact.data.totalExact], [0, true]);
    } finally {
      await t.services.db.deleteFrom('member_committees').where('member_id', 'in', ids).execute();
      await t.services.db.deleteFrom('members').where('id', 'in', ids).execute();
    }
  });

  it('edits a member, audits before and after, and keeps search in step', async () => {
    const res = await staff.patch(`/api/orgs/members/${id}`, { workplace: '嘉兴市妇幼保健院', committeeIds: [t.fixture.committees['提案委员会'], t.fixture.committees['经济委员会']] });
    assert.equal(res.statusCode, 200);
    assert.equal(res.data.workplace, '嘉兴市妇幼保健院');
    assert.deepEqual(res.data.committeeNames.sort(), ['提案委员会', '经济委员会'].sort());
    const log = await admin.get(`/api/audit?entityType=member&entityId=${id}&action=update`);
    assert.equal(log.data.items[0].before.workplace, `嘉兴市第一医院${hostile}`);
    assert.equal(log.data.items[0].after.workplace, '嘉兴市妇幼保健院');
    assert.equal(log.data.items[0].before.name, undefined, 'only changed fields are kept');
    const found = await staff.get(`/api/orgs/members?q=${encodeURIComponent('妇幼')}`);
    assert.deepEqual(found.data.items.map((m: { id: number }) => m.id), [id]);
  });

  it('refuses bad input with field errors and changes nothing', async () => {
    const n = await countMembers();
    const bad = await staff.post('/api/orgs/members', aMember({ name: '', gender: 'x', birthYear: 'old', phone: '123', extra: 1 }));
    assert.equal(bad.statusCode, 400);
    const fields = bad.data.errors.map((e: { field: string }) => e.field).sort();
    assert.deepEqual(fields, ['body.birthYear', 'body.extra', 'body.gender', 'body.name', 'body.phone']);
    const dupPhone = await staff.post('/api/orgs/members', aMember({ phone: '13900000001' }));
    assert.equal(dupPhone.statusCode, 400);
    assert.equal(dupPhone.data.errors[0].field, 'body.phone');
    const foreignSector = await staff.post('/api/orgs/members', aMember({ sectorId: t.fixture.countySector, phone: null }));
    assert.equal(foreignSector.data.errors[0].field, 'body.sectorId');
    const patch = await staff.patch(`/api/orgs/members/${id}`, { workplace: '', name: '新名字' });
    assert.equal(patch.statusCode, 400);
    assert.equal((await staff.get(`/api/orgs/members/${id}`)).data.name, '王小伟');
    assert.equal(await countMembers(), n);
  });

  it('retires a member with a date and reason', async () => {
    const res = await staff.post(`/api/orgs/members/${id}/retire`, { exitedOn: '2026-03-01', reason: '工作调动' });
    assert.equal(res.data.status, 'exited');
    assert.equal(res.data.exitReason, '工作调动');
    assert.equal((await staff.post(`/api/orgs/members/${id}/retire`, { exitedOn: '2026-03-01', reason: '工作调动' })).statusCode, 400);
    assert.equal((await staff.post(`/api/orgs/members/${id}/retire`, { exitedOn: '2026-3-1', reason: 'x' })).data.errors[0].field, 'body.exitedOn');
    const active = await staff.get('/api/orgs/members?status=active');
    assert.ok(active.data.items.every((m: { id: number }) => m.id !== id));
  });
});

describe('scope', () => {
  it('lets the city see its counties, and keeps a county to itself', async () => {
    const countyStaff = await t.as('county_staff');
    const created = await countyStaff.post('/api/orgs/members', aMember({ organizationId: t.fixture.county, termId: t.fixture.countyTerm, sectorId: t.fixture.countySector, committeeIds: [], name: '顾海宁', phone: '13700000000' }));
    assert.equal(created.statusCode, 201, created.body);
    const countyList = await countyStaff.get('/api/orgs/members');
    assert.deepEqual(countyList.data.items.map((m: { name: string }) => m.name), ['顾海宁']);
    const cityList = await staff.get(`/api/orgs/members?organizationId=${t.fixture.county}`);
    assert.deepEqual(cityList.data.items.map((m: { name: string }) => m.name), ['顾海宁']);
    const cityMember = (await staff.get('/api/orgs/members?q=' + encodeURIComponent('建华'))).data.items[0].id;
    assert.equal((await countyStaff.get(`/api/orgs/members/${cityMember}`)).statusCode, 404);
    assert.equal((await countyStaff.patch(`/api/orgs/members/${cityMember}`, { title: 'x' })).statusCode, 404);
    assert.equal((await countyStaff.post('/api/orgs/members', aMember({ phone: '13700000009' }))).statusCode, 403);
    const orgs = await countyStaff.get('/api/orgs/organizations');
    assert.deepEqual(orgs.data.map((o: { name: string }) => o.name), ['海宁市政协']);
  });

  it('lets a member look up other members by name, without anything personal', async () => {
    const member = await t.as('member');
    const found = await member.get(`/api/orgs/members/lookup?q=${encodeURIComponent('建华')}`);
    assert.equal(found.statusCode, 200);
    assert.deepEqual(found.data.items.map((m: { name: string }) => m.name), ['沈建华']);
    assert.deepEqual(Object.keys(found.data.items[0]).sort(), ['id', 'name', 'organizationId', 'organizationName', 'sectorName']);
    assert.equal((await (await t.as('public')).get('/api/orgs/members/lookup?q=x')).statusCode, 403);
    assert.equal((await (await t.as('unit')).get('/api/orgs/members/lookup?q=x')).statusCode, 403);
  });

  it('lets only the office change records, and only admins, staff and leaders list members', async () => {
    for (const user of ['member', 'unit', 'public']) {
      const agent = await t.as(user);
      assert.equal((await agent.get('/api/orgs/members')).statusCode, 403, user);
      assert.equal((await agent.post('/api/orgs/members', aMember({ phone: null }))).statusCode, 403, user);
    }
    const leader = await t.as('leader');
    assert.equal((await leader.get('/api/orgs/members')).statusCode, 200);
    assert.equal((await leader.post('/api/orgs/members', aMember({ phone: null }))).statusCode, 403);
    assert.equal((await t.anonymous().get('/api/orgs/members')).statusCode, 401);
    assert.equal((await t.anonymous().get('/api/orgs/members/export.xlsx')).statusCode, 401);
  });
});

describe('member import and export', () => {
  const good = (name: string, phone: string) => [name, '女', 1980, '汉族', '民盟盟员', '中国民主同盟', '提案委员会、教科卫体委员会', '嘉兴南湖学院', '副教授', phone, '否'];

  it('previews a sheet, names each bad row and column, and imports nothing while a row is wrong', async () => {
    const before = await countMembers();
    const file = await sheet([
      good('陆佳怡', '13600000001'),
      ['钱', '未知', 'abc', '汉族', '群众', '不存在界别', '提案委员会', '', '', '123', '也许'],
      good('顾晓燕', '13600000001'),
    ]);
    const { body, headers } = multipart(file);
    const url = `/api/orgs/members/import?organizationId=${t.fixture.city}&termId=${t.fixture.cityTerm}`;
    const preview = await staff.importFile(url, { body, headers });
    assert.equal(preview.statusCode, 200, preview.body);
    assert.equal(preview.data.committed, false);
    assert.deepEqual([preview.data.total, preview.data.valid, preview.data.invalid], [3, 1, 2]);
    const row3 = preview.data.rows.find((r: { row: number }) => r.row === 3);
    assert.deepEqual(row3.errors.map((e: { column: string }) => e.column), ['性别', '出生年份', '界别', '工作单位', '手机号码', '是否常委']);
    assert.match(row3.errors.find((e: { column: string }) => e.column === '界别').message, /不存在界别/);
    const row4 = preview.data.rows.find((r: { row: number }) => r.row === 4);
    assert.equal(row4.errors[0].column, '手机号码', 'a phone repeated inside the sheet is caught');

    const refused = await staff.importFile(url + '&commit=true', { body, headers });
    assert.equal(refused.statusCode, 422);
    assert.equal(refused.data.code, 'import_invalid');
    assert.equal(refused.data.rows.length, 3);
    assert.equal(await countMembers(), before);

    const skipped = await staff.importFile(url + '&commit=true&skipInvalid=true', { body, headers });
    assert.equal(skipped.statusCode, 200);
    assert.equal(skipped.data.imported, 1);
    assert.equal(await countMembers(), before + 1);
    const imported = await staff.get('/api/orgs/members?q=' + encodeURIComponent('佳怡'));
    assert.deepEqual(imported.data.items[0].committeeNames.sort(), ['提案委员会', '教科卫体委员会'].sort());
  });

  it('refuses a sheet without the expected columns, or a file that is not a workbook', async () => {
    const url = `/api/orgs/members/import?organizationId=${t.fixture.city}&termId=${t.fixture.cityTerm}`;
    const wrong = multipart(await sheet([['x']], ['名字']));
    const res = await staff.importFile(url, wrong);
    assert.equal(res.statusCode, 400);
    assert.match(res.data.detail, /性别/);
    const notXlsx = multipart(Buffer.from('just text'));
    assert.equal((await staff.importFile(url, notXlsx)).statusCode, 415);
    const json = await staff.post(url, {});
    assert.equal(json.statusCode, 415);
  });

  it('exports the filtered members to an .xlsx that opens with the same rows', async () => {
    const res = await staff.get(`/api/orgs/members/export.xlsx?organizationId=${t.fixture.city}&status=active`);
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-disposition']), /filename\*=UTF-8''%E5%A7%94%E5%91%98/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    assert.equal(ws.getRow(1).getCell(1).value, '姓名');
    const names: string[] = [];
    ws.eachRow((row, n) => n > 1 && names.push(String(row.getCell(1).value)));
    const listed = await staff.get(`/api/orgs/members?organizationId=${t.fixture.city}&status=active&limit=100`);
    assert.deepEqual(names.sort(), listed.data.items.map((m: { name: string }) => m.name).sort());
    assert.ok(names.length >= 3);
    const template = await staff.get('/api/orgs/members/import-template.xlsx');
    assert.equal(template.statusCode, 200);
  });
});

describe('reference lists and places', () => {
  it('adds and edits sectors, committees, party groups and handling units, refusing duplicate names', async () => {
    for (const [path, body] of [
      ['sectors', { name: '新闻出版界' }],
      ['committees', { name: '文化文史和学习委员会', sort: 5 }],
      ['party-groups', { name: '九三学社', kind: 'democratic_party' }],
      ['handling-units', { name: '市卫生健康委员会', contactName: '张科长', contactPhone: '0573-82000000', active: true }],
    ] as const) {
      const created = await staff.post(`/api/orgs/${path}`, { organizationId: t.fixture.city, ...body });
      assert.equal(created.statusCode, 201, `${path}: ${created.body}`);
      assert.equal(created.data.name, body.name);
      const dup = await staff.post(`/api/orgs/${path}`, { organizationId: t.fixture.city, ...body });
      assert.equal(dup.statusCode, 409, path);
      const edited = await staff.patch(`/api/orgs/${path}/${created.data.id}`, { name: body.name + '（新）' });
      assert.equal(edited.data.name, body.name + '（新）');
      const list = await staff.get(`/api/orgs/${path}?organizationId=${t.fixture.city}`);
      assert.ok(list.data.some((e: { name: string }) => e.name === body.name + '（新）'));
    }
    const bad = await staff.post('/api/orgs/party-groups', { organizationId: t.fixture.city, name: '某团体', kind: 'club' });
    assert.equal(bad.data.errors[0].field, 'body.kind');
    const noKind = await staff.post('/api/orgs/party-groups', { organizationId: t.fixture.city, name: '无类别团体' });
    assert.equal(noKind.statusCode, 400, 'a party group needs its kind');
    assert.equal(noKind.data.errors[0].field, 'body.kind');
    assert.equal((await (await t.as('leader')).post('/api/orgs/sectors', { organizationId: t.fixture.city, name: 'x' })).statusCode, 403);
  });

  it('creates places tied to a real town or village of the organization', async () => {
    const counties = await staff.get('/api/orgs/divisions?parent=330400');
    assert.equal(counties.data.length, 7);
    const haining = counties.data.find((d: { name: string }) => d.name === '海宁市');
    const towns = await staff.get(`/api/orgs/divisions?parent=${haining.code}`);
    assert.ok(towns.data.length > 5);
    const town = towns.data[0];
    const villages = await staff.get(`/api/orgs/divisions?parent=${town.code}`);
    const village = villages.data[0];
    const hall = await staff.post('/api/orgs/places', { organizationId: t.fixture.city, kind: 'hall', name: `${town.name}民生议事堂`, divisionCode: town.code });
    assert.equal(hall.statusCode, 201, hall.body);
    assert.equal(hall.data.townName, town.name);
    const station = await staff.post('/api/orgs/places', { organizationId: t.fixture.county, kind: 'station', name: `${village.name}协商驿站`, divisionCode: village.code });
    assert.equal(station.data.divisionName, village.name);
    assert.equal(station.data.townName, town.name);
    const lounge = await staff.post('/api/orgs/places', { organizationId: t.fixture.city, kind: 'lounge', name: '“同心”委员会客厅', divisionCode: town.code, stars: 4 });
    assert.equal(lounge.data.stars, 4);
    const starredHall = await staff.post('/api/orgs/places', { organizationId: t.fixture.city, kind: 'hall', name: 'x', divisionCode: town.code, stars: 3 });
    assert.equal(starredHall.data.errors[0].field, 'body.stars');
    // A county's place must lie in the county: a town of another county is refused.
    const nanhu = counties.data.find((d: { name: string }) => d.name === '南湖区');
    const nanhuTown = (await staff.get(`/api/orgs/divisions?parent=${nanhu.code}`)).data[0];
    const outside = await staff.post('/api/orgs/places', { organizationId: t.fixture.county, kind: 'hall', name: 'x', divisionCode: nanhuTown.code });
    assert.equal(outside.data.errors[0].field, 'body.divisionCode');
    const halls = await staff.get('/api/orgs/places?kind=hall');
    assert.deepEqual(halls.data.items.map((p: { name: string }) => p.name), [`${town.name}民生议事堂`]);
    const edited = await staff.patch(`/api/orgs/places/${hall.data.id}`, { active: false });
    assert.equal(edited.data.active, false);
  });
});

describe('organizations', () => {
  it('lets an admin add a CPPCC below their own, which the whole tree then sees', async () => {
    const provinceAdmin = await t.as('province_admin');
    const created = await provinceAdmin.post('/api/orgs/organizations', { name: '桐乡市政协', level: 'county', parentId: t.fixture.city, divisionCode: '330483' });
    assert.equal(created.statusCode, 201, created.body);
    const seen = await (await t.as('staff')).get('/api/orgs/organizations');
    assert.ok(seen.data.some((o: { name: string }) => o.name === '桐乡市政协'), 'the city sees its new county');
    const countyAdmin = await t.as('county_admin');
    assert.equal((await countyAdmin.post('/api/orgs/organizations', { name: 'x', level: 'county', parentId: t.fixture.city })).statusCode, 403);
    assert.equal((await provinceAdmin.post('/api/orgs/organizations', { name: 'x', level: 'county', parentId: t.fixture.city, divisionCode: '999999' })).data.errors[0].field, 'body.divisionCode');
    const pub = await t.anonymous().get('/api/public/organizations');
    assert.ok(pub.data.some((o: { name: string }) => o.name === '桐乡市政协'));
  });
});
