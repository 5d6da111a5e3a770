// Backups of a Shangliang installation: one .tar.gz holding the database (SQLite files copied with
// SQLite's online backup API, or a pg_dump), the attachments folder and manifest.json, which names
// the version, the migrations, every file's size and sha256, and every table's row count and
// content hash. Used by scripts/backup.ts and scripts/restore.ts; the archive is made and read with
// the system's tar, present on every Linux server.
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { searchFile, sqliteFile } from '../server/src/platform/db/connect.js';

const run = promisify(execFile);

export interface TableDigest {
  rows: number;
  sha256: string;
}

export interface Manifest {
  format: 1;
  platform: { name: string; version: string };
  createdAt: string;
  dialect: 'sqlite' | 'postgres';
  /** schema_migrations, in the order applied. */
  migrations: string[];
  /** Every file of the archive but this manifest, by its path in the archive. */
  files: { path: string; size: number; sha256: string }[];
  /** By table (`main.x` and `search.x` on SQLite), as in the copy. */
  tables: Record<string, TableDigest>;
}

export const MANIFEST = 'manifest.json';
/** Paths in the archive. */
export const ARCHIVED = { main: 'db/shangliang.db', search: 'db/opinion-search.db', dump: 'db/shangliang.pgdump', files: 'files', key: 'secret.key' };
/**
 * The key that encrypts residents' names and phones (platform/secrets.ts), when it is a file in the
 * data folder: without it a restored database could not show them. It makes the archive secret too.
 */
const keyFile = (dataDir: string) => path.join(dataDir, ARCHIVED.key);

/** An operator's mistake or a refused archive: printed without a stack trace. */
export class BackupError extends Error {}

const sha256 = (data: crypto.BinaryLike) => crypto.createHash('sha256').update(data).digest('hex');

export async function fileSha256(file: string) {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function listFiles(root: string, dir = root): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? listFiles(root, full) : [path.relative(root, full).split(path.sep).join('/')];
  });
}

/**
 * Every table of a SQLite schema: its row count and a hash of its rows independent of their
 * order. Full-text tables are skipped: their content lives in their shadow tables, which count.
 */
export function sqliteDigests(db: SQLite.Database, schema: 'main' | 'search', prefix = schema): Record<string, TableDigest> {
  const tables = db.prepare(`select name, sql from ${schema}.sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`).all() as { name: string; sql: string }[];
  const out: Record<string, TableDigest> = {};
  for (const { name, sql } of tables) {
    if (/^create virtual/i.test(sql)) continue;
    const hashes: string[] = [];
    for (const row of db.prepare(`select * from ${schema}."${name}"`).raw().iterate() as Iterable<unknown[]>) {
      hashes.push(sha256(JSON.stringify(row, (_k, v) => (v && typeof v === 'object' && v.type === 'Buffer' ? Buffer.from(v.data).toString('hex') : v))));
    }
    out[`${prefix}.${name}`] = { rows: hashes.length, sha256: sha256(hashes.sort().join('')) };
  }
  return out;
}

/** The same for PostgreSQL, computed by the server, on whatever snapshot `client` is reading. */
export async function postgresDigests(client: pg.ClientBase): Promise<Record<string, TableDigest>> {
  const tables = (await client.query(`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`)).rows.map((r) => r.table_name as string);
  const out: Record<string, TableDigest> = {};
  for (const name of tables) {
    const { rows } = await client.query(
      `select count(*)::int as rows, encode(sha256(convert_to(coalesce(string_agg(h, '' order by h), ''), 'UTF8')), 'hex') as sha256
       from (select encode(sha256(convert_to(t::text, 'UTF8')), 'hex') as h from "${name}" t) r`,
    );
    out[name] = { rows: rows[0].rows, sha256: rows[0].sha256 };
  }
  return out;
}

const platformVersion = () => {
  const pkg = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { name: string; version: string };
  return { name: pkg.name, version: pkg.version };
};

/** The major version of a PostgreSQL client tool, with a clear error when it is not installed. */
export async function toolMajor(tool: 'pg_dump' | 'pg_restore') {
  try {
    const { stdout } = await run(tool, ['--version']);
    return Number(/(\d+)(\.\d+)?/.exec(stdout)![1]);
  } catch {
    throw new BackupError(`${tool} not found: install PostgreSQL's client tools of the server's major version or newer (Debian: apt-get install postgresql-client-NN). 未找到 ${tool}，请安装与数据库服务器同一主版本或更新的 PostgreSQL 客户端工具。`);
  }
}

async function checkToolFits(tool: 'pg_dump' | 'pg_restore', client: pg.ClientBase) {
  const tool_ = await toolMajor(tool);
  const server = Math.floor(Number((await client.query('show server_version_num')).rows[0].server_version_num) / 10000);
  // pg_dump refuses a newer server; pg_restore may not read a dump made by a newer pg_dump.
  if (tool_ < server) throw new BackupError(`${tool} ${tool_} is older than the PostgreSQL ${server} server: install postgresql-client-${server}.`);
}

export interface BackupOptions {
  dataDir: string;
  databaseUrl: string | null;
  out: string;
}

