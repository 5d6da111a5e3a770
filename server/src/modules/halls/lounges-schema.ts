// Input shapes of the member lounges (委员会客厅): events, the rota, questions, star rules.
import { z } from 'zod';
import { queryRecordId, recordId } from '../../platform/ids.js';

const text = (max: number, zh: string, en: string) =>
  z.string().trim().min(1, `${zh}不能为空|${en} must not be empty`).max(max, `${zh}不能超过 ${max} 字|${en} may have at most ${max} characters`);
const isoTime = z.iso.datetime({ offset: true, error: '时间格式应为 ISO 8601|Times are written in ISO 8601' });
const date = z.iso.date({ error: '日期格式应为 YYYY-MM-DD|Dates are written YYYY-MM-DD' });
const count = (max: number) => z.number({ error: '须为整数|Must be a whole number' }).int('须为整数|Must be a whole number').min(0, '不能为负数|Must not be negative').max(max, `不能超过 ${max}|At most ${max}`);

export const yearQuery = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100).optional() });
export const questionsQuery = z.strictObject({ state: z.enum(['pending', 'published', 'rejected', 'answered']).optional() });
export const rulesQuery = z.strictObject({ organizationId: queryRecordId.optional() });

export const eventIn = z.strictObject({
  title: text(100, '活动名称', 'The title'),
  theme: text(200, '活动主题', 'The theme'),
  startsAt: isoTime,
  endsAt: isoTime.optional(),
  residents: count(100000).default(0),
  memberIds: z.array(recordId).max(100).default([]),
  unitIds: z.array(recordId).max(50).default([]),
});
export const headcountIn = z.strictObject({ count: count(100000), reason: text(500, '登记人数的理由', 'The reason') });
export const rotaIn = z.strictObject({ memberId: recordId, from: date, to: date });
export const questionIn = z.strictObject({ text: text(1000, '问题', 'The question') });
export const moderateIn = z.discriminatedUnion('decision', [
  z.strictObject({ decision: z.literal('publish') }),
  z.strictObject({ decision: z.literal('reject'), reason: text(500, '不予公开的理由', 'The reason') }),
]);
export const answerIn = z.strictObject({ answer: text(3000, '答复', 'The answer') });
export const rateIn = z.strictObject({
  stars: z.number().int().min(1, '评分为 1 到 5 星|Ratings are 1 to 5 stars').max(5, '评分为 1 到 5 星|Ratings are 1 to 5 stars'),
});
const level = z.strictObject({
  level: z.number().int().min(1).max(5),
  events: count(1000),
  participations: count(1000000),
  answered: count(100000),
  rating: z.number().min(0).max(5),
});
export const rulesIn = z.strictObject({ organizationId: recordId, levels: z.array(level).length(5, '须为 1 到 5 星各一条|One rule for each level 1 to 5') });
export const confirmIn = z.strictObject({ year: z.number().int().min(2000).max(2100) });
