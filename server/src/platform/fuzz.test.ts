// Every route of the app, from the server's own OpenAPI document, sent hostile input: strings
// (NUL, U+FFFE, a lone surrogate, 100,000 characters, an RTL override, SQL, markup), numbers
// (-1, 0, 1e308, "NaN", 2^31, 2^53), wrong types, and whole bodies of the wrong shape; one field at
// a time, the others plausible so that the hostile one reaches as deep as it can. Signed in as a
// user the route admits (admin, staff, member, unit, leader, public), and anonymously where the
// route is open to anyone. No answer may be a 5xx, and every 4xx is problem+json.
// FUZZ_TRACE=<file> writes the answers that went wrong to that file and the slow ones to stderr.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testServer, type Agent, type TestServer } from '../test/harness.js';
import { insertUser } from '../modules/accounts/service.js';
import { hashPassword } from './auth/password.js';
import { chinaDate } from './time.js';
import { aMember, aPlace, form } from '../modules/opinions/testing.js';

type Schema = {
  type?: string | string[];
  enum?: unknown[];
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean | number;
  minLength?: number;
  minItems?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  nullable?: boolean;
  default?: unknown;
  const?: unknown;
};
type Param = { in: 'path' | 'query'; name: string; required?: boolean; schema: Schema };
type Operation = { parameters?: Param[]; requestBody?: { content?: Record<string, { schema: Schema }> } };

const HOSTILE_STRINGS: [string, unknown][] = [
  ['NUL', 'a\0b'],
  ['U+FFFE', '议\ufffe题'],
  ['lone surrogate', 'x\ud800y'],
  ['100k characters', '长'.repeat(100_000)],
  ['RTL override', '\u202egnp.exe\u202c'],
  ['SQL', "1' OR '1'='1'; DROP TABLE users; --"],
  ['markup', '<script>alert(1)</script>'],
];
const HOSTILE_NUMBERS: [string, unknown][] = [
  ['-1', -1],
  ['0', 0],
  ['1e308', 1e308],
  ['"NaN"', 'NaN'],
  ['2^31', 2 ** 31],
  ['2^53', 2 ** 53],
  ['1.5', 1.5],
];
const WRONG_TYPES: [string, unknown][] = [
  ['null', null],
  ['true', true],
  ['[]', []],
  ['{}', {}],
  ['number', 12345],
  ['string', 'abc'],
];
// In a URL everything is a string.
const HOSTILE_URL: [string, string][] = [
  ...HOSTILE_STRINGS.filter(([n]) => n !== '100k characters').map(([n, v]) => [n, String(v)] as [string, string]),
  ['10k characters', 'x'.repeat(10_000)],
  ...HOSTILE_NUMBERS.map(([n, v]) => [n, String(v)] as [string, string]),
  ['9.9e999', '9.9e999'],
  ['empty', ''],
  ['array-ish', '[]'],
];

// Routes whose answer is a stream that never ends by itself.
const SKIPPED = new Set(['GET /api/consultations/meetings/{id}/live', 'GET /api/dashboard/live', 'GET /api/dashboard/public/live']);

let t: TestServer;
let ops: { method: string; path: string; op: Operation }[];
const agents = new Map<string, Agent>();
const ids: Record<string, number> = {};
let qrCode: string;
const today = chinaDate();
let made = 0;

