// The duty record's public service: the modules call replaceDuty inside the transaction of the
// command that changed a record, so the member's events follow their acts as they happen; the
// rebuild reads every record again and must give the same events.
import type { Kysely } from 'kysely';
import type { Trx } from '../../platform/context.js';
import type { Database } from '../../platform/db/types.js';
import type { DutyDeclaration, DutyFact, DutyScope } from '../../platform/duty.js';
import { clock } from '../../platform/time.js';
import { capsOf, loadRules, pointsOf, type Rules } from './rules.js';
import { refreshAll, refreshTotals, scoreIfEmpty, type TotalKey } from './totals.js';

const key = (f: { kind: string; sourceId: number; memberId: number }) => `${f.kind}|${f.sourceId}|${f.memberId}`;

/** Rules for each organization and year a batch of facts touches, loaded once each. */
async function rulesFor(trx: Trx, decl: DutyDeclaration, facts: DutyFact[]) {
  const cache = new Map<string, Rules>();
  for (const f of facts) {
    const k = `${f.organizationId}|${f.year}`;
    if (!cache.has(k)) cache.set(k, await loadRules(trx, decl.kinds, f.organizationId, f.year));
  }
  return { points: (f: DutyFact) => pointsOf(cache.get(`${f.organizationId}|${f.year}`)!, f.kind), rules: cache };
}

/**
 * Makes the derived events of the scope equal to the facts: adds the new, removes those no longer
 * true (a withdrawn speech), corrects the moved; leaves the unchanged alone, so their first
 * recording time stays.
 *
 * Two commands on one source may run at once (members checking in to one meeting). The events are
 * read before the facts, so a fact committed by the other in between is at most inserted again,
 * which the unique key turns into nothing; reading them after could remove the other's event.
 */
async function sync(trx: Trx, decl: DutyDeclaration, scope: DutyScope) {
  let q = trx.selectFrom('duty_events').select(['id', 'kind', 'source_id', 'member_id', 'organization_id', 'occurred_at', 'year', 'points']).where('source_type', '=', decl.sourceType).where('origin', '=', 'derived');
  if (scope.sourceIds) q = q.where('source_id', 'in', scope.sourceIds);
  if (scope.memberIds) q = q.where('member_id', 'in', scope.memberIds);
  if (scope.year !== undefined) q = q.where('year', '=', scope.year);
  const existing = new Map((await q.execute()).map((e) => [key({ kind: e.kind, sourceId: e.source_id, memberId: e.member_id }), e]));
  const facts = await decl.derive(trx, scope);
  const { points, rules } = await rulesFor(trx, decl, facts);
  const at = clock.now().toISOString();
  const fresh = [];
  // The members' years whose totals a change moves; an unchanged act moves none.
  const touched: TotalKey[] = [];
  for (const f of facts) {
    const had = existing.get(key(f));
    existing.delete(key(f));
    if (!had) fresh.push(f);
    else if (had.occurred_at !== f.occurredAt || had.year !== f.year || Number(had.points) !== points(f)) {
      await trx.updateTable('duty_events').set({ occurred_at: f.occurredAt, year: f.year, points: points(f) }).where('id', '=', had.id).execute();
      touched.push({ memberId: had.member_id, organizationId: had.organization_id, year: had.year }, f);
    }
  }
  touched.push(...fresh, ...[...existing.values()].map((e) => ({ memberId: e.member_id, organizationId: e.organization_id, year: e.year })));
  const gone = [...existing.values()].map((e) => e.id);
  for (let i = 0; i < gone.length; i += 500) await trx.deleteFrom('duty_events').where('id', 'in', gone.slice(i, i + 500)).execute();
  for (let i = 0; i < fresh.length; i += 200)
    await trx
      .insertInto('duty_events')
      .values(fresh.slice(i, i + 200).map((f) => ({
        member_id: f.memberId, organization_id: f.organizationId, year: f.year, kind: f.kind, source_type: decl.sourceType, source_id: f.sourceId,
        occurred_at: f.occurredAt, points: points(f), origin: 'derived' as const, note: null, entered_by: null, created_at: at,
      })))
      .onConflict((oc) => oc.columns(['kind', 'source_type', 'source_id', 'member_id']).doNothing())
      .execute();
  // The caps are in the rules just read: the totals need not read them again.
  await refreshTotals(trx, touched, capsOf(rules));
  return facts.length;
}

/** Called by a module's command, in its transaction, after it changed these source records. */
export async function replaceDuty(trx: Trx, decl: DutyDeclaration, sourceIds: number[]): Promise<void> {
  const ids = [...new Set(sourceIds)];
  if (ids.length) await sync(trx, decl, { sourceIds: ids });
}

/** Derives every module's events again from the records (all years, or one); returns how many there are. */
export async function rebuildDuty(db: Kysely<Database>, decls: DutyDeclaration[], year?: number): Promise<number> {
  let n = 0;
  // One transaction per module: a module's records are read and its events written as one state.
  for (const decl of decls) n += await db.transaction().execute((trx) => sync(trx, decl, year === undefined ? {} : { year }));
  // A rebuild is the repair path: every total of its years is scored again, whatever it held.
  await db.transaction().execute((trx) => refreshAll(trx, year));
  return n;
}

/** The rebuild a new install or an upgrade needs: only when no event was ever recorded. */
export async function rebuildIfEmpty(db: Kysely<Database>, decls: DutyDeclaration[]): Promise<number | null> {
  const any = await db.selectFrom('duty_events').select('id').limit(1).executeTakeFirst();
  return any ? null : rebuildDuty(db, decls);
}

/** The members' totals of events recorded before totals were kept (an upgrade), once; true when it scored them. */
export const totalsIfEmpty = (db: Kysely<Database>): Promise<boolean> => db.transaction().execute((trx) => scoreIfEmpty(trx));
