// Repeated wrong passwords, without letting a stranger lock the real user out. Failures are
// counted per username (existing or not: the answers never tell which usernames exist) and per
// source address, within a window. After a few, a sign-in must carry a solved proof-of-work
// challenge; after more, the username is locked (等保 2.0) for a while, but not for the browsers
// its user has signed in from before (a known-device cookie), and an admin can lift the lock.
import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { Trx } from '../../platform/context.js';
import type { Config } from '../../platform/config.js';

export const DEVICE_COOKIE = 'sl_device';
/** A known device is remembered for a year after its last sign-in. */
export const DEVICE_MAX_AGE_MS = 365 * 86_400_000;

export const accountKey = (username: string) => `account:${username.toLowerCase()}`;
export const sourceKey = (ip: string) => `source:${ip}`;
const digest = (token: string) => crypto.createHash('sha256').update(token).digest('base64url');

export interface ThrottleState {
  failures: number;
  lockedUntil: string | null;
}

/** Failures within the window, and a lock still running. */
export async function throttleState(db: Trx, key: string, lockout: Config['lockout'], now = Date.now()): Promise<ThrottleState> {
  const row = await db.selectFrom('login_throttle').select(['failures', 'first_failure_at', 'locked_until']).where('key', '=', key).executeTakeFirst();
  if (!row) return { failures: 0, lockedUntil: null };
  const lockedUntil = row.locked_until && Date.parse(row.locked_until) > now ? row.locked_until : null;
  const failures = Date.parse(row.first_failure_at) + lockout.windowMs > now ? row.failures : 0;
  return { failures, lockedUntil };
}

/** Counts one failure (in SQL, so that parallel attempts all count); a window run out starts again at 1. */
export async function countFailure(db: Trx, key: string, lockout: Config['lockout'], now = Date.now()): Promise<number> {
  const at = new Date(now).toISOString();
  const windowStart = new Date(now - lockout.windowMs).toISOString();
  const row = await db
    .insertInto('login_throttle')
    .values({ key, failures: 1, first_failure_at: at, locked_until: null, updated_at: at })
    .onConflict((oc) => oc.column('key').doUpdateSet({
      failures: sql<number>`case when login_throttle.first_failure_at < ${windowStart} then 1 else login_throttle.failures + 1 end`,
      first_failure_at: sql<string>`case when login_throttle.first_failure_at < ${windowStart} then ${at} else login_throttle.first_failure_at end`,
      updated_at: at,
    }))
    .returning('failures')
    .executeTakeFirstOrThrow();
  return Number(row.failures);
}

/** Locks a username until the lock time has passed; its count starts again. */
export async function lock(db: Trx, key: string, lockout: Config['lockout'], now = Date.now()): Promise<string> {
  const lockedUntil = new Date(now + lockout.lockMs).toISOString();
  await db.updateTable('login_throttle').set({ failures: 0, first_failure_at: new Date(now).toISOString(), locked_until: lockedUntil, updated_at: new Date(now).toISOString() }).where('key', '=', key).execute();
  return lockedUntil;
}

/** Forgets the failures and the lock of a username (a sign-in that succeeded, an admin's unlock). */
export async function clearThrottle(db: Trx, key: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('key', '=', key).execute();
}

/** Whether this cookie is one the user signed in with before. */
export async function isKnownDevice(db: Trx, userId: number, token: string | undefined): Promise<boolean> {
  if (!token || token.length > 100) return false;
  return !!(await db.selectFrom('known_devices').select('user_id').where('token_hash', '=', digest(token)).where('user_id', '=', userId).executeTakeFirst());
}

/** After a sign-in: refreshes the known device, or makes the browser one; returns the cookie to set. */
export async function rememberDevice(db: Trx, userId: number, token: string | undefined, now = Date.now()): Promise<string> {
  const at = new Date(now).toISOString();
  if (token && (await isKnownDevice(db, userId, token))) {
    await db.updateTable('known_devices').set({ last_used_at: at }).where('token_hash', '=', digest(token)).execute();
    return token;
  }
  const fresh = crypto.randomBytes(32).toString('base64url');
  await db.insertInto('known_devices').values({ token_hash: digest(fresh), user_id: userId, created_at: at, last_used_at: at }).execute();
  // Devices unused for a year are forgotten.
  await db.deleteFrom('known_devices').where('user_id', '=', userId).where('last_used_at', '<', new Date(now - DEVICE_MAX_AGE_MS).toISOString()).execute();
  return fresh;
}
