// The live room: comment rules (length, closed room, pre- and post-moderation), the moderation
// role matrix, likes, paging, and the live stream (new comments, hidden ones, replay after a
// reconnect without gaps or duplicates, and delivery across two server processes on PostgreSQL).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { buildServer } from '../../app.js';
import { connect } from '../../platform/db/connect.js';
import { Agent, testServer, type TestServer } from '../../test/harness.js';
import { anAccount } from '../proposals/testing.js';
import { aMeeting, listen, Stream } from './room-testing.js';
import { chinaYear, yearRange } from '../../platform/time.js';
import { commentForSuggestion, roomStats } from './room-service.js';

let t: TestServer;
let base: string;
let staff: Agent, admin: Agent, leader: Agent, member: Agent, unit: Agent, pub: Agent, pub2: Agent, countyStaff: Agent;
const streams: Stream[] = [];

before(async () => {
  t = await testServer();
  await anAccount(t, 'public2', 'public', { organizationId: t.fixture.county });
  const agents = await Promise.all(['staff', 'admin', 'leader', 'member', 'unit', 'public', 'public2', 'county_staff'].map((u) => t.as(u)));
  [staff, admin, leader, member, unit, pub, pub2, countyStaff] = agents as [Agent, Agent, Agent, Agent, Agent, Agent, Agent, Agent];
  base = await listen(t);
});
after(async () => {
  for (const s of streams) s.close();
  await t.close();
});

const put = (a: Agent, url: string, body?: Record<string, unknown>) => a.request('PUT', url, body);
const del = (a: Agent, url: string) => a.request('DELETE', url);
const comment = (a: Agent, meeting: number, body: string) => a.post(`/api/consultations/meetings/${meeting}/comments`, { body });
const settings = (meeting: number, over: Record<string, unknown> = {}) => put(staff, `/api/consultations/meetings/${meeting}/room`, { moderation: 'post', open: true, ...over });
const count = async (meeting: number) => Number((await t.services.db.selectFrom('consultation_comments').select((eb) => eb.fn.countAll().as('n')).where('meeting_id', '=', meeting).executeTakeFirstOrThrow()).n);
const open = (a: Agent, meeting: number, lastEventId?: string, header = false) => {
  const query = lastEventId !== undefined && !header ? `?lastEventId=${lastEventId}` : '';
  const s = new Stream(base, a, `/api/consultations/meetings/${meeting}/live${query}`, header && lastEventId ? { 'last-event-id': lastEventId } : {});
  streams.push(s);
  return s;
};

