// Accounts created in bulk for the members or handling units of an import (part of the accounts
// service other modules may call). Each gets a username by rule (m + member id, u + unit id, four
// digits at least: unique, and typed with no Chinese input), a random initial password that
// meets the policy and must be changed at first sign-in. The passwords leave the server once:
// as an .xlsx sealed with the server key, which its importer may download once within an hour.
import crypto from 'node:crypto';
import ExcelJS from 'exceljs';
import { xmlSafe } from '../../platform/text.js';
import type { Ctx, Trx } from '../../platform/context.js';
import type { Config } from '../../platform/config.js';
import { audit } from '../../platform/audit.js';
import { notFound } from '../../platform/errors.js';
import { hashPassword, passwordProblem } from '../../platform/auth/password.js';
import { decrypt, deriveKey, encrypt, secretKey } from '../../platform/secrets.js';
import { insertUser } from './service.js';

export const CREDENTIALS_TTL_MS = 60 * 60_000;

export interface InitialAccount {
  displayName: string;
  organizationId: number;
  memberId?: number;
  handlingUnitId?: number;
}

const key = (config: Config) => deriveKey(secretKey(config.dataDir), 'accounts:initial-passwords');

// No 0/O, 1/l/I: a password read off a printed sheet is typed right the first time.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';

/** Three groups of four, such as Kp7m-Qx3a-9rTe: 71 bits, and the policy's three classes. */
export function initialPassword(): string {
  for (;;) {
    const bytes = crypto.randomBytes(12);
    const chars = [...bytes].map((b) => ALPHABET[b % ALPHABET.length]);
    const password = [0, 4, 8].map((i) => chars.slice(i, i + 4).join('')).join('-');
    if (!passwordProblem(password) && /[A-Z]/.test(password) && /[a-z]/.test(password) && /[0-9]/.test(password)) return password;
  }
}

const usernameFor = (a: InitialAccount) => (a.memberId ? `m${String(a.memberId).padStart(4, '0')}` : `u${String(a.handlingUnitId).padStart(4, '0')}`);

/** Hashes the passwords before the transaction: argon2 takes tens of milliseconds each. */
export async function preparePasswords(count: number): Promise<{ password: string; hash: string }[]> {
  const out: { password: string; hash: string }[] = [];
  for (let i = 0; i < count; i += 8) {
    const batch = Array.from({ length: Math.min(8, count - i) }, initialPassword);
    out.push(...(await Promise.all(batch.map(async (password) => ({ password, hash: await hashPassword(password) })))));
  }
  return out;
}

/**
 * Creates the accounts inside the caller's transaction, audits each (never the password), and
 * seals the sheet of initial passwords for one download by the acting user.
 */
export async function createInitialAccounts(trx: Trx, ctx: Ctx, config: Config, people: InitialAccount[], passwords: { password: string; hash: string }[]) {
  // Sheets never fetched are dropped once expired (they are sealed until then).
  await trx.deleteFrom('account_credentials').where('expires_at', '<=', new Date().toISOString()).execute();
  const wanted = people.map(usernameFor);
  const taken = new Set(wanted.length ? (await trx.selectFrom('users').select('username').where('username', 'in', wanted).execute()).map((r) => r.username) : []);
  const accountIds: number[] = [];
  const sheet: [string, string, string][] = [];
  for (const [k, person] of people.entries()) {
    // A name already taken by hand gets a suffix: m0012 → m0012.2.
    let username = wanted[k]!;
    for (let n = 2; taken.has(username); n++) username = `${wanted[k]}.${n}`;
    taken.add(username);
    const role = person.memberId ? ('member' as const) : ('unit' as const);
    const id = await insertUser(trx, { username, displayName: person.displayName, passwordHash: passwords[k]!.hash, organizationId: person.organizationId, roles: [role], memberId: person.memberId ?? null, handlingUnitId: person.handlingUnitId ?? null, mustChangePassword: true });
    await audit(trx, ctx, { action: 'create', entityType: 'user', entityId: id, organizationId: person.organizationId, after: { username, displayName: person.displayName, roles: [role], memberId: person.memberId ?? null, handlingUnitId: person.handlingUnitId ?? null, source: 'import', mustChangePassword: true } });
    accountIds.push(id);
    sheet.push([person.displayName, username, passwords[k]!.password]);
  }
  if (people.length === 0) return { accountIds, credentials: null };
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('初始密码');
  ws.columns = [
    { header: '姓名', width: 20 },
    { header: '用户名', width: 14 },
    { header: '初始密码', width: 18 },
  ];
  ws.getRow(1).font = { bold: true };
  ws.addRows(sheet.map((row) => row.map(xmlSafe)));
  const file = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
  const id = crypto.randomBytes(18).toString('base64url');
  const at = new Date();
  const expiresAt = new Date(at.getTime() + CREDENTIALS_TTL_MS).toISOString();
  const organizationId = people[0]!.organizationId;
  await trx.insertInto('account_credentials').values({ id, organization_id: organizationId, created_by: ctx.actor!.userId, accounts: people.length, sealed: encrypt(key(config), file), created_at: at.toISOString(), expires_at: expiresAt }).execute();
  return { accountIds, credentials: { id, expiresAt, accounts: people.length } };
}

/** The sheet of initial passwords, for its importer only, once: the row is gone after this. */
export async function takeCredentials(ctx: Ctx, config: Config, id: string): Promise<Buffer> {
  const actor = ctx.actor!;
  return ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('account_credentials').where('expires_at', '<=', new Date().toISOString()).execute();
    const row = await trx.selectFrom('account_credentials').selectAll().where('id', '=', id).where('created_by', '=', actor.userId).executeTakeFirst();
    if (!row) throw notFound({ zh: '初始密码文件不存在、已下载或已过期', en: 'No such initial-password file: it was downloaded already, has expired, or is not yours' });
    await trx.deleteFrom('account_credentials').where('id', '=', id).execute();
    await audit(trx, ctx, { action: 'download_credentials', entityType: 'account_credentials', entityId: id, organizationId: row.organization_id, after: { accounts: row.accounts } });
    return Buffer.from(decrypt(key(config), row.sealed), 'base64');
  });
}

/** Which of these handling units have an account already. */
export async function unitsWithAccounts(db: Trx, unitIds: number[]): Promise<Set<number>> {
  if (unitIds.length === 0) return new Set();
  const rows = await db.selectFrom('users').select('handling_unit_id').where('handling_unit_id', 'in', unitIds).execute();
  return new Set(rows.map((r) => r.handling_unit_id!));
}
