// Writing a benchmark's data straight into the database of a stopped server: rows in batches (a
// few hundred a statement keeps within SQLite's and PostgreSQL's parameter limits), and session
// tokens stored as the server stores them.
import crypto from 'node:crypto';
import type { connect } from '../server/src/platform/db/connect.js';

export type Kdb = ReturnType<typeof connect>['db'];
const BATCH = 400;

export const digest = (token: string) => crypto.createHash('sha256').update(token).digest('base64url');

/** Inserts the rows in batches; with `returning`, their ids in order. */
export async function insertAll<T extends Record<string, unknown>>(db: Kdb, table: string, rows: T[], returning = false): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += BATCH) {
    const q = (db as any).insertInto(table).values(rows.slice(i, i + BATCH));
    if (returning) ids.push(...((await q.returning('id').execute()) as { id: number }[]).map((r) => r.id));
    else await q.execute();
  }
  return ids;
}

/** Accounts of a role with an open session each: [cookie, csrf] per account. */
export async function accounts(db: Kdb, rows: { organizationId: number; memberId: number | null }[], role: string, prefix: string) {
  const at = new Date().toISOString();
  const userIds = await insertAll(db, 'users', rows.map((r, i) => ({
    username: `${prefix}${i}`, display_name: `${prefix}${i}`, password_hash: 'bench-no-password', organization_id: r.organizationId, member_id: r.memberId,
    handling_unit_id: null, department: null, phone: null, status: 'active', created_at: at, updated_at: at, last_login_at: null,
  })), true);
  await insertAll(db, 'user_roles', userIds.map((id, i) => ({ user_id: id, role, organization_id: rows[i]!.organizationId })));
  return sessionsFor(db, userIds);
}

/** An open session for each account: [cookie, csrf] per account. */
export async function sessionsFor(db: Kdb, userIds: number[]) {
  const at = new Date().toISOString();
  const sessions = userIds.map((id) => ({ id, token: crypto.randomBytes(24).toString('base64url'), csrf: crypto.randomBytes(18).toString('base64url') }));
  const expires = new Date(Date.now() + 11 * 3_600_000).toISOString();
  await insertAll(db, 'login_sessions', sessions.map((s) => ({ id: digest(s.token), user_id: s.id, csrf_token: s.csrf, created_at: at, last_seen_at: at, expires_at: expires, ip: null })));
  return sessions.map((s) => [`sl_session=${s.token}`, s.csrf] as const);
}
