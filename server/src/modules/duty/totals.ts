// Each member's points of a year (duty_totals), kept so that the office's list sorted by points is
// one indexed read rather than a scoring of every member's events on each request. Refreshed in the
// transaction that changes the events (a recorded act, an entry, a rule change, a rebuild), so a
// committed event and its total never disagree; scored by rules.ts like everything else.
import type { Trx } from '../../platform/context.js';
import { clock } from '../../platform/time.js';
import { loadCaps, scoreStored } from './rules.js';
import { touchDuty } from './versions.js';

export interface TotalKey {
  memberId: number;
  organizationId: number;
  year: number;
}

// Bounds the members of one grouped read and of one multi-row write (PostgreSQL's and SQLite's
// parameter limits are far above 6 × 200).
const MEMBERS = 500;
const WRITE = 200;

/**
 * Scores these members' years again from their events; a member left without events keeps a zero
 * row. `known` holds caps the caller has already read, by `organizationId|year`.
 */
export async function refreshTotals(trx: Trx, keys: TotalKey[], known?: Map<string, Map<string, number>>): Promise<void> {
  const groups = new Map<string, { organizationId: number; year: number; members: Set<number> }>();
  for (const k of keys) {
    const g = groups.get(`${k.organizationId}|${k.year}`) ?? { organizationId: k.organizationId, year: k.year, members: new Set<number>() };
    g.members.add(k.memberId);
    groups.set(`${k.organizationId}|${k.year}`, g);
  }
  for (const [key, g] of groups) {
    const ids = [...g.members];
    for (let i = 0; i < ids.length; i += MEMBERS) await refreshGroup(trx, g.organizationId, g.year, ids.slice(i, i + MEMBERS), known?.get(key));
  }
  // Last: the version's row is each organization's one hot row, locked from here to the commit.
  await touchDuty(trx, [...groups.values()].map((g) => g.organizationId));
}

/** Scores every member of an organization's year again (after its rules changed). */
export async function refreshYear(trx: Trx, organizationId: number, year: number): Promise<void> {
  await trx.deleteFrom('duty_totals').where('organization_id', '=', organizationId).where('year', '=', year).execute();
  await touchDuty(trx, [organizationId]);
  await refreshGroup(trx, organizationId, year, null);
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
  for (const g of groups) await refreshGroup(trx, g.organization_id, g.year, null);
}

/** Once, for events recorded before the totals existed (an upgrade): only when no total is kept yet. */
export async function scoreIfEmpty(trx: Trx): Promise<boolean> {
  if (await trx.selectFrom('duty_totals').select('member_id').limit(1).executeTakeFirst()) return false;
  if (!(await trx.selectFrom('duty_events').select('id').limit(1).executeTakeFirst())) return false;
  await refreshAll(trx);
  return true;
}

/** One grouped read of the members' events (all of the year's when `memberIds` is null), one write per 200 members. */
async function refreshGroup(trx: Trx, organizationId: number, year: number, memberIds: number[] | null, knownCaps?: Map<string, number>) {
  if (memberIds) await lockTotals(trx, organizationId, year, memberIds);
  let q = trx
    .selectFrom('duty_events')
    .select((eb) => ['member_id', 'kind', eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('points').as('sum')])
    .where('organization_id', '=', organizationId)
    .where('year', '=', year);
  if (memberIds) q = q.where('member_id', 'in', memberIds);
  const rows = await q.groupBy(['member_id', 'kind']).execute();
  const byMember = new Map<number, { kind: string; count: number; sum: number }[]>((memberIds ?? []).map((id) => [id, []]));
  for (const r of rows) {
    const list = byMember.get(r.member_id) ?? [];
    list.push({ kind: r.kind, count: Number(r.n), sum: Number(r.sum) });
    byMember.set(r.member_id, list);
  }
  if (!byMember.size) return;
  const caps = knownCaps ?? (await loadCaps(trx, organizationId, year));
  const at = clock.now().toISOString();
  const values = [...byMember].map(([member_id, kinds]) => {
    const scored = scoreStored(kinds, caps);
    return { member_id, organization_id: organizationId, year, total: scored.total, kinds: JSON.stringify(scored.kinds), updated_at: at };
  });
  for (let i = 0; i < values.length; i += WRITE)
    await trx
      .insertInto('duty_totals')
      .values(values.slice(i, i + WRITE))
      .onConflict((oc) => oc.columns(['member_id', 'organization_id', 'year']).doUpdateSet((eb) => ({ total: eb.ref('excluded.total'), kinds: eb.ref('excluded.kinds'), updated_at: eb.ref('excluded.updated_at') })))
      .execute();
}

/**
 * Takes these members' total rows (made, at zero, where missing) until the commit. On PostgreSQL two
 * commands recording acts of one member would otherwise each read the events without the other's
 * uncommitted one, and the later write would drop the earlier act from the total; waiting here, the
 * later command's grouped read starts after the earlier commit and sees both. In member order, so
 * that two transactions never wait on each other crosswise.
 */
async function lockTotals(trx: Trx, organizationId: number, year: number, memberIds: number[]) {
  const at = clock.now().toISOString();
  const rows = [...memberIds].sort((a, b) => a - b).map((member_id) => ({ member_id, organization_id: organizationId, year, total: 0, kinds: '[]', updated_at: at }));
  for (let i = 0; i < rows.length; i += WRITE)
    await trx
      .insertInto('duty_totals')
      .values(rows.slice(i, i + WRITE))
      .onConflict((oc) => oc.columns(['member_id', 'organization_id', 'year']).doUpdateSet((eb) => ({ updated_at: eb.ref('duty_totals.updated_at') })))
      .execute();
}
