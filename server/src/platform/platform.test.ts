import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { multipart, testServer, type TestServer } from '../test/harness.js';
import { grams, words } from './search.js';
import { postgresBus, type BusEvent } from './events.js';
import { JobRunner } from './jobs.js';
import { FileStore, IMAGES } from './files.js';
import { readSheet, writeSheet } from './xlsx.js';
import { passwordProblem } from './auth/password.js';
import { connect } from './db/connect.js';
import { insertRow } from './db/insert.js';

let t: TestServer;
before(async () => {
  t = await testServer();
});
after(() => t.close());

describe('errors', () => {
  it('answers an unknown route with a JSON 404', async () => {
    const res = await t.anonymous().get('/api/no/such/route');
    assert.equal(res.statusCode, 404);
    assert.equal(res.data.code, 'route_not_found');
    assert.equal(res.data.title_en, 'No such route');
  });

  it('refuses malformed JSON, bad UTF-8, wrong types and oversize bodies with a 4xx and no internals', async () => {
    const anon = t.anonymous();
    const cases: [string | Buffer, number, string][] = [
      ['{"username": "a",', 400, 'invalid_json'],
      [Buffer.from([0x7b, 0x22, 0x75, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]), 400, 'invalid_utf8'],
      [JSON.stringify({ username: 5, password: ['x'] }), 400, 'validation_failed'],
      [JSON.stringify({ username: 'a', password: 'x'.repeat(2 * 1024 * 1024) }), 413, 'payload_too_large'],
    ];
    for (const [body, status, code] of cases) {
      const res = await anon.request('POST', '/api/auth/login', body, { 'content-type': 'application/json' });
      assert.equal(res.statusCode, status, code);
      assert.equal(res.data.code, code);
      assert.ok(res.data.title && res.data.title_en);
      assert.doesNotMatch(res.body, /at .*\.ts:|sqlite|SELECT|node_modules/i);
    }
    const typed = await anon.request('POST', '/api/auth/login', JSON.stringify({ username: 5, password: 'x' }), { 'content-type': 'application/json' });
    assert.deepEqual(typed.data.errors.map((e: { field: string }) => e.field), ['body.username']);
    assert.ok(typed.data.errors[0].message && typed.data.errors[0].message_en);
    const wrongType = await anon.request('POST', '/api/auth/login', 'username=a', { 'content-type': 'text/plain' });
    assert.equal(wrongType.statusCode, 415);
  });

  it('sends security headers: CSP, no sniffing, no framing', async () => {
    const res = await t.anonymous().get('/api/health');
    assert.match(String(res.headers['content-security-policy']), /default-src 'self'/);
    assert.match(String(res.headers['content-security-policy']), /frame-ancestors 'none'/);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.equal(res.headers['x-frame-options'], 'DENY');
  });

  it('asks browsers to upgrade requests to https only behind HTTPS, so a page over plain HTTP still loads', async () => {
    const plain = await t.anonymous().get('/api/health');
    assert.doesNotMatch(String(plain.headers['content-security-policy']), /upgrade-insecure-requests/);
    const secure = await testServer({ secureCookies: true });
    try {
      const res = await secure.anonymous().get('/api/health');
      assert.match(String(res.headers['content-security-policy']), /upgrade-insecure-requests/);
      assert.match(String(res.headers['content-security-policy']), /default-src 'self'/);
    } finally {
      await secure.close();
    }
  });

  it('publishes the OpenAPI document generated from the route schemas and a docs page', async () => {
    const doc = await t.anonymous().get('/api/openapi.json');
    assert.equal(doc.statusCode, 200);
    assert.match(doc.data.openapi, /^3\./);
    assert.ok(doc.data.paths['/api/auth/login'].post.requestBody);
    assert.ok(doc.data.paths['/api/orgs/members'].get.parameters.some((p: { name: string }) => p.name === 'q'));
    const page = await t.anonymous().get('/api/docs/');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /swagger/i);
  });
});

describe('password policy', () => {
  it('asks for 8 characters and three of four classes', () => {
    assert.ok(passwordProblem('Ab1!'));
    assert.ok(passwordProblem('abcdefgh1'));
    assert.equal(passwordProblem('abcdefG1'), null);
    assert.equal(passwordProblem('abcdef!1'), null);
  });
});

describe('Chinese tokenization', () => {
  it('cuts words with jieba and keeps every two-character part as a bigram', () => {
    assert.ok(words('关于加快托育服务体系建设的建议').includes('托育'));
    assert.ok(words('关于加快托育服务体系建设的建议').includes('建议'));
    assert.deepEqual(grams('王小伟'), ['王小', '小伟']);
    assert.deepEqual(grams('嘉兴 AI2026'), ['嘉兴', 'ai2026']);
  });
});

