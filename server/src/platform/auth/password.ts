// Passwords: argon2id hashes and the policy (8+ characters, 3 of 4 classes) that 等保 2.0 level 3 asks.
import crypto from 'node:crypto';
import { hash, verify, Algorithm } from '@node-rs/argon2';
import type { Text } from '../errors.js';

const options = { algorithm: Algorithm.Argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export const hashPassword = (password: string) => hash(password, options);

// Verifying against this for unknown usernames keeps the answer time the same, so that timing
// does not tell which usernames exist.
let dummyHash: Promise<string> | null = null;

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (!passwordHash) {
    dummyHash ??= hashPassword(crypto.randomUUID());
    await verify(await dummyHash, password);
    return false;
  }
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** null when the password is acceptable, otherwise why not. */
export function passwordProblem(password: string): Text | null {
  if (password.length < 8 || password.length > 128)
    return { zh: '密码长度须为 8 至 128 个字符', en: 'The password must have 8 to 128 characters' };
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3)
    return {
      zh: '密码须包含大写字母、小写字母、数字、符号中的至少三类',
      en: 'The password must mix at least three of: upper case, lower case, digits, symbols',
    };
  return null;
}

/** A random password that meets the policy: used for demo accounts. */
export function randomPassword(): string {
  const body = crypto.randomBytes(12).toString('base64url').replace(/[-_]/g, 'x');
  return `Sl-${body}7a`;
}
