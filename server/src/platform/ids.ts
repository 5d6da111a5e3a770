// A record id as both databases store it: a positive 32-bit integer (PostgreSQL's `integer`,
// which every id and reference column is). A larger number is no id of ours: refused with a 400
// naming the field, where PostgreSQL would otherwise fail the whole query ("out of range for type
// integer") and SQLite would quietly find nothing.
import { z } from 'zod';

export const MAX_ID = 2_147_483_647;
const outOfRange = `编号超出范围（最大 ${MAX_ID}）|The id is out of range (at most ${MAX_ID})`;

/** An id in a JSON body. */
export const recordId = z.number().int().positive().max(MAX_ID, outOfRange);
/** An id in a path or a query string. */
export const queryRecordId = z.coerce.number().int().positive().max(MAX_ID, outOfRange);
