// Proof-of-work for forms that need no account: the server hands out a signed puzzle, the page
// finds a counter such that sha256(nonce + counter) starts with `bits` zero bits. It costs a
// phone a fraction of a second and a script sending thousands of reports as many times that,
// without any third-party service. Tokens are stateless (HMAC-signed) and expire. A solved token
// is accepted once: a process remembers what it saw (a replay is refused before anything else),
// and the form's own transaction records the token as spent (spendChallenge), so a replay through
// another process or after a restart fails that transaction.
import crypto from 'node:crypto';
import type { Trx } from './context.js';
import { insertRow } from './db/insert.js';

export interface Challenge {
  token: string;
  nonce: string;
  bits: number;
  expiresAt: string;
}

const TTL_MS = 10 * 60_000;
const used = new Map<string, number>();

const sign = (key: Buffer, body: string) => crypto.createHmac('sha256', key).update(body).digest('base64url');

export function issueChallenge(key: Buffer, bits: number, scope: string, now = Date.now()): Challenge {
  const nonce = crypto.randomBytes(16).toString('hex');
  const exp = now + TTL_MS;
  const body = Buffer.from(JSON.stringify({ n: nonce, b: bits, e: exp, s: scope })).toString('base64url');
  return { token: `${body}.${sign(key, body)}`, nonce, bits, expiresAt: new Date(exp).toISOString() };
}

export function leadingZeroBits(hash: Buffer): number {
  let n = 0;
  for (const byte of hash) {
    if (byte === 0) {
      n += 8;
      continue;
    }
    return n + Math.clz32(byte) - 24;
  }
  return n;
}

/** The counter a client would find; used by tests and by scripted clients. */
export function solveChallenge(nonce: string, bits: number): string {
  for (let i = 0; ; i++) if (leadingZeroBits(crypto.createHash('sha256').update(nonce + i).digest()) >= bits) return String(i);
}

export type ChallengeFailure = 'malformed' | 'expired' | 'wrong' | 'reused';

export function verifyChallenge(key: Buffer, token: string, solution: string, scope: string, now = Date.now()): ChallengeFailure | null {
  const [body, mac] = token.split('.');
  if (!body || !mac) return 'malformed';
  const expected = sign(key, body);
  if (mac.length !== expected.length || !crypto.timingSafeEqual(Buffer.from(mac), Buffer.from(expected))) return 'malformed';
  let claim: { n: string; b: number; e: number; s: string };
  try {
    claim = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return 'malformed';
  }
  if (claim.s !== scope) return 'malformed';
  if (claim.e < now) return 'expired';
  if (!/^[0-9]{1,12}$/.test(solution) || leadingZeroBits(crypto.createHash('sha256').update(claim.n + solution).digest()) < claim.b) return 'wrong';
  // Spent nonces sit in the order they were used, so the expired ones are at the front.
  for (const [nonce, exp] of used) {
    if (exp >= now) break;
    used.delete(nonce);
  }
  if (used.has(claim.n)) return 'reused';
  used.set(claim.n, claim.e);
  return null;
}

/**
 * Records a verified token as spent, inside the transaction of the form it admits. A token already
 * spent makes the insert fail with a unique violation (isUniqueViolation): the caller refuses it.
 */
export async function spendChallenge(trx: Trx, token: string): Promise<void> {
  const claim = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8')) as { n: string; e: number };
  await insertRow(trx, 'spent_challenges', { nonce: claim.n, expires_at: new Date(claim.e).toISOString() });
}

/** Expired tokens are refused for their age: their spent record can go. */
export async function forgetSpentChallenges(db: Trx, now = new Date()): Promise<number> {
  const result = await db.deleteFrom('spent_challenges').where('expires_at', '<', now.toISOString()).executeTakeFirst();
  return Number(result.numDeletedRows);
}
