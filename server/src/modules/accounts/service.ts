// The public service of accounts: how an account comes to exist, in one place for the admin's
// form, self-registration, the demo data and the test fixtures.
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import type { Trx } from '../../platform/context.js';
import type { Role } from '../../platform/db/types.js';

/** What a username may be, wherever an account is made. */
export const usernameSchema = z
  .string()
  .regex(/^[A-Za-z0-9_.-]{3,32}$/, '用户名须为 3 至 32 位字母、数字或 _ . -|A username has 3 to 32 letters, digits or _ . -');

export interface NewUser {
  username: string;
  displayName: string;
  passwordHash: string;
  organizationId: number;
  roles: Role[];
  memberId?: number | null;
  handlingUnitId?: number | null;
  department?: string | null;
  phone?: string | null;
  /** An initial password handed out by the office: to be changed at first sign-in. */
  mustChangePassword?: boolean;
}

export async function insertUser(trx: Trx, user: NewUser): Promise<number> {
  const now = new Date().toISOString();
  const row = await trx
    .insertInto('users')
    .values({
      username: user.username,
      display_name: user.displayName,
      password_hash: user.passwordHash,
      organization_id: user.organizationId,
      member_id: user.memberId ?? null,
      handling_unit_id: user.handlingUnitId ?? null,
      department: user.department ?? null,
      phone: user.phone ?? null,
      status: 'active',
      must_change_password: user.mustChangePassword ? 1 : 0,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const roles = [...new Set(user.roles)];
  await trx.insertInto('user_roles').values(roles.map((role) => ({ user_id: row.id, role, organization_id: user.organizationId }))).execute();
  return row.id;
}

export async function assertUsernameFree(trx: Trx, username: string) {
  const taken = await trx.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
  if (taken) throw new AppError('conflict', { zh: '用户名已被使用', en: 'This username is taken' }, [{ field: 'body.username', code: 'taken', message: '用户名已被使用', message_en: 'This username is taken' }]);
}

/** Active accounts holding one of the roles, by id (an office inviting residents by account checks them here). */
export async function activeAccountsWithRole(db: Trx, ids: number[], roles: Role[]) {
  if (!ids.length) return [];
  return db.selectFrom('users').innerJoin('user_roles', 'user_roles.user_id', 'users.id')
    .select(['users.id', 'users.display_name as displayName']).distinct()
    .where('users.id', 'in', ids).where('users.status', '=', 'active').where('user_roles.role', 'in', roles).execute();
}
