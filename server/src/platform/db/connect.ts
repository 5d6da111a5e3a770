// One Kysely instance over SQLite (embedded, WAL) or PostgreSQL, chosen by DATABASE_URL.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, sql, SqliteDialect, type KyselyConfig } from 'kysely';
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
 * The search index of public-opinion reports, in a database file of its own beside the first.
 * Residents' reports arrive by the thousand a second at busy times, and SQLite's full-text index
 * merges its segments when a transaction that wrote it commits: up to a fifth of a second, during
 * which nothing else could write to the same file. Written only by the intake's worker thread
 * (opinions/intake-worker.ts), in a file of its own, those merges hold up no request.
 * The server's connection reads it (and the rare edit writes it) as the attached schema `search`;
 * table names are unique across both files, so queries name no schema.
 */
export const searchFile = (dataDir: string) => path.join(dataDir, 'opinion-search.db');

function attachSearch(sqlite: SQLite.Database, dataDir: string) {
  sqlite.prepare('attach database ? as search').run(searchFile(dataDir));
  // Set once, when the file is new: it stays in the file.
  if (sqlite.pragma('search.journal_mode', { simple: true }) !== 'wal') sqlite.pragma('search.journal_mode = WAL');
  sqlite.pragma('search.synchronous = NORMAL');
}

/**
 * The connection of the intake's worker thread: the search file is its main database, the
 * embedded database is attached (as `app`) to read the reports. It writes only the search index.
 */
export function indexingConnection(dataDir: string): Kysely<Database> {
  const sqlite = new SQLite(searchFile(dataDir));
  sqlite.pragma('busy_timeout = 5000');
  // WAL mode was set by the server's connection, which creates the file.
  sqlite.pragma('synchronous = NORMAL');
  // Checkpoints are the checkpointer thread's (below), as on the server's connection.
  sqlite.pragma('wal_autocheckpoint = 0');
  sqlite.prepare('attach database ? as app').run(sqliteFile(dataDir));
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
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: opts.poolSize ?? 10,
      // While the database is unreachable a request waits this long for a connection at most,
      // then answers 503 (platform/http.ts) rather than hanging.
      connectionTimeoutMillis: 5000,
      // A connection whose peer vanished without closing it (a network cut) is noticed.
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    });
    guardPool(pool);
    prepareMarked(pool);
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
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Reads through a memory map of the file rather than a read() call per page missing from the
  // connection's small page cache: the year's figures of a province read a few hundred MB of
  // indexes and rows per count, and the calls were a third of its CPU. The pages are the
  // operating system's file cache, shared and reclaimable, not this process's heap.
  sqlite.pragma('mmap_size = 1073741824');
  // Lets SQLite gather the statistics its planner needs (it would otherwise sort 20,000 members
  // to show 20); cheap when nothing changed.
  try {
    sqlite.pragma('main.optimize = 0x10002');
  } catch {
    // Only a help: another process writing at that moment (a second server in tests) may refuse
    // it, and the next start gathers them.
  }
  attachSearch(sqlite, opts.dataDir);
  const checkpointer = startCheckpointer([sqliteFile(opts.dataDir), searchFile(opts.dataDir)]);
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
 * A PostgreSQL restart or a dropped connection makes node-postgres emit 'error' on the pool (an
 * idle client) or on a client that a query holds at that moment. An 'error' event without a
 * listener ends the process, so every client gets one from its birth: the query it was running
 * fails with the error (answered 503), the pool drops the broken client when it is given back,
 * and the next request connects afresh.
 */
export function guardPool(pool: pg.Pool): void {
  pool.on('error', () => {});
  pool.on('connect', (client) => {
    client.on('error', () => {});
  });
}

/** Marks a hot statement (anywhere in its text) that PostgreSQL should parse and plan once per connection. */
export const PREPARED = '/* prepared */';

/** PREPARED, for a statement whose text is the same each time only when its lists hold one item. */
export const preparedWhen = (one: boolean) => sql.raw(one ? PREPARED : '');

/**
 * Kysely sends every statement unnamed, so PostgreSQL parses and plans it on every call: for a
 * short statement that runs on every request (a session's lookup, a support), more work than
 * running it. A statement marked PREPARED goes as a named one instead, parsed and planned once on
 * each connection. Only marked ones: a name per distinct text would grow without end for the
 * statements whose text varies (a list of n ids).
 */
function prepareMarked(pool: pg.Pool): void {
  const names = new Map<string, string>();
  const nameOf = (text: string) => {
    let name = names.get(text);
    if (!name) names.set(text, (name = `p_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`));
    return name;
  };
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    client.query = ((...args: unknown[]) => {
      const [text, values] = args;
      if (typeof text === 'string' && args.length === 2 && text.includes(PREPARED)) return query({ name: nameOf(text), text, values });
      return query(...args);
    }) as typeof client.query;
  });
}

/**
 * A worker thread that checkpoints the WALs every second on connections of its own. PASSIVE never
 * waits for the writer nor blocks it; when a checkpoint has caught up, the next commit starts the
 * WAL file over from its beginning, so the file stays small.
 */
function startCheckpointer(files: string[]): Worker {
  const code = `
    const { workerData } = require('node:worker_threads');
    const dbs = workerData.files.map((file) => new (require(workerData.driver))(file));
    setInterval(() => { for (const db of dbs) try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {} }, 1000);`;
  const worker = new Worker(code, { eval: true, workerData: { files, driver: createRequire(import.meta.url).resolve('better-sqlite3') } });
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
