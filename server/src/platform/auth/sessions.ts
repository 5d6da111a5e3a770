// Login sessions, stored in the database so that any server process can serve any request.
// The cookie holds a random token; the table holds only its hash.
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, Role } from '../db/types.js';
import type { Actor, Trx } from '../context.js';

export const SESSION_COOKIE = 'sl_session';
export const CSRF_COOKIE = 'sl_csrf';

// Writing last_seen_at on every request would turn every read into a write; a minute of
// slack on a 30-minute idle limit does not matter.
const TOUCH_AFTER_MS = 60_000;

const digest = (token: string) => crypto.createHash('sha256').update(token).digest('base64url');

export async function createSession(db: Trx, userId: number, ip: string | null, absoluteMs: number) {
  const token = crypto.randomBytes(32).toString('base64url');
  const csrfToken = crypto.randomBytes(24).toString('base64url');
  const now = new Date();
  await db
    .insertInto('login_sessions')
    .values({
      id: digest(token),
      user_id: userId,
      csrf_token: csrfToken,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: new Date(now.getTime() + absoluteMs).toISOString(),
      ip,
    })
    .execute();
  return { token, csrfToken };
}

export type Resolved = { actor: Actor } | { expired: true } | null;

export async function resolveSession(db: Kysely<Database>, token: string, idleMs: number): Promise<Resolved> {
  const id = digest(token);
  const row = await db
    .selectFrom('login_sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select([
      's.csrf_token',
      's.last_seen_at',
      's.expires_at',
      'u.id as user_id',
      'u.username',
      'u.display_name',
      'u.organization_id',
      'u.member_id',
      'u.handling_unit_id',
      'u.department',
      'u.status',
    ])
    .where('s.id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  const now = Date.now();
  if (row.status !== 'active' || Date.parse(row.expires_at) <= now || Date.parse(row.last_seen_at) + idleMs <= now) {
    await db.deleteFrom('login_sessions').where('id', '=', id).execute();
    return { expired: true };
  }
  if (now - Date.parse(row.last_seen_at) > TOUCH_AFTER_MS) {
    await db.updateTable('login_sessions').set({ last_seen_at: new Date(now).toISOString() }).where('id', '=', id).execute();
  }
  const roles = await db.selectFrom('user_roles').select(['role', 'organization_id']).where('user_id', '=', row.user_id).execute();
  return {
    actor: {
      userId: row.user_id,
      username: row.username,
      displayName: row.display_name,
      organizationId: row.organization_id,
      roles: roles.map((r) => ({ role: r.role as Role, organizationId: r.organization_id })),
      memberId: row.member_id,
      handlingUnitId: row.handling_unit_id,
      department: row.department,
      sessionId: id,
      csrfToken: row.csrf_token,
    },
  };
}

export async function endSession(db: Trx, sessionId: string): Promise<void> {
  await db.deleteFrom('login_sessions').where('id', '=', sessionId).execute();
}

export async function endUserSessions(db: Trx, userId: number): Promise<void> {
  await db.deleteFrom('login_sessions').where('user_id', '=', userId).execute();
}

export async function purgeExpiredSessions(db: Kysely<Database>, idleMs: number): Promise<number> {
  const now = Date.now();
  const result = await db
    .deleteFrom('login_sessions')
    .where((eb) =>
      eb.or([eb('expires_at', '<=', new Date(now).toISOString()), eb('last_seen_at', '<=', new Date(now - idleMs).toISOString())]),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
