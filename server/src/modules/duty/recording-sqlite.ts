// Recording an act on SQLite: what recording.ts does in one statement on PostgreSQL, in a few short
// statements on the one connection. SQLite writes one transaction at a time, so a kept total read
// here cannot change before the commit: it is moved in JavaScript by the act's own events (each
// kind's count and raw sum grow, scoreStored scores it as a full scoring does) and written back.
// The statements' texts are made once for each shape of act: building them cost more than running.
import { CompiledQuery, sql } from 'kysely';
import type { Trx } from '../../platform/context.js';
import type { DutyDeclaration, DutyFact, DutyScope } from '../../platform/duty.js';
import { clock } from '../../platform/time.js';
import { eventRow, madeOnce, standingSql, type Had } from './recording.js';
import { priceInSql, scoreStored } from './rules.js';
import { keptKinds, keptOf, type TotalKey } from './totals.js';
import { touchDuty } from './versions.js';

const q = sql.raw('?');

const run = async <R>(trx: Trx, sqlText: string, values: unknown[]) => (await trx.executeQuery<R>(CompiledQuery.raw(sqlText, values))).rows;

type Added = { member_id: number; organization_id: number; year: number; kind: string; points: number };

/** Records the facts not recorded yet and moves their totals; returns what recordInOne returns. */
export async function recordOnSqlite(trx: Trx, decl: DutyDeclaration, scope: DutyScope, facts: DutyFact[]): Promise<{ had: Had[]; made: TotalKey[] }> {
  const sources = scope.sourceIds?.length ?? 0, members = scope.memberIds?.length ?? 0, year = scope.year !== undefined;
  const standing = madeOnce(trx, `sqlite|had|${sources}|${members}|${year}`, () => standingSql(q, { sources, members, year }, () => q));
  const had = await run<Had>(trx, standing, [decl.sourceType, ...(scope.sourceIds ?? []), ...(scope.memberIds ?? []), ...(year ? [scope.year] : [])]);

  const insert = madeOnce(trx, `sqlite|insert|${facts.length}`, () => sql`
    insert into duty_events (member_id, organization_id, year, kind, source_type, source_id, occurred_at, points, origin, note, entered_by, created_at)
    values ${sql.join(Array.from({ length: facts.length }, () => eventRow({ member: q, organization: q, year: q, kind: q, sourceType: q, source: q, occurred: q, price: priceInSql(q, q, q, q), at: q })))}
    on conflict (kind, source_type, source_id, member_id) do nothing
    returning member_id, organization_id, year, kind, points`);
  const defaults = new Map(decl.kinds.map((k) => [k.code, k.points]));
  const at = clock.now().toISOString();
  const added = await run<Added>(trx, insert, facts.flatMap((f) => [f.memberId, f.organizationId, f.year, f.kind, decl.sourceType, f.sourceId, f.occurredAt, f.organizationId, f.year, f.kind, defaults.get(f.kind) ?? 0, at]));

  const byTotal = new Map<string, Added[]>();
  for (const a of added) {
    const key = `${a.organization_id}|${a.year}|${a.member_id}`;
    const events = byTotal.get(key);
    if (events) events.push(a);
    else byTotal.set(key, [a]);
  }
  const read = madeOnce(trx, 'sqlite|kept', () => sql`select t.kinds, (select json_group_object(r.kind, r.cap) from duty_rules r where r.organization_id = t.organization_id and r.year = t.year and r.cap is not null) as caps
    from duty_totals t where t.member_id = ${q} and t.organization_id = ${q} and t.year = ${q}`);
  const write = madeOnce(trx, 'sqlite|write', () => sql`insert into duty_totals (member_id, organization_id, year, total, kinds, updated_at) values (${q}, ${q}, ${q}, ${q}, ${q}, ${q})
    on conflict (member_id, organization_id, year) do update set total = excluded.total, kinds = excluded.kinds, updated_at = excluded.updated_at`);
  const made: TotalKey[] = [];
  for (const events of byTotal.values()) {
    const { member_id, organization_id, year: y } = events[0]!;
    const [row] = await run<{ kinds: string; caps: string | null }>(trx, read, [member_id, organization_id, y]);
    // A member's first act of the year: no total to move, the caller scores it from the events.
    if (!row) {
      made.push({ memberId: member_id, organizationId: organization_id, year: y });
      continue;
    }
    const kinds = new Map(Object.entries(keptOf(row.kinds)).map(([kind, k]) => [kind, { kind, count: k.count, sum: k.sum }]));
    for (const e of events) {
      const k = kinds.get(e.kind) ?? { kind: e.kind, count: 0, sum: 0 };
      kinds.set(e.kind, { kind: e.kind, count: k.count + 1, sum: k.sum + Number(e.points) });
    }
    const caps = new Map(Object.entries(row.caps ? (JSON.parse(row.caps) as Record<string, number>) : {}).map(([kind, cap]) => [kind, Number(cap)]));
    const scored = scoreStored([...kinds.values()], caps);
    await run(trx, write, [member_id, organization_id, y, scored.total, keptKinds(scored.kinds), at]);
  }
  if (added.length) await touchDuty(trx, added.map((a) => a.organization_id));
  return { had, made };
}
