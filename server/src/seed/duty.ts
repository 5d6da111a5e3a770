// The demo city's duty year, through the duty module's commands: offline acts the office entered,
// members' claims (one pending, one approved, one returned), the year's minimums and bands, last
// year's plenary session (so that a member absent from both is on the exit list), the evaluation
// computed and reviewed so that every grade is present, and this quarter's warnings.
import type { Services } from '../platform/context.js';
import * as s from '../modules/consultations/schema.js';
import { createMeeting, meetingEvent } from '../modules/consultations/meetings.js';
import { checkin } from '../modules/consultations/checkin.js';
import { claim, decide } from '../modules/duty/claims.js';
import { enterDuty, setGrading, setRules } from '../modules/duty/commands.js';
import { adjust, compute, evaluationOf } from '../modules/duty/evaluation.js';
import { DEFAULT_GRADING, GRADE_LABELS, GRADES } from '../modules/duty/grading.js';
import { sendWarnings } from '../modules/duty/warnings.js';
import { modules } from '../modules/index.js';
import { addDays, chinaDate, clock } from '../platform/time.js';
import type { Cast } from './actors.js';
import type { YearFrame } from './proposals.js';

const DAY = 86_400_000;

/** kind, points, cap: the demo city's year. */
const CITY_POINTS: [string, number, number | null][] = [
  ['plenary_attended', 20, null], ['plenary_absent', -20, null], ['meeting_attended', 6, 36], ['meeting_absent', -6, null],
  ['speech_registered', 1, 5], ['speech_given', 6, 24], ['speech_best', 10, null],
  ['proposal_filed', 12, 36], ['proposal_cosigned', 4, 12], ['proposal_accepted', 6, 18], ['proposal_key', 10, null],
  ['opinion_submitted', 5, 30], ['opinion_compiled', 5, 30], ['opinion_adopted_city', 8, null], ['opinion_adopted_province', 12, null],
  ['opinion_adopted_national', 20, null], ['opinion_instructed', 10, null],
  ['offline_research', 8, 24], ['offline_training', 6, 12], ['offline_reception', 6, 18], ['hall_convened', 8, null], ['hall_spoke', 4, null], ['hall_attended', 3, 15],
  ['lounge_answered', 4, 20], ['lounge_attended', 4, 16], ['place_activity', 4, 20], ['proposal_excellent', 15, null],
];

export async function seedDuty(services: Services, cast: Cast, frame: YearFrame): Promise<void> {
  const decls = modules.flatMap((m) => m.duty ?? []);
  const { city, year } = frame;
  const { staff, members } = cast;
  const day = (daysAgo: number) => addDays(chinaDate(), -daysAgo);
  await lastPlenary(services, cast, frame);

  await enterDuty(staff, { organizationId: city, memberIds: members.slice(0, 12).map((m) => m.id), kind: 'offline_research', occurredOn: day(40), title: '赴南湖区调研乡村振兴和共同富裕', reason: '市政协组织的线下调研，系统无记录' });
  await enterDuty(staff, { organizationId: city, memberIds: members.slice(5, 45).map((m) => m.id), kind: 'offline_training', occurredOn: day(25), title: '全市政协委员履职能力培训班', reason: '线下培训，凭签到表录入' });
  const claims = [];
  for (const [i, title] of ['在社区接待群众来访', '参加界别小组调研', '参加读书活动'].entries())
    claims.push((await claim(members[i + 1]!.ctx, { kind: i === 1 ? 'offline_research' : 'offline_reception', occurredOn: day(10 + i), title, note: '附活动照片和签到记录' })).id);
  await decide(staff, claims[0]!, { decision: 'approve' });
  await decide(staff, claims[1]!, { decision: 'return', reason: '请补充调研报告或签到记录' });

  // The city's own scale, as its office sets it: on a hundred points, the plenary weighs most.
  await setRules(staff, decls, { organizationId: city, year, rules: CITY_POINTS.map(([kind, points, cap]) => ({ kind, points, cap })) });
  await setGrading(staff, decls, { organizationId: city, year, minimums: DEFAULT_GRADING.minimums, bands: { excellent: 100, competent: 45, basic: 30 } });
  await compute(staff, decls, { organizationId: city, year });
  // The review: a grade no member reached is given, with its reason, to the member placed nearest it.
  const ev = await evaluationOf(services.db, city, year);
  const n = ev.results.length;
  for (const [i, g] of GRADES.entries()) {
    if (ev.counts[g] > 0 || n < GRADES.length) continue;
    const r = ev.results[Math.min(n - 1, Math.floor((i * n) / (GRADES.length - 1)))]!;
    if (ev.counts[r.grade] < 2) continue;
    ev.counts[r.grade]--;
    ev.counts[g]++;
    await adjust(staff, { organizationId: city, year, memberId: r.memberId, grade: g, reason: `经主席会议评议，调整为${GRADE_LABELS[g].zh}` });
  }
  await sendWarnings(services, { actor: null, ip: null }, decls, [city]);
}

/**
 * Last year's plenary session, held and ended: most invited members checked in; one member who
 * stayed away from this year's plenary without leave stayed away from it too.
 */
async function lastPlenary(services: Services, cast: Cast, frame: YearFrame) {
  const absent = await services.db.selectFrom('duty_events').select('member_id').where('organization_id', '=', frame.city).where('year', '=', frame.year).where('kind', '=', 'plenary_absent').orderBy('member_id').executeTakeFirst();
  if (!absent) return;
  const startsAt = Date.parse(`${frame.year - 1}-01-18T01:00:00.000Z`);
  const present = cast.members.slice(1, 61).filter((m) => m.id !== absent.member_id);
  const real = clock.now;
  const at = (ms: number) => (clock.now = () => new Date(ms));
  try {
    at(startsAt - 20 * DAY);
    const { id } = await createMeeting(cast.staff, s.meetingIn.parse({
      type: 'plenary', topic: `政协嘉兴市委员会 ${frame.year - 1} 年全体会议`, startsAt: new Date(startsAt).toISOString(), endsAt: new Date(startsAt + 4 * 3_600_000).toISOString(),
      place: '嘉兴市会展中心', online: false, publicSeats: 0, agenda: [{ title: '听取和审议常委会工作报告' }], invitedMemberIds: [absent.member_id, ...present.map((m) => m.id)],
    }));
    await meetingEvent(cast.staff, id, 'publish');
    at(startsAt - 30 * 60_000);
    await meetingEvent(cast.staff, id, 'start');
    const token = (await services.db.selectFrom('consultation_meetings').select('checkin_token').where('id', '=', id).executeTakeFirstOrThrow()).checkin_token;
    for (const [i, m] of present.entries()) {
      at(startsAt - 20 * 60_000 + i * 7_000);
      await checkin(m.ctx, s.checkinIn.parse({ token, meetingId: id }));
    }
    at(startsAt + 4 * 3_600_000);
    await meetingEvent(cast.staff, id, 'end');
  } finally {
    clock.now = real;
  }
}