describe('comments', () => {
  it('takes 1–500 characters, refuses empty and longer ones in Chinese and English, and stores nothing then', async () => {
    const m = await aMeeting(t);
    const ok = await comment(pub, m, '建议社区食堂延长营业时间'.padEnd(500, '。'));
    assert.equal(ok.statusCode, 201, ok.body);
    assert.equal(ok.data.state, 'visible');
    for (const body of ['', '   ', 'x'.repeat(501)]) {
      const res = await comment(pub, m, body);
      assert.equal(res.statusCode, 400, body);
      assert.match(res.data.errors[0].message, /评论/);
      assert.match(res.data.errors[0].message_en, /comment/);
    }
    assert.equal((await pub.post(`/api/consultations/meetings/${m}/comments`, {})).statusCode, 400);
    assert.equal(await count(m), 1);
    assert.equal((await t.anonymous().post(`/api/consultations/meetings/${m}/comments`, { body: '匿名' })).statusCode, 401);
  });

  it('refuses comments with 409 in a closed room and in an ended or cancelled meeting', async () => {
    const m = await aMeeting(t);
    assert.equal((await settings(m, { open: false })).statusCode, 200);
    const closed = await comment(member, m, '还能评论吗');
    assert.equal(closed.statusCode, 409);
    assert.ok(closed.data.detail && closed.data.detail_en);
    const room = await member.get(`/api/consultations/meetings/${m}/room`);
    assert.equal(room.data.abilities.comment, false);
    for (const state of ['ended', 'cancelled'] as const) {
      const other = await aMeeting(t, { state });
      const res = await comment(staff, other, '会后评论');
      assert.equal(res.statusCode, 409, state);
      assert.equal(await count(other), 0);
    }
    assert.equal(await count(m), 0);
  });

  it('marks members, officials and staff by role', async () => {
    const m = await aMeeting(t);
    const kinds: Record<string, string> = {};
    for (const [name, a] of [['public', pub], ['member', member], ['leader', leader], ['unit', unit], ['staff', staff], ['admin', admin]] as const) {
      const res = await comment(a, m, `${name}的意见`);
      assert.equal(res.statusCode, 201, res.body);
    }
    const page = await pub.get(`/api/consultations/meetings/${m}/comments`);
    for (const c of page.data.items) kinds[c.body] = c.authorKind;
    assert.deepEqual(kinds, { public的意见: 'public', member的意见: 'member', leader的意见: 'official', unit的意见: 'official', staff的意见: 'staff', admin的意见: 'staff' });
    assert.ok(page.data.items.every((c: { authorName: string }) => c.authorName.includes('<script>')), 'names come back as stored, for the page to escape');
  });

  it('in a pre-moderated room shows a comment only to its author and staff until staff approve it', async () => {
    const m = await aMeeting(t);
    await settings(m, { moderation: 'pre' });
    const posted = await comment(pub, m, '希望增加公交班次');
    assert.equal(posted.statusCode, 201);
    assert.equal(posted.data.state, 'pending');
    const seen = async (a: Agent) => (await a.get(`/api/consultations/meetings/${m}/comments`)).data.items.map((c: { id: number }) => c.id);
    assert.deepEqual(await seen(pub), [posted.data.id]);
    assert.deepEqual(await seen(member), []);
    assert.deepEqual(await seen(staff), [posted.data.id]);
    assert.equal((await member.get(`/api/consultations/meetings/${m}/comments?state=pending`)).statusCode, 404);
    assert.equal((await staff.get(`/api/consultations/meetings/${m}/comments?state=pending`)).data.items.length, 1);
    assert.equal((await put(member, `/api/consultations/comments/${posted.data.id}/like`)).statusCode, 404);
    assert.equal((await staff.post(`/api/consultations/comments/${posted.data.id}/approve`)).statusCode, 200);
    assert.deepEqual(await seen(member), [posted.data.id]);
    assert.equal((await staff.post(`/api/consultations/comments/${posted.data.id}/approve`)).statusCode, 409);
    const own = await comment(staff, m, '工作人员说明');
    assert.equal(own.data.state, 'visible');
    assert.equal((await member.get(`/api/consultations/meetings/${m}/room`)).data.counts.comments, 2);
  });
});

describe('flooding', () => {
  it('stops one account posting faster than the limit, without slowing the others', async () => {
    const limited = await testServer({ rateLimits: { login: { max: 100, windowMs: 60_000 }, register: { max: 100, windowMs: 60_000 }, publicWrite: { max: 3, windowMs: 60_000 } } });
    try {
      const m = await aMeeting(limited);
      const [a, b] = [await limited.as('public'), await limited.as('member')];
      for (let i = 0; i < 3; i++) assert.equal((await comment(a, m, `第${i}条`)).statusCode, 201);
      const refused = await comment(a, m, '第4条');
      assert.equal(refused.statusCode, 429);
      assert.ok(refused.data.title && refused.data.title_en);
      assert.equal((await comment(b, m, '另一位用户')).statusCode, 201);
      const stored = await limited.services.db.selectFrom('consultation_comments').select('body').where('meeting_id', '=', m).execute();
      assert.equal(stored.length, 4);
    } finally {
      await limited.close();
    }
  });
});

