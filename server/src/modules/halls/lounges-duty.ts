// The duty kinds member lounges and duty places produce, read from their own records: a question
// the member on duty answered, a held lounge event a member attended (checked in), and the visits,
// receptions and events of a place's activity log. Each counts in the year in China it happened.
import type { DutyDeclaration, DutyFact, DutyScope } from '../../platform/duty.js';
import type { Trx } from '../../platform/context.js';
import { chinaYear, yearRange } from '../../platform/time.js';

const only = (facts: DutyFact[], scope: DutyScope) => (scope.memberIds ? facts.filter((f) => scope.memberIds!.includes(f.memberId)) : facts);

async function answered(trx: Trx, scope: DutyScope): Promise<DutyFact[]> {
  let q = trx.selectFrom('lounge_questions as q').innerJoin('members as m', 'm.id', 'q.answered_by')
    .select(['q.id', 'q.answered_by', 'q.answered_at', 'm.organization_id']).where('q.state', '=', 'answered').where('q.answered_by', 'is not', null);
  if (scope.sourceIds) q = q.where('q.id', 'in', scope.sourceIds.length ? scope.sourceIds : [0]);
  if (scope.year !== undefined) {
    const { from, to } = yearRange(scope.year);
    q = q.where('q.answered_at', '>=', from).where('q.answered_at', '<', to);
  }
  const rows = await q.execute();
  return only(rows.map((r) => ({ memberId: r.answered_by!, organizationId: r.organization_id, year: chinaYear(r.answered_at!), kind: 'lounge_answered', sourceId: r.id, occurredAt: r.answered_at! })), scope);
}

async function attended(trx: Trx, scope: DutyScope): Promise<DutyFact[]> {
  let q = trx.selectFrom('lounge_events as e')
    .innerJoin('attendance_checkins as c', (j) => j.onRef('c.source_id', '=', 'e.id').on('c.source_type', '=', 'lounge_event'))
    .innerJoin('members as m', 'm.id', 'c.member_id')
    .select(['e.id', 'e.starts_at', 'c.member_id', 'm.organization_id']).where('e.state', '=', 'held');
  if (scope.sourceIds) q = q.where('e.id', 'in', scope.sourceIds.length ? scope.sourceIds : [0]);
  if (scope.year !== undefined) {
    const { from, to } = yearRange(scope.year);
    q = q.where('e.starts_at', '>=', from).where('e.starts_at', '<', to);
  }
  const rows = await q.execute();
  return only(rows.map((r) => ({ memberId: r.member_id!, organizationId: r.organization_id, year: chinaYear(r.starts_at), kind: 'lounge_attended', sourceId: r.id, occurredAt: r.starts_at })), scope);
}

export const loungeQuestionsDuty: DutyDeclaration = {
  sourceType: 'lounge_question',
  kinds: [{ code: 'lounge_answered', zh: '委员会客厅答复群众提问', en: "Answered a resident's question in a lounge", points: 2 }],
  derive: answered,
};

export const loungeEventsDuty: DutyDeclaration = {
  sourceType: 'lounge_event',
  kinds: [{ code: 'lounge_attended', zh: '参加委员会客厅活动', en: 'Attended a lounge event', points: 2 }],
  derive: attended,
};

/** A visit, reception or event at a duty place (a studio, station or hall), for the members the activity log names. */
async function placeActivities(trx: Trx, scope: DutyScope): Promise<DutyFact[]> {
  let q = trx.selectFrom('place_activities as a').innerJoin('place_activity_members as am', 'am.activity_id', 'a.id').innerJoin('members as m', 'm.id', 'am.member_id')
    .select(['a.id', 'a.held_on', 'am.member_id', 'm.organization_id']);
  if (scope.sourceIds) q = q.where('a.id', 'in', scope.sourceIds.length ? scope.sourceIds : [0]);
  if (scope.year !== undefined) q = q.where('a.held_on', '>=', `${scope.year}-01-01`).where('a.held_on', '<=', `${scope.year}-12-31`);
  const rows = await q.execute();
  // A day in China: its noon, so that the instant falls on that day whatever the reader's zone.
  return only(rows.map((r) => ({ memberId: r.member_id, organizationId: r.organization_id, year: Number(r.held_on.slice(0, 4)), kind: 'place_activity', sourceId: r.id, occurredAt: new Date(`${r.held_on}T12:00:00+08:00`).toISOString() })), scope);
}

export const placeActivitiesDuty: DutyDeclaration = {
  sourceType: 'place_activity',
  kinds: [{ code: 'place_activity', zh: '阵地履职（走访、接待、活动）', en: 'Visit, reception or event at a duty place', points: 1 }],
  derive: placeActivities,
};
