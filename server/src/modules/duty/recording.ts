// Recording an act on PostgreSQL, in one statement: the act's new events, priced by their
// organization's rule; their members' totals moved by those events alone (each kind's count and
// raw sum grow, the kind is held to its cap again, the total is the sum of its kinds) and locked
// to the commit; their organizations' versions raised; and the source's events as they stood
// before, for the caller's comparison. A round trip is most of what an act costs: this is one.
//
// Written as SQL, its text made once for each shape of act (how many facts, which scope), for its
// cost: building and compiling it each time took longer than running it. A second command
// recording an act of the same member waits on the total's row and then moves the row as the first
// left it (ON CONFLICT DO UPDATE reads the latest committed row).
import { CompiledQuery, sql, type RawBuilder } from 'kysely';
import type { Trx } from '../../platform/context.js';
import { preparedWhen } from '../../platform/db/connect.js';
import type { DutyDeclaration, DutyFact, DutyScope } from '../../platform/duty.js';
import { clock } from '../../platform/time.js';
import { cappedInSql, priceInSql, roundInSql } from './rules.js';
import type { TotalKey } from './totals.js';

/** A derived event as it stands, with the points its organization's rule gives it today (null: the kind's default). */
export type Had = { id: number; kind: string; source_id: number; member_id: number; organization_id: number; occurred_at: string; year: number; points: number; rule_points: number | null };

/** A placeholder of a value bound apart. */
type Slot = RawBuilder<unknown>;

/** One new event's row, priced by its organization's rule (`price`); shared with recording-sqlite.ts. */
export const eventRow = (v: { member: Slot; organization: Slot; year: Slot; kind: Slot; sourceType: Slot; source: Slot; occurred: Slot; price: Slot; at: Slot }) =>
  sql`(${v.member}, ${v.organization}, ${v.year}, ${v.kind}, ${v.sourceType}, ${v.source}, ${v.occurred}, ${v.price}, 'derived', null, null, ${v.at})`;

/** The scope's derived events with their organization's rule for their kind (Had); `slot` gives the placeholder of each listed value, in order. */
export function standingSql(sourceType: Slot, scope: { sources: number; members: number; year: boolean }, slot: () => Slot) {
  const where = [sql`e.source_type = ${sourceType}`, sql`e.origin = 'derived'`];
  if (scope.sources) where.push(sql`e.source_id in (${sql.join(Array.from({ length: scope.sources }, slot))})`);
  if (scope.members) where.push(sql`e.member_id in (${sql.join(Array.from({ length: scope.members }, slot))})`);
  if (scope.year) where.push(sql`e.year = ${slot()}`);
  return sql`select e.id, e.kind, e.source_id, e.member_id, e.organization_id, e.occurred_at, e.year, e.points, r.points as rule_points
    from duty_events e left join duty_rules r on r.organization_id = e.organization_id and r.year = e.year and r.kind = e.kind
    where ${sql.join(where, sql` and `)}`;
}

const texts = new Map<string, string>();

/**
 * A statement's text for a shape of act, made once (here and in recording-sqlite.ts): building and
 * compiling it cost more than sending it. Every value in it is a placeholder, bound apart.
 */
export function madeOnce(trx: Trx, shape: string, make: () => RawBuilder<unknown>): string {
  let text = texts.get(shape);
  if (text) return text;
  const compiled = make().compile(trx);
  if (compiled.parameters.length) throw new Error('duty recording: a value in the statement text');
  // Bounded: a process keeps the shapes of its latest acts only.
  if (texts.size >= 200) texts.clear();
  texts.set(shape, (text = compiled.sql));
  return text;
}

/**
 * The statement, with its values as numbered parameters: $1 the source type, $2 the moment, then
 * seven for each fact (member, organization, year, kind, source, occurred at, the kind's default
 * points), then the scope's source ids, member ids and year.
 */
