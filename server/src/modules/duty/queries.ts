// Reading duty records: a member's own year, the office's list of members with points by kind,
// and the figures of a year. Points always come from rules.ts.
import type { z } from 'zod';
import type { Ctx, Trx } from '../../platform/context.js';
import type { DutyDeclaration } from '../../platform/duty.js';
import { notFound } from '../../platform/errors.js';
import { loadGrading, minimumLabel } from './grading.js';
import { allKinds, ENTRY_SOURCE, kindMap } from './kinds.js';
import { loadRules, score, scoreCounts, type KindScore } from './rules.js';
import type * as s from './schema.js';
import { kindsOfKept } from './totals.js';

const label = (decls: DutyDeclaration[], code: string) => {
  const k = allKinds(decls).find((x) => x.code === code);
  return { zh: k?.zh ?? code, en: k?.en ?? code };
};

/** A member's events of a year, by kind, with points and links to their sources, and the total. */
export async function memberRecord(db: Trx, decls: DutyDeclaration[], memberId: number, year: number) {
  const member = await db.selectFrom('members as m').innerJoin('sectors as s', 's.id', 'm.sector_id').select(['m.id', 'm.name', 'm.organization_id', 's.name as sector']).where('m.id', '=', memberId).executeTakeFirst();
  if (!member) throw notFound({ zh: '委员不存在', en: 'No such member' });
  const events = await db
    .selectFrom('duty_events')
    .select(['id', 'kind', 'source_type', 'source_id', 'occurred_at', 'origin', 'note'])
    .where('member_id', '=', memberId)
    .where('year', '=', year)
    .orderBy('occurred_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  const rules = await loadRules(db, allKinds(decls), member.organization_id, year);
  const scored = score(events, rules);
  const entryIds = events.filter((e) => e.source_type === ENTRY_SOURCE).map((e) => e.source_id);
  const entries = new Map(entryIds.length ? (await db.selectFrom('duty_entries').select(['id', 'title']).where('id', 'in', entryIds).execute()).map((e) => [e.id, e.title]) : []);
  const linkOf = (type: string, id: number) => decls.find((d) => d.sourceType === type)?.link?.(id) ?? null;
  return {
    member: { id: member.id, name: member.name, sector: member.sector, organizationId: member.organization_id },
    year,
    total: scored.total,
    kinds: scored.kinds.map((k) => ({ ...k, label: label(decls, k.kind), rule: rules.get(k.kind)! })),
    events: events.map((e) => ({
      id: e.id, kind: e.kind, label: label(decls, e.kind), occurredAt: e.occurred_at, origin: e.origin, points: rules.get(e.kind)?.points ?? 0,
      source: { type: e.source_type, id: e.source_id, link: linkOf(e.source_type, e.source_id), title: entries.get(e.source_id) ?? null },
      note: e.note,
    })),
  };
}

type MembersQuery = Omit<z.infer<typeof s.membersQuery>, 'page' | 'pageSize'>;

export interface MemberRow {
  memberId: number;
  name: string;
  sector: string;
  standing: boolean;
  total: number;
  kinds: Record<string, KindScore>;
}

/** The organization's serving members that the list's filters keep. */
function listed(db: Trx, organizationId: number, q: MembersQuery) {
  let mq = db
    .selectFrom('members as m')
    .innerJoin('sectors as s', 's.id', 'm.sector_id')
    .where('m.organization_id', '=', organizationId)
    .where('m.status', '=', 'active');
  if (q.sectorId) mq = mq.where('m.sector_id', '=', q.sectorId);
  if (q.standing) mq = mq.where('m.standing', '=', Number(q.standing));
  if (q.name) mq = mq.where('m.name', 'like', `%${q.name.replace(/[%_\\]/g, '')}%`);
  if (q.committeeId) mq = mq.where('m.id', 'in', (eb) => eb.selectFrom('member_committees').select('member_id').where('committee_id', '=', q.committeeId!));
  return mq;
}

/**
 * One page of the list. Sorted by total, the page is read with the kept totals (totals.ts) in one
 * statement, its count in the same read; sorted by name (in pinyin order) or by a kind, every
 * listed member is scored and sorted here, as memberRows does.
 */
export async function memberPage(db: Trx, decls: DutyDeclaration[], organizationId: number, year: number, q: z.infer<typeof s.membersQuery>): Promise<{ total: number; items: MemberRow[] }> {
  const { page, pageSize } = q;
  if (q.sort !== 'total') {
    const rows = await memberRows(db, decls, organizationId, year, q);
    return { total: rows.length, items: rows.slice((page - 1) * pageSize, page * pageSize) };
  }
  const rows = await listed(db, organizationId, q)
    .leftJoin('duty_totals as t', (j) => j.onRef('t.member_id', '=', 'm.id').on('t.organization_id', '=', organizationId).on('t.year', '=', year))
    .select((eb) => ['m.id', 'm.name', 'm.standing', 's.name as sector', 't.total', 't.kinds', eb.fn.countAll<number>().over().as('listed')])
    .orderBy((eb) => eb.fn.coalesce('t.total', eb.lit(0)), q.order)
    .orderBy('m.id')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  // Past the last page no row carries the count: it is counted apart.
  const total = rows.length ? Number(rows[0]!.listed) : Number((await listed(db, organizationId, q).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const items = rows.map((r) => ({
    memberId: r.id, name: r.name, sector: r.sector, standing: !!r.standing, total: r.total === null ? 0 : Number(r.total),
    kinds: Object.fromEntries(r.kinds ? kindsOfKept(r.kinds).map((k) => [k.kind, k]) : []),
  }));
  return { total, items };
}

/** Every serving member of the organization with points by kind, filtered and sorted (the page is cut by the caller). */
export async function memberRows(db: Trx, decls: DutyDeclaration[], organizationId: number, year: number, q: MembersQuery): Promise<MemberRow[]> {
  const members = await listed(db, organizationId, q).select(['m.id', 'm.name', 'm.standing', 's.name as sector']).execute();
  const counts = await db
    .selectFrom('duty_events')
    .select((eb) => ['member_id', 'kind', eb.fn.countAll<number>().as('n')])
    .where('organization_id', '=', organizationId)
    .where('year', '=', year)
    .groupBy(['member_id', 'kind'])
    .execute();
  const byMember = new Map<number, Record<string, number>>();
  for (const c of counts) byMember.set(c.member_id, { ...byMember.get(c.member_id), [c.kind]: Number(c.n) });
  const rules = await loadRules(db, allKinds(decls), organizationId, year);
  const rows = members.map((m) => {
    const scored = scoreCounts(byMember.get(m.id) ?? {}, rules);
    return { memberId: m.id, name: m.name, sector: m.sector, standing: !!m.standing, total: scored.total, kinds: Object.fromEntries(scored.kinds.map((k) => [k.kind, k])) };
  });
  const value = (r: MemberRow) => (q.sort === 'total' ? r.total : q.sort === 'name' ? r.name : (r.kinds[q.sort]?.points ?? 0));
  const dir = q.order === 'asc' ? 1 : -1;
  // Ties keep a stable order by id, so pages never repeat or skip a member.
  return rows.sort((a, b) => {
    const x = value(a), y = value(b);
    const c = typeof x === 'string' ? x.localeCompare(y as string, 'zh-CN') : x - (y as number);
    return c !== 0 ? c * dir : a.memberId - b.memberId;
  });
}

/** The figures of a year across the organizations: members, events by kind, average points. */
export async function dutyStats(db: Trx, decls: DutyDeclaration[], organizationIds: number[], year: number) {
  const byKind: Record<string, number> = {};
  let members = 0, points = 0;
  for (const organizationId of organizationIds) {
    const rows = await memberRows(db, decls, organizationId, year, { sort: 'total', order: 'desc' });
    members += rows.length;
    for (const r of rows) {
      points += r.total;
      for (const k of Object.values(r.kinds)) byKind[k.kind] = (byKind[k.kind] ?? 0) + k.count;
    }
  }
  return {
    year,
    members,
    averagePoints: members ? Math.round((points / members) * 10) / 10 : 0,
    kinds: allKinds(decls).map((k) => ({ kind: k.code, label: { zh: k.zh, en: k.en }, events: byKind[k.code] ?? 0 })),
  };
}

/**
 * The rules of an organization's year: every kind's label, default, points and cap (a penalty is a
 * kind that takes points away), the minimums and grade bands, and whether the year is frozen.
 */
export async function rulesOf(ctx: Ctx, decls: DutyDeclaration[], organizationId: number, year: number) {
  const rules = await loadRules(ctx.db, allKinds(decls), organizationId, year);
  const grading = await loadGrading(ctx.db, organizationId, year);
  const kinds = kindMap(decls);
  const evaluation = await ctx.db.selectFrom('duty_evaluations').select('state').where('organization_id', '=', organizationId).where('year', '=', year).executeTakeFirst();
  return {
    organizationId,
    year,
    state: evaluation?.state ?? 'none',
    rules: allKinds(decls).map((k) => ({ kind: k.code, label: { zh: k.zh, en: k.en }, default: k.points, points: rules.get(k.code)!.points, cap: rules.get(k.code)!.cap, penalty: k.points < 0 })),
    minimums: grading.minimums.map((m) => ({ ...m, label: minimumLabel(m, kinds) })),
    bands: grading.bands,
  };
}
