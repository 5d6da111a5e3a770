// The duty kinds livelihood halls produce for members, read from the sessions' own records: the
// member who convened a session, the members who spoke at it and those who checked in, once it was held. Each counts
// in the session's year in China.
import type { DutyDeclaration, DutyFact, DutyScope } from '../../platform/duty.js';
import type { Trx } from '../../platform/context.js';
import { chinaYear, yearRange } from '../../platform/time.js';

async function derive(trx: Trx, scope: DutyScope): Promise<DutyFact[]> {
  let q = trx.selectFrom('hall_sessions').select(['id', 'starts_at', 'convener_member_id']).where('state', 'in', ['held', 'closed']);
  if (scope.sourceIds) q = q.where('id', 'in', scope.sourceIds);
  if (scope.year !== undefined) {
    const { from, to } = yearRange(scope.year);
    q = q.where('starts_at', '>=', from).where('starts_at', '<', to);
  }
  const sessions = await q.execute();
  if (!sessions.length) return [];
  const ids = sessions.map((s) => s.id);
  const speakers = [];
  for (let i = 0; i < ids.length; i += 500)
    speakers.push(...(await trx.selectFrom('hall_session_speakers').select(['session_id', 'member_id']).where('session_id', 'in', ids.slice(i, i + 500)).where('member_id', 'is not', null).execute()));
  const attendees = [];
  for (let i = 0; i < ids.length; i += 500)
    attendees.push(...(await trx.selectFrom('attendance_checkins').select(['source_id as session_id', 'member_id']).where('source_type', '=', 'hall_session').where('source_id', 'in', ids.slice(i, i + 500)).where('member_id', 'is not', null).execute()));
  const memberIds = [...new Set([...sessions.flatMap((s) => (s.convener_member_id ? [s.convener_member_id] : [])), ...speakers.map((s) => s.member_id!), ...attendees.map((a) => a.member_id!)])];
  const orgOf = new Map(memberIds.length ? (await trx.selectFrom('members').select(['id', 'organization_id']).where('id', 'in', memberIds).execute()).map((m) => [m.id, m.organization_id]) : []);
  const byId = new Map(sessions.map((s) => [s.id, s]));
  const facts = new Map<string, DutyFact>();
  const add = (sessionId: number, memberId: number, kind: string) => {
    const s = byId.get(sessionId)!;
    facts.set(`${kind}|${sessionId}|${memberId}`, { memberId, organizationId: orgOf.get(memberId)!, year: chinaYear(s.starts_at), kind, sourceId: sessionId, occurredAt: s.starts_at });
  };
  for (const s of sessions) if (s.convener_member_id) add(s.id, s.convener_member_id, 'hall_convened');
  for (const s of speakers) add(s.session_id, s.member_id!, 'hall_spoke');
  for (const a of attendees) add(a.session_id, a.member_id!, 'hall_attended');
  const all = [...facts.values()];
  return scope.memberIds ? all.filter((f) => scope.memberIds!.includes(f.memberId)) : all;
}

export const hallsDuty: DutyDeclaration = {
  sourceType: 'hall_session',
  kinds: [
    { code: 'hall_convened', zh: '召集民生议事', en: 'Hall session convened', points: 5 },
    { code: 'hall_spoke', zh: '民生议事发言', en: 'Spoke at a hall session', points: 2 },
    { code: 'hall_attended', zh: '参加民生议事', en: 'Attended a hall session', points: 1 },
  ],
  derive,
};
