// The duty records' version of each organization (duty_versions), raised in the transaction of each
// change, and the finished answers of the office's list and the members' own pages keyed by it.
// Duty events are written by every module's commands (a proposal filed, a check-in), so no one
// module's event could say when they changed: the version in the database does, read at most once
// a second per organization (DutyVersions). Changes to the members themselves (a name, a sector, a
// retirement) come from the orgs module's event.
import type { FastifyInstance } from 'fastify';
import { AnswerCache } from '../../platform/answer-cache.js';
import type { InsertQueryBuilder, QueryCreator } from 'kysely';
import type { Trx } from '../../platform/context.js';
import { preparedWhen } from '../../platform/db/connect.js';
import type { Database } from '../../platform/db/types.js';
import type { EventBus } from '../../platform/events.js';
import { DATA_CHANGED, onLocalWrite } from '../../platform/writes.js';
import { ORGANIZATION_CHANGED, ORGS_CHANGED } from '../orgs/list-cache.js';

/** The statement that raises these organizations' versions, in one order (two transactions then never wait on each other crosswise). */
function raise(db: QueryCreator<Database>, organizationIds: Iterable<number>) {
  const ids = [...new Set(organizationIds)].sort((a, b) => a - b);
  return db
    .insertInto('duty_versions')
    .values(ids.map((organization_id) => ({ organization_id, version: 1 })))
    .onConflict((oc) => oc.column('organization_id').doUpdateSet((eb) => ({ version: eb(eb.ref('duty_versions.version'), '+', 1) })))
    .modifyEnd(preparedWhen(ids.length === 1));
}

/** Marks these organizations' duty records changed, in the caller's transaction. */
export async function touchDuty(trx: Trx, organizationIds: Iterable<number>): Promise<void> {
  if (new Set(organizationIds).size) await raise(trx, organizationIds).execute();
}

/**
 * PostgreSQL only: runs `change` (a data-modifying statement) and raises the versions in one
 * statement, a round trip less on the path every recorded act takes.
 */
export async function versionsRaised(trx: Trx, organizationIds: Iterable<number>, change: (db: QueryCreator<Database>) => InsertQueryBuilder<Database, 'duty_totals', { member_id: number }>): Promise<void> {
  await raise(trx.with('changed', change) as unknown as QueryCreator<Database>, organizationIds).execute();
}

/** The version of an organization's duty records (0 before the first change). */
async function readVersion(db: Trx, organizationId: number): Promise<number> {
  const row = await db.selectFrom('duty_versions').select('version').where('organization_id', '=', organizationId).executeTakeFirst();
  return row?.version ?? 0;
}

/** The organization a member belongs to, with its version (null: no such member). */
async function readMemberVersion(db: Trx, memberId: number): Promise<{ organizationId: number; version: number } | null> {
  const row = await db
    .selectFrom('members as m')
    .leftJoin('duty_versions as v', 'v.organization_id', 'm.organization_id')
    .select(['m.organization_id', 'v.version'])
    .where('m.id', '=', memberId)
    .executeTakeFirst();
  return row ? { organizationId: row.organization_id, version: row.version ?? 0 } : null;
}

/**
 * The versions as this process last read them, each for at most HOLD_MS: a read of a kept answer
 * then costs no database round trip, which would be most of its cost. Forgotten at once after any
 * write this process answers (before the writer can ask again) and when another process announces
 * a write (data.changed) or an organization or member change; HOLD_MS bounds how long a change
 * made without any announcement (a command line rebuild, a process whose event was lost) goes
 * unseen.
 */
export class DutyVersions {
  static readonly HOLD_MS = 1000;
  private held = new Map<string, { value: { organizationId: number; version: number } | null; at: number }>();
  /** Raised by forget(): a read that began before it is not kept. */
  private generation = 0;

  constructor(private readonly enabled: boolean) {}

  private async hold<T extends { organizationId: number; version: number } | null>(key: string, read: () => Promise<T>): Promise<T> {
    const hit = this.enabled ? this.held.get(key) : undefined;
    if (hit && Date.now() - hit.at < DutyVersions.HOLD_MS) return hit.value as T;
    const generation = this.generation;
    const value = await read();
    if (this.enabled && generation === this.generation) {
      // Bounded: a process serving many organizations and members keeps the latest only.
      if (this.held.size > 100_000) this.held.clear();
      this.held.set(key, { value, at: Date.now() });
    }
    return value;
  }

  /** The version of an organization's duty records (0 before the first change). */
  async of(db: Trx, organizationId: number): Promise<number> {
    return (await this.hold(`o${organizationId}`, async () => ({ organizationId, version: await readVersion(db, organizationId) }))).version;
  }

  /** The organization a member belongs to, with its version (null: no such member). */
  ofMember(db: Trx, memberId: number): Promise<{ organizationId: number; version: number } | null> {
    return this.hold(`m${memberId}`, () => readMemberVersion(db, memberId));
  }

  forget(): void {
    this.generation++;
    this.held.clear();
  }
}

/** The kept answers of the duty pages and the versions they are kept under, for one server process. */
export function dutyAnswers(app: FastifyInstance, bus: EventBus, enabled: boolean) {
  const answers = new AnswerCache(bus, { enabled, topic: 'duty.changed', alsoOn: [ORGS_CHANGED, ORGANIZATION_CHANGED] });
  const versions = new DutyVersions(enabled);
  const forget = () => versions.forget();
  onLocalWrite(app, forget);
  for (const topic of [DATA_CHANGED, ORGS_CHANGED, ORGANIZATION_CHANGED]) bus.subscribe(topic, forget);
  bus.onReconnected(forget);
  return { answers, versions };
}