describe('rooms', () => {
  it('are open to any signed-in user for a published or running online meeting, to the office in any state', async () => {
    const draft = await aMeeting(t, { state: 'draft' });
    assert.equal((await pub.get(`/api/consultations/meetings/${draft}/room`)).statusCode, 404);
    assert.equal((await member.get(`/api/consultations/meetings/${draft}/room`)).statusCode, 404);
    assert.equal((await staff.get(`/api/consultations/meetings/${draft}/room`)).statusCode, 200);
    const offline = await aMeeting(t, { online: false });
    assert.equal((await staff.get(`/api/consultations/meetings/${offline}/room`)).statusCode, 404);
    const county = await aMeeting(t, { organizationId: t.fixture.county, state: 'published' });
    assert.equal((await pub2.get(`/api/consultations/meetings/${county}/room`)).statusCode, 200);
    assert.equal((await pub.get(`/api/consultations/meetings/${county}/room`)).statusCode, 200);
    const room = await countyStaff.get(`/api/consultations/meetings/${county}/room`);
    assert.equal(room.data.abilities.moderate, true);
    assert.equal((await t.anonymous().get(`/api/consultations/meetings/${county}/room`)).statusCode, 401);
    assert.equal((await pub.get(`/api/consultations/meetings/999999/room`)).statusCode, 404);
  });

  it('settings are changed by staff and admin of the meeting\'s organization only, validated and audited', async () => {
    const m = await aMeeting(t);
    for (const a of [pub, member, leader, unit]) assert.equal((await put(a, `/api/consultations/meetings/${m}/room`, { moderation: 'pre', open: true })).statusCode, 403);
    assert.equal((await put(countyStaff, `/api/consultations/meetings/${m}/room`, { moderation: 'pre', open: true })).statusCode, 403);
    assert.equal((await settings(m, { streamUrl: 'javascript:alert(1)' })).statusCode, 400);
    // An http:// stream or player can never play in the page (mixed content, and the CSP allows https: only).
    for (const field of ['streamUrl', 'embedUrl']) {
      const plain = await settings(m, { [field]: 'http://192.168.1.30/live/a.m3u8' });
      assert.equal(plain.statusCode, 400, field);
      assert.equal(plain.data.errors[0].field, `body.${field}`);
      assert.match(plain.data.errors[0].message, /https:\/\//);
      assert.match(plain.data.errors[0].message_en, /https:\/\//);
    }
    assert.equal((await settings(m, { moderation: 'later' })).statusCode, 400);
    const res = await settings(m, { streamUrl: 'https://live.example.org/a.m3u8', embedUrl: 'https://player.example.org/embed/1', moderation: 'pre' });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.data.settings, { streamUrl: 'https://live.example.org/a.m3u8', embedUrl: 'https://player.example.org/embed/1', moderation: 'pre', open: true });
    const log = await t.services.db.selectFrom('audit_log').select(['action', 'after']).where('entity_type', '=', 'consultation_meeting').where('entity_id', '=', String(m)).execute();
    assert.equal(log.length, 1);
    assert.equal(log[0]!.action, 'room.settings');
    assert.equal(JSON.parse(log[0]!.after!).moderation, 'pre');
  });
});

describe('moderation', () => {
  it('lets staff and admin hide, show, pin and approve, and officials answer; refuses everyone else and illegal moves', async () => {
    const m = await aMeeting(t);
    const id = (await comment(pub, m, '老旧小区加装电梯进展如何')).data.id;
    for (const a of [pub, member, leader, unit, countyStaff]) {
      for (const action of ['hide', 'pin', 'approve']) assert.equal((await a.post(`/api/consultations/comments/${id}/${action}`)).statusCode, 403, action);
    }
    assert.equal((await t.anonymous().post(`/api/consultations/comments/${id}/hide`)).statusCode, 401);
    assert.equal((await pub.post(`/api/consultations/comments/${id}/answer`, { body: '答复' })).statusCode, 403);
    assert.equal((await member.post(`/api/consultations/comments/${id}/answer`, { body: '答复' })).statusCode, 403);
    assert.equal((await staff.post(`/api/consultations/comments/${id}/show`)).statusCode, 409);
    assert.equal((await staff.post(`/api/consultations/comments/${id}/approve`)).statusCode, 409);
    assert.equal((await staff.post(`/api/consultations/comments/${id}/unpin`)).statusCode, 409);
    assert.equal((await staff.post(`/api/consultations/comments/${id}/pin`)).statusCode, 200);
    assert.equal((await staff.post(`/api/consultations/comments/${id}/pin`)).statusCode, 409);
    const room = await pub.get(`/api/consultations/meetings/${m}/room`);
    assert.deepEqual(room.data.pinned.map((c: { id: number }) => c.id), [id]);
    const answered = await unit.post(`/api/consultations/comments/${id}/answer`, { body: '已列入今年民生实事项目' });
    assert.equal(answered.statusCode, 200, answered.body);
    assert.equal((await leader.post(`/api/consultations/comments/${id}/answer`, { body: '' })).statusCode, 400);
    assert.equal((await admin.post(`/api/consultations/comments/${id}/hide`)).statusCode, 200);
    assert.equal((await staff.post(`/api/consultations/comments/${id}/hide`)).statusCode, 409);
    assert.deepEqual((await pub.get(`/api/consultations/meetings/${m}/comments`)).data.items, []);
    assert.equal((await pub.get(`/api/consultations/meetings/${m}/room`)).data.pinned.length, 0);
    const hidden = (await staff.get(`/api/consultations/meetings/${m}/comments?state=hidden`)).data.items;
    assert.equal(hidden[0].answer.body, '已列入今年民生实事项目');
    assert.equal((await staff.post(`/api/consultations/comments/${id}/show`)).statusCode, 200);
    assert.equal((await pub.get(`/api/consultations/meetings/${m}/comments`)).data.items[0].id, id);
    const timeline = await staff.get(`/api/consultations/comments/${id}/timeline`);
    assert.deepEqual(timeline.data.map((e: { action: string }) => e.action), ['comment.post', 'comment.pin', 'comment.answer', 'comment.hide', 'comment.show']);
    assert.equal((await pub.get(`/api/consultations/comments/${id}/timeline`)).statusCode, 403);
  });

  it('counts one like per person: liking twice changes nothing, taking it back removes it', async () => {
    const m = await aMeeting(t);
    const id = (await comment(member, m, '建议增设社区助餐点')).data.id;
    const like = (a: Agent) => put(a, `/api/consultations/comments/${id}/like`);
    assert.equal((await like(pub)).data.likes, 1);
    assert.equal((await like(pub)).data.likes, 1);
    assert.equal((await like(staff)).data.likes, 2);
    const mine = (await pub.get(`/api/consultations/meetings/${m}/comments`)).data.items[0];
    assert.equal(mine.likedByMe, true);
    assert.equal((await member.get(`/api/consultations/meetings/${m}/comments`)).data.items[0].likedByMe, false);
    assert.equal((await del(pub, `/api/consultations/comments/${id}/like`)).data.likes, 1);
    assert.equal((await del(pub, `/api/consultations/comments/${id}/like`)).data.likes, 1);
    assert.equal((await put(pub, `/api/consultations/comments/999999/like`)).statusCode, 404);
  });
});

describe('paging', () => {
  it('gives the newest 50 first and goes on from a cursor without overlap', async () => {
    const m = await aMeeting(t);
    const ids: number[] = [];
    const posted = await Promise.all(Array.from({ length: 120 }, (_, i) => comment(i % 2 ? pub : member, m, `第${i}条`)));
    for (const p of posted) ids.push(p.data.id);
    ids.sort((a, b) => b - a);
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await pub2.get(`/api/consultations/meetings/${m}/comments${cursor ? `?cursor=${cursor}` : ''}`);
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.data.total, 120);
      seen.push(...res.data.items.map((c: { id: number }) => c.id));
      cursor = res.data.nextCursor;
      pages++;
    } while (cursor);
    assert.equal(pages, 3);
    assert.deepEqual(seen, ids);
    // A cursor beyond any id is refused naming the field, for the office's views from the database too.
    for (const [agent, q] of [[pub2, ''], [staff, '&state=pending']] as const) {
      const res = await agent.get(`/api/consultations/meetings/${m}/comments?cursor=2147483648${q}`);
      assert.equal(res.statusCode, 400, res.body);
      assert.deepEqual(res.data.errors.map((e: { field: string }) => e.field), ['querystring.cursor']);
    }
    // Browsers ask for gzip: the same page, compressed; a client that refuses gzip gets it plain.
    const plain = await pub2.get(`/api/consultations/meetings/${m}/comments`);
    const zipped = await pub2.request('GET', `/api/consultations/meetings/${m}/comments`, undefined, { 'accept-encoding': 'gzip, deflate, br' });
    assert.equal(zipped.headers['content-encoding'], 'gzip');
    assert.match(String(zipped.headers.vary), /accept-encoding/i);
    assert.ok(zipped.rawPayload.length < plain.rawPayload.length / 3, `${zipped.rawPayload.length} of ${plain.rawPayload.length} bytes`);
    assert.deepEqual(JSON.parse(gunzipSync(zipped.rawPayload).toString()), plain.data);
    const refused = await pub2.request('GET', `/api/consultations/meetings/${m}/comments`, undefined, { 'accept-encoding': 'gzip;q=0, identity' });
    assert.equal(refused.headers['content-encoding'], undefined);
    assert.deepEqual(refused.data, plain.data);
    assert.equal((await pub.get(`/api/consultations/meetings/${m}/comments?cursor=abc`)).statusCode, 400);
    assert.equal((await pub.get(`/api/consultations/meetings/${m}/comments?limit=500`)).statusCode, 400);
    assert.equal((await t.services.db.selectFrom('consultation_room_events').select('seq').where('meeting_id', '=', m).orderBy('seq', 'desc').executeTakeFirstOrThrow()).seq, 120);
  });
});

