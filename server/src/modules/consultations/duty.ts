// The duty kinds consultations produce for members, read from the meetings' own records: attended
// (checked in), absent with leave or without it (once the meeting ended), a speech registered,
// given, chosen best. Each counts once per member and meeting, in the meeting's year in China.
// The plenary session (全体会议) has kinds of its own, so that the duty rules can require
// attending it and weigh an absence from it more heavily than from another meeting.
import type { DutyDeclaration, DutyFact, DutyScope } from '../../platform/duty.js';
import type { Trx } from '../../platform/context.js';
import { chinaYear, yearRange } from '../../platform/time.js';

async function derive(trx: Trx, scope: DutyScope): Promise<DutyFact[]> {
  let mq = trx.selectFrom('consultation_meetings').select(['id', 'type', 'starts_at', 'ends_at', 'state', 'best_confirmed_at']).where('state', '!=', 'cancelled');
  if (scope.sourceIds) mq = mq.where('id', 'in', scope.sourceIds);
  if (scope.year !== undefined) {
    const { from, to } = yearRange(scope.year);
    mq = mq.where('starts_at', '>=', from).where('starts_at', '<', to);
  }
  const meetings = new Map((await mq.execute()).map((m) => [m.id, m]));
  if (!meetings.size) return [];
  const facts = new Map<string, DutyFact>();
  const add = (meetingId: number, memberId: number, organizationId: number, kind: string, occurredAt: string) => {
    const k = `${kind}|${meetingId}|${memberId}`;
    const had = facts.get(k);
    // A member with two speeches at one meeting spoke there once: the first counts.
    if (!had || had.occurredAt > occurredAt) facts.set(k, { memberId, organizationId, year: chinaYear(meetings.get(meetingId)!.starts_at), kind, sourceId: meetingId, occurredAt });
  };
  const ids = [...meetings.keys()];
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    let iq = trx.selectFrom('consultation_invitations as v').innerJoin('members as m', 'm.id', 'v.member_id').select(['v.meeting_id', 'v.member_id', 'v.answer', 'v.checked_in_at', 'm.organization_id']).where('v.meeting_id', 'in', chunk);
    if (scope.memberIds) iq = iq.where('v.member_id', 'in', scope.memberIds);
    for (const v of await iq.execute()) {
      const m = meetings.get(v.meeting_id)!;
      const plenary = m.type === 'plenary';
      if (v.checked_in_at) add(m.id, v.member_id, v.organization_id, plenary ? 'plenary_attended' : 'meeting_attended', v.checked_in_at);
      else if (m.state === 'ended') add(m.id, v.member_id, v.organization_id, v.answer === 'leave' ? 'meeting_leave' : plenary ? 'plenary_absent' : 'meeting_absent', m.ends_at);
    }
    let sq = trx
      .selectFrom('consultation_speeches as s')
      .innerJoin('members as m', 'm.id', 's.member_id')
      .leftJoin('consultation_best_speeches as b', 'b.speech_id', 's.id')
      .select(['s.meeting_id', 's.member_id', 's.state', 's.created_at', 's.spoken_at', 'b.speech_id as best', 'm.organization_id'])
      .where('s.meeting_id', 'in', chunk)
      .where('s.state', 'in', ['submitted', 'approved']);
    if (scope.memberIds) sq = sq.where('s.member_id', 'in', scope.memberIds);
    for (const s of await sq.execute()) {
      const m = meetings.get(s.meeting_id)!;
      add(m.id, s.member_id, s.organization_id, 'speech_registered', s.created_at);
      if (s.spoken_at) add(m.id, s.member_id, s.organization_id, 'speech_given', s.spoken_at);
      if (s.best !== null) add(m.id, s.member_id, s.organization_id, 'speech_best', m.best_confirmed_at ?? m.ends_at);
    }
  }
  return [...facts.values()];
}

export const consultationsDuty: DutyDeclaration = {
  sourceType: 'consultation_meeting',
  kinds: [
    { code: 'meeting_attended', zh: '出席协商活动', en: 'Meeting attended', points: 2 },
    { code: 'meeting_leave', zh: '请假缺席', en: 'Absent with leave', points: 0 },
    { code: 'meeting_absent', zh: '无故缺席', en: 'Absent without leave', points: -5 },
    { code: 'plenary_attended', zh: '出席全体会议', en: 'Plenary session attended', points: 2 },
    { code: 'plenary_absent', zh: '无故缺席全体会议', en: 'Absent from the plenary session without leave', points: -10 },
    { code: 'speech_registered', zh: '报名发言', en: 'Speech registered', points: 1 },
    { code: 'speech_given', zh: '会议发言', en: 'Speech given', points: 5 },
    { code: 'speech_best', zh: '最佳发言', en: 'Best speech', points: 10 },
  ],
  link: (id) => `/consultations/meetings/${id}`,
  titles: async (trx, ids) => new Map(ids.length ? (await trx.selectFrom('consultation_meetings').select(['id', 'topic']).where('id', 'in', ids).execute()).map((m) => [m.id, m.topic]) : []),
  derive,
};
