// The scan-to-consult channel end to end through the API, privacy of residents, and bad input.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { forgetSpentChallenges, solveChallenge } from '../../platform/challenge.js';
import { connect } from '../../platform/db/connect.js';
import { buildServer } from '../../app.js';
import { Agent, testServer, type TestServer } from '../../test/harness.js';
import { chinaDate } from '../../platform/time.js';
import { aMember, aPlace, count, form, png } from './testing.js';

let t: TestServer;
let staff: Agent;
let placeId: number;
let code: string;
before(async () => {
  t = await testServer({ challengeBits: 12, publicBaseUrl: 'https://sl.example.org' });
  staff = await t.as('staff');
  placeId = await aPlace(t, '南湖区新兴街道民生议事堂');
  await aMember(t, '周静', '经济界', 'member');
});
after(() => t.close());

async function challenge() {
  const res = await t.anonymous().get(`/api/q/${code}`);
  assert.equal(res.statusCode, 200, res.body);
  return { challenge: res.data.challenge.token as string, solution: solveChallenge(res.data.challenge.nonce, res.data.challenge.bits) };
}

const submit = (fields: Record<string, string>, files: Parameters<typeof form>[1] = [], headers: Record<string, string> = {}) => {
  const f = form(fields, files);
  return t.anonymous().request('POST', `/api/q/${code}/opinions`, f.body, { ...f.headers, ...headers });
};

const text = '小区门口的公交站没有遮雨棚，下雨天老人孩子等车很不方便，建议增设候车亭。';