before(async () => {
  t = await testServer({ challengeBits: 0, rateLimits: null });
  const doc = t.app.swagger() as { paths: Record<string, Record<string, Operation>> };
  ops = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ method: method.toUpperCase(), path, op })));
  // Fuzzing users of their own, so that a route acting on user 1 (the fixture's admin) never locks them out.
  const hash = await hashPassword(t.fixture.password);
  const memberId = await aMember(t, '模糊测试委员');
  for (const role of ['admin', 'staff', 'leader', 'member', 'unit', 'public'] as const)
    await insertUser(t.services.db, {
      username: `fuzz_${role}`, displayName: `fuzz ${role}`, passwordHash: hash, organizationId: t.fixture.city, roles: [role],
      memberId: role === 'member' ? memberId : null, handlingUnitId: role === 'unit' ? t.fixture.unit : null,
    });
  for (const role of ['admin', 'staff', 'leader', 'member', 'unit', 'public']) agents.set(role, await t.as(`fuzz_${role}`));
  Object.assign(ids, { organizationId: t.fixture.city, termId: t.fixture.cityTerm, sectorId: t.fixture.sectors['经济界']!, unitId: t.fixture.unit, memberId, committeeId: t.fixture.committees['提案委员会']! });
  const placeId = await aPlace(t, '模糊测试议事堂');
  qrCode = 'fuzzcode1';
  await t.services.db.insertInto('opinion_qr_codes').values({ organization_id: t.fixture.city, place_id: placeId, code: qrCode, created_at: new Date().toISOString() }).execute();
});
after(() => t.close());

const first = (s: Schema): Schema => {
  const alts = s.anyOf ?? s.oneOf;
  if (alts) return first(alts.find((a) => a.type !== 'null') ?? alts[0]!);
  if (s.allOf) return first(s.allOf[0]!);
  return s;
};
const typeOf = (s: Schema) => {
  const f = first(s);
  return Array.isArray(f.type) ? f.type.find((x) => x !== 'null') : f.type;
};

/** A value the schema accepts, as far as can be told without knowing the data: to get past validation. */
function plausible(s: Schema, name = ''): unknown {
  const f = first(s);
  if (f.const !== undefined) return f.const;
  if (f.enum) return f.enum[0];
  if (f.default !== undefined) return f.default;
  switch (typeOf(f)) {
    case 'integer':
    case 'number': {
      if (ids[name] !== undefined) return ids[name];
      const min = typeof f.minimum === 'number' ? f.minimum + (f.exclusiveMinimum ? 1 : 0) : 1;
      const max = typeof f.maximum === 'number' ? f.maximum : Number.MAX_SAFE_INTEGER;
      const wanted = /year/i.test(name) ? Number(today.slice(0, 4)) : 1;
      return Math.min(max, Math.max(min, wanted));
    }
    case 'boolean':
      return false;
    case 'array':
      return f.minItems ? Array.from({ length: f.minItems }, () => plausible(f.items ?? {}, name.replace(/Ids$/, 'Id'))) : [];
    case 'object':
      // Only what is required: an optional reference (contactPointId, parentId) would fail on its own.
      return Object.fromEntries(Object.entries(f.properties ?? {}).filter(([k]) => f.required?.includes(k)).map(([k, v]) => [k, plausible(v, k)]));
    case 'string':
      if (f.format === 'date') return today;
      if (f.format === 'date-time') return new Date().toISOString();
      if (f.format === 'email') return 'fuzz@example.org';
      if (f.format === 'uri' || /url/i.test(name)) return 'https://example.org/x';
      if (/phone/i.test(name)) return '13812345678';
      if (/password/i.test(name)) return 'Fuzz-pass-2026!';
      if (/username/i.test(name)) return `fuzz_${++made}`;
      return 'x'.repeat(Math.max(1, f.minLength ?? 1));
    default:
      return 'x';
  }
}

/** The hostile values for a field of this schema. */
function hostileFor(s: Schema): [string, unknown][] {
  const type = typeOf(s);
  const wrong = WRONG_TYPES.filter(([, v]) => !(type === 'string' && typeof v === 'string') && !(type && ['integer', 'number'].includes(type) && typeof v === 'number'));
  if (type === 'string') return [...HOSTILE_STRINGS, ...wrong.slice(0, 3)];
  if (type === 'integer' || type === 'number') return [...HOSTILE_NUMBERS, ...wrong.slice(0, 3)];
  if (type === 'array') {
    const item = first(s).items ?? {};
    return [...hostileFor(item).map(([n, v]) => [`[${n}]`, [v]] as [string, unknown]), ...wrong.slice(0, 3)];
  }
  return wrong.slice(0, 4);
}

