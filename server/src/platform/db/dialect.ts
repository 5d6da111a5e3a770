import { PostgresAdapter, type CreateTableBuilder } from 'kysely';

export type Dialect = 'sqlite' | 'postgres';

/** An integer primary key that the database numbers: the one column type the two dialects spell differently. */
export function idColumn(dialect: Dialect) {
  return <T extends string>(table: CreateTableBuilder<T, never>) =>
    dialect === 'sqlite'
      ? table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      : table.addColumn('id', 'serial', (c) => c.primaryKey());
}

/** A write refused by a unique index or primary key, on either database. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | null;
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || /UNIQUE constraint failed/.test(e?.message ?? '');
}

/** Whether a connection or transaction runs on PostgreSQL (data-modifying WITH, row locks that wait). */
export const onPostgres = (db: { getExecutor(): { adapter: unknown } }) => db.getExecutor().adapter instanceof PostgresAdapter;
