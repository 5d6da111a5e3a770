// Input shapes of the suggestion tracker: validation, types and the OpenAPI document at once.
import { z } from 'zod';
import { queryRecordId, recordId } from '../../platform/ids.js';
import { pageQuery } from '../../platform/paging.js';
import { orgScope } from '../../platform/scope.js';

const text = (max: number, zh: string, en: string) =>
  z.string().trim().min(1, `${zh}不能为空|${en} must not be empty`).max(max, `${zh}不能超过 ${max} 字|${en} may have at most ${max} characters`);
const date = z.iso.date({ error: '日期格式应为 YYYY-MM-DD|Dates are written YYYY-MM-DD' });
const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

export const suggestionState = z.enum(['open', 'assigned', 'answered', 'adopted', 'not_adopted']);
export const sourceType = z.enum(['consultation_meeting', 'hall_session']);

export const idParams = z.strictObject({ id: queryRecordId });
export const listQuery = z.strictObject({
  sourceType: sourceType.optional(),
  sourceId: queryRecordId.optional(),
  organizationId: queryRecordId.optional(),
  unitId: queryRecordId.optional(),
  state: suggestionState.optional(),
  /** Only those with a unit past its deadline and still to answer. */
  overdue: flag.optional(),
  /** Only those my unit still has to answer ("我的待办建议"). */
  mine: flag.optional(),
  ...pageQuery,
});
export type ListQuery = z.infer<typeof listQuery>;
export const statsQuery = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100).optional(), organizationId: queryRecordId.optional(), scope: orgScope });

export const newIn = z.strictObject({ title: text(200, '标题', 'The title'), text: text(5000, '内容', 'The text') });
export const assignIn = z.strictObject({ unitIds: z.array(recordId).min(1, '请至少选择一个承办单位|Choose at least one handling unit').max(50), deadline: date.optional() });
export const answerIn = z.strictObject({ text: text(5000, '答复内容', 'The answer') });
// No default: whether it was adopted is the office's judgement, always stated.
export const adoptionIn = z.strictObject({ adopted: z.boolean({ error: '请选择是否采纳|State whether it was adopted' }), note: z.string().trim().max(1000).optional() });
