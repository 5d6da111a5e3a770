// Test data for the consultations tests: members with accounts, units with accounts, and meetings
// brought to a given state through the real routes.
import assert from 'node:assert/strict';
import { hostile, type Agent, type TestServer } from '../../test/harness.js';
import { anAccount, aUnit, insertMember, type MemberProfile } from '../../test/people.js';

export const P = '/api/consultations';
export const inHours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();

const PROFILE: MemberProfile = { gender: 'female', birthYear: 1972, affiliation: '中国民主促进会', sector: '教育界', workplace: `嘉兴某学校${hostile}`, title: '教师' };

export const aMember = (t: TestServer, name: string, organizationId = t.fixture.city) => insertMember(t, name, organizationId, PROFILE);
export { anAccount, aUnit };

export const meetingBody = (over: Record<string, unknown> = {}) => ({
  type: 'thematic',
  topic: `推进城乡教育优质均衡发展专题协商会${hostile}`,
  startsAt: inHours(3),
  endsAt: inHours(6),
  place: '市政协三楼会议室',
  online: false,
  publicSeats: 20,
  agenda: [{ title: '市教育局通报情况' }, { title: '委员发言', note: '每人不超过 8 分钟' }],
  invitedMemberIds: [],
  ...over,
});

export type MeetingStage = 'draft' | 'published' | 'in_progress' | 'ended' | 'cancelled';

/** A meeting created by `staff` and moved through the real routes to `stage`; returns its id. */
export async function aMeeting(staff: Agent, over: Record<string, unknown> = {}, stage: MeetingStage = 'published') {
  const made = await staff.post(`${P}/meetings`, meetingBody(over));
  assert.equal(made.statusCode, 201, made.body);
  const id = made.data.id as number;
  const steps: Record<MeetingStage, string[]> = { draft: [], published: ['publish'], in_progress: ['publish', 'start'], ended: ['publish', 'start', 'end'], cancelled: ['cancel'] };
  for (const step of steps[stage]) {
    const res = await staff.post(`${P}/meetings/${id}/${step}`, {});
    assert.equal(res.statusCode, 200, `${step}: ${res.body}`);
  }
  return id;
}

/** The check-in token as staff see it on the QR code. */
export async function tokenOf(staff: Agent, meetingId: number) {
  const res = await staff.get(`${P}/meetings/${meetingId}/checkin-code`);
  assert.equal(res.statusCode, 200, res.body);
  return res.data.token as string;
}

export const put = (a: Agent, url: string, body: Record<string, unknown>) => a.request('PUT', url, body);

export async function count(t: TestServer, table: 'consultation_meetings' | 'consultation_plans' | 'consultation_votes' | 'consultation_speeches' | 'suggestions' | 'consultation_outcomes' | 'consultation_plan_items') {
  return Number((await t.services.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
}
