// The duty record's public service: the modules call replaceDuty inside the transaction of the
// command that changed a record, so the member's events follow their acts as they happen; the
// rebuild reads every record again and must give the same events.
import type { Kysely, QueryCreator } from 'kysely';
import type { Trx } from '../../platform/context.js';
import { preparedWhen } from '../../platform/db/connect.js';
import { onPostgres } from '../../platform/db/dialect.js';
import type { Database } from '../../platform/db/types.js';
import type { DutyDeclaration, DutyFact, DutyScope } from '../../platform/duty.js';
import { clock } from '../../platform/time.js';
import { priceInSql, ruledPoints } from './rules.js';
import { recordInOne, type Had } from './recording.js';
import { recordOnSqlite } from './recording-sqlite.js';
import { lockStatements, refreshAll, refreshTotals, scoreIfEmpty, WRITE, type TotalKey } from './totals.js';

const key = (f: { kind: string; sourceId: number; memberId: number }) => `${f.kind}|${f.sourceId}|${f.memberId}`;
const keyOf = (e: Had) => key({ kind: e.kind, sourceId: e.source_id, memberId: e.member_id });
const totalOf = (f: { memberId: number; organizationId: number; year: number }): TotalKey => ({ memberId: f.memberId, organizationId: f.organizationId, year: f.year });
const totalOfEvent = (e: Pick<Had, 'member_id' | 'organization_id' | 'year'>): TotalKey => ({ memberId: e.member_id, organizationId: e.organization_id, year: e.year });

/** The scope's derived events, each with its organization's rule for its kind and year. */
function standing(db: QueryCreator<Database>, decl: DutyDeclaration, scope: DutyScope) {
  let q = db
    .selectFrom('duty_events as e')
    .leftJoin('duty_rules as r', (j) => j.onRef('r.organization_id', '=', 'e.organization_id').onRef('r.year', '=', 'e.year').onRef('r.kind', '=', 'e.kind'))
    .select(['e.id', 'e.kind', 'e.source_id', 'e.member_id', 'e.organization_id', 'e.occurred_at', 'e.year', 'e.points', 'r.points as rule_points'])
    .where('e.source_type', '=', decl.sourceType)
    .where('e.origin', '=', 'derived');
  if (scope.sourceIds) q = q.where('e.source_id', 'in', scope.sourceIds);
  if (scope.memberIds) q = q.where('e.member_id', 'in', scope.memberIds);
  if (scope.year !== undefined) q = q.where('e.year', '=', scope.year);
  return q;
}

/** The insert of new facts, each priced in the statement by its organization's rule or its kind's default; a fact already recorded is left alone. */
function insertFacts(db: QueryCreator<Database>, decl: DutyDeclaration, facts: DutyFact[]) {
  const defaults = new Map(decl.kinds.map((k) => [k.code, k.points]));
  const at = clock.now().toISOString();
  return db
    .insertInto('duty_events')
    .values(facts.map((f) => ({
      member_id: f.memberId, organization_id: f.organizationId, year: f.year, kind: f.kind, source_type: decl.sourceType, source_id: f.sourceId,
      occurred_at: f.occurredAt, points: priceInSql(f.organizationId, f.year, f.kind, defaults.get(f.kind) ?? 0), origin: 'derived' as const, note: null, entered_by: null, created_at: at,
    })))
    .onConflict((oc) => oc.columns(['kind', 'source_type', 'source_id', 'member_id']).doNothing())
    .modifyEnd(preparedWhen(facts.length === 1));
}

/** Up to this many facts, recording moves their totals by the act alone (recording.ts, recording-sqlite.ts). */
const FEW = 8;

/**
 * Records the facts not yet recorded. For an act with a few facts that also moves their totals by
 * the act's own events: in one statement on PostgreSQL (recording.ts), in a few short ones on
 * SQLite (recording-sqlite.ts); `made` then names the totals there were none of to move, for sync
 * to score. For a source with many facts (a meeting's every invitee) only the new ones are written
 * and their totals taken, for sync to score them again from the events.
 */