interface Attempt {
  label: string;
  url: string;
  body?: unknown;
}

/** Percent-encoded; a lone surrogate as the bytes a careless client would send (ED A0 80). */
const encode = (v: string) => v.split(/([\ud800-\udfff])/).map((part) => (/^[\ud800-\udfff]$/.test(part) ? '%ED%A0%80' : encodeURIComponent(part))).join('');

/** The requests for one route: each field in turn hostile, the rest plausible. */
function attempts(path: string, op: Operation): Attempt[] {
  const params = op.parameters ?? [];
  const bodySchema = op.requestBody?.content?.['application/json']?.schema;
  const pathValues = Object.fromEntries(params.filter((p) => p.in === 'path').map((p) => [p.name, p.name === 'code' ? qrCode : String(plausible(p.schema, p.name))]));
  const queryValues = Object.fromEntries(params.filter((p) => p.in === 'query' && p.required).map((p) => [p.name, String(plausible(p.schema, p.name))]));
  const body = bodySchema ? plausible(bodySchema) : undefined;
  const url = (pv: Record<string, string>, qv: Record<string, string>) => {
    const p = path.replace(/\{(\w+)\}/g, (_, k: string) => encode(pv[k] ?? '1'));
    const q = Object.entries(qv).map(([k, v]) => `${k}=${encode(v)}`).join('&');
    return q ? `${p}?${q}` : p;
  };
  const list: Attempt[] = [];
  for (const p of params)
    for (const [name, value] of HOSTILE_URL) {
      if (p.in === 'path') list.push({ label: `params.${p.name}=${name}`, url: url({ ...pathValues, [p.name]: value }, queryValues), body });
      else list.push({ label: `query.${p.name}=${name}`, url: url(pathValues, { ...queryValues, [p.name]: value }), body });
    }
  if (bodySchema) {
    const base = url(pathValues, queryValues);
    for (const [name, value] of [['[]', []], ['"text"', 'text'], ['null', null], ['1e308', 1e308]] as [string, unknown][]) list.push({ label: `body=${name}`, url: base, body: value });
    const fields = (s: Schema, at: string[], depth: number): void => {
      const f = first(s);
      for (const [k, v] of Object.entries(f.properties ?? {})) {
        const path = [...at, k];
        for (const [name, value] of hostileFor(v)) list.push({ label: `body.${path.join('.')}=${name}`, url: base, body: setIn(body, path, value) });
        const inner = first(v);
        if (depth < 2 && typeOf(inner) === 'object') fields(inner, path, depth + 1);
        if (depth < 2 && typeOf(inner) === 'array' && typeOf(inner.items ?? {}) === 'object') fields(first(inner.items!), [...path, '0'], depth + 1);
      }
    };
    fields(bodySchema, [], 0);
  }
  return list;
}

function setIn(base: unknown, path: string[], value: unknown): unknown {
  const copy = structuredClone(base ?? {}) as Record<string, unknown>;
  let at: Record<string, unknown> = copy;
  for (const [i, k] of path.entries()) {
    if (i === path.length - 1) at[k] = value;
    else {
      if (at[k] === undefined || at[k] === null || typeof at[k] !== 'object') at[k] = /^\d+$/.test(path[i + 1]!) ? [] : {};
      if (Array.isArray(at[k]) && (at[k] as unknown[]).length === 0 && /^\d+$/.test(path[i + 1]!)) (at[k] as unknown[]).push({});
      at = at[k] as Record<string, unknown>;
    }
  }
  return copy;
}