function statement(trx: Trx, facts: number, scope: { sources: number; members: number; year: boolean }, prepared: boolean): string {
  return madeOnce(trx, `pg|${facts}|${scope.sources}|${scope.members}|${scope.year}|${prepared}`, () => {
    let n = 2;
    const p = (): Slot => sql.raw(`$${++n}`);
    const rows = Array.from({ length: facts }, () => {
      const [member, organization, year, kind, source, occurred, fallback] = [p(), p(), p(), p(), p(), p(), p()];
      return eventRow({ member: sql`${member}::int`, organization: sql`${organization}::int`, year: sql`${year}::int`, kind, sourceType: sql.raw('$1'), source: sql`${source}::int`, occurred, price: priceInSql(organization, year, kind, fallback), at: sql.raw('$2') });
    });
    return sql`
    with fresh as (
      insert into duty_events (member_id, organization_id, year, kind, source_type, source_id, occurred_at, points, origin, note, entered_by, created_at)
      values ${sql.join(rows)}
      on conflict (kind, source_type, source_id, member_id) do nothing
      returning member_id, organization_id, year, kind, points
    ), added as (
      select member_id, organization_id, year, kind, count(*)::int as n, sum(points::numeric) as s from fresh group by 1, 2, 3, 4
    ), moved as (
      insert into duty_totals as t (member_id, organization_id, year, total, kinds, updated_at)
      select member_id, organization_id, year, 0, '{}'::jsonb, $2 from added group by 1, 2, 3 order by 2, 3, 1
      on conflict (member_id, organization_id, year) do update set (kinds, total) = (
        select m.kinds, ${roundInSql(sql`(select coalesce(sum((v.value->>'points')::numeric), 0) from jsonb_each(m.kinds) v)`)}
        from (
          select t.kinds || jsonb_object_agg(k.kind, jsonb_build_object('count', k.n, 'points', ${cappedInSql(sql`k.s`, sql`r.cap`)}, 'sum', k.s)) as kinds
          from (
            select a.kind, coalesce((o.v->>'count')::int, 0) + a.n as n, round(coalesce((o.v->>'sum')::numeric, 0) + a.s, 6) as s
            from added a cross join lateral (select t.kinds -> a.kind as v) o
            where a.member_id = t.member_id and a.organization_id = t.organization_id and a.year = t.year
          ) k
          left join duty_rules r on r.organization_id = t.organization_id and r.year = t.year and r.kind = k.kind
        ) m
      ), updated_at = excluded.updated_at
      returning member_id, organization_id, year, xmax = 0 as made
    ), raised as (
      insert into duty_versions (organization_id, version) select distinct organization_id, 1 from moved order by 1
      on conflict (organization_id) do update set version = duty_versions.version + 1
      returning organization_id
    )
    select
      (select coalesce(json_agg(h), '[]') from (${standingSql(sql.raw('$1'), scope, p)}) h) as had,
      (select coalesce(json_agg(m), '[]') from moved m where m.made) as made
    ${preparedWhen(prepared)}`;
  });
}

/**
 * Records the facts not recorded yet and moves their totals. Returns the scope's events as they
 * stood, and the totals this statement made rather than moved (a member's first act of a year):
 * those the caller scores from the events, so a total never rests on a row it did not find.
 */
export async function recordInOne(trx: Trx, decl: DutyDeclaration, scope: DutyScope, facts: DutyFact[]): Promise<{ had: Had[]; made: TotalKey[] }> {
  const defaults = new Map(decl.kinds.map((k) => [k.code, k.points]));
  const one = facts.length === 1 && scope.sourceIds?.length === 1 && !scope.memberIds && scope.year === undefined;
  const text = statement(trx, facts.length, { sources: scope.sourceIds?.length ?? 0, members: scope.memberIds?.length ?? 0, year: scope.year !== undefined }, one);
  const values: unknown[] = [decl.sourceType, clock.now().toISOString()];
  for (const f of facts) values.push(f.memberId, f.organizationId, f.year, f.kind, f.sourceId, f.occurredAt, defaults.get(f.kind) ?? 0);
  values.push(...(scope.sourceIds ?? []), ...(scope.memberIds ?? []));
  if (scope.year !== undefined) values.push(scope.year);
  const { rows: [row] } = await trx.executeQuery<{ had: Had[]; made: { member_id: number; organization_id: number; year: number }[] }>(CompiledQuery.raw(text, values));
  return { had: row!.had, made: row!.made.map((m) => ({ memberId: m.member_id, organizationId: m.organization_id, year: m.year })) };
}