describe('event bus', () => {
  it('delivers an event to subscribers of its topic and of every topic', async () => {
    const got: BusEvent[] = [];
    const all: BusEvent[] = [];
    const off = t.services.bus.subscribe('test.ping', (e) => got.push(e));
    const offAll = t.services.bus.subscribe('*', (e) => all.push(e));
    await t.services.bus.publish('test.ping', { n: 1 });
    await t.services.bus.publish('test.other', { n: 2 });
    await new Promise((r) => setTimeout(r, 200));
    off();
    offAll();
    assert.deepEqual(got.map((e) => e.payload), [{ n: 1 }]);
    assert.deepEqual(all.map((e) => e.topic), ['test.ping', 'test.other']);
  });

  it('reaches another server process on PostgreSQL, once each', { skip: !process.env.DATABASE_URL ? 'SQLite runs one process: the in-process bus is the whole story' : false }, async () => {
    // A second connection pool stands for a second server process on the same database.
    const other = connect({ databaseUrl: t.config.databaseUrl, dataDir: t.config.dataDir });
    const otherBus = await postgresBus(other.pool!);
    try {
      const here: unknown[] = [];
      const there: unknown[] = [];
      t.services.bus.subscribe('test.cross', (e) => here.push(e.payload));
      otherBus.subscribe('test.cross', (e) => there.push(e.payload));
      await otherBus.publish('test.cross', { from: 'other' });
      await t.services.bus.publish('test.cross', { from: 'here' });
      for (let i = 0; i < 50 && (here.length < 2 || there.length < 2); i++) await new Promise((r) => setTimeout(r, 50));
      assert.deepEqual(here, [{ from: 'other' }, { from: 'here' }]);
      assert.deepEqual(there, [{ from: 'other' }, { from: 'here' }]);
    } finally {
      await otherBus.close();
      await other.close();
    }
  });
});

describe('scheduled jobs', () => {
  it('runs a due job once across several runners, and again when it is due again', async () => {
    let runs = 0;
    const job = { name: 'test.count', everyMs: 60_000, run: async () => void runs++ };
    const other = connect({ databaseUrl: t.config.databaseUrl, dataDir: t.config.dataDir });
    try {
      const a = new JobRunner(t.services, [job]);
      const b = new JobRunner({ ...t.services, db: other.db }, [job]);
      const now = new Date();
      const ran = await Promise.all([a.runDue(now), b.runDue(now), a.runDue(now), b.runDue(now)]);
      assert.equal(runs, 1);
      assert.equal(ran.flat().length, 1);
      await a.runDue(new Date(now.getTime() + 30_000));
      assert.equal(runs, 1, 'not due yet');
      await b.runDue(new Date(now.getTime() + 61_000));
      assert.equal(runs, 2);
      const row = await t.services.db.selectFrom('jobs').selectAll().where('name', '=', 'test.count').executeTakeFirstOrThrow();
      assert.equal(row.last_result, 'ok');
    } finally {
      await other.close();
    }
  });
});

describe('attachments', () => {
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(100)]);
  it('stores a file within the limits and reads it back', async () => {
    const store = new FileStore(`${t.config.dataDir}/files`);
    const saved = await store.save(t.services.db, { name: '现场照片.png', declaredMime: 'image/png', data: png, organizationId: t.fixture.city, ownerId: null }, { maxBytes: 1024, allowed: IMAGES });
    assert.equal(saved.mime, 'image/png');
    assert.equal(saved.name, '现场照片.png');
    const chunks: Buffer[] = [];
    for await (const c of store.open(saved.id)) chunks.push(c as Buffer);
    assert.deepEqual(Buffer.concat(chunks), png);
    assert.equal((await store.find(t.services.db, saved.id))?.size, png.length);
  });

  it('refuses a file over the size limit, of a type not allowed, or lying about its type', async () => {
    const store = new FileStore(`${t.config.dataDir}/files`);
    const save = (data: Buffer, name: string, mime: string) => store.save(t.services.db, { name, declaredMime: mime, data, organizationId: null, ownerId: null }, { maxBytes: 1024, allowed: IMAGES });
    await assert.rejects(save(Buffer.concat([png, Buffer.alloc(2000)]), 'big.png', 'image/png'), { code: 'payload_too_large' });
    await assert.rejects(save(Buffer.from('%PDF-1.4 hello'), 'a.pdf', 'application/pdf'), { code: 'unsupported_media_type' });
    await assert.rejects(save(Buffer.from('MZ this is an exe'), 'photo.png', 'image/png'), { code: 'unsupported_media_type' });
    const count = await t.services.db.selectFrom('files').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 1);
  });

  it('clears the part an interrupted upload left behind, once it is an hour old, and keeps stored files', async () => {
    const root = `${t.config.dataDir}/files`;
    const store = new FileStore(root);
    const kept = await store.save(t.services.db, { name: 'kept.png', declaredMime: 'image/png', data: png, organizationId: null, ownerId: null }, { maxBytes: 1024, allowed: IMAGES });
    const shard = path.join(root, 'ab');
    fs.mkdirSync(shard, { recursive: true });
    const stale = path.join(shard, `ab${'0'.repeat(30)}.part`);
    const fresh = path.join(shard, `ab${'1'.repeat(30)}.part`);
    fs.writeFileSync(stale, 'half an upload');
    fs.writeFileSync(fresh, 'an upload being written');
    const hourAgo = new Date(Date.now() - 3_700_000);
    fs.utimesSync(stale, hourAgo, hourAgo);
    assert.equal(await store.sweepParts(), 1);
    assert.equal(fs.existsSync(stale), false);
    assert.equal(fs.existsSync(fresh), true);
    const chunks: Buffer[] = [];
    for await (const c of store.open(kept.id)) chunks.push(c as Buffer);
    assert.deepEqual(Buffer.concat(chunks), png);
  });
});

