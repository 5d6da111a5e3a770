// The audit log: every login, failure, lockout and every change of any record, with who, when,
// what, before and after. Written inside the same transaction as the change it records.
import type { Ctx, Trx } from './context.js';
import { insertRow } from './db/insert.js';
import { clock } from './time.js';
import type { AuditAction, AuditEntityType } from './audit-codes.js';

export type { AuditAction, AuditEntityType } from './audit-codes.js';

export interface AuditEntry {
  action: AuditAction;
  entityType: AuditEntityType;
  entityId?: string | number | null;
  organizationId?: number | null;
  before?: unknown;
  after?: unknown;
  /** For events without a signed-in actor (a failed login names the username tried). */
  actorName?: string;
  actorId?: number | null;
}

export async function audit(trx: Trx, ctx: Pick<Ctx, 'actor' | 'ip'>, entry: AuditEntry): Promise<void> {
  await insertRow(trx, 'audit_log', auditRow(ctx, entry));
}

/** The audit log's row for an entry, for the statements that write it along with their change. */
export function auditRow(ctx: Pick<Ctx, 'actor' | 'ip'>, entry: AuditEntry) {
  return {
      at: clock.now().toISOString(),
      actor_id: entry.actorId !== undefined ? entry.actorId : (ctx.actor?.userId ?? null),
      actor_name: entry.actorName ?? ctx.actor?.displayName ?? null,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId == null ? null : String(entry.entityId),
      organization_id: entry.organizationId ?? null,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
      ip: ctx.ip,
  };
}

/** Only the fields that changed, so that an entry reads as a diff. */
export function changes<T extends Record<string, unknown>>(before: T, after: T): { before: Partial<T>; after: Partial<T> } {
  const b: Partial<T> = {};
  const a: Partial<T> = {};
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      b[key] = before[key];
      a[key] = after[key];
    }
  }
  return { before: b, after: a };
}