async function record(trx: Trx, decl: DutyDeclaration, scope: DutyScope, facts: DutyFact[]): Promise<{ had: Had[]; tried: DutyFact[]; made?: TotalKey[] }> {
  const pg = onPostgres(trx);
  if (facts.length && facts.length <= FEW) return { ...(await (pg ? recordInOne : recordOnSqlite)(trx, decl, scope, facts)), tried: facts };
  const had = await standing(trx, decl, scope).execute();
  const known = new Set(had.map(keyOf));
  const tried = facts.filter((f) => !known.has(key(f)));
  for (let i = 0; i < tried.length; i += WRITE) await insertFacts(trx, decl, tried.slice(i, i + WRITE)).execute();
  // SQLite writes one transaction at a time: there is nothing to wait for.
  if (pg) for (const statement of lockStatements(trx, tried.map(totalOf))) await statement.execute();
  return { had, tried };
}

/**
 * Makes the derived events of the scope equal to the facts: adds the new, removes those no longer
 * true (a withdrawn speech), corrects the moved and the re-priced; leaves the unchanged alone, so
 * their first recording time stays.
 *
 * Two commands on one source may run at once (members checking in to one meeting). An event that
 * the derive did not give may be the other's, committed after this derive: it is judged gone only
 * by a derive made after the events were read, and only the events read are removed.
 */
async function sync(trx: Trx, decl: DutyDeclaration, scope: DutyScope) {
  let facts = await decl.derive(trx, scope);
  const { had, tried, made } = await record(trx, decl, scope, facts);
  const derived = new Set(facts.map(key));
  const triedKeys = new Set(tried.map(key));
  let undone = new Set<string>();
  if (had.some((e) => !derived.has(keyOf(e)))) {
    facts = await decl.derive(trx, scope);
    // What the first derive gave and this one does not was undone meanwhile: its event goes too.
    const now = new Set(facts.map(key));
    undone = new Set(tried.filter((f) => !now.has(key(f))).map(key));
    for (const f of tried.filter((f) => !now.has(key(f))))
      await trx.deleteFrom('duty_events').where('kind', '=', f.kind).where('source_type', '=', decl.sourceType).where('source_id', '=', f.sourceId).where('member_id', '=', f.memberId).where('origin', '=', 'derived').execute();
  }
  const defaults = new Map(decl.kinds.map((k) => [k.code, k]));
  const existing = new Map(had.map((e) => [keyOf(e), e]));
  const fresh: DutyFact[] = [];
  // The members' years whose totals a change other than a new event moves (and an undone new one):
  // scored again from their events below.
  const touched: TotalKey[] = [...tried.filter((f) => undone.has(key(f))).map(totalOf)];
  for (const f of facts) {
    const e = existing.get(key(f));
    existing.delete(key(f));
    if (!e) {
      if (!triedKeys.has(key(f))) fresh.push(f);
      continue;
    }
    if (e.occurred_at !== f.occurredAt || e.year !== f.year || Number(e.points) !== ruledPoints(e.rule_points, defaults.get(e.kind))) {
      await trx.updateTable('duty_events').set({ occurred_at: f.occurredAt, year: f.year, points: priceInSql(f.organizationId, f.year, f.kind, defaults.get(f.kind)?.points ?? 0) }).where('id', '=', e.id).execute();
      touched.push(totalOfEvent(e), totalOf(f));
    }
  }
  const gone = [...existing.values()];
  touched.push(...fresh.map(totalOf), ...gone.map(totalOfEvent));
  for (let i = 0; i < gone.length; i += 500) await trx.deleteFrom('duty_events').where('id', 'in', gone.slice(i, i + 500).map((e) => e.id)).execute();
  for (let i = 0; i < fresh.length; i += WRITE) await insertFacts(trx, decl, fresh.slice(i, i + WRITE)).execute();
  if (touched.length && onPostgres(trx)) for (const statement of lockStatements(trx, touched)) await statement.execute();
  // The totals the act's events moved are scored again only where something else changed them too.
  if (made) await refreshTotals(trx, [...made, ...touched], { locked: true });
  else {
    // The tried facts that already stood move no total (a repeated command).
    const stood = new Set(had.map(keyOf));
    await refreshTotals(trx, [...tried.filter((f) => !stood.has(key(f))).map(totalOf), ...touched], { locked: true });
  }
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
