// Login sessions, stored in the database so that any server process can serve any request.
// The cookie holds a random token; the table holds only its hash.
import crypto from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { PREPARED } from '../db/connect.js';
import type { FastifyReply } from 'fastify';
import type { Database, Role } from '../db/types.js';
import type { Actor, Trx } from '../context.js';
import type { EventBus } from '../events.js';
import type { Config } from '../config.js';

export const SESSION_COOKIE = 'sl_session';
export const CSRF_COOKIE = 'sl_csrf';

/** The cookies of a new session, for every route that signs someone in. */
export function setSessionCookies(reply: FastifyReply, config: Pick<Config, 'secureCookies' | 'session'>, token: string, csrfToken: string) {
  const base = { path: '/', sameSite: 'lax' as const, secure: config.secureCookies, maxAge: config.session.absoluteMs / 1000 };
  reply.setCookie(SESSION_COOKIE, token, { ...base, httpOnly: true });
  // Readable by the page, which echoes it in X-CSRF-Token: another site can neither read it nor set the header.
  reply.setCookie(CSRF_COOKIE, csrfToken, { ...base, httpOnly: false });
}

// Writing last_seen_at on every request would turn every read into a write; a minute of
// slack on a 30-minute idle limit does not matter. The sessions due for it are written together,
// once a second, in one statement: a crowd signing in to support a topic at once costs the
// database one write, not one each.
const TOUCH_AFTER_MS = 60_000;
const TOUCH_EVERY_MS = 1_000;

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

/** Topic raised when a user's sessions, status or roles change: every process forgets what it cached. */
export const USER_CHANGED = 'accounts.user.changed';

interface Cached {
  actor: Actor;
  lastSeen: number;
  expiresAt: number;
  status: string;
  cachedAt: number;
}

/**
 * Resolved sessions kept for a few seconds, so that a burst of requests costs one lookup. A
 * logout, disable, password or role change raises USER_CHANGED on the bus, which
 * reaches every server process and drops that user's entries at once.
 */
export class SessionCache {
  private entries = new Map<string, Cached>();
  constructor(bus: EventBus, private readonly ttlMs = 5_000) {
    bus.subscribe(USER_CHANGED, (e) => this.forgetUser((e.payload as { userId: number }).userId));
  }
  get(id: string): Cached | undefined {
    const hit = this.entries.get(id);
    if (hit && Date.now() - hit.cachedAt > this.ttlMs) {
      this.entries.delete(id);
      return undefined;
    }
    return hit;
  }
  set(id: string, entry: Cached): void {
    // Bounded: a flood of distinct tokens cannot grow it without end.
    if (this.entries.size > 50_000) this.entries.clear();
    this.entries.set(id, entry);
  }
  /**
   * The session's id (its token's hash), remembered for the tokens seen lately: a hash on every
   * request was a twentieth of the cost of a kept answer.
   */
  idOf(token: string): string {
    let id = this.ids.get(token);
    if (id === undefined) {
      if (this.ids.size > 50_000) this.ids.clear();
      this.ids.set(token, (id = digest(token)));
    }
    return id;
  }
  private ids = new Map<string, string>();

  forget(id: string): void {
    this.entries.delete(id);
  }
  forgetUser(userId: number): void {
    for (const [id, e] of this.entries) if (e.actor.userId === userId) this.entries.delete(id);
  }

  private touches = new Set<string>();
  private touchDb: Kysely<Database> | null = null;
  private touchTimer: NodeJS.Timeout | null = null;

  /** Marks a session seen; written with the others of the same second. */
  touch(db: Kysely<Database>, id: string): void {
    this.touchDb = db;
    this.touches.add(id);
    if (!this.touchTimer) {
      // A stamp that cannot be written (the database away) is only a minute of idle time lost.
      this.touchTimer = setTimeout(() => void this.flush().catch(() => {}), TOUCH_EVERY_MS);
      this.touchTimer.unref();
    }
  }

  /** Writes the sessions seen since the last write (also when the server stops). */
  async flush(): Promise<void> {
    if (this.touchTimer) clearTimeout(this.touchTimer);
    this.touchTimer = null;
    const ids = [...this.touches];
    this.touches.clear();
    const db = this.touchDb;
    if (!db) return;
    const at = new Date().toISOString();
    for (let i = 0; i < ids.length; i += 500) await db.updateTable('login_sessions').set({ last_seen_at: at }).where('id', 'in', ids.slice(i, i + 500)).execute();
  }
}

/**
 * The session from memory alone, without waiting for anything: most requests end here. Undefined
 * when the database must be asked (not cached, past its limits, or due for a touch).
 */
export function resolveCachedSession(cache: SessionCache, token: string, idleMs: number): { actor: Actor } | undefined {
  const hit = cache.get(cache.idOf(token));
  const now = Date.now();
  if (hit && hit.status === 'active' && hit.expiresAt > now && hit.lastSeen + idleMs > now && now - hit.lastSeen <= TOUCH_AFTER_MS)
    return { actor: hit.actor };
  return undefined;
}

export async function resolveSession(db: Kysely<Database>, cache: SessionCache, token: string, idleMs: number): Promise<Resolved> {
  const id = cache.idOf(token);
  const now = Date.now();
  const hit = cache.get(id);
  if (hit && hit.status === 'active' && hit.expiresAt > now && hit.lastSeen + idleMs > now) {
    if (now - hit.lastSeen > TOUCH_AFTER_MS) {
      cache.touch(db, id);
      hit.lastSeen = now;
    }
    return { actor: hit.actor };
  }
  cache.forget(id);
  // The session, its user and the user's roles in one read: one row per role (one with no role).
  const rows = await db
    .selectFrom('login_sessions as s')
    .modifyFront(sql.raw(PREPARED))
    .innerJoin('users as u', 'u.id', 's.user_id')
    .leftJoin('user_roles as r', 'r.user_id', 'u.id')
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
      'u.must_change_password',
      'r.role',
      'r.organization_id as role_organization_id',
    ])
    .where('s.id', '=', id)
    .execute();
  const row = rows[0];
  if (!row) return null;
  if (row.status !== 'active' || Date.parse(row.expires_at) <= now || Date.parse(row.last_seen_at) + idleMs <= now) {
    await db.deleteFrom('login_sessions').where('id', '=', id).execute();
    return { expired: true };
  }
  let lastSeen = Date.parse(row.last_seen_at);
  if (now - lastSeen > TOUCH_AFTER_MS) {
    cache.touch(db, id);
    lastSeen = now;
  }
  const roles = rows.flatMap((r) => (r.role === null ? [] : [{ role: r.role as Role, organizationId: r.role_organization_id! }]));
  const actor: Actor = {
      userId: row.user_id,
      username: row.username,
      displayName: row.display_name,
      organizationId: row.organization_id,
      roles,
      memberId: row.member_id,
      handlingUnitId: row.handling_unit_id,
      department: row.department,
      sessionId: id,
      csrfToken: row.csrf_token,
      mustChangePassword: row.must_change_password === 1,
  };
  cache.set(id, { actor, lastSeen, expiresAt: Date.parse(row.expires_at), status: row.status, cachedAt: now });
  return { actor };
}

export async function endSession(db: Trx, sessionId: string): Promise<void> {
  await db.deleteFrom('login_sessions').where('id', '=', sessionId).execute();
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