describe('QR codes of places', () => {
  it('gives staff the code as PNG, SVG and an A4 poster with the place name, and refuses others', async () => {
    const pngRes = await staff.get(`/api/orgs/places/${placeId}/qr.png`);
    assert.equal(pngRes.statusCode, 200);
    assert.equal(pngRes.headers['content-type'], 'image/png');
    assert.deepEqual([...pngRes.rawPayload.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
    const svg = await staff.get(`/api/orgs/places/${placeId}/qr.svg`);
    assert.match(svg.body, /<svg/);
    const poster = await staff.get(`/api/orgs/places/${placeId}/qr-poster.svg`);
    assert.match(poster.body, /viewBox="0 0 210 297"/);
    assert.match(poster.body, /南湖区新兴街道民生议事堂/);
    assert.match(poster.body, /扫码说事 有事好商量/);
    code = /https:\/\/sl\.example\.org\/q\/([0-9a-z]+)/.exec(poster.body)![1]!;
    assert.equal((await staff.get(`/api/orgs/places/${placeId}/qr.svg`)).statusCode, 200);
    for (const who of ['member', 'leader', 'public', 'county_staff']) assert.equal((await (await t.as(who)).get(`/api/orgs/places/${placeId}/qr.png`)).statusCode, who === 'county_staff' ? 404 : 403, who);
    assert.equal((await t.anonymous().get(`/api/orgs/places/${placeId}/qr.png`)).statusCode, 401);
  });
});

describe('a resident raises a concern and follows it to the answer', () => {
  let tracking: string;
  let id: number;
  it('submits with a photo after solving the challenge', async () => {
    const res = await submit({ text, category: 'transport', name: '张三丰', phone: '13812345678', deviceId: 'dev-1', ...(await challenge()) }, [{ name: '站台.png', mime: 'image/png', data: png() }]);
    assert.equal(res.statusCode, 201, res.body);
    tracking = res.data.trackingCode;
    assert.match(tracking, /^[0-9A-HJKMNP-TV-Z]{12}$/);
    assert.equal(res.data.trackingUrl, `https://sl.example.org/track/${tracking}`);
    const track = await t.anonymous().get(`/api/track/${tracking.toLowerCase()}`);
    assert.equal(track.statusCode, 200);
    assert.equal(track.data.state, 'new');
    assert.equal(track.data.placeName, '南湖区新兴街道民生议事堂');
    assert.equal(track.data.answer, null);
    assert.ok(!track.body.includes('张三丰') && !track.body.includes('13812345678') && !track.body.includes('公交站'), 'the tracking page shows no personal data and no text');
  });

  it('keeps the name and phone encrypted at rest and masked for staff; admins see them in full, audited', async () => {
    const row = await t.services.db.selectFrom('opinions').selectAll().where('tracking_code', '=', tracking).executeTakeFirstOrThrow();
    id = row.id;
    assert.equal(row.source_kind, 'resident');
    assert.equal(row.place_id, placeId);
    assert.ok(row.resident_name_enc!.startsWith('v1.') && !row.resident_name_enc!.includes('张三丰'));
    assert.ok(!row.resident_phone_enc!.includes('13812345678'));
    const rawAudit = (await t.services.db.selectFrom('audit_log').select('after').execute()).map((r) => r.after ?? '').join();
    assert.ok(!rawAudit.includes('张三丰') && !rawAudit.includes('13812345678'), 'the audit log keeps no plain contact');
    const seen = await staff.get(`/api/opinions/${id}`);
    assert.equal(seen.data.residentName, '张**');
    assert.equal(seen.data.residentPhone, '138****5678');
    assert.equal(seen.data.files.length, 1);
    assert.equal((await (await t.as('leader')).get(`/api/opinions/${id}/contact`)).statusCode, 403);
    const admin = await t.as('admin');
    const full = await admin.get(`/api/opinions/${id}/contact`);
    assert.deepEqual(full.data, { name: '张三丰', phone: '13812345678' });
    assert.ok(await t.services.db.selectFrom('audit_log').select('id').where('action', '=', 'reveal_contact').where('entity_id', '=', String(id)).executeTakeFirst());
    const list = await staff.get('/api/opinions?source=resident');
    assert.ok(!list.body.includes('张三丰') && !list.body.includes('13812345678'));
  });

  it('goes through screening, compiling, forwarding, adoption and instruction, and the resident sees the answer', async () => {
    assert.equal((await staff.post(`/api/opinions/${id}/screen`, { event: 'accept' })).statusCode, 200);
    const issue = await staff.post('/api/opinions/issues', { organizationId: t.fixture.city, items: [{ opinionId: id, title: '关于在新兴街道增设公交候车亭的建议' }] });
    assert.equal(issue.statusCode, 201, issue.body);
    assert.match(issue.data.items[0].credits, /民生议事堂/);
    const fwd = await staff.post(`/api/opinions/issues/${issue.data.id}/forward`, { recipient: 'province_cppcc', sentOn: chinaDate() });
    assert.equal(fwd.statusCode, 200, fwd.body);
    assert.equal((await staff.post(`/api/opinions/${id}/adoptions`, { level: 'province', adoptedBy: '浙江省政协办公厅', adoptedOn: chinaDate() })).statusCode, 200);
    const instr = await staff.post(`/api/opinions/${id}/instructions`, { leader: '李副省长', level: 'province', instructedOn: chinaDate(), text: '请省交通运输厅研究办理。' });
    assert.equal(instr.data.state, 'adopted');
    await staff.post(`/api/opinions/${id}/feedback`, { fromName: '市交通运输局', text: '内部意见', receivedOn: chinaDate() });
    await staff.post(`/api/opinions/${id}/feedback`, { fromName: '市交通运输局', text: '候车亭已列入今年建设计划，6月底前建成。', receivedOn: chinaDate(), final: true });
    const track = await t.anonymous().get(`/api/track/${tracking}`);
    assert.equal(track.data.state, 'adopted');
    assert.deepEqual(track.data.adoptedLevels, ['province']);
    assert.equal(track.data.answer.text, '候车亭已列入今年建设计划，6月底前建成。');
    const timeline = await staff.get(`/api/opinions/${id}/timeline`);
    assert.deepEqual(timeline.data.map((e: { action: string }) => e.action), ['submit', 'reveal_contact', 'accept', 'compile', 'forward', 'adopt', 'instruct', 'feedback', 'feedback']);
    // The "submitted" point follows from the intake, a moment after the answer.
    for (let i = 0; i < 250 && (await t.services.db.selectFrom('opinion_intake').select('opinion_id').executeTakeFirst()); i++) await new Promise((r) => setTimeout(r, 20));
    const places = await staff.get('/api/opinions/ranking?by=place');
    // submitted 1 + accepted 2 + compiled 3 + adopted province 10 + instruction province 10
    assert.deepEqual(places.data.map((p: { name: string; points: number }) => [p.name, p.points]), [['南湖区新兴街道民生议事堂', 26]]);
  });

  it('refuses a guessed or malformed tracking code with 404 in both languages', async () => {
    for (const guess of ['0123456789AB', 'ZZZZZZZZZZZZ', 'abc', '<script>']) {
      const res = await t.anonymous().get(`/api/track/${encodeURIComponent(guess)}`);
      assert.equal(res.statusCode, 404, guess);
      assert.ok(res.data.detail && res.data.detail_en);
    }
  });
});

describe('bad input from the QR page: a clear 4xx and nothing stored', () => {
  const cases: [string, () => Promise<{ statusCode: number; data: any }>, number][] = [
    ['empty text', async () => submit({ text: '   ', category: 'other', ...(await challenge()) }), 400],
    ['oversize text', async () => submit({ text: '长'.repeat(2001), category: 'other', ...(await challenge()) }), 400],
    ['unknown category', async () => submit({ text, category: 'weather', ...(await challenge()) }), 400],
    ['bad phone', async () => submit({ text, category: 'other', phone: '12345', ...(await challenge()) }), 400],
    ['wrong challenge answer', async () => submit({ text, category: 'other', challenge: (await challenge()).challenge, solution: '999999999999' }), 400],
    ['forged challenge', async () => submit({ text, category: 'other', challenge: 'eyJ9.forged', solution: '1' }), 400],
    ['missing challenge', async () => submit({ text, category: 'other' }), 400],
    ['a non-image photo', async () => submit({ text, category: 'other', ...(await challenge()) }, [{ name: 'a.png', mime: 'image/png', data: Buffer.from('MZ\x90\x00 not an image') }]), 415],
    ['a PDF as photo', async () => submit({ text, category: 'other', ...(await challenge()) }, [{ name: 'a.pdf', mime: 'application/pdf', data: Buffer.from('%PDF-1.4 test') }]), 415],
    ['an oversize photo', async () => submit({ text, category: 'other', ...(await challenge()) }, [{ name: 'big.png', mime: 'image/png', data: png(5 * 1024 * 1024) }]), 413],
    ['four photos', async () => submit({ text, category: 'other', ...(await challenge()) }, [1, 2, 3, 4].map((i) => ({ name: `${i}.png`, mime: 'image/png', data: png() }))), 413],
    ['a good photo then a bad one', async () => submit({ text, category: 'other', ...(await challenge()) }, [{ name: 'ok.png', mime: 'image/png', data: png() }, { name: 'x.png', mime: 'image/png', data: Buffer.from('not an image at all') }]), 415],
    ['an unknown QR code', async () => {
      const f = form({ text, category: 'other', challenge: 'x', solution: '1' });
      return t.anonymous().request('POST', '/api/q/nosuchcode/opinions', f.body, f.headers);
    }, 404],
    ['a truncated form', async () => {
      const f = form({ text, category: 'other', ...(await challenge()) }, [{ name: 'a.png', mime: 'image/png', data: png() }]);
      return t.anonymous().request('POST', `/api/q/${code}/opinions`, f.body.subarray(0, f.body.length - 40), f.headers);
    }, 400],
    ['JSON instead of a form', async () => t.anonymous().post(`/api/q/${code}/opinions`, { text, category: 'other' }), 415],
  ];
  for (const [name, send, status] of cases) {
    it(name, async () => {
      const before = await Promise.all([count(t, 'opinions'), count(t, 'files'), count(t, 'opinion_files')]);
      const filesOnDisk = fs.readdirSync(path.join(t.config.dataDir, 'files'), { recursive: true }).length;
      const res = await send();
      assert.equal(res.statusCode, status, JSON.stringify(res.data));
      assert.ok(res.data.title && res.data.title_en, 'a message in Chinese and English');
      assert.deepEqual(await Promise.all([count(t, 'opinions'), count(t, 'files'), count(t, 'opinion_files')]), before);
      assert.equal(fs.readdirSync(path.join(t.config.dataDir, 'files'), { recursive: true }).length, filesOnDisk, 'no file left on disk');
    });
  }

  it('a text far beyond the limit is a 400 naming body.text; a field too large to read is a 413 naming it', async () => {
    for (const long of ['长'.repeat(100_000), 'x'.repeat(100_000)]) {
      const res = await submit({ text: long, category: 'other', ...(await challenge()) });
      assert.equal(res.statusCode, 400, res.body);
      assert.deepEqual(res.data.errors.map((e: { field: string }) => e.field), ['body.text']);
      assert.equal(res.data.errors[0].code, 'too_big');
    }
    const huge = await submit({ text: 'x'.repeat(2 * 1024 * 1024), category: 'other', ...(await challenge()) });
    assert.equal(huge.statusCode, 413, huge.body);
    assert.equal(huge.data.errors?.[0]?.field, 'body.text');
    assert.ok(huge.data.errors[0].message && huge.data.errors[0].message_en);
  });

  it('an unknown QR code on the page itself is a 404 in both languages', async () => {
    const res = await t.anonymous().get('/api/q/zzzzzzzz');
    assert.equal(res.statusCode, 404);
    assert.equal(res.data.detail, '二维码无效或已停用');
    assert.ok(res.data.detail_en);
  });

  it('a place the office stops refuses reports through its code at once, and stores nothing', async () => {
    const stoppedId = await aPlace(t, '秀洲区王店镇协商驿站', 'hall');
    const poster = await staff.get(`/api/orgs/places/${stoppedId}/qr-poster.svg`);
    const stoppedCode = /https:\/\/sl\.example\.org\/q\/([0-9a-z]+)/.exec(poster.body)![1]!;
    const solved = async () => {
      const page = await t.anonymous().get(`/api/q/${stoppedCode}`);
      assert.equal(page.statusCode, 200);
      return { challenge: page.data.challenge.token as string, solution: solveChallenge(page.data.challenge.nonce, page.data.challenge.bits) };
    };
    const send = (body: string, c: { challenge: string; solution: string }) => {
      const f = form({ text: body, category: 'other', ...c }, []);
      return t.anonymous().request('POST', `/api/q/${stoppedCode}/opinions`, f.body, f.headers);
    };
    // Submissions keep a place a second in memory: the first submission has put it there.
    assert.equal((await send('停用前的一条意见', await solved())).statusCode, 201);
    const later = await solved();
    // The change reaches this process as the orgs module's event (through PostgreSQL on that database).
    const heard = new Promise<void>((resolve) => {
      const off = t.services.bus.subscribe('orgs.changed', () => (off(), resolve()));
    });
    assert.equal((await staff.patch(`/api/orgs/places/${stoppedId}`, { active: false })).statusCode, 200);
    await heard;
    const before = await count(t, 'opinions');
    const refused = await send('停用后的一条意见', later);
    assert.equal(refused.statusCode, 404, refused.body);
    assert.equal(refused.data.detail, '二维码无效或已停用');
    assert.equal(await count(t, 'opinions'), before);
    assert.equal((await t.anonymous().get(`/api/q/${stoppedCode}`)).statusCode, 404);
  });

  it('a solved challenge is accepted once', async () => {
    const solved = await challenge();
    assert.equal((await submit({ text: '第一次提交', category: 'other', ...solved })).statusCode, 201);
    const again = await submit({ text: '第二次提交', category: 'other', ...solved });
    assert.equal(again.statusCode, 400);
    assert.equal(again.data.errors[0].code, 'challenge_reused');
  });

  it('a solved challenge is accepted once also through another server process, and the replay stores nothing', async () => {
    const solved = await challenge();
    assert.equal((await submit({ text: '经由第一个进程提交', category: 'other', ...solved })).statusCode, 201);
    // A second server on the same database has never seen the token: only the database knows it was spent.
    const other = await buildServer(t.config, connect({ databaseUrl: t.config.databaseUrl, dataDir: t.config.dataDir }));
    try {
      const before = await count(t, 'opinions');
      const f = form({ text: '经由第二个进程重放', category: 'other', ...solved }, []);
      const replay = await new Agent(other).request('POST', `/api/q/${code}/opinions`, f.body, f.headers);
      assert.equal(replay.statusCode, 400, replay.body);
      assert.equal(replay.data.errors[0].code, 'challenge_reused');
      assert.equal(replay.data.errors[0].message, '验证未通过，请刷新页面重试');
      assert.equal(await count(t, 'opinions'), before);
    } finally {
      await other.close();
    }
  });

  it('forgets spent challenges once they have expired', async () => {
    assert.ok(Number((await t.services.db.selectFrom('spent_challenges').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n) >= 2);
    assert.equal(await forgetSpentChallenges(t.services.db, new Date(Date.now() - 60_000)), 0, 'none has expired yet');
    assert.ok((await forgetSpentChallenges(t.services.db, new Date(Date.now() + 3600_000))) >= 2);
  });
});

describe('rate limits per address and per device', () => {
  it('refuses a device over its limit even from new addresses', async () => {
    const limited = await testServer({ challengeBits: 0, rateLimits: { login: { max: 1000, windowMs: 60_000 }, register: { max: 1000, windowMs: 60_000 }, publicWrite: { max: 3, windowMs: 60_000 } } });
    try {
      const place = await aPlace(limited, '海宁市委员工作室', 'hall');
      const admin = await limited.as('admin');
      const qr = /\/q\/([0-9a-z]+)/.exec((await admin.get(`/api/orgs/places/${place}/qr-poster.svg`)).body)![1]!;
      const send = async (ip: string, device: string) => {
        const page = await limited.app.inject({ method: 'GET', url: `/api/q/${qr}`, remoteAddress: ip });
        const token = page.json().challenge.token as string;
        const f = form({ text, category: 'other', challenge: token, solution: '0' });
        return (await limited.app.inject({ method: 'POST', url: `/api/q/${qr}/opinions`, payload: f.body, headers: { ...f.headers, 'x-device-id': device }, remoteAddress: ip })).statusCode;
      };
      const byDevice = [await send('10.0.0.1', 'phone-a'), await send('10.0.0.2', 'phone-a'), await send('10.0.0.3', 'phone-a'), await send('10.0.0.4', 'phone-a')];
      assert.deepEqual(byDevice, [201, 201, 201, 429]);
      const byAddress = [await send('10.0.1.1', 'b1'), await send('10.0.1.1', 'b2'), await send('10.0.1.1', 'b3'), await send('10.0.1.1', 'b4')];
      assert.deepEqual(byAddress, [201, 201, 201, 429]);
    } finally {
      await limited.close();
    }
  });
});
