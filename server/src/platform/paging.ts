// Keyset pagination: a cursor is the id of the last row of the previous page, so a page is one
// index range scan however deep the user goes.
import { z } from 'zod';
import { MAX_ID } from './ids.js';

export const pageQuery = {
  // The id of a row: at most MAX_ID, like every id.
  cursor: z.string().regex(/^[0-9]{1,10}$/, '分页游标无效|Invalid cursor').refine((v) => Number(v) <= MAX_ID, '分页游标无效|Invalid cursor').optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
};

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  total: number;
}

/** Rows were fetched with limit + 1: the extra row only says that there is a next page. */
export function toPage<R extends { id: number }, T>(rows: R[], limit: number, total: number, present: (row: R) => T): Page<T> {
  const more = rows.length > limit;
  const shown = more ? rows.slice(0, limit) : rows;
  return { items: shown.map(present), nextCursor: more ? String(shown[shown.length - 1]!.id) : null, total };
}

export const pageOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable(), total: z.number() });
