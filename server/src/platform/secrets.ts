// The server's secret key and encryption at rest. Personal data that residents leave (name,
// phone) is stored as AES-256-GCM ciphertext; the key comes from SHANGLIANG_SECRET_KEY or, when
// unset, from a key file created once in the data folder, readable by the server's user only.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const KEY_FILE = 'secret.key';
const cache = new Map<string, Buffer>();

function parseKey(text: string): Buffer {
  const t = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64');
  if (key.length !== 32) throw new Error('SHANGLIANG_SECRET_KEY must be 32 bytes, as 64 hex digits or base64');
  return key;
}

/** The 32-byte master key. */
export function secretKey(dataDir: string, env: NodeJS.ProcessEnv = process.env): Buffer {
  if (env.SHANGLIANG_SECRET_KEY) return parseKey(env.SHANGLIANG_SECRET_KEY);
  const cached = cache.get(dataDir);
  if (cached) return cached;
  const file = path.join(dataDir, KEY_FILE);
  fs.mkdirSync(dataDir, { recursive: true });
  try {
    // 'wx' fails when the file exists: two processes starting at once keep the first key.
    fs.writeFileSync(file, crypto.randomBytes(32).toString('hex') + '\n', { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const key = parseKey(fs.readFileSync(file, 'utf8'));
  cache.set(dataDir, key);
  return key;
}

/** A key for one purpose, so that the encryption key is never also the signing key. */
export function deriveKey(master: Buffer, purpose: string): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', master, Buffer.alloc(0), `shangliang:${purpose}`, 32));
}

/** `v1.` + base64(iv | tag | ciphertext). */
export function encrypt(key: Buffer, plain: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return 'v1.' + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

export function decrypt(key: Buffer, sealed: string): string {
  if (!sealed.startsWith('v1.')) throw new Error('unknown ciphertext version');
  const raw = Buffer.from(sealed.slice(3), 'base64');
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}
