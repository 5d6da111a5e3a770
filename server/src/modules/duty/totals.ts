// Each member's points of a year (duty_totals), kept so that the office's list sorted by points is
// one indexed read rather than a scoring of every member's events on each request. Refreshed in the
// transaction that changes the events (a recorded act, an entry, a rule change, a rebuild), so a
// committed event and its total never disagree; scored by rules.ts like everything else.
import type { InsertQueryBuilder, InsertResult, QueryCreator } from 'kysely';
import type { Trx } from '../../platform/context.js';
import { preparedWhen } from '../../platform/db/connect.js';
import { onPostgres } from '../../platform/db/dialect.js';
import type { Database } from '../../platform/db/types.js';
import { clock } from '../../platform/time.js';
import { scoreStored, type KeptKind, type KindScore } from './rules.js';
import { touchDuty, versionsRaised } from './versions.js';

export interface TotalKey {
  memberId: number;
  organizationId: number;
  year: number;
}

// Bounds the members of one grouped read and of one multi-row write (PostgreSQL's and SQLite's
// parameter limits are far above 6 × 200).
const MEMBERS = 500;
export const WRITE = 200;

/**
 * A total's kinds as kept (duty_totals.kinds): an object keyed by kind, so that an act on
 * PostgreSQL replaces its kind's entry in place (recording.ts) rather than rebuilding the list.
 */
export const keptKinds = (kinds: KeptKind[]) => JSON.stringify(Object.fromEntries(kinds.map((k) => [k.kind, { count: k.count, points: k.points, sum: k.sum }])));

type Kept = Record<string, Omit<KeptKind, 'kind'>>;

/** The kinds of a kept total as read: JSON text (SQLite) or already parsed (PostgreSQL's jsonb). */
export const keptOf = (kinds: string | Kept): Kept => (typeof kinds === 'string' ? (JSON.parse(kinds) as Kept) : kinds);

/** The kinds of a kept total, as rules.ts scores them. */
export const kindsOfKept = (kinds: string | Kept): KindScore[] => Object.entries(keptOf(kinds)).map(([kind, k]) => ({ kind, count: k.count, points: k.points }));

const byKey = (keys: TotalKey[]) => [...new Map(keys.map((k) => [`${k.organizationId}|${k.year}|${k.memberId}`, k])).values()];

/**
 * Scores these members' years again from their events; a member left without events keeps a zero
 * row. `locked`: the caller already took their rows (lockStatement), in the statement that changed
 * their events.
 */
export async function refreshTotals(trx: Trx, keys: TotalKey[], opts: { locked?: boolean } = {}): Promise<void> {
  if (!keys.length) return;
  if (!opts.locked) for (const statement of lockStatements(trx, keys)) await statement.execute();
  const groups = new Map<string, { organizationId: number; year: number; members: Set<number> }>();
  for (const k of keys) {
    const g = groups.get(`${k.organizationId}|${k.year}`) ?? { organizationId: k.organizationId, year: k.year, members: new Set<number>() };
    g.members.add(k.memberId);
    groups.set(`${k.organizationId}|${k.year}`, g);
  }
  const organizations = [...new Set(keys.map((k) => k.organizationId))];
  const chunks = [...groups.values()].flatMap((g) => {
    const ids = [...g.members];
    return Array.from({ length: Math.ceil(ids.length / MEMBERS) }, (_, i) => ({ ...g, ids: ids.slice(i * MEMBERS, (i + 1) * MEMBERS) }));
  });
  // Last: the versions' rows are each organization's one hot row, locked from here to the commit.
  // On PostgreSQL they are raised by the statement that writes the last totals.
  const folded = onPostgres(trx);
  for (const [i, c] of chunks.entries()) await refreshGroup(trx, c.organizationId, c.year, c.ids, folded && i === chunks.length - 1 ? organizations : null);
  if (!folded) await touchDuty(trx, organizations);
}

/** Scores every member of an organization's year again (after its rules changed). */
export async function refreshYear(trx: Trx, organizationId: number, year: number): Promise<void> {
  await trx.deleteFrom('duty_totals').where('organization_id', '=', organizationId).where('year', '=', year).execute();
  await touchDuty(trx, [organizationId]);
  await refreshGroup(trx, organizationId, year, null, null);
}

/** Scores every organization's years (or one year) again: after a rebuild, or once for data that predates the totals. */
export async function refreshAll(trx: Trx, year?: number): Promise<void> {
  let q = trx.selectFrom('duty_events').select(['organization_id', 'year']).distinct();
  if (year !== undefined) q = q.where('year', '=', year);
  let stale = trx.deleteFrom('duty_totals');
  if (year !== undefined) stale = stale.where('year', '=', year);
  const groups = await q.execute();
  await stale.execute();
  await touchDuty(trx, groups.map((g) => g.organization_id));
  for (const g of groups) await refreshGroup(trx, g.organization_id, g.year, null, null);
}

