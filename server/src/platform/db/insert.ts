// One row inserted with SQL compiled once. Kysely builds and compiles a query anew on every call;
// on the busiest write path (a resident's report: the report, its audit entry, its queue entry,
// the spent challenge) that cost more of the server's time than SQLite's inserts themselves. The
// SQL of an insert depends only on the dialect, the table and the columns given, so it is kept by
// those and run again with the row's values.
import { CompiledQuery, type Insertable } from 'kysely';
import type { Trx } from '../context.js';
import type { Database } from './types.js';

type Plain = string | number | null;
const compiled = new WeakMap<object, Map<string, string>>();

/** Inserts `row` (plain values only: text, numbers, null; an undefined value leaves its column out); returns the new id when asked. */
export async function insertRow<T extends keyof Database & string>(db: Trx, table: T, row: Insertable<Database[T]>, returnId: true): Promise<number>;
export async function insertRow<T extends keyof Database & string>(db: Trx, table: T, row: Insertable<Database[T]>, returnId?: false): Promise<void>;
export async function insertRow<T extends keyof Database & string>(db: Trx, table: T, row: Insertable<Database[T]>, returnId = false): Promise<number | void> {
  const entries = Object.entries(row as Record<string, Plain | undefined>).filter(([, v]) => v !== undefined) as [string, Plain][];
  for (const [column, value] of entries)
    if (value !== null && typeof value !== 'string' && typeof value !== 'number') throw new Error(`insertRow: ${table}.${column} is not a plain value`);
  // The dialect's adapter is one object per connection pool, shared by its transactions.
  const adapter = db.getExecutor().adapter;
  let byShape = compiled.get(adapter);
  if (!byShape) compiled.set(adapter, (byShape = new Map()));
  const shape = `${table}|${entries.map(([c]) => c).join(',')}|${returnId}`;
  let sqlText = byShape.get(shape);
  if (sqlText === undefined) {
    const query = db.insertInto(table).values(row as never);
    sqlText = (returnId ? query.returning('id' as never) : query).compile().sql;
    byShape.set(shape, sqlText);
  }
  const result = await db.executeQuery<{ id: number }>(CompiledQuery.raw(sqlText, entries.map(([, v]) => v)));
  if (returnId) return result.rows[0]!.id;
}