describe('live stream', () => {
  it('pushes a new comment and a hidden one to every open page; pending ones only to staff and the author', async () => {
    const m = await aMeeting(t);
    const a = open(pub, m);
    const b = open(member, m);
    const s = open(staff, m);
    await Promise.all([a.opened, b.opened, s.opened]);
    assert.equal(a.status, 200);
    const id = (await comment(member, m, '直播间里的第一条评论')).data.id;
    for (const st of [a, b, s]) {
      const e = await st.waitFor((e) => e.event === 'comment' && e.data.id === id);
      assert.equal(e.data.authorKind, 'member');
      assert.ok(Number(e.id) > 0);
    }
    assert.equal((await staff.post(`/api/consultations/comments/${id}/hide`)).statusCode, 200);
    for (const st of [a, b]) await st.waitFor((e) => e.event === 'hidden' && e.data.id === id);
    await settings(m, { moderation: 'pre' });
    await a.waitFor((e) => e.event === 'settings' && e.data.moderation === 'pre');
    const pending = (await comment(pub, m, '待审核的评论')).data.id;
    await a.waitFor((e) => e.event === 'comment' && e.data.id === pending && e.data.state === 'pending');
    await s.waitFor((e) => e.event === 'comment' && e.data.id === pending);
    await staff.post(`/api/consultations/comments/${pending}/approve`);
    const approved = await b.waitFor((e) => e.event === 'comment' && e.data.id === pending);
    assert.equal(approved.data.state, 'visible');
    assert.equal(b.events.filter((e) => e.data?.id === pending).length, 1, 'the member never saw it while pending');
    await b.waitFor((e) => e.event === 'counts' && e.data.participants >= 2, 5000);
  });

  it('forwards who is speaking now and changes of the meeting to open pages', async () => {
    const m = await aMeeting(t);
    const s = open(member, m);
    await s.opened;
    await t.services.bus.publish('consultations.speaker', { meetingId: m, speechId: null });
    const speaker = await s.waitFor((e) => e.event === 'speaker');
    assert.deepEqual(speaker.data, { meetingId: m, speaker: null });
    await t.services.bus.publish('consultations.meeting', { meetingId: m, state: 'ended' });
    assert.equal((await s.waitFor((e) => e.event === 'meeting')).data.state, 'ended');
  });

  it('refuses callers who may not see the room', async () => {
    const draft = await aMeeting(t, { state: 'draft' });
    const s = open(pub, draft);
    await s.opened;
    assert.equal(s.status, 404);
    const anon = new Stream(base, t.anonymous(), `/api/consultations/meetings/${draft}/live`);
    streams.push(anon);
    await anon.opened;
    assert.equal(anon.status, 401);
    const bad = open(pub, await aMeeting(t), 'x1');
    await bad.opened;
    assert.equal(bad.status, 400);
  });

  it('after a reconnect with Last-Event-ID replays exactly what was missed, then goes on live', async () => {
    const m = await aMeeting(t);
    const first = open(pub, m);
    await first.opened;
    const c1 = (await comment(member, m, '断线前')).data.id;
    const seen = await first.waitFor((e) => e.event === 'comment' && e.data.id === c1);
    first.close();
    const missed: number[] = [];
    for (let i = 0; i < 5; i++) missed.push((await comment(member, m, `断线期间${i}`)).data.id);
    await staff.post(`/api/consultations/comments/${missed[0]}/hide`);
    // Staff see every event of the room: numbered one after another. The public see the same
    // numbers, less those of comments they may not see (the one hidden meanwhile).
    const fromSeq = Number(seen.id);
    for (const [who, header] of [[staff, true], [pub, false]] as const) {
      const again = open(who, m, seen.id, header);
      await again.opened;
      const later = (await comment(leader, m, `重连后${header}`)).data.id;
      await again.waitFor((e) => e.event === 'comment' && e.data.id === later);
      const ids = again.events.filter((e) => e.id).map((e) => Number(e.id));
      const got = again.events.filter((e) => e.event === 'comment').map((e) => e.data.id);
      assert.ok(again.events.some((e) => e.event === 'hidden' && e.data.id === missed[0]));
      assert.ok(!got.includes(c1));
      if (who === staff) {
        assert.deepEqual(ids, Array.from({ length: ids.length }, (_, i) => fromSeq + 1 + i), 'numbered without gap or repeat');
        assert.deepEqual(got.slice(0, 5), missed);
      } else {
        assert.deepEqual(ids, [...new Set(ids)].sort((a, b) => a - b), 'in order, none twice');
        assert.equal(ids[0], fromSeq + 2);
        assert.deepEqual(got.slice(0, 4), missed.slice(1), 'the missed comments, the hidden one excepted, in order');
        assert.equal(got.length, 6, 'the four missed, the later one of the staff page, and the live one');
      }
      again.close();
    }
    // A number the room never reached (a page kept from before the database was restored): start afresh.
    const stale = open(pub, m, '999999');
    const reset = await stale.waitFor((e) => e.event === 'reset');
    assert.equal(Number(reset.id), reset.data.seq);
    assert.ok(reset.data.seq >= fromSeq + 8);
  });

  it(
    'on PostgreSQL delivers a comment posted through one server process to pages on another',
    { skip: !process.env.DATABASE_URL ? 'SQLite runs one process' : false },
    async () => {
      const other = await buildServer(t.config, connect({ databaseUrl: t.config.databaseUrl, dataDir: t.config.dataDir }));
      try {
        const otherBase = await other.app.listen({ port: 0, host: '127.0.0.1' });
        const there = new Agent(other);
        assert.equal((await there.post('/api/auth/login', { username: 'public2', password: t.fixture.password })).statusCode, 200);
        const m = await aMeeting(t);
        const s = new Stream(otherBase, there, `/api/consultations/meetings/${m}/live`);
        streams.push(s);
        await s.opened;
        const id = (await comment(member, m, '跨进程送达')).data.id;
        await s.waitFor((e) => e.event === 'comment' && e.data.id === id);
        // And the other way round, posted there, seen here.
        const here = open(pub, m);
        await here.opened;
        const back = await there.post(`/api/consultations/meetings/${m}/comments`, { body: '从另一进程发出' });
        assert.equal(back.statusCode, 201, back.body);
        await here.waitFor((e) => e.event === 'comment' && e.data.id === back.data.id);
        // Both processes posting at once: the room's events stay numbered 1, 2, 3… with none twice.
        const burst = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? there.post(`/api/consultations/meetings/${m}/comments`, { body: `并发${i}` }) : comment(member, m, `并发${i}`))));
        assert.ok(burst.every((r) => r.statusCode === 201));
        const seqs = (await t.services.db.selectFrom('consultation_room_events').select('seq').where('meeting_id', '=', m).orderBy('seq').execute()).map((r) => r.seq);
        assert.deepEqual(seqs, Array.from({ length: 42 }, (_, i) => i + 1));
        const last = burst.map((r) => r.data.id).sort((a, b) => b - a)[0];
        await s.waitFor((e) => e.event === 'comment' && e.data.id === last);
        const ids = s.events.filter((e) => e.id).map((e) => Number(e.id));
        assert.deepEqual(ids, Array.from({ length: ids.length }, (_, i) => ids[0]! + i), 'the other process delivered every event once, in order');
        s.close();
      } finally {
        await other.close();
      }
    },
  );
});

describe('service', () => {
  it('gives a comment for a suggestion and the room figures of a period', async () => {
    const m = await aMeeting(t, { topic: '统计用会议' });
    const id = (await comment(member, m, '可转为建议的评论')).data.id;
    await comment(pub, m, '第二条');
    const found = await commentForSuggestion(t.services.db, id);
    assert.equal(found?.body, '可转为建议的评论');
    assert.equal(found?.meetingId, m);
    assert.equal(await commentForSuggestion(t.services.db, 999999), undefined);
    const { from, to } = yearRange(chinaYear());
    const stats = await roomStats(t.services.db, [t.fixture.city], from, to);
    assert.equal(stats.byMeeting[m]?.comments, 2);
    assert.equal(stats.byMeeting[m]?.participants, 2);
    assert.ok(stats.comments >= 2);
    assert.deepEqual(await roomStats(t.services.db, [], '2000-01-01', '2001-01-01'), { comments: 0, participants: 0, byMeeting: {} });
  });
});
