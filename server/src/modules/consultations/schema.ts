// Input shapes of consultations: validation, types and the OpenAPI document at once (the output
// shapes are in response-schema.ts).
import { z } from 'zod';
import { queryRecordId, recordId } from '../../platform/ids.js';
import { pageQuery } from '../../platform/paging.js';
import { orgScope } from '../../platform/scope.js';

const id = recordId;
const queryId = queryRecordId;
const text = (max: number) => z.string().trim().min(1).max(max);
const date = z.iso.date({ error: '日期格式应为 YYYY-MM-DD|Dates are written YYYY-MM-DD' });
/** Any ISO time with an offset; stored as UTC. */
const instant = z.iso
  .datetime({ offset: true, error: '时间格式应为 ISO 8601，如 2026-05-20T09:00:00+08:00|Times are written in ISO 8601, e.g. 2026-05-20T09:00:00+08:00' })
  .transform((v) => new Date(v).toISOString());
const ids = (max: number) => z.array(id).max(max);

export const meetingTypes = {
  plenary: { zh: '全体会议', en: 'Plenary session' },
  standing_committee: { zh: '常委会议', en: 'Standing committee meeting' },
  thematic: { zh: '专题协商会', en: 'Thematic consultation' },
  chair_meeting: { zh: '主席会议专题协商', en: 'Chair meeting consultation' },
  counterpart: { zh: '对口协商', en: 'Counterpart consultation' },
  sector: { zh: '界别协商', en: 'Sector consultation' },
  proposal_handling: { zh: '提案办理协商', en: 'Proposal-handling consultation' },
  pre_legislative: { zh: '立法前协商', en: 'Pre-legislative consultation' },
  come_and_consult: { zh: '请你来协商', en: '"Come and consult"' },
} as const;
export type MeetingTypeKey = keyof typeof meetingTypes;
export const meetingType = z.enum(Object.keys(meetingTypes) as [MeetingTypeKey, ...MeetingTypeKey[]]);
export const meetingState = z.enum(['draft', 'published', 'in_progress', 'ended', 'cancelled']);
export const suggestionState = z.enum(['open', 'assigned', 'answered', 'adopted', 'not_adopted']);
export const level = z.enum(['national', 'province', 'city', 'county']);

export const idParams = z.strictObject({ id: queryId });
export const itemParams = z.strictObject({ id: queryId, itemId: queryId });
export const guestParams = z.strictObject({ id: queryId, guestId: queryId });
export const externalGuestCategory = z.enum(['official', 'expert', 'public', 'other']);
export const externalGuestIn = z.strictObject({
  name: z.string().trim().min(1).max(30),
  category: externalGuestCategory,
  workplace: z.string().trim().max(100).nullable().optional(),
  phone: z.string().trim().regex(/^[0-9+\-() ]{5,30}$/, '电话号码格式不正确|Invalid phone number').nullable().optional(),
});
export const fileParams = z.strictObject({ id: queryId, fileId: z.string().regex(/^[0-9a-f]{32}$/) });
const year = z.coerce.number().int().min(2000).max(2100);
export const yearQuery = z.strictObject({ year: year.optional() });
export const statsQuery = z.strictObject({ year: year.optional(), organizationId: queryId.optional(), scope: orgScope });

export const planIn = z.strictObject({ year: z.number().int().min(2000).max(2100), title: text(100) });
export const planItemIn = z.strictObject({
  type: meetingType,
  topic: text(200),
  leadCommitteeId: id.nullable().optional(),
  quarter: z.number().int().min(1).max(4),
  note: z.string().trim().max(1000).optional(),
});
export const planItemPatch = planItemIn.partial();
export const reasonIn = z.strictObject({ reason: text(500) });

const agendaItem = z.strictObject({ title: text(200), note: z.string().trim().max(1000).optional() });
const meetingFields = {
  type: meetingType,
  topic: text(200),
  startsAt: instant,
  endsAt: instant,
  place: text(200),
  online: z.boolean(),
  committeeId: id.nullable().optional(),
  planItemId: id.nullable().optional(),
  publicSeats: z.number().int().min(0).max(100000).default(0),
  agenda: z.array(agendaItem).max(50).default([]),
  invitedMemberIds: ids(2000).default([]),
  invitedUserIds: ids(500).default([]),
  invitedUnitIds: ids(500).default([]),
};
export const meetingIn = z.strictObject(meetingFields);
export const meetingPatch = z.strictObject({
  type: meetingType.optional(),
  topic: text(200).optional(),
  startsAt: instant.optional(),
  endsAt: instant.optional(),
  place: text(200).optional(),
  online: z.boolean().optional(),
  committeeId: id.nullable().optional(),
  planItemId: id.nullable().optional(),
  publicSeats: z.number().int().min(0).max(100000).optional(),
  agenda: z.array(agendaItem).max(50).optional(),
  invitedMemberIds: ids(2000).optional(),
  invitedUserIds: ids(500).optional(),
  invitedUnitIds: ids(500).optional(),
});
export const cancelIn = z.strictObject({ reason: z.string().trim().max(500).optional() });
export const meetingsQuery = z.strictObject({
  year: year.optional(),
  type: meetingType.optional(),
  state: meetingState.optional(),
  /** Only the meetings the caller is invited to and has still to answer (while an answer is taken). */
  toAnswer: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  ...pageQuery,
});

export const replyIn = z.strictObject({ answer: z.enum(['accept', 'leave']), reason: z.string().trim().max(500).optional() });
export const tokenParams = z.strictObject({ token: z.string().min(1).max(100) });
export const checkinIn = z.strictObject({ token: z.string().trim().min(1).max(100), meetingId: id.optional() });

export const speechIn = z.strictObject({ title: text(200), text: text(20000) });
export const orderIn = z.strictObject({ speechIds: ids(500).min(1) });
export const voteSettingsIn = z.strictObject({ votesPerAttendee: z.number().int().min(1).max(50), opensAt: instant, closesAt: instant });
export const voteIn = z.strictObject({ speechId: id });
export const bestIn = z.strictObject({ speechIds: ids(50) });

export const suggestionIn = z.strictObject({
  meetingId: id,
  sourceKind: z.enum(['speech', 'comment', 'manual']),
  sourceId: id.optional(),
  passage: z.string().trim().max(5000).optional(),
  title: text(200),
  text: text(5000),
});
export const suggestionsQuery = z.strictObject({ meetingId: queryId.optional(), state: suggestionState.optional(), ...pageQuery });
export const assignIn = z.strictObject({ unitIds: ids(50).min(1), deadline: date.optional() });
export const answerIn = z.strictObject({ text: text(5000) });
export const adoptionIn = z.strictObject({ adopted: z.boolean(), note: z.string().trim().max(1000).optional() });

export const outcomeIn = z.strictObject({ title: text(200), summary: text(20000), suggestionIds: ids(500) });
export const forwardingIn = z.strictObject({ to: text(200), date, note: z.string().trim().max(1000).optional() });
export const instructionIn = z.strictObject({ leaderName: text(50), level, date, text: text(5000) });
export const outcomeAdoptionIn = z.strictObject({ level, date, note: z.string().trim().max(1000).optional() });
