// How a member's duty is scored: the points of each kind (an organization's rule for the year, or
// the kind's default) and the cap of each kind. Everything that shows points asks here.
import { sql, type RawBuilder } from 'kysely';
import type { Trx } from '../../platform/context.js';
import type { DutyKind } from '../../platform/duty.js';

export interface Rule {
  points: number;
  cap: number | null;
}
/** kind → rule, for one organization and year. */
export type Rules = Map<string, Rule>;

export interface KindScore {
  kind: string;
  count: number;
  points: number;
}

/** The rules of an organization's year: the kinds' defaults, overridden by what its admins set. */
export async function loadRules(db: Trx, kinds: DutyKind[], organizationId: number, year: number): Promise<Rules> {
  const rows = await db.selectFrom('duty_rules').select(['kind', 'points', 'cap']).where('organization_id', '=', organizationId).where('year', '=', year).execute();
  const rules: Rules = new Map(kinds.map((k) => [k.code, { points: k.points, cap: null }]));
  for (const r of rows) rules.set(r.kind, { points: Number(r.points), cap: r.cap === null ? null : Number(r.cap) });
  return rules;
}

/** The points one event of a kind is worth. */
export const pointsOf = (rules: Rules, kind: string): number => rules.get(kind)?.points ?? 0;

/** What pointsOf gives, from an organization's rule read beside the event (null: none) and the kind's declaration. */
export const ruledPoints = (rulePoints: number | null, kind: DutyKind | undefined): number => (rulePoints === null ? (kind?.points ?? 0) : Number(rulePoints));

/** What pointsOf gives, in SQL: priced inside the statement that records or moves the event. */
export const priceInSql = (organizationId: number | RawBuilder<unknown>, year: number | RawBuilder<unknown>, kind: string | RawBuilder<unknown>, fallback: number | RawBuilder<unknown>) =>
  sql<number>`coalesce((select dr.points from duty_rules dr where dr.organization_id = ${organizationId} and dr.year = ${year} and dr.kind = ${kind}), ${fallback})`;

/** Scores counts of events by kind: each kind's points, held to its cap, and the total. */
export function scoreCounts(counts: Record<string, number>, rules: Rules): { kinds: KindScore[]; total: number } {
  const kinds = Object.entries(counts).map(([kind, count]) => {
    const rule = rules.get(kind);
    const raw = count * (rule?.points ?? 0);
    return { kind, count, points: round(rule?.cap == null ? raw : Math.min(raw, rule.cap)) };
  });
  return { kinds, total: round(kinds.reduce((sum, k) => sum + k.points, 0)) };
}

/** Scores a member's events of a year under the rules of that year. */
export function score(events: { kind: string }[], rules: Rules) {
  const counts: Record<string, number> = {};
  for (const e of events) counts[e.kind] = (counts[e.kind] ?? 0) + 1;
  return scoreCounts(counts, rules);
}

/** A kind of a member's kept total (duty_totals.kinds): its score, and the raw sum of its events' points that an act adds to. */
export interface KeptKind extends KindScore {
  sum: number;
}

/**
 * Scores a member's year from its stored events, summed by kind: each event carries the points of
 * its kind's rule (set when it is recorded, re-priced when the rule changes), so with the year's
 * caps this gives what `score` gives from the rules themselves.
 */
export function scoreStored(kinds: { kind: string; count: number; sum: number }[], caps: Map<string, number>): { kinds: KeptKind[]; total: number } {
  const sums = new Map(kinds.map((k) => [k.kind, k.sum]));
  const rules: Rules = new Map(kinds.map((k) => [k.kind, { points: k.count ? k.sum / k.count : 0, cap: caps.get(k.kind) ?? null }]));
  const scored = scoreCounts(Object.fromEntries(kinds.map((k) => [k.kind, k.count])), rules);
  // A sum of float points, kept to a millionth so that adding to it never drifts from summing again.
  return { total: scored.total, kinds: scored.kinds.map((k) => ({ ...k, sum: Math.round((sums.get(k.kind) ?? 0) * 1e6) / 1e6 })) };
}

// Points may be halves (0.5 for a co-signature); sums of them stay exact at one decimal.
const round = (n: number) => Math.round(n * 10) / 10;

/** `round`, in SQL (numeric): to one decimal, halves up as Math.round rounds them. */
export const roundInSql = (n: RawBuilder<unknown>) => sql<number>`floor((${n}) * 10 + 0.5) / 10`;

/** A kind's points from the raw sum of its events and its cap (null: none), as scoreCounts gives them, in SQL. */
export const cappedInSql = (sum: RawBuilder<unknown>, cap: RawBuilder<unknown>) => roundInSql(sql`case when ${cap} is null then ${sum} else least(${sum}, ${cap}) end`);