type Res = Awaited<ReturnType<Agent['request']>>;
async function send(who: string, method: string, a: Attempt, retried = false): Promise<Res> {
  const agent = who === 'anonymous' ? t.anonymous() : agents.get(who)!;
  const res = await agent.request(method as 'GET', a.url, a.body === undefined ? undefined : JSON.stringify(a.body), a.body === undefined ? {} : { 'content-type': 'application/json' });
  // A route that ended the session (signing out): sign in again and carry on.
  if (who !== 'anonymous' && !retried && ['unauthenticated', 'session_expired'].includes(res.data?.code)) {
    agents.set(who, await t.as(`fuzz_${who}`));
    return send(who, method, a, true);
  }
  return res;
}

const problems: string[] = [];
const statuses: Record<number, number> = {};
function check(route: string, who: string, a: Attempt, res: Res) {
  statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
  if (res.statusCode >= 500) problems.push(`${route} as ${who}, ${a.label}: ${res.statusCode} ${res.body.slice(0, 200)}`);
  else if (res.statusCode >= 400 && !/^application\/problem\+json/.test(String(res.headers['content-type'])))
    problems.push(`${route} as ${who}, ${a.label}: ${res.statusCode} without problem+json (${res.headers['content-type']})`);
}

describe('hostile input to every route', () => {
  it('finds the routes in the OpenAPI document', () => {
    assert.ok(ops.length > 150, `${ops.length} routes`);
  });

  it('answers every route without a 5xx, and every 4xx as problem+json', async () => {
    const started = Date.now();
    let sent = 0;
    for (const { method, path, op } of ops) {
      const route = `${method} ${path}`;
      if (SKIPPED.has(route)) continue;
      const list = attempts(path, op);
      if (list.length === 0) list.push({ label: 'as is', url: path.replace(/\{(\w+)\}/g, '1') });
      // Who gets past the door: anonymous where the route is open, else the first role it admits.
      const probe = await send('anonymous', method, list[0]!);
      const callers = probe.statusCode === 401 ? [] : ['anonymous'];
      for (const who of ['admin', 'staff', 'member', 'unit', 'leader', 'public']) {
        const res = await send(who, method, list[0]!);
        if (res.statusCode !== 403 || res.data?.code !== 'forbidden' || who === 'public') {
          callers.push(res.statusCode === 403 ? 'admin' : who);
          break;
        }
      }
      const routeStarted = Date.now();
      for (const who of callers)
        for (const a of list) {
          const at = Date.now();
          const res = await send(who, method, a).catch((err: Error) => err);
          if (res instanceof Error) problems.push(`${route} as ${who}, ${a.label}: ${res.message}`);
          else check(route, who, a, res);
          if (process.env.FUZZ_TRACE && Date.now() - at > 200) process.stderr.write(`  slow ${Date.now() - at} ms: ${route} ${who} ${a.label}\n`);
          sent++;
        }
      if (process.env.FUZZ_TRACE) process.stderr.write(`${route}: ${list.length * callers.length} in ${Date.now() - routeStarted} ms\n`);
    }
    // The QR form is multipart: its fields get the same strings.
    const fields = { text: '路灯坏了', category: 'other', name: '张三', phone: '13812345678', deviceId: 'dev', challenge: 'x', solution: '0' };
    for (const k of Object.keys(fields))
      for (const [name, value] of HOSTILE_STRINGS) {
        const f = form({ ...fields, [k]: String(value) });
        const a = { label: `form.${k}=${name}`, url: `/api/q/${qrCode}/opinions` };
        check('POST /api/q/{code}/opinions', 'anonymous', a, await t.anonymous().request('POST', a.url, f.body, f.headers));
        sent++;
      }
    console.log(`fuzz: ${ops.length} routes, ${sent} requests in ${Date.now() - started} ms; answers by status: ${JSON.stringify(statuses)}`);
    if (process.env.FUZZ_TRACE) (await import('node:fs')).writeFileSync(process.env.FUZZ_TRACE, problems.join('\n'));
    assert.deepEqual(problems, [], `${problems.length} answers went wrong:\n${problems.slice(0, 60).join('\n')}`);
  });
});
