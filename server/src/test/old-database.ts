// A database migrated only up to an earlier migration, as the previous version left it, for the
// tests of the migration after it: a new SQLite directory, or a new PostgreSQL database when
// DATABASE_URL is set. `close` drops it.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Kysely } from 'kysely';
import { connect, type Db } from '../platform/db/connect.js';
import { migrate } from '../platform/db/migrate.js';

async function admin(url: string, text: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(text);
  } finally {
    await c.end();
  }
}

export async function oldDatabase(until: string): Promise<{ conn: Db; old: Kysely<any>; close(): Promise<void> }> {
  const adminUrl = process.env.DATABASE_URL;
  const dbName = `sl_old_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-old-'));
  let url: string | null = null;
  if (adminUrl) {
    await admin(adminUrl, `create database ${dbName}`);
    const u = new URL(adminUrl);
    u.pathname = `/${dbName}`;
    url = u.toString();
  }
  const conn = connect({ databaseUrl: url, dataDir });
  const old = conn.db as Kysely<any>;
  await migrate(old, conn.dialect, { until });
  return {
    conn,
    old,
    async close() {
      await conn.close();
      if (adminUrl) await admin(adminUrl, `drop database if exists ${dbName} with (force)`);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
