// Upgrades: a database made by release v0.1.0 (server/src/test/fixtures, made by
// scripts/make-upgrade-fixture.sh) is migrated forward by this version at start and its rows stay
// usable through the API; a database that a newer version migrated makes this one refuse to start.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import SQLite from 'better-sqlite3';
import { buildServer, type Server } from '../../app.js';
import { loadConfig, type Config } from '../config.js';
import { migrationNames, NewerDatabaseError } from './migrate.js';
import { connect, sqliteFile } from './connect.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../test/fixtures');
const ROOT = path.resolve(import.meta.dirname, '../../../..');
const release = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'v0.1.0.json'), 'utf8'));
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-upgrade-'));
const adminUrl = process.env.DATABASE_URL;
const dbName = `sl_upgrade_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
let config: Config;

async function query(url: string, text: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await c.query(text);
  } finally {
    await c.end();
  }
}

/** The migrations recorded in the database, read with a connection of its own. */
async function applied(): Promise<string[]> {
  if (config.databaseUrl) return (await query(config.databaseUrl, 'select name from schema_migrations order by name')).rows.map((r) => r.name);
  const db = new SQLite(sqliteFile(dataDir), { readonly: true });
  try {
    return (db.prepare('select name from schema_migrations order by name').all() as { name: string }[]).map((r) => r.name);
  } finally {
    db.close();
  }
}

/** Loads the release's database: its SQLite file, or its plain-SQL dump into a new database. */
before(async () => {
  const base = loadConfig({ SHANGLIANG_DATA_DIR: dataDir, LOG_LEVEL: 'silent', SHANGLIANG_JOBS: 'off' });
  if (adminUrl) {
    await query(adminUrl, `create database ${dbName}`);
    const url = new URL(adminUrl);
    url.pathname = `/${dbName}`;
    config = { ...base, databaseUrl: url.toString() };
    await query(config.databaseUrl!, fs.readFileSync(path.join(FIXTURES, 'v0.1.0.sql'), 'utf8'));
  } else {
    config = { ...base, databaseUrl: null };
    fs.copyFileSync(path.join(FIXTURES, 'v0.1.0.db'), sqliteFile(dataDir));
  }
});

after(async () => {
  if (adminUrl) await query(adminUrl, `drop database if exists ${dbName} with (force)`);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function signIn(server: Server, username: string) {
  const res = await server.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: release.password } });
  assert.equal(res.statusCode, 200, res.body);
  const cookies = Object.fromEntries(res.cookies.map((c) => [c.name, c.value]));
  const headers = { cookie: Object.entries(cookies).map(([k, v]) => `${k}=${v}`).join('; '), 'x-csrf-token': cookies.sl_csrf! };
  return {
    get: (url: string) => server.app.inject({ method: 'GET', url, headers }),
    post: (url: string, payload: object) => server.app.inject({ method: 'POST', url, headers, payload }),
  };
}

describe('starting this version on a database made by v0.1.0', () => {
  it('applies every migration this version knows and keeps the rows usable through the API', async () => {
    const before = await applied();
    assert.ok(before.includes('001_foundation') && before.every((name) => migrationNames().includes(name)), 'the fixture is an older database of this project');
    const server = await buildServer(config);
    try {
      assert.deepEqual(await applied(), [...migrationNames()].sort());
      const ids = release[server.services.dialect];
      const staff = await signIn(server, 'staff');
      const member = await staff.get(`/api/orgs/members/${ids.memberId}`);
      assert.equal(member.statusCode, 200, member.body);
      assert.equal(member.json().name, '升级测试委员');
      const proposal = await staff.get(`/api/proposals/${ids.proposalId}`);
      assert.equal(proposal.statusCode, 200, proposal.body);
      assert.equal(proposal.json().title, '关于加快推进城乡公交一体化的建议');
      const opinion = await staff.get(`/api/opinions/${ids.opinionId}`);
      assert.equal(opinion.statusCode, 200, opinion.body);
      assert.equal(opinion.json().title, '关于加强社区养老服务的建议');
      const meeting = await staff.get(`/api/consultations/meetings/${ids.meetingId}`);
      assert.equal(meeting.statusCode, 200, meeting.body);
      assert.equal(meeting.json().topic, '推进城乡教育优质均衡发展专题协商会');
      // Usable, not only readable: a new row beside the old ones, found by the search of the old ones.
      const added = await staff.post('/api/orgs/members', { organizationId: ids.organizationId, termId: member.json().termId, name: '升级后新委员', gender: 'male', birthYear: 1980, ethnicity: '汉族', politicalAffiliation: '中共党员', sectorId: member.json().sectorId, workplace: '嘉兴某医院', phone: null });
      assert.equal(added.statusCode, 201, added.body);
      const found = await staff.get(`/api/orgs/members?q=${encodeURIComponent('升级')}`);
      assert.deepEqual(found.json().items.map((m: { name: string }) => m.name).sort(), ['升级后新委员', '升级测试委员']);
    } finally {
      await server.close();
    }
  });
});

describe('starting this version on a database migrated by a newer version', () => {
  const future = '999_from_a_newer_version';
  before(async () => {
    const at = new Date().toISOString();
    if (config.databaseUrl) await query(config.databaseUrl, `insert into schema_migrations (name, applied_at) values ('${future}', '${at}')`);
    else {
      const db = new SQLite(sqliteFile(dataDir));
      db.prepare('insert into schema_migrations (name, applied_at) values (?, ?)').run(future, at);
      db.close();
    }
  });

  it('refuses, naming the unknown migration, and changes nothing', async () => {
    const before = await applied();
    const db = connect({ databaseUrl: config.databaseUrl, dataDir });
    try {
      await assert.rejects(buildServer(config, db), (error: Error) => {
        assert.ok(error instanceof NewerDatabaseError);
        assert.match(error.message, new RegExp(future));
        assert.match(error.message, /restore a backup/);
        assert.match(error.message, /newer version/);
        return true;
      });
    } finally {
      await db.close();
    }
    assert.deepEqual(await applied(), before);
  });

  it('makes the server process exit with that message and no stack trace', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, SHANGLIANG_DATA_DIR: dataDir, DATABASE_URL: config.databaseUrl ?? '', PORT: '0', HOST: '127.0.0.1', SHANGLIANG_SEED: 'none', SHANGLIANG_JOBS: 'off', LOG_LEVEL: 'silent' },
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    // Bounded: a server that starts instead of refusing is stopped after 60 s and the test fails.
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    clearTimeout(timer);
    assert.equal(code, 1, stderr);
    assert.match(stderr, new RegExp(`unknown migrations ${future}`));
    assert.doesNotMatch(stderr, /^\s+at /m);
  });
});
