// What recording an act costs the command that causes it: replaceDuty (read the source's events,
// derive, price, insert, refresh the member's total) timed alone inside a transaction, on the
// benchmark's table of a million events, through the project's own connection. The act is one
// member's, from a declaration of the benchmark's own whose derive costs nothing, so the time is the
// duty module's alone; the refresh of the total is also timed apart (what the kept totals add).
import { connect } from '../server/src/platform/db/connect.js';
import type { DutyDeclaration } from '../server/src/platform/duty.js';
import { replaceDuty } from '../server/src/modules/duty/service.js';
import { refreshTotals } from '../server/src/modules/duty/totals.js';

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
    const whole: number[] = [], totals: number[] = [];
    for (let i = 1; i <= ACTS; i++) {
      await db.transaction().execute(async (trx) => {
        const t = performance.now();
        await replaceDuty(trx, decl, [i]);
        whole.push(performance.now() - t);
        const m = memberOf(i);
        const u = performance.now();
        await refreshTotals(trx, [{ memberId: m.id, organizationId: m.organization_id, year }]);
        totals.push(performance.now() - u);
      });
    }
    // The first tenth warms the statement caches and the pages the acts touch.
    const w = whole.slice(ACTS / 10), tt = totals.slice(ACTS / 10);
    return { n: w.length, replaceDuty: { p50Ms: pct(w, 0.5), p99Ms: pct(w, 0.99), meanMs: Math.round((w.reduce((a, b) => a + b, 0) / w.length) * 1000) / 1000 }, totals: { p50Ms: pct(tt, 0.5), p99Ms: pct(tt, 0.99) } };
  } finally {
    await close();
  }
}
