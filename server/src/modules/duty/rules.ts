// How a member's duty is scored: the points of each kind (an organization's rule for the year, or
// the kind's default) and the cap of each kind. Everything that shows points asks here.
import { sql } from 'kysely';
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
export const priceInSql = (organizationId: number, year: number, kind: string, fallback: number) =>
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

/**
 * Scores a member's year from its stored events, summed by kind: each event carries the points of
 * its kind's rule (set when it is recorded, re-priced when the rule changes), so with the year's
 * caps this gives what `score` gives from the rules themselves.
 */
export function scoreStored(kinds: { kind: string; count: number; sum: number }[], caps: Map<string, number>) {
  const rules: Rules = new Map(kinds.map((k) => [k.kind, { points: k.count ? k.sum / k.count : 0, cap: caps.get(k.kind) ?? null }]));
  return scoreCounts(Object.fromEntries(kinds.map((k) => [k.kind, k.count])), rules);
}

// Points may be halves (0.5 for a co-signature); sums of them stay exact at one decimal.
const round = (n: number) => Math.round(n * 10) / 10;
