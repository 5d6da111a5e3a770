// What recording an act costs the command that causes it: replaceDuty (derive, read the source's
// events, price and insert the new one, move the member's kept total) timed alone inside a
// transaction, on the benchmark's table of a million events, through the project's own connection.
// The act is one member's, from a declaration of the benchmark's own whose derive costs nothing, so
// the time is the duty module's alone. Afterwards the acting members' kept totals are compared with
// scoring their years again from the events (what the moves must never drift from).
import { connect } from '../server/src/platform/db/connect.js';
import type { DutyDeclaration } from '../server/src/platform/duty.js';
import { replaceDuty } from '../server/src/modules/duty/service.js';
import { keptOf, refreshTotals, type TotalKey } from '../server/src/modules/duty/totals.js';

const ACTS = 300;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor(s.length * p))]! * 1000) / 1000;
};

export async function recording(dataDir: string, databaseUrl: string, year: number) {
  const { db, close } = connect({ databaseUrl: databaseUrl || null, dataDir });
  try {
    const members = await db.selectFrom('members').select(['id', 'organization_id']).where('status', '=', 'active').orderBy('id').execute();
    const memberOf = (sourceId: number) => members[(sourceId * 7919) % members.length]!;
    const decl: DutyDeclaration = {
      sourceType: 'bench_act',
      kinds: [{ code: 'bench_act', zh: '基准测试', en: 'Benchmark act', points: 2 }],
      derive: async (_trx, scope) =>
        (scope.sourceIds ?? []).map((sourceId) => ({ memberId: memberOf(sourceId).id, organizationId: memberOf(sourceId).organization_id, year, kind: 'bench_act', sourceId, occurredAt: new Date().toISOString() })),
    };
    const whole: number[] = [];
    for (let i = 1; i <= ACTS; i++) {
      await db.transaction().execute(async (trx) => {
        const t = performance.now();
        await replaceDuty(trx, decl, [i]);
        whole.push(performance.now() - t);
      });
    }
    // The kept totals of the members who acted, then the same scored again from their events.
    const keys: TotalKey[] = Array.from({ length: ACTS }, (_, i) => ({ memberId: memberOf(i + 1).id, organizationId: memberOf(i + 1).organization_id, year }));
    const kept = async () =>
      (await db.selectFrom('duty_totals').select(['member_id', 'total', 'kinds']).where('member_id', 'in', keys.map((k) => k.memberId)).where('year', '=', year).orderBy('member_id').execute())
        .map((r) => JSON.stringify([r.member_id, Number(r.total), Object.entries(keptOf(r.kinds)).sort(([a], [b]) => a.localeCompare(b))]));
    const moved = await kept();
    await db.transaction().execute((trx) => refreshTotals(trx, keys));
    const scored = await kept();
    const totalsAgree = moved.length === scored.length && moved.every((row, i) => row === scored[i]);
    // The first tenth warms the statement caches and the pages the acts touch.
    const w = whole.slice(ACTS / 10);
    return { n: w.length, replaceDuty: { p50Ms: pct(w, 0.5), p99Ms: pct(w, 0.99), meanMs: Math.round((w.reduce((a, b) => a + b, 0) / w.length) * 1000) / 1000 }, totalsAgree };
  } finally {
    await close();
  }
}
