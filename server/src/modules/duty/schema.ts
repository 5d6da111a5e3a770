// Input shapes of the duty module.
import { z } from 'zod';
import { queryRecordId, recordId } from '../../platform/ids.js';
import { orgScope } from '../../platform/scope.js';

const year = z.coerce.number().int().min(2000, '年度应在 2000 到 2100 之间|The year is between 2000 and 2100').max(2100, '年度应在 2000 到 2100 之间|The year is between 2000 and 2100');
const bodyYear = z.number().int().min(2000, '年度应在 2000 到 2100 之间|The year is between 2000 and 2100').max(2100, '年度应在 2000 到 2100 之间|The year is between 2000 and 2100');
const points = z.number().min(-100, '分值应在 -100 到 100 之间|Points are between -100 and 100').max(100, '分值应在 -100 到 100 之间|Points are between -100 and 100');

export const meQuery = z.strictObject({ year: year.optional() });
export const memberParams = z.strictObject({ memberId: queryRecordId });

export const membersQuery = z.strictObject({
  organizationId: queryRecordId.optional(),
  year: year.optional(),
  sectorId: queryRecordId.optional(),
  committeeId: queryRecordId.optional(),
  standing: z.enum(['0', '1']).optional(),
  name: z.string().trim().max(30, '姓名不能超过 30 字|A name has at most 30 characters').optional(),
  /** total, name, or a kind's code. */
  sort: z.string().regex(/^[a-z_]{1,40}$/, '排序字段无效|Invalid sort field').default('total'),
  order: z.enum(['asc', 'desc']).default('desc'),
  grade: z.enum(['excellent', 'competent', 'basic', 'not_competent'], '等次应为优秀、称职、基本称职或不称职|The grade is excellent, competent, basic or not_competent').optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export const exportQuery = membersQuery.omit({ page: true, pageSize: true });

export const statsQuery = z.strictObject({ organizationId: queryRecordId.optional(), year: year.optional(), scope: orgScope });
export const rulesQuery = z.strictObject({ organizationId: queryRecordId.optional(), year: year.optional() });

export const rulesIn = z.strictObject({
  organizationId: recordId,
  year: bodyYear,
  rules: z
    .array(z.strictObject({ kind: z.string().min(1).max(40), points, cap: z.number().min(0, '上限不能小于 0|A cap is at least 0').max(1000, '上限不能大于 1000|A cap is at most 1000').nullable().optional() }))
    .min(1, '至少修改一项|Change at least one rule')
    .max(100),
});

export const entryIn = z.strictObject({
  organizationId: recordId,
  memberIds: z.array(recordId).min(1, '至少选择一位委员|Choose at least one member').max(500),
  kind: z.string().min(1).max(40),
  occurredOn: z.iso.date('日期格式应为 YYYY-MM-DD|Dates are written YYYY-MM-DD'),
  title: z.string().trim().min(1, '活动名称不能为空|The title must not be empty').max(100, '活动名称不能超过 100 字|The title has at most 100 characters'),
  reason: z.string().trim().min(1, '录入理由不能为空|The reason must not be empty').max(500, '录入理由不能超过 500 字|The reason has at most 500 characters'),
});
const occurredOn = z.iso.date('日期格式应为 YYYY-MM-DD|Dates are written YYYY-MM-DD');
export const claimIn = z.strictObject({
  kind: z.string().min(1).max(40),
  occurredOn,
  title: z.string().trim().min(1, '活动名称不能为空|The title must not be empty').max(100, '活动名称不能超过 100 字|The title has at most 100 characters'),
  note: z.string().trim().min(1, '说明不能为空|The note must not be empty').max(1000, '说明不能超过 1000 字|The note has at most 1000 characters'),
});
export const decideIn = z
  .strictObject({ decision: z.enum(['approve', 'return']), reason: z.string().trim().min(1, '退回理由不能为空|The reason must not be empty').max(500, '退回理由不能超过 500 字|The reason has at most 500 characters').optional() })
  .refine((b) => b.decision === 'approve' || !!b.reason, { path: ['reason'], message: '退回须说明理由|A return needs a reason' });
export const claimsQuery = z.strictObject({ organizationId: queryRecordId.optional(), state: z.enum(['pending', 'approved', 'returned']).default('pending') });
export const idParams = z.strictObject({ id: queryRecordId });

// ---- the yearly evaluation ----------------------------------------------------------------------
const bandPoints = z.number().min(-1000, '分数线应在 -1000 到 1000 之间|A band starts between -1000 and 1000').max(1000, '分数线应在 -1000 到 1000 之间|A band starts between -1000 and 1000');
export const gradingIn = z.strictObject({
  organizationId: recordId,
  year: bodyYear,
  minimums: z
    .array(z.strictObject({
      kinds: z.array(z.string().min(1).max(40)).min(1, '至少选择一种履职类型|Choose at least one kind').max(30),
      count: z.number().int('次数应为整数|A count is a whole number').min(1, '次数至少为 1|A count is at least 1').max(100, '次数不能超过 100|A count is at most 100'),
    }))
    .max(20, '最多 20 项基本要求|At most 20 minimums'),
  bands: z.strictObject({ excellent: bandPoints, competent: bandPoints, basic: bandPoints.nullable() }),
});
const grade = z.enum(['excellent', 'competent', 'basic', 'not_competent'], '等次应为优秀、称职、基本称职或不称职|The grade is excellent, competent, basic or not_competent');
export const yearIn = z.strictObject({ organizationId: recordId, year: bodyYear });
export const evaluationQuery = z.strictObject({ organizationId: queryRecordId.optional(), year: year.optional(), grade: grade.optional() });
export const adjustIn = z.strictObject({
  organizationId: recordId,
  year: bodyYear,
  memberId: recordId,
  grade,
  reason: z.string().trim().min(1, '调整等次须写明理由|An adjustment needs a written reason').max(500, '理由不能超过 500 字|The reason has at most 500 characters'),
});
export const warningsIn = z.strictObject({ organizationId: recordId });
export const exitsQuery = z.strictObject({ organizationId: queryRecordId.optional() });
export const exitDecisionIn = z.strictObject({
  organizationId: recordId,
  memberId: recordId,
  decision: z.enum(['keep', 'exit'], '决定应为保留或退出|The decision is keep or exit'),
  reason: z.string().trim().min(1, '须写明理由|The reason must not be empty').max(180, '理由不能超过 180 字|The reason has at most 180 characters'),
  decidedOn: z.iso.date('日期格式应为 YYYY-MM-DD|Dates are written YYYY-MM-DD'),
});
