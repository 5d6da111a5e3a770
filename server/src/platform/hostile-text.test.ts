// Characters no database or XML file can hold are refused at the edge with the field they are in,
// on SQLite and PostgreSQL alike: JSON bodies, query strings, path parameters and form fields.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { multipart, testServer, type Agent, type TestServer } from '../test/harness.js';
import { illegalCharacter, xmlSafe } from './text.js';
import { aPlace, form } from '../modules/opinions/testing.js';

let t: TestServer;
let admin: Agent;
before(async () => {
  t = await testServer({ challengeBits: 0 });
  admin = await t.as('admin');
});
after(() => t.close());

type Res = Awaited<ReturnType<Agent['request']>>;
function refused(res: Res, field: string) {
  assert.equal(res.statusCode, 400, res.body);
  assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
  assert.equal(res.data.code, 'validation_failed');
  const error = res.data.errors?.find((e: { field: string }) => e.field === field);
  assert.ok(error, `an error names ${field}: ${res.body}`);
  assert.equal(error.code, 'invalid_character');
  assert.match(error.message, /无法保存的字符/);
  assert.match(error.message_en, /cannot be stored/);
}

const json = (agent: Agent, method: 'POST' | 'PATCH', url: string, raw: string) => agent.request(method, url, raw, { 'content-type': 'application/json' });

describe('text that cannot be stored', () => {
  it('is told apart from text that can', () => {
    for (const bad of ['\0', '\x01', '\x0b', '\x1f', '\ud800', 'a\udc00', '\ufffe', '\uffff', '\ufdd0', '\u{1fffe}', '\u{10ffff}']) assert.ok(illegalCharacter(`好${bad}`), JSON.stringify(bad));
    for (const good of ['\t\n\r', '\u{1f600}', '中文 English ١٢٣', '\u202e', '\x7f\x85', '\ufffd']) assert.equal(illegalCharacter(good), null, JSON.stringify(good));
    assert.equal(xmlSafe('a\0b\ufffe\ud800c\u{1f600}'), 'abc\u{1f600}');
  });

  it('in a JSON body is refused naming the field, before sign-in or the database sees it', async () => {
    refused(await t.anonymous().post('/api/auth/login', { username: 'admin\0', password: 'x' }), 'body.username');
    refused(await t.anonymous().post('/api/auth/register', { username: 'resident1', password: 'Long-enough-1', displayName: '张\ufffe三', organizationId: t.fixture.city }), 'body.displayName');
    refused(await admin.post('/api/accounts', { username: 'x1', displayName: '\uffff', password: 'Long-enough-1', organizationId: t.fixture.city, roles: ['staff'] }), 'body.displayName');
    // A lone surrogate arrives as a JSON escape: valid JSON, not valid text.
    refused(await json(admin, 'POST', '/api/opinions', `{"organizationId":${t.fixture.city},"title":"\\ud800","text":"x","category":"other"}`), 'body.title');
    // Nested fields and keys are named by their path.
    refused(await admin.post('/api/opinions', { organizationId: t.fixture.city, title: 't', text: 'x', category: 'other', attachmentIds: ['a', 'b\x01'] }), 'body.attachmentIds.1');
    refused(await admin.post('/api/opinions', { organizationId: t.fixture.city, title: 't', text: 'x', category: 'other', 'bad\0key': 1 }), 'body.badkey');
  });

  it('in a query string or a path parameter is refused naming it', async () => {
    refused(await admin.get('/api/accounts?q=%00'), 'querystring.q');
    refused(await admin.get('/api/audit?action=%EF%BF%BE'), 'querystring.action');
    refused(await admin.get('/api/orgs/members?q=%E5%BC%A0%00'), 'querystring.q');
    refused(await admin.get('/api/files/%00'), 'params.id');
  });

  it('in a form field is refused naming it, and a file name only loses the character', async () => {
    const at = new Date().toISOString();
    const placeId = await aPlace(t, '议事堂');
    await t.services.db.insertInto('opinion_qr_codes').values({ organization_id: t.fixture.city, place_id: placeId, code: 'hostile1', created_at: at }).execute();
    const f = form({ text: '路灯坏了\0', category: 'other', challenge: 'x', solution: '1' });
    refused(await t.anonymous().request('POST', '/api/q/hostile1/opinions', f.body, f.headers), 'body.text');
    const named = multipart(Buffer.from('%PDF-1.4\n%test\n'), '会议\x01材料\ufffe.pdf', 'application/pdf');
    const saved = await admin.request('POST', '/api/files', named.body, named.headers);
    assert.equal(saved.statusCode, 201, saved.body);
    assert.equal(saved.data.name, '会议材料.pdf');
  });

  it('an id beyond what the databases store, a malformed address or an over-long parameter is a 4xx problem, not a failed query', async () => {
    const big = await admin.get('/api/orgs/members/2147483648');
    assert.equal(big.statusCode, 400, big.body);
    assert.equal(big.data.errors[0].field, 'params.id');
    const inBody = await admin.post('/api/opinions', { organizationId: 2 ** 31, title: 't', text: 'x', category: 'other' });
    assert.equal(inBody.data.errors[0].field, 'body.organizationId');
    assert.equal((await admin.get(`/api/orgs/members?cursor=${2 ** 31}`)).statusCode, 400);
    for (const [url, status] of [['/api/orgs/members/%ED%A0%80', 400], [`/api/orgs/members/${'9'.repeat(500)}`, 414]] as const) {
      const res = await admin.get(url);
      assert.equal(res.statusCode, status, res.body);
      assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
      assert.ok(res.data.title && res.data.title_en);
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
    }
  });

  it('keeps tabs, line breaks and every printable script', async () => {
    const res = await t.anonymous().post('/api/auth/login', { username: 'a\tb\r\n\u202e١', password: 'x' });
    assert.equal(res.statusCode, 401);
  });

  it('a body nested deeper than any stack is a 400, not a crash', async () => {
    const deep = '['.repeat(200_000) + ']'.repeat(200_000);
    const res = await json(t.anonymous(), 'POST', '/api/auth/login', deep);
    assert.equal(res.statusCode, 400, res.body.slice(0, 300));
  });
});
