// Repeated wrong passwords: a challenge after a few, a lock after five, the same answers for a
// username that does not exist, no lockout of the real user's known browser, the holder told,
// and admins who see and lift locks.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { solveChallenge } from '../../platform/challenge.js';
import { testServer, type Agent, type TestServer } from '../../test/harness.js';

let t: TestServer;
before(async () => {
  t = await testServer();
});
after(() => t.close());

interface Attempt { status: number; code: string }

/** Tries a password as a login page would: solving the challenge when the server asks for one. */
async function attempt(agent: Agent, username: string, password: string): Promise<Attempt> {
  let res = await agent.post('/api/auth/login', { username, password });
  if (res.statusCode === 428) {
    assert.equal(res.data.code, 'challenge_required');
    const { token, nonce, bits } = res.data.challenge;
    res = await agent.post('/api/auth/login', { username, password, challenge: token, solution: solveChallenge(nonce, bits) });
  }
  return { status: res.statusCode, code: res.data.code ?? 'ok' };
}

const wrong = (agent: Agent, username: string, n = 5) => Array.from({ length: n }).reduce<Promise<Attempt[]>>(async (all, _, i) => [...(await all), await attempt(agent, username, `Wrong-pass-${i}x`)], Promise.resolve([]));

describe('repeated wrong passwords', () => {
  it('asks for a challenge from the fourth try, locks at the fifth for 15 minutes, even the right password from a new browser', async () => {
    const stranger = t.anonymous();
    const first = await stranger.post('/api/auth/login', { username: 'leader', password: 'Wrong-pass-0x' });
    assert.equal(first.statusCode, 401);
    for (const i of [1, 2]) assert.equal((await stranger.post('/api/auth/login', { username: 'leader', password: `Wrong-pass-${i}x` })).statusCode, 401);
    const asked = await stranger.post('/api/auth/login', { username: 'leader', password: 'Wrong-pass-3x' });
    assert.equal(asked.statusCode, 428, asked.body);
    assert.equal(asked.data.title, '请先完成安全验证');
    assert.ok(asked.data.challenge.token && asked.data.challenge.bits > 0);
    const unsolved = await stranger.post('/api/auth/login', { username: 'leader', password: 'Wrong-pass-3x', challenge: asked.data.challenge.token, solution: '0' });
    assert.equal(unsolved.statusCode, 428, 'a wrong solution is asked again');
    assert.equal((await attempt(stranger, 'leader', 'Wrong-pass-3x')).status, 401);
    const locked = await attempt(stranger, 'leader', 'Wrong-pass-4x');
    assert.deepEqual([locked.status, locked.code], [423, 'account_locked']);
    const right = await stranger.post('/api/auth/login', { username: 'leader', password: t.fixture.password });
    assert.equal(right.statusCode, 423);
    assert.match(right.data.title, /账号已锁定/);
    const until = Date.parse(right.data.lockedUntil);
    assert.ok(until > Date.now() + 14 * 60_000 && until <= Date.now() + 15 * 60_000);
    const entry = await t.services.db.selectFrom('audit_log').select('after').where('action', '=', 'lockout').where('entity_id', '=', String(t.fixture.users.leader)).executeTakeFirst();
    assert.ok(entry, 'the lockout is audited');
  });

  it('answers a username that does not exist exactly as one that does: same statuses, codes and time within noise', async () => {
    const real = await wrong(t.anonymous(), 'staff');
    const ghost = await wrong(t.anonymous(), 'nobody-here');
    assert.deepEqual(ghost.map((a) => [a.status, a.code]), real.map((a) => [a.status, a.code]));
    assert.deepEqual(real.map((a) => a.status), [401, 401, 401, 401, 423]);
    // Timing: one wrong password at a time, alternating, each from its own address and with the
    // username's count cleared in between, so that no challenge adds its own time. The fastest of
    // each kind is compared: other work on the machine only ever adds time.
    const once = async (username: string, i: number) => {
      const started = performance.now();
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: 'Wrong-pass-1x' }, remoteAddress: `192.0.2.${i}` });
      const ms = performance.now() - started;
      assert.equal(res.statusCode, 401);
      await t.services.db.deleteFrom('login_throttle').where('key', 'in', [`account:${username}`, `source:192.0.2.${i}`]).execute();
      return ms;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 15; i++) {
      known.push(await once('unit', i));
      unknown.push(await once(`ghost-${i}`, i));
    }
    const [k, u] = [Math.min(...known), Math.min(...unknown)];
    assert.ok(Math.max(k, u) / Math.min(k, u) < 1.5, `known ${k.toFixed(1)} ms, unknown ${u.toFixed(1)} ms at the fastest`);
  });

  it('does not lock the real user out of a browser they signed in from before, nor end their sessions', async () => {
    const own = t.anonymous();
    assert.equal((await attempt(own, 'member', t.fixture.password)).status, 200);
    const working = await t.as('member');
    const results = await wrong(t.anonymous(), 'member');
    assert.equal(results.at(-1)!.status, 423);
    assert.equal((await working.get('/api/me')).statusCode, 200, 'a session open elsewhere goes on');
    assert.equal((await t.anonymous().post('/api/auth/login', { username: 'member', password: t.fixture.password })).statusCode, 423);
    const back = await attempt(own, 'member', t.fixture.password);
    assert.equal(back.status, 200, 'the known browser still signs in');
    assert.equal((await own.get('/api/me')).data.username, 'member');
  });

  it('tells the account holder, in Chinese and English', async () => {
    const member = await t.as('member');
    const notes = await member.get('/api/notifications');
    assert.equal(notes.statusCode, 200, notes.body);
    const note = notes.data.items.find((n: { kind: string }) => n.kind === 'account.locked');
    assert.ok(note, notes.body);
    assert.match(note.title, /锁定/);
    assert.match(note.titleEn ?? note.title_en ?? JSON.stringify(note), /locked/);
  });

  it('asks every username for a challenge once one address has failed ten times', async () => {
    const login = (username: string, password: string, ip: string, extra = {}) =>
      t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password, ...extra }, remoteAddress: ip });
    for (let i = 0; i < 10; i++) {
      const res = await login(`spray-${i}`, 'Wrong-pass-1x', '203.0.113.9');
      assert.equal(res.statusCode, 401, res.body);
    }
    const next = await login('admin', t.fixture.password, '203.0.113.9');
    assert.equal(next.statusCode, 428, 'from that address even a right password needs the challenge');
    const { token, nonce, bits } = next.json().challenge;
    assert.equal((await login('admin', t.fixture.password, '203.0.113.9', { challenge: token, solution: solveChallenge(nonce, bits) })).statusCode, 200);
    assert.equal((await login('admin', t.fixture.password, '198.51.100.7')).statusCode, 200, 'another address is not asked');
  });

  it('lets admins list the locked accounts of their organizations and lift a lock; nobody else', async () => {
    const admin = await t.as('admin');
    const listed = await admin.get('/api/accounts?locked=true');
    assert.equal(listed.statusCode, 200, listed.body);
    const names = listed.data.items.map((a: { username: string }) => a.username).sort();
    // member signed in from a known browser since: that cleared its count and lock.
    assert.deepEqual(names, ['leader', 'staff']);
    assert.ok(listed.data.items.every((a: { lockedUntil: string | null }) => a.lockedUntil));
    for (const who of ['staff', 'member', 'county_admin']) {
      const refused = await (await t.as(who === 'staff' ? 'unit' : who)).post(`/api/accounts/${t.fixture.users.leader}/unlock`);
      assert.ok([403, 404].includes(refused.statusCode), `${who}: ${refused.statusCode}`);
    }
    const lifted = await admin.post(`/api/accounts/${t.fixture.users.leader}/unlock`);
    assert.equal(lifted.statusCode, 200, lifted.body);
    assert.equal(lifted.data.lockedUntil, null);
    const audit = await admin.get(`/api/audit?entityType=user&entityId=${t.fixture.users.leader}&action=unlock`);
    assert.equal(audit.data.items.length, 1);
    assert.equal((await attempt(t.anonymous(), 'leader', t.fixture.password)).status, 200, 'a new browser signs in again');
  });
});
