// Input shapes of the dashboard: validation, types and the OpenAPI document at once.
import { z } from 'zod';
import { queryRecordId } from '../../platform/ids.js';
import { orgScope } from '../../platform/scope.js';

const date = z.iso.date({ error: '日期格式应为 YYYY-MM-DD|Dates are written YYYY-MM-DD' });
const year = z.coerce.number({ error: '年份应为数字|The year must be a number' }).int().min(2000, '年份不能早于 2000|The year cannot be before 2000').max(2100, '年份不能晚于 2100|The year cannot be after 2100');

/** A year, or a period from one date to another (both included); neither means this year in China. */
export const periodQuery = {
  organizationId: queryRecordId.optional(),
  year: year.optional(),
  from: date.optional(),
  to: date.optional(),
  scope: orgScope,
};
export const figuresQuery = z.strictObject(periodQuery);
export type FiguresQuery = z.infer<typeof figuresQuery>;

export const publicFiguresQuery = z.strictObject({ ...periodQuery, organizationId: queryRecordId });

export const recordsParams = z.strictObject({ code: z.string().max(100) });
export const recordsQuery = z.strictObject({
  ...periodQuery,
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

/** A handling unit's own figures: the caller's unit by default; the office and leaders name one of theirs. */
const unitPeriod = { unitId: queryRecordId.optional(), year: periodQuery.year, from: periodQuery.from, to: periodQuery.to };
export const unitFiguresQuery = z.strictObject(unitPeriod);
export const unitRecordsQuery = z.strictObject({ ...unitPeriod, page: recordsQuery.shape.page, pageSize: recordsQuery.shape.pageSize });
