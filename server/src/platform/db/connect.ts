// One Kysely instance over SQLite (embedded, WAL) or PostgreSQL, chosen by DATABASE_URL.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, type KyselyConfig } from 'kysely';
import type { Database } from './types.js';
import type { Dialect } from './dialect.js';

// Keep bigint/numeric columns out of strings where they only ever hold counts.
pg.types.setTypeParser(20, (v) => Number(v));

export interface Db {
  db: Kysely<Database>;
  dialect: Dialect;
  /** The raw pool (PostgreSQL) for LISTEN/NOTIFY and advisory locks. */
  pool: pg.Pool | null;
  /** The raw connection (SQLite) for prepared statements on hot paths. */
  sqlite: SQLite.Database | null;
  close(): Promise<void>;
}

/** The embedded database's file in a data directory. */
export const sqliteFile = (dataDir: string) => path.join(dataDir, 'shangliang.db');

/**
 * A second, read-only connection to the embedded database, for a worker thread: in WAL mode it
 * reads what was committed without ever waiting for the writer or holding it up.
 */
export function readingConnection(file: string): Kysely<Database> {
  const sqlite = new SQLite(file, { readonly: true, fileMustExist: true });
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: cachingStatements(sqlite) }) });
}

/** Kysely's log hook writing the queries slower than `ms` to stderr, one JSON line each. */
function slowQueries(ms: number | null | undefined): KyselyConfig['log'] {
  if (ms == null) return undefined;
  return (event) => {
    if (event.queryDurationMillis >= ms) process.stderr.write(`${JSON.stringify({ slowQueryMs: Math.round(event.queryDurationMillis * 10) / 10, sql: event.query.sql, error: event.level === 'error' })}\n`);
  };
}

export function connect(opts: { databaseUrl: string | null; dataDir: string; poolSize?: number; slowQueryMs?: number | null }): Db {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 });
    // An idle client that loses its server must not crash the process.
    pool.on('error', () => {});
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log: slowQueries(opts.slowQueryMs) });
    return { db, dialect: 'postgres', pool, sqlite: null, close: () => db.destroy() };
  }
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const sqlite = new SQLite(sqliteFile(opts.dataDir));
  sqlite.pragma('journal_mode = WAL');
  // NORMAL is durable in WAL mode against a process crash (kill -9): a commit is in the WAL file,
  // written to the operating system, before the statement returns; only an OS crash or power loss
  // can lose the last commits. FULL would sync the disk on every commit.
  sqlite.pragma('synchronous = NORMAL');
  // Checkpoints (copying the WAL back into the database, with a disk sync) run in a thread of
  // their own: on this connection they would stop every request for as long as the sync takes.
  sqlite.pragma('wal_autocheckpoint = 0');
  const checkpointer = startCheckpointer(sqliteFile(opts.dataDir));
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Lets SQLite gather the statistics its planner needs (it would otherwise sort 20,000 members
  // to show 20); cheap when nothing changed.
  sqlite.pragma('optimize = 0x10002');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: cachingStatements(sqlite) }), log: slowQueries(opts.slowQueryMs) });
  return {
    db,
    dialect: 'sqlite',
    pool: null,
    sqlite,
    async close() {
      await checkpointer.terminate();
      await db.destroy();
    },
  };
}

/**
 * A worker thread that checkpoints the WAL every second on its own connection. PASSIVE never
 * waits for the writer nor blocks it; when a checkpoint has caught up, the next commit starts the
 * WAL file over from its beginning, so the file stays small.
 */
function startCheckpointer(file: string): Worker {
  const code = `
    const { workerData } = require('node:worker_threads');
    const db = new (require(workerData.driver))(workerData.file);
    setInterval(() => { try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {} }, 1000);`;
  const worker = new Worker(code, { eval: true, workerData: { file, driver: createRequire(import.meta.url).resolve('better-sqlite3') } });
  worker.unref();
  return worker;
}

/**
 * Kysely prepares every query anew; preparing costs more than running a short indexed query, so
 * prepared statements are kept by their SQL text (the text holds no values: they are bound).
 */
function cachingStatements(sqlite: SQLite.Database) {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sqlText: string) {
      let statement = statements.get(sqlText);
      // A statement still being iterated (a streamed query) cannot run twice at once.
      if (!statement || statement.busy) {
        statement = sqlite.prepare(sqlText);
        if (statements.size >= 1000) statements.delete(statements.keys().next().value!);
        statements.set(sqlText, statement);
      }
      return statement;
    },
  };
}
