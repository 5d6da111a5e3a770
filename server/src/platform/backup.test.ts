// npm run backup while the server takes writes, then npm run restore into a fresh target: every
// table and file matches the archive's manifest, every write acknowledged before the backup is
// there, and the server starts on it. Damaged archives and non-empty targets are refused.
import assert from 'node:assert/strict';
import { execFile, execFileSync, spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { testServer, type Agent, type TestServer } from '../test/harness.js';
import { buildServer } from '../app.js';
import { FileStore, IMAGES } from './files.js';
import { sqliteFile } from './db/connect.js';
import { secretKey } from './secrets.js';
import { ARCHIVED, fileSha256, MANIFEST, postgresDigests, sqliteDigests, type Manifest } from '../../../scripts/backup-lib.js';

const runFile = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../../..');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-backup-test-'));
const dropLater: (() => Promise<void>)[] = [];

/** An empty target: a new data folder, and on PostgreSQL a new database. */
async function emptyTarget() {
  const dataDir = fs.mkdtempSync(path.join(scratch, 'target-'));
  const admin = process.env.DATABASE_URL;
  if (!admin) return { dataDir, databaseUrl: null };
  const name = `sl_restore_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(`create database ${name}`);
  await c.end();
  dropLater.push(async () => {
    const d = new pg.Client({ connectionString: admin });
    await d.connect();
    await d.query(`drop database if exists ${name} with (force)`);
    await d.end();
  });
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return { dataDir, databaseUrl: url.toString() };
}
type Target = Awaited<ReturnType<typeof emptyTarget>>;

const envOf = (target: { dataDir: string; databaseUrl: string | null }) => ({ ...process.env, SHANGLIANG_DATA_DIR: target.dataDir, DATABASE_URL: target.databaseUrl ?? '' });

/** npm run <script> -- args; resolves with its exit code and output, never rejects. */
function npm(script: string, args: string[], target: { dataDir: string; databaseUrl: string | null }) {
  return new Promise<{ code: number; out: string }>((resolve) => {
    const child = spawn('npm', ['run', '--silent', script, '--', ...args], { cwd: ROOT, env: envOf(target) });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
}

async function manifestOf(archive: string): Promise<Manifest> {
  return JSON.parse((await runFile('tar', ['-xzOf', archive, MANIFEST])).stdout) as Manifest;
}

/** The tables of a restored target, digested as the manifest digests them. */
async function digestsOf(target: Target) {
  if (target.databaseUrl) {
    const c = new pg.Client({ connectionString: target.databaseUrl });
    await c.connect();
    try {
      return { tables: await postgresDigests(c), memberIds: (await c.query('select id from members')).rows.map((r) => Number(r.id)) };
    } finally {
      await c.end();
    }
  }
  const db = new SQLite(sqliteFile(target.dataDir));
  try {
    db.prepare('attach database ? as search').run(path.join(target.dataDir, 'opinion-search.db'));
    return { tables: { ...sqliteDigests(db, 'main'), ...sqliteDigests(db, 'search') }, memberIds: (db.prepare('select id from members').all() as { id: number }[]).map((r) => r.id) };
  } finally {
    db.close();
  }
}

let t: TestServer;
let staff: Agent;
let n = 0;
const addMember = async () => {
  n += 1;
  const res = await staff.post('/api/orgs/members', { organizationId: t.fixture.city, termId: t.fixture.cityTerm, name: `备份委员${n}`, gender: 'female', birthYear: 1970 + (n % 30), ethnicity: '汉族', politicalAffiliation: '无党派人士', sectorId: t.fixture.sectors['经济界'], workplace: '嘉兴某公司', phone: null });
  assert.equal(res.statusCode, 201, res.body);
  return res.data.id as number;
};

const archive = path.join(scratch, 'nightly.tar.gz');
const acknowledged: number[] = [];
let writtenDuringBackup = 0;
let originals: Record<string, string> = {};
let restored: Target;

before(async () => {
  t = await testServer();
  staff = await t.as('staff');
  const store = new FileStore(path.join(t.config.dataDir, 'files'));
  for (let i = 0; i < 3; i++) {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), crypto.randomBytes(500 + i)]);
    await store.save(t.services.db, { name: `现场照片${i}.png`, declaredMime: 'image/png', data: png, organizationId: t.fixture.city, ownerId: null }, { maxBytes: 10_000, allowed: IMAGES });
  }
  for (let i = 0; i < 20; i++) acknowledged.push(await addMember());
  // The key file that encrypts residents' names and phones, as the server creates it.
  secretKey(t.config.dataDir, {});
});

after(async () => {
  await t?.close();
  for (const drop of dropLater) await drop();
  fs.rmSync(scratch, { recursive: true, force: true });
});

describe('npm run backup while the server takes writes, then npm run restore', () => {
  it('writes one archive with a manifest while members are being added', async () => {
    const running = npm('backup', ['--out', archive], t.config);
    let done = false;
    void running.then(() => (done = true));
    // Bounded: at most 300 writes or 60 seconds, whichever comes first.
    const started = Date.now();
    while (!done && writtenDuringBackup < 300 && Date.now() - started < 60_000) {
      await addMember();
      writtenDuringBackup += 1;
    }
    const result = await running;
    assert.equal(result.code, 0, result.out);
    assert.match(result.out, /Backup written to/);
    assert.ok(writtenDuringBackup > 0, 'the server took writes while the backup ran');
    const manifest = await manifestOf(archive);
    assert.equal(manifest.dialect, t.services.dialect);
    assert.equal(manifest.platform.name, 'shangliang');
    assert.ok(manifest.migrations.includes('001_foundation'));
    assert.ok(manifest.tables[t.services.dialect === 'sqlite' ? 'main.members' : 'members']!.rows >= acknowledged.length);
    assert.equal(manifest.files.filter((f) => f.path.startsWith(`${ARCHIVED.files}/`)).length, 3);
    originals = Object.fromEntries(
      await Promise.all(manifest.files.filter((f) => f.path.startsWith('files/')).map(async (f) => [f.path, await fileSha256(path.join(t.config.dataDir, f.path))] as const)),
    );
  });

  it('restores into an empty target whose every table and file matches the manifest, with every acknowledged row', async () => {
    restored = await emptyTarget();
    const result = await npm('restore', [archive], restored);
    assert.equal(result.code, 0, result.out);
    const manifest = await manifestOf(archive);
    const { tables, memberIds } = await digestsOf(restored);
    assert.deepEqual(tables, manifest.tables);
    for (const id of acknowledged) assert.ok(memberIds.includes(id), `member ${id} acknowledged before the backup is restored`);
    for (const f of manifest.files.filter((x) => x.path.startsWith('files/'))) {
      assert.equal(await fileSha256(path.join(restored.dataDir, f.path)), f.sha256, f.path);
      assert.equal(f.sha256, originals[f.path]);
    }
    // Without the key, residents' names and phones in the restored rows could not be read.
    assert.ok(manifest.files.some((f) => f.path === 'secret.key'));
    assert.deepEqual(fs.readFileSync(path.join(restored.dataDir, 'secret.key')), fs.readFileSync(path.join(t.config.dataDir, 'secret.key')));
    assert.equal(fs.statSync(path.join(restored.dataDir, 'secret.key')).mode & 0o777, 0o600);
    assert.equal(fs.statSync(archive).mode & 0o077, 0, 'the archive holds the key: readable by its owner only');
  });

  it('lets the server start on the restored database and serve its rows', async () => {
    const server = await buildServer({ ...t.config, ...restored });
    try {
      const login = await server.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'staff', password: t.fixture.password } });
      assert.equal(login.statusCode, 200, login.body);
      const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
      const found = await server.app.inject({ method: 'GET', url: `/api/orgs/members/${acknowledged[0]}`, headers: { cookie } });
      assert.equal(found.statusCode, 200, found.body);
      assert.equal(found.json().name, '备份委员1');
    } finally {
      await server.close();
    }
  });
});

describe('npm run backup without PostgreSQL client tools', () => {
  it('stops on PostgreSQL saying what to install, and needs none on SQLite', async () => {
    // A PATH with node and tar only, where pg_dump cannot be found.
    const bin = fs.mkdtempSync(path.join(scratch, 'bin-'));
    for (const tool of ['tar', 'gzip']) fs.symlinkSync(execFileSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).trim(), path.join(bin, tool));
    fs.symlinkSync(process.execPath, path.join(bin, 'node'));
    const out = path.join(scratch, 'no-tools.tar.gz');
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/backup.ts', '--out', out], { cwd: ROOT, env: { ...envOf(t.config), PATH: bin }, encoding: 'utf8' });
    if (t.config.databaseUrl) {
      assert.equal(result.status, 1, result.stderr);
      assert.match(result.stderr, /pg_dump not found: install PostgreSQL's client tools/);
      assert.doesNotMatch(result.stderr, /^\s+at /m);
      assert.equal(fs.existsSync(out), false);
    } else {
      assert.equal(result.status, 0, result.stderr);
      assert.ok(fs.existsSync(out));
    }
  });
});

describe('npm run restore refuses', () => {
  it('an archive with one flipped byte, and restores nothing', async () => {
    const bytes = fs.readFileSync(archive);
    bytes[Math.floor(bytes.length / 2)]! ^= 0xff;
    const damaged = path.join(scratch, 'damaged.tar.gz');
    fs.writeFileSync(damaged, bytes);
    const target = await emptyTarget();
    const result = await npm('restore', [damaged], target);
    assert.notEqual(result.code, 0);
    assert.match(result.out, /damaged|Checksums do not match/);
    assert.deepEqual(fs.readdirSync(target.dataDir), []);
    if (target.databaseUrl) assert.deepEqual(Object.keys((await digestsOf(target).catch(() => ({ tables: {} }))).tables), []);
  });

  it('an archive whose attachment changed under an intact manifest, naming the file', async () => {
    const unpacked = fs.mkdtempSync(path.join(scratch, 'unpacked-'));
    await runFile('tar', ['-xzf', archive, '-C', unpacked]);
    const manifest = await manifestOf(archive);
    const victim = manifest.files.find((f) => f.path.startsWith('files/'))!.path;
    const bytes = fs.readFileSync(path.join(unpacked, victim));
    bytes[bytes.length - 1]! ^= 0x01;
    fs.writeFileSync(path.join(unpacked, victim), bytes);
    const tampered = path.join(scratch, 'tampered.tar.gz');
    await runFile('tar', ['-czf', tampered, '-C', unpacked, '.']);
    const target = await emptyTarget();
    const result = await npm('restore', [tampered], target);
    assert.notEqual(result.code, 0);
    assert.match(result.out, /Checksums do not match/);
    assert.ok(result.out.includes(victim), result.out);
    assert.deepEqual(fs.readdirSync(target.dataDir), []);
  });

  it('a target that is not empty unless --force, which replaces it', async () => {
    // A row written on the restored target after the restore: refused restore keeps it, --force drops it.
    const server = await buildServer({ ...t.config, ...restored });
    const extra = (await server.services.db.insertInto('sectors').values({ organization_id: t.fixture.city, name: '恢复后新增界别', sort: 99 }).returning('id').executeTakeFirstOrThrow()).id;
    await server.close();
    const sectorsNamed = async () => {
      const server2 = await buildServer({ ...t.config, ...restored });
      try {
        return (await server2.services.db.selectFrom('sectors').select('id').where('id', '=', extra).execute()).length;
      } finally {
        await server2.close();
      }
    };
    const refused = await npm('restore', [archive], restored);
    assert.notEqual(refused.code, 0);
    assert.match(refused.out, /not empty/);
    assert.match(refused.out, /--force/);
    assert.equal(await sectorsNamed(), 1);
    const forced = await npm('restore', [archive, '--force'], restored);
    assert.equal(forced.code, 0, forced.out);
    assert.equal(await sectorsNamed(), 0);
    assert.deepEqual((await digestsOf(restored)).tables, (await manifestOf(archive)).tables);
  });
});
