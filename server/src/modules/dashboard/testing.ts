// Test data of the dashboard: records of every module inserted with the dates the test chooses
// (no command takes a past date), each tallied where the figures should count it.
import crypto from 'node:crypto';
import assert from 'node:assert/strict';
import { hostile, type TestServer } from '../../test/harness.js';
import { aPlace } from '../opinions/testing.js';

export type Level = 'city' | 'county';
/** code → the value expected for the city alone (own) and with the county (system). */
export class Tally {
  readonly own = new Map<string, number>();
  readonly system = new Map<string, number>();
  add(level: Level, ...codes: string[]) {
    for (const code of codes) {
      if (level === 'city') this.own.set(code, (this.own.get(code) ?? 0) + 1);
      this.system.set(code, (this.system.get(code) ?? 0) + 1);
    }
  }
}

export function seeder(t: TestServer) {
  const db = t.services.db;
  const org = (level: Level) => (level === 'city' ? t.fixture.city : t.fixture.county);
  const author = t.fixture.users.member!;
  const title = (s: string) => `${s}${hostile}`;
  const places = new Map<Level, number>();
  const place = async (level: Level) => places.get(level) ?? places.set(level, await aPlace(t, `${level}议事堂`, 'hall', null, org(level))).get(level)!;
  return {
    async proposal(level: Level, p: { state: string; filedAt: string; reviewedAt?: string; kind?: string; isKey?: boolean; round?: number; memberId?: number; sectorId?: number; categoryId?: number }) {
      return (await db.insertInto('proposals').values({
        organization_id: org(level), session_id: null, year: Number(p.filedAt.slice(0, 4)), kind: (p.kind ?? 'individual') as never, state: p.state as never,
        author_user_id: author, member_id: p.memberId ?? null, collective_kind: p.kind === 'collective' ? 'sector' : null, collective_id: null, proposer_name: '经济界',
        sector_id: p.sectorId ?? null, category_id: p.categoryId ?? null, title: title('关于加快推进城乡公交一体化的建议'), reasons: '理由', suggestions: '建议', number: null,
        reject_reason_id: null, reject_text: null, round: p.round ?? 1, is_key: p.isKey ? 1 : 0, is_public: 0, filed_at: p.filedAt,
        reviewed_at: p.reviewedAt ?? null, reviewed_by: null, assigned_at: null, closed_at: null, created_at: p.filedAt, updated_at: p.filedAt,
      }).returning('id').executeTakeFirstOrThrow()).id;
    },
    /** A proposal category of the organization, under another or at the top. */
    category: async (level: Level, name: string, parentId: number | null = null) =>
      (await db.insertInto('proposal_categories').values({ organization_id: org(level), parent_id: parentId, name, sort: 1, active: 1 }).returning('id').executeTakeFirstOrThrow()).id,
    async evaluation(proposalId: number, result: 'satisfied' | 'basically_satisfied' | 'unsatisfied', at: string) {
      const unit = (await db.selectFrom('handling_units').select('id').where('id', '=', t.fixture.unit).executeTakeFirstOrThrow()).id;
      const { organization_id } = await db.selectFrom('proposals').select('organization_id').where('id', '=', proposalId).executeTakeFirstOrThrow();
      const a = await db.insertInto('proposal_assignments').values({
        proposal_id: proposalId, organization_id, unit_id: unit, role: 'lead', state: 'replied', round: 1, deadline: at.slice(0, 10), reassign_reason: null,
        assigned_by: null, assigned_at: at, signed_at: at, replied_at: at, updated_at: at,
      }).returning('id').executeTakeFirstOrThrow();
      await db.insertInto('proposal_evaluations').values({ assignment_id: a.id, proposal_id: proposalId, round: 1, user_id: author, result, comment: null, created_at: at }).execute();
    },
    async opinion(level: Level, submittedAt: string) {
      return (await db.insertInto('opinions').values({
        organization_id: org(level), year: Number(submittedAt.slice(0, 4)), source_kind: 'member', member_id: null, place_id: null, user_id: author,
        title: title('关于公交站增设遮雨棚的建议'), text: '公交站没有遮雨棚。', category: 'transport', state: 'adopted', tracking_code: null,
        resident_name_enc: null, resident_phone_enc: null, device_hash: null, duplicate_of: null, screening_reason: null, screened_at: null,
        screened_by: null, similar_group: null, submitted_at: submittedAt, updated_at: submittedAt,
      } as never).returning('id').executeTakeFirstOrThrow()).id;
    },
    async issue(level: Level, publishedOn: string, opinionIds: number[]) {
      const number = Math.floor(Math.random() * 1e6);
      const x = await db.insertInto('opinion_issues').values({ organization_id: org(level), year: Number(publishedOn.slice(0, 4)), number, published_on: publishedOn, created_by: null, created_at: `${publishedOn}T02:00:00.000Z` }).returning('id').executeTakeFirstOrThrow();
      for (const [i, id] of opinionIds.entries()) await db.insertInto('opinion_issue_items').values({ issue_id: x.id, opinion_id: id, position: i + 1, title: title('编报标题'), text: '正文', credits: '' }).execute();
    },
    adoption: (opinionId: number, level: 'national' | 'province' | 'city', adoptedOn: string) =>
      db.insertInto('opinion_adoptions').values({ opinion_id: opinionId, level, adopted_by: '采用单位', adopted_on: adoptedOn, created_at: `${adoptedOn}T02:00:00.000Z` }).execute(),
    forwarding: (opinionId: number, sentOn: string) =>
      db.insertInto('opinion_forwardings').values({ opinion_id: opinionId, issue_id: null, recipient: 'city_government', recipient_name: null, sent_on: sentOn, created_by: null, created_at: `${sentOn}T02:00:00.000Z` }).execute(),
    instruction: (opinionId: number, instructedOn: string) =>
      db.insertInto('opinion_instructions').values({ opinion_id: opinionId, leader: '市长', level: 'city', instructed_on: instructedOn, text: '请研究办理。', created_at: `${instructedOn}T02:00:00.000Z` }).execute(),
    async meeting(level: Level, startsAt: string, state: string, online: boolean) {
      return (await db.insertInto('consultation_meetings').values({
        organization_id: org(level), type: 'thematic', topic: title('养老服务体系建设专题协商'), starts_at: startsAt, ends_at: startsAt, place: '市民中心', online: online ? 1 : 0,
        state, committee_id: null, created_by: null, created_at: startsAt, updated_at: startsAt, plan_item_id: null, public_seats: 0,
        checkin_token: crypto.randomBytes(12).toString('hex'), speaking_speech_id: null, votes_per_attendee: 3, vote_opens_at: null, vote_closes_at: null,
        best_confirmed_at: null, cancel_reason: null,
      } as never).returning('id').executeTakeFirstOrThrow()).id;
    },
    async checkIn(meetingId: number, memberId: number, at: string | null) {
      await db.insertInto('consultation_invitations').values({ meeting_id: meetingId, member_id: memberId, answer: 'accepted', reason: null, answered_at: at, checked_in_at: at, created_at: at ?? new Date().toISOString() } as never).execute();
    },
    participant: (meetingId: number, userId: number, at: string) => db.insertInto('consultation_room_participants').values({ meeting_id: meetingId, user_id: userId, first_at: at }).execute(),
    comment: (meetingId: number, state: 'visible' | 'hidden', at: string) =>
      db.insertInto('consultation_comments').values({ meeting_id: meetingId, author_id: author, author_name: '网友', author_kind: 'public', body: title('建议增加社区食堂'), state, pinned: 0, likes: 0, answer_body: null, answer_by_name: null, answered_at: null, created_at: at }).execute(),
    async suggestion(level: Level, source: 'consultation_meeting' | 'hall_session', sourceId: number, state: string, at: string) {
      await db.insertInto('suggestions').values({
        organization_id: org(level), source_type: source, source_id: sourceId, origin_kind: 'manual', origin_id: null, passage: null, origin_author: null,
        title: title('增设停车位'), text: '利用闲置地块增设停车位。', state: state as never, adoption_note: null, created_by: null, created_at: at, updated_at: at,
      }).execute();
    },
    async hallSession(level: Level, startsAt: string, state: string) {
      return (await db.insertInto('hall_sessions').values({
        organization_id: org(level), place_id: await place(level), title: title('停车难议事会'), starts_at: startsAt, ends_at: null, convener_member_id: null,
        research_notes: null, minutes: null, state: state as never, created_by: null, created_at: startsAt, updated_at: startsAt,
      }).returning('id').executeTakeFirstOrThrow()).id;
    },
    async topic(level: Level, at: string) {
      await db.insertInto('hall_topics').values({ organization_id: org(level), place_id: await place(level), title: title('小区停车难'), text: '停车位不足。', state: 'open', proposer_id: author, merged_into: null, decline_reason: null, session_id: null, created_at: at, updated_at: at }).execute();
    },
    async loungeEvent(level: Level, startsAt: string, state: 'planned' | 'held') {
      return (await db.insertInto('lounge_events').values({ organization_id: org(level), place_id: await place(level), title: title('委员会客厅主题活动'), theme: '托育', starts_at: startsAt, ends_at: null, residents: 0, state, headcount: null, headcount_reason: null, created_by: null, created_at: startsAt, updated_at: startsAt }).returning('id').executeTakeFirstOrThrow()).id;
    },
    /** A QR check-in at a hall session or lounge event. */
    checkin: (level: Level, source: 'hall_session' | 'lounge_event', sourceId: number, userId: number, at: string) =>
      db.insertInto('attendance_checkins').values({ source_type: source, source_id: sourceId, organization_id: org(level), user_id: userId, member_id: null, invitee_id: null, at, method: 'qr' }).execute(),
    /** A resident representative invited to a hall session, by name only or by account. */
    invitee: (sessionId: number, name: string, userId: number | null) =>
      db.insertInto('hall_session_invitees').values({ session_id: sessionId, kind: 'resident', member_id: null, unit_id: null, name, user_id: userId }).execute(),
  };
}

/** A 400 problem+json naming `field`, with its message in Chinese and in English. */
export function assertBadInput(res: { statusCode: number; body: string; headers: Record<string, unknown>; data: any }, field: string) {
  assert.equal(res.statusCode, 400, res.body);
  assert.match(res.headers['content-type'] as string, /problem\+json/);
  const e = (res.data.errors as { field: string; message: string; message_en: string }[]).find((x) => x.field === field);
  assert.ok(e, res.body);
  assert.match(e.message, /\p{Script=Han}/u);
  assert.ok(e.message_en && !/\p{Script=Han}/u.test(e.message_en), res.body);
}