/** Once, for events recorded before the totals existed (an upgrade): only when no total is kept yet. */
export async function scoreIfEmpty(trx: Trx): Promise<boolean> {
  if (await trx.selectFrom('duty_totals').select('member_id').limit(1).executeTakeFirst()) return false;
  if (!(await trx.selectFrom('duty_events').select('id').limit(1).executeTakeFirst())) return false;
  await refreshAll(trx);
  return true;
}

/**
 * The statements that take these members' total rows (made, at zero, where missing) until the
 * commit, 200 rows each; a caller may run one inside its own statement. On PostgreSQL two commands
 * recording acts of one member would otherwise each read the events without the other's
 * uncommitted one, and the later write would drop the earlier act from the total; waiting here, the
 * later command's grouped read starts after the earlier commit and sees both. In member order, so
 * that two transactions never wait on each other crosswise.
 */
export function lockStatements(trx: Trx, keys: TotalKey[]): InsertQueryBuilder<Database, 'duty_totals', InsertResult>[] {
  const at = clock.now().toISOString();
  const rows = byKey(keys)
    .sort((a, b) => a.organizationId - b.organizationId || a.year - b.year || a.memberId - b.memberId)
    .map((k) => ({ member_id: k.memberId, organization_id: k.organizationId, year: k.year, total: 0, kinds: '{}', updated_at: at }));
  return Array.from({ length: Math.ceil(rows.length / WRITE) }, (_, i) =>
    trx
      .insertInto('duty_totals')
      .values(rows.slice(i * WRITE, (i + 1) * WRITE))
      .onConflict((oc) => oc.columns(['member_id', 'organization_id', 'year']).doUpdateSet((eb) => ({ updated_at: eb.ref('duty_totals.updated_at') })))
      .modifyEnd(preparedWhen(rows.length === 1)),
  );
}

/**
 * One grouped read of the members' events with their kinds' caps (all of the year's members when
 * `memberIds` is null), one write per 200 members; the last write also raises `raise`'s versions
 * (given only with `memberIds`, so there is always a row to write).
 */
async function refreshGroup(trx: Trx, organizationId: number, year: number, memberIds: number[] | null, raise: number[] | null) {
  let q = trx
    .selectFrom('duty_events as e')
    .leftJoin('duty_rules as r', (j) => j.onRef('r.organization_id', '=', 'e.organization_id').onRef('r.year', '=', 'e.year').onRef('r.kind', '=', 'e.kind'))
    .select((eb) => ['e.member_id', 'e.kind', eb.fn.countAll<number>().as('n'), eb.fn.sum<number>(eb.cast('e.points', 'numeric')).as('sum'), eb.fn.max('r.cap').as('cap')])
    .where('e.organization_id', '=', organizationId)
    .where('e.year', '=', year);
  if (memberIds) q = q.where('e.member_id', 'in', memberIds);
  const rows = await q.groupBy(['e.member_id', 'e.kind']).modifyEnd(preparedWhen(memberIds?.length === 1)).execute();
  const byMember = new Map<number, { kind: string; count: number; sum: number }[]>((memberIds ?? []).map((id) => [id, []]));
  const caps = new Map<string, number>();
  for (const r of rows) {
    const list = byMember.get(r.member_id) ?? [];
    list.push({ kind: r.kind, count: Number(r.n), sum: Number(r.sum) });
    byMember.set(r.member_id, list);
    if (r.cap !== null) caps.set(r.kind, Number(r.cap));
  }
  const at = clock.now().toISOString();
  const values = [...byMember].map(([member_id, kinds]) => {
    const scored = scoreStored(kinds, caps);
    return { member_id, organization_id: organizationId, year, total: scored.total, kinds: keptKinds(scored.kinds), updated_at: at };
  });
  for (let i = 0; i < values.length; i += WRITE) {
    const write = (db: QueryCreator<Database>) =>
      db
        .insertInto('duty_totals')
        .values(values.slice(i, i + WRITE))
        .onConflict((oc) => oc.columns(['member_id', 'organization_id', 'year']).doUpdateSet((eb) => ({ total: eb.ref('excluded.total'), kinds: eb.ref('excluded.kinds'), updated_at: eb.ref('excluded.updated_at') })))
        .modifyEnd(preparedWhen(values.length === 1));
    if (raise && i + WRITE >= values.length) await versionsRaised(trx, raise, (db) => write(db).returning('member_id'));
    else await write(trx).execute();
  }
}