/** Writes the archive while the server keeps running; returns its manifest. */
export async function backup(opts: BackupOptions): Promise<Manifest> {
  const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-backup-'));
  try {
    fs.mkdirSync(path.join(stage, 'db'));
    const taken = opts.databaseUrl ? await dumpPostgres(opts.databaseUrl, stage) : await copySqlite(opts.dataDir, stage);
    // After the database: every attachment a copied row names was written before its row committed.
    const attachments = path.join(opts.dataDir, 'files');
    if (fs.existsSync(attachments)) fs.cpSync(attachments, path.join(stage, ARCHIVED.files), { recursive: true });
    if (fs.existsSync(keyFile(opts.dataDir))) fs.copyFileSync(keyFile(opts.dataDir), path.join(stage, ARCHIVED.key));
    const files = [];
    for (const rel of listFiles(stage).sort()) {
      const full = path.join(stage, rel);
      files.push({ path: rel, size: fs.statSync(full).size, sha256: await fileSha256(full) });
    }
    const manifest: Manifest = { format: 1, platform: platformVersion(), createdAt: new Date().toISOString(), dialect: opts.databaseUrl ? 'postgres' : 'sqlite', ...taken, files };
    fs.writeFileSync(path.join(stage, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
    fs.mkdirSync(path.dirname(path.resolve(opts.out)), { recursive: true });
    // Written beside the target and renamed: a half-written archive never bears the name.
    const partial = `${path.resolve(opts.out)}.partial`;
    fs.writeFileSync(partial, '', { mode: 0o600 });
    await run('tar', ['-czf', partial, '-C', stage, MANIFEST, ...fs.readdirSync(stage).filter((n) => n !== MANIFEST)]);
    fs.renameSync(partial, path.resolve(opts.out));
    return manifest;
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }
}

async function copySqlite(dataDir: string, stage: string) {
  if (!fs.existsSync(sqliteFile(dataDir))) throw new BackupError(`No database at ${sqliteFile(dataDir)}: set SHANGLIANG_DATA_DIR (or DATABASE_URL for PostgreSQL).`);
  // One step of all pages: the copy is read in one transaction, so it is one moment of the
  // database even while the server writes (a write in between makes SQLite start the step over).
  const all = () => 0x7fffffff;
  const copy = async (from: string, to: string) => {
    const db = new SQLite(from, { fileMustExist: true });
    try {
      db.pragma('busy_timeout = 5000');
      await db.backup(to, { progress: all });
    } finally {
      db.close();
    }
  };
  await copy(sqliteFile(dataDir), path.join(stage, ARCHIVED.main));
  // The search index is derived from the reports: a copy a moment later is still consistent
  // enough, and a report missing from it is indexed again at the next start.
  if (fs.existsSync(searchFile(dataDir))) await copy(searchFile(dataDir), path.join(stage, ARCHIVED.search));
  return describeSqlite(path.join(stage, ARCHIVED.main), path.join(stage, ARCHIVED.search));
}

/** Migrations and table digests of a SQLite main file and (when present) its search file. */
export function describeSqlite(main: string, search: string) {
  const db = new SQLite(main, { readonly: true, fileMustExist: true });
  try {
    const migrations = (db.prepare('select name from schema_migrations order by name').all() as { name: string }[]).map((r) => r.name);
    let tables = sqliteDigests(db, 'main');
    if (fs.existsSync(search)) {
      db.prepare('attach database ? as search').run(search);
      tables = { ...tables, ...sqliteDigests(db, 'search') };
    }
    return { migrations, tables };
  } finally {
    db.close();
  }
}

async function dumpPostgres(url: string, stage: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await checkToolFits('pg_dump', client);
    // pg_dump reads the snapshot this transaction exported, so the digests and the dump agree.
    await client.query('begin isolation level repeatable read read only');
    const snapshot = (await client.query('select pg_export_snapshot() as s')).rows[0].s as string;
    const migrations = (await client.query('select name from schema_migrations order by name')).rows.map((r) => r.name as string);
    const tables = await postgresDigests(client);
    await run('pg_dump', ['--format=custom', `--snapshot=${snapshot}`, '--no-owner', '--no-privileges', '--file', path.join(stage, ARCHIVED.dump), '--dbname', url]).catch((e: { stderr?: string }) => {
      throw new BackupError(`pg_dump failed: ${e.stderr ?? e}`);
    });
    await client.query('commit');
    return { migrations, tables };
  } finally {
    await client.end();
  }
}

export interface RestoreOptions {
  archive: string;
  dataDir: string;
  databaseUrl: string | null;
  force: boolean;
}

/** Unpacks the archive into a temp folder and checks every file against the manifest. */
export async function unpackVerified(archive: string, into: string): Promise<Manifest> {
  await run('tar', ['-xzf', archive, '-C', into]).catch((e: { stderr?: string }) => {
    throw new BackupError(`The archive is damaged and cannot be read (${String(e.stderr ?? e).trim()}); nothing was restored. 备份文件已损坏，未做任何恢复。`);
  });
  const manifestFile = path.join(into, MANIFEST);
  if (!fs.existsSync(manifestFile)) throw new BackupError('The archive has no manifest.json: it is not a Shangliang backup. 不是商量的备份文件。');
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Manifest;
  const listed = new Set(manifest.files.map((f) => f.path));
  const extra = listFiles(into).filter((p) => p !== MANIFEST && !listed.has(p));
  const bad = [...extra];
  for (const f of manifest.files) {
    const full = path.join(into, f.path);
    if (!fs.existsSync(full) || fs.statSync(full).size !== f.size || (await fileSha256(full)) !== f.sha256) bad.push(f.path);
  }
  if (bad.length) throw new BackupError(`Checksums do not match the manifest for ${bad.join(', ')}; nothing was restored. 校验和与清单不符，未做任何恢复。`);
  return manifest;
}

/** What the target already holds: empty means nothing to lose. */
async function targetContents(opts: RestoreOptions, dialect: Manifest['dialect']): Promise<string[]> {
  const found: string[] = [];
  const attachments = path.join(opts.dataDir, 'files');
  if (listFiles(attachments).length) found.push(attachments);
  // A key already there may be the one that encrypted data elsewhere: replacing it takes --force.
  if (fs.existsSync(keyFile(opts.dataDir))) found.push(keyFile(opts.dataDir));
  if (dialect === 'sqlite') {
    for (const file of [sqliteFile(opts.dataDir), searchFile(opts.dataDir)]) if (fs.existsSync(file)) found.push(file);
  } else {
    const tables = await withClient(opts.databaseUrl!, async (c) => (await c.query(`select count(*)::int as n from information_schema.tables where table_schema = 'public'`)).rows[0].n as number);
    if (tables) found.push(`${tables} tables in ${redact(opts.databaseUrl!)}`);
  }
  return found;
}

const redact = (url: string) => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Restores into an empty target (or, with force, over the current one) and checks every table against the manifest. */
export async function restore(opts: RestoreOptions): Promise<Manifest> {
  const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-restore-'));
  try {
    const manifest = await unpackVerified(opts.archive, stage);
    if (manifest.dialect === 'postgres' && !opts.databaseUrl) throw new BackupError('This backup is of a PostgreSQL database: set DATABASE_URL to the (empty) database to restore into.');
    if (manifest.dialect === 'sqlite' && opts.databaseUrl) throw new BackupError('This backup is of an embedded SQLite database: unset DATABASE_URL and set SHANGLIANG_DATA_DIR.');
    const found = await targetContents(opts, manifest.dialect);
    if (found.length && !opts.force) {
      throw new BackupError(`The target is not empty (${found.join('; ')}): restore refuses to overwrite it. Stop the server and run again with --force to replace it, or choose an empty target. 目标不为空，未做恢复；停止服务后加 --force 覆盖。`);
    }
    fs.rmSync(path.join(opts.dataDir, 'files'), { recursive: true, force: true });
    const tables = manifest.dialect === 'sqlite' ? placeSqlite(stage, opts.dataDir) : await restorePostgres(stage, opts.databaseUrl!);
    const differ = Object.keys({ ...manifest.tables, ...tables }).filter((t) => JSON.stringify(manifest.tables[t]) !== JSON.stringify(tables[t]));
    if (differ.length) throw new BackupError(`The restored tables differ from the manifest: ${differ.join(', ')}.`);
    fs.mkdirSync(opts.dataDir, { recursive: true });
    if (fs.existsSync(path.join(stage, ARCHIVED.files))) fs.cpSync(path.join(stage, ARCHIVED.files), path.join(opts.dataDir, 'files'), { recursive: true });
    fs.rmSync(keyFile(opts.dataDir), { force: true });
    if (fs.existsSync(path.join(stage, ARCHIVED.key))) fs.copyFileSync(path.join(stage, ARCHIVED.key), keyFile(opts.dataDir));
    if (fs.existsSync(keyFile(opts.dataDir))) fs.chmodSync(keyFile(opts.dataDir), 0o600);
    return manifest;
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }
}

function placeSqlite(stage: string, dataDir: string) {
  fs.mkdirSync(dataDir, { recursive: true });
  for (const [from, to] of [
    [ARCHIVED.main, sqliteFile(dataDir)],
    [ARCHIVED.search, searchFile(dataDir)],
  ] as const) {
    // A WAL left beside an old file would be replayed into the restored one.
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(to + suffix, { force: true });
    if (fs.existsSync(path.join(stage, from))) fs.copyFileSync(path.join(stage, from), to);
  }
  return describeSqlite(sqliteFile(dataDir), searchFile(dataDir)).tables;
}

async function restorePostgres(stage: string, url: string) {
  await withClient(url, (c) => checkToolFits('pg_restore', c));
  await withClient(url, (c) => c.query('drop schema if exists public cascade; create schema public'));
  await run('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', '--dbname', url, path.join(stage, ARCHIVED.dump)]).catch((e: { stderr?: string }) => {
    throw new BackupError(`pg_restore failed: ${e.stderr ?? e}`);
  });
  return withClient(url, (c) => postgresDigests(c));
}
