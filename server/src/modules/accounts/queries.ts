// Reads of accounts and of the audit log.
import { sql } from 'kysely';
import type { Trx } from '../../platform/context.js';
import type { Role } from '../../platform/db/types.js';
import { toPage } from '../../platform/paging.js';
import { auditSubjects } from './audit-subjects.js';

export async function rolesOf(db: Trx, userId: number) {
  const rows = await db.selectFrom('user_roles').select(['role', 'organization_id']).where('user_id', '=', userId).execute();
  return rows.map((r) => ({ role: r.role as Role, organizationId: r.organization_id }));
}

/** The signed-in user as /api/me shows them. */
export async function me(db: Trx, userId: number) {
  const row = await db
    .selectFrom('users as u')
    .innerJoin('organizations as o', 'o.id', 'u.organization_id')
    .select(['u.id', 'u.username', 'u.display_name', 'u.member_id', 'u.handling_unit_id', 'u.department', 'u.must_change_password', 'o.id as org_id', 'o.name as org_name', 'o.level as org_level'])
    .where('u.id', '=', userId)
    .executeTakeFirstOrThrow();
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    roles: await rolesOf(db, userId),
    organization: { id: row.org_id, name: row.org_name, level: row.org_level },
    memberId: row.member_id,
    handlingUnitId: row.handling_unit_id,
    department: row.department,
    mustChangePassword: row.must_change_password === 1,
  };
}

const accountColumns = [
  'u.id',
  'u.username',
  'u.display_name',
  'u.organization_id',
  'o.name as organization_name',
  'u.status',
  'lt.locked_until',
  'u.last_login_at',
  'u.member_id',
  'm.name as member_name',
  'u.handling_unit_id',
  'hu.name as handling_unit_name',
  'u.department',
  'u.must_change_password',
  'u.created_at',
] as const;

type AccountRow = {
  id: number;
  username: string;
  display_name: string;
  organization_id: number;
  organization_name: string;
  status: 'active' | 'disabled';
  locked_until: string | null;
  last_login_at: string | null;
  member_id: number | null;
  member_name: string | null;
  handling_unit_id: number | null;
  handling_unit_name: string | null;
  department: string | null;
  must_change_password: number;
  created_at: string;
};

function present(row: AccountRow, roles: Role[]) {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    organizationId: row.organization_id,
    organizationName: row.organization_name,
    roles,
    status: row.status,
    // A lock that has run out is no lock.
    lockedUntil: row.locked_until && Date.parse(row.locked_until) > Date.now() ? row.locked_until : null,
    lastLoginAt: row.last_login_at,
    memberId: row.member_id,
    memberName: row.member_name,
    handlingUnitId: row.handling_unit_id,
    handlingUnitName: row.handling_unit_name,
    department: row.department,
    mustChangePassword: row.must_change_password === 1,
    createdAt: row.created_at,
  };
}

export type Account = ReturnType<typeof present>;

/** Accounts with their organization and the member or unit they are linked to, by name. */
const accountsFrom = (db: Trx) =>
  db
    .selectFrom('users as u')
    .innerJoin('organizations as o', 'o.id', 'u.organization_id')
    .leftJoin('members as m', 'm.id', 'u.member_id')
    .leftJoin('handling_units as hu', 'hu.id', 'u.handling_unit_id')
    // The lock is kept by username (accounts/throttle.ts): 'account:' and the name in lower case.
    .leftJoin('login_throttle as lt', (j) => j.onRef('lt.key', '=', sql<string>`'account:' || lower(u.username)`));

export async function findAccount(db: Trx, id: number): Promise<Account | null> {
  const row = await accountsFrom(db).select(accountColumns).where('u.id', '=', id).executeTakeFirst();
  if (!row) return null;
  return present(row, (await rolesOf(db, id)).map((r) => r.role));
}

export async function listAccounts(
  db: Trx,
  orgIds: number[],
  f: { q?: string; role?: Role; organizationId?: number; status?: 'active' | 'disabled'; locked?: boolean; cursor?: string; limit: number },
) {
  let query = accountsFrom(db).where('u.organization_id', 'in', orgIds);
  if (f.organizationId) query = query.where('u.organization_id', '=', f.organizationId);
  if (f.status) query = query.where('u.status', '=', f.status);
  if (f.locked) query = query.where('lt.locked_until', '>', new Date().toISOString());
  if (f.role) query = query.where('u.id', 'in', db.selectFrom('user_roles').select('user_id').where('role', '=', f.role));
  if (f.q) {
    const like = `%${f.q.replace(/[%_\\]/g, (c) => '\\' + c)}%`;
    query = query.where((eb) => eb.or([eb('u.username', 'like', like), eb('u.display_name', 'like', like)]));
  }
  const total = Number((await query.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  let paged = query.select(accountColumns).orderBy('u.id').limit(f.limit + 1);
  if (f.cursor) paged = paged.where('u.id', '>', Number(f.cursor));
  const rows = await paged.execute();
  const roleRows = rows.length
    ? await db.selectFrom('user_roles').select(['user_id', 'role']).where('user_id', 'in', rows.map((r) => r.id)).execute()
    : [];
  return toPage(rows, f.limit, total, (r) => present(r, roleRows.filter((x) => x.user_id === r.id).map((x) => x.role as Role)));
}

export async function listAudit(
  db: Trx,
  orgIds: number[],
  f: { actorId?: number; action?: string; entityType?: string; entityId?: string; from?: string; to?: string; cursor?: string; limit: number },
) {
  let query = db.selectFrom('audit_log').where((eb) => eb.or([eb('organization_id', 'in', orgIds), eb('organization_id', 'is', null)]));
  if (f.actorId) query = query.where('actor_id', '=', f.actorId);
  if (f.action) query = query.where('action', '=', f.action);
  if (f.entityType) query = query.where('entity_type', '=', f.entityType);
  if (f.entityId) query = query.where('entity_id', '=', f.entityId);
  if (f.from) query = query.where('at', '>=', new Date(f.from).toISOString());
  if (f.to) query = query.where('at', '<', new Date(f.to.length === 10 ? Date.parse(f.to) + 86_400_000 : f.to).toISOString());
  const total = Number((await query.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  let paged = query.selectAll().orderBy('id', 'desc').limit(f.limit + 1);
  // Newest first: the cursor moves towards older entries.
  if (f.cursor) paged = paged.where('id', '<', Number(f.cursor));
  const rows = await paged.execute();
  const subjects = await auditSubjects(db, rows);
  return toPage(rows, f.limit, total, (r) => ({
      id: r.id,
      at: r.at,
      actorId: r.actor_id,
      actorName: r.actor_name,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      subject: subjects.get(`${r.entity_type}:${r.entity_id}`) ?? null,
      organizationId: r.organization_id,
      before: r.before ? JSON.parse(r.before) : null,
      after: r.after ? JSON.parse(r.after) : null,
      ip: r.ip,
  }));
}
