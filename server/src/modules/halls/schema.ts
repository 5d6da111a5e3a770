// Input and output shapes of the halls module.
import { z } from 'zod';
import { queryRecordId, recordId } from '../../platform/ids.js';
import { orgScope } from '../../platform/scope.js';

const text = (max: number, zh: string, en: string) =>
  z.string().trim().min(1, `${zh}不能为空|${en} must not be empty`).max(max, `${zh}不能超过 ${max} 字|${en} may have at most ${max} characters`);

export const idParams = z.strictObject({ id: queryRecordId });
export const placeParams = z.strictObject({ placeId: queryRecordId });

export const topicIn = z.strictObject({ title: text(100, '议题标题', 'The title'), text: text(2000, '议题内容', 'The text') });
export const screenIn = z.discriminatedUnion('event', [
  z.strictObject({ event: z.literal('adopt') }),
  z.strictObject({ event: z.literal('merge'), intoTopicId: recordId }),
  z.strictObject({ event: z.literal('decline'), reason: text(500, '不予采纳的理由', 'The reason') }),
]);
export const sessionIn = z.strictObject({
  placeId: recordId,
  title: text(100, '活动名称', 'The title'),
  startsAt: z.iso.datetime({ offset: true, error: '时间格式应为 ISO 8601|Times are written in ISO 8601' }),
  endsAt: z.iso.datetime({ offset: true, error: '时间格式应为 ISO 8601|Times are written in ISO 8601' }).optional(),
  convenerMemberId: recordId.optional(),
  topicIds: z.array(recordId).min(1, '至少选择一个已采纳的议题|Choose at least one adopted topic').max(20),
  researchNotes: text(5000, '调研材料', 'The research notes').optional(),
  invitedMemberIds: z.array(recordId).max(100).default([]),
  unitIds: z.array(recordId).max(50).default([]),
  residentNames: z.array(text(30, '居民代表姓名', "A resident representative's name")).max(50).default([]),
  /** Residents invited by account: they check in at the session with the QR code. */
  residentUserIds: z.array(recordId).max(50).default([]),
});
export const speakerIn = z.strictObject({ name: text(30, '发言人', 'The speaker'), memberId: recordId.optional(), summary: text(2000, '发言内容', 'What was said') });
export const sessionEventIn = z.strictObject({
  event: z.enum(['publish', 'hold', 'close']),
  minutes: text(20000, '活动纪要', 'The minutes').optional(),
  speakers: z.array(speakerIn).max(100).optional(),
});
export const ratingIn = z.strictObject({
  stars: z.number().int().min(1, '评分为 1 到 5 星|Ratings are 1 to 5 stars').max(5, '评分为 1 到 5 星|Ratings are 1 to 5 stars'),
  comment: text(500, '评价', 'The comment').optional(),
});
export const moderateIn = z.strictObject({ decision: z.enum(['approve', 'reject']) });
export const attendanceQuery = z.strictObject({ sessionId: queryRecordId });
export const similarQuery = z.strictObject({ text: text(2000, '内容', 'The text') });
export const caseIn = z.strictObject({ title: text(100, '案例标题', 'The title'), before: text(5000, '办理前情况', 'Before'), after: text(5000, '办理后成效', 'After') });
export const suggestionIn = z.strictObject({ title: text(200, '建议标题', 'The title'), text: text(5000, '建议内容', 'The text') });
export const statsQuery = z.strictObject({ organizationId: queryRecordId.optional(), year: z.coerce.number().int().min(2000).max(2100).optional(), scope: orgScope });