describe('attachment routes', () => {
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);
  it('uploads an image and, until it is attached to a record, lets only the uploader and an admin read it', async () => {
    const member = await t.as('member');
    const { body, headers } = multipart(png, '会议照片.png', 'image/png');
    const up = await member.request('POST', '/api/files', body, headers);
    assert.equal(up.statusCode, 201, up.body);
    assert.equal(up.data.name, '会议照片.png');
    const back = await member.get(`/api/files/${up.data.id}`);
    assert.equal(back.statusCode, 200);
    assert.deepEqual(back.rawPayload, png);
    assert.equal((await (await t.as('admin')).get(`/api/files/${up.data.id}`)).statusCode, 200);
    for (const other of ['staff', 'leader', 'unit', 'public', 'county_admin'])
      assert.equal((await (await t.as(other)).get(`/api/files/${up.data.id}`)).statusCode, 404, other);
    assert.equal((await t.anonymous().get(`/api/files/${up.data.id}`)).statusCode, 401);
  });

  it('refuses an executable dressed as an image and an anonymous upload', async () => {
    const exe = multipart(Buffer.from('MZ\x90\x00 not an image'), 'photo.png', 'image/png');
    const res = await (await t.as('member')).request('POST', '/api/files', exe.body, exe.headers);
    assert.equal(res.statusCode, 415);
    assert.equal(res.data.code, 'unsupported_media_type');
    assert.equal((await t.anonymous().request('POST', '/api/files', exe.body, exe.headers)).statusCode, 401);
  });
});

describe('xlsx helpers', () => {
  it('writes a streamed sheet in Chinese and reads it back', async () => {
    const rows = (async function* () {
      yield ['王小伟', 1975, null];
      yield ['沈建华', 1980, '嘉兴学院'];
    })();
    const stream = writeSheet('名单', [{ header: '姓名' }, { header: '出生年份' }, { header: '工作单位' }], rows);
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    const data = Buffer.concat(chunks);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(data as unknown as ArrayBuffer);
    assert.equal(wb.worksheets[0]!.name, '名单');
    const sheet = await readSheet(data);
    assert.deepEqual(sheet.header, ['姓名', '出生年份', '工作单位']);
    assert.deepEqual(sheet.rows, [
      { row: 2, cells: ['王小伟', '1975', ''] },
      { row: 3, cells: ['沈建华', '1980', '嘉兴学院'] },
    ]);
  });

  it('refuses a file that is not a workbook', async () => {
    await assert.rejects(readSheet(Buffer.from('not a zip')), { code: 'unsupported_media_type' });
  });
});

describe('inserting a row with SQL compiled once', () => {
  it('stores each row with its own values, leaves out undefined columns, returns the id, and refuses values that are not plain', async () => {
    const { db } = t.services;
    const at = new Date().toISOString();
    const ids: number[] = [];
    // The same shape twice (the second run reuses the SQL), then a shape without `ip`.
    for (const [action, ip] of [['first', '10.0.0.1'], ['second', '10.0.0.2'], ['third', undefined]] as const)
      ids.push(await insertRow(db, 'audit_log', { at, actor_id: null, actor_name: '插入测试', action, entity_type: 'insert_test', entity_id: action, organization_id: null, before: null, after: '{"n":1}', ip }, true));
    assert.equal(new Set(ids).size, 3);
    const rows = await db.selectFrom('audit_log').select(['id', 'action', 'entity_id', 'ip', 'after']).where('entity_type', '=', 'insert_test').orderBy('id').execute();
    assert.deepEqual(rows.map((r) => [r.id, r.action, r.entity_id, r.ip, r.after]), [
      [ids[0], 'first', 'first', '10.0.0.1', '{"n":1}'],
      [ids[1], 'second', 'second', '10.0.0.2', '{"n":1}'],
      [ids[2], 'third', 'third', null, '{"n":1}'],
    ]);
    await assert.rejects(insertRow(db, 'audit_log', { at, action: 'bad', entity_type: 'insert_test', after: { n: 1 } as never }), /not a plain value/);
    assert.equal((await db.selectFrom('audit_log').select('id').where('entity_type', '=', 'insert_test').execute()).length, 3);
  });
});
