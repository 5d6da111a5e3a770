// The one-time set-up link of an empty install: a random token, of which only a sha-256 hash is
// kept; valid for 24 hours, used once, and a new one replaces any older unused one.
import crypto from 'node:crypto';
import type { Trx } from '../../platform/context.js';

export const TOKEN_TTL_MS = 24 * 3_600_000;

const hashOf = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

export const setupLink = (baseUrl: string, token: string) => `${baseUrl}/setup?token=${token}`;

/** A new token; older unused ones stop working. The caller checks that set-up is still open. */
export async function issueToken(trx: Trx, now = new Date()): Promise<string> {
  const token = crypto.randomBytes(32).toString('base64url');
  await trx.deleteFrom('setup_tokens').where('used_at', 'is', null).execute();
  await trx
    .insertInto('setup_tokens')
    .values({ token_hash: hashOf(token), created_at: now.toISOString(), expires_at: new Date(now.getTime() + TOKEN_TTL_MS).toISOString(), used_at: null })
    .execute();
  return token;
}

export type TokenState = 'valid' | 'expired' | 'used' | 'unknown';

export async function tokenState(trx: Trx, token: string, now = new Date()): Promise<TokenState> {
  const row = await trx.selectFrom('setup_tokens').select(['expires_at', 'used_at']).where('token_hash', '=', hashOf(token)).executeTakeFirst();
  if (!row) return 'unknown';
  if (row.used_at) return 'used';
  return row.expires_at <= now.toISOString() ? 'expired' : 'valid';
}

/** Whether an unused, unexpired token exists: a start then leaves it alone instead of printing a new one. */
export async function hasLiveToken(trx: Trx, now = new Date()): Promise<boolean> {
  const row = await trx.selectFrom('setup_tokens').select('id').where('used_at', 'is', null).where('expires_at', '>', now.toISOString()).executeTakeFirst();
  return !!row;
}

/** Marks the token used; false when another request used it first (or it is not valid). */
export async function useToken(trx: Trx, token: string, now = new Date()): Promise<boolean> {
  const res = await trx
    .updateTable('setup_tokens')
    .set({ used_at: now.toISOString() })
    .where('token_hash', '=', hashOf(token))
    .where('used_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
