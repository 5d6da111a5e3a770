// Reads of organizations and people. Every list is limited to the organizations the caller may see.
import { sql } from 'kysely';
import type { Services, Trx } from '../../platform/context.js';
import type { Dialect } from '../../platform/db/dialect.js';
import { matchingIds } from '../../platform/search.js';
import { maskPhone } from '../../platform/privacy.js';
import { toPage } from '../../platform/paging.js';
import type { MemberTable, PlaceKind } from '../../platform/db/types.js';

const CN_DIGITS = '零一二三四五六七八九';
/** 9 → 九, 12 → 十二, 21 → 二十一: how terms and sessions are named. */
export function chineseNumber(n: number): string {
  if (n < 10) return CN_DIGITS[n]!;
  if (n < 20) return '十' + (n % 10 ? CN_DIGITS[n % 10] : '');
  return CN_DIGITS[Math.floor(n / 10)]! + '十' + (n % 10 ? CN_DIGITS[n % 10] : '');
}

const orgOut = (r: { id: number; name: string; level: 'national' | 'province' | 'city' | 'county'; parent_id: number | null; division_code: string | null; retired_at: string | null }) =>
  ({ id: r.id, name: r.name, level: r.level, parentId: r.parent_id, divisionCode: r.division_code, retiredAt: r.retired_at });

/** Organizations among these; retired ones only when asked (their records stay readable, pickers leave them out). */
export async function listOrganizations(db: Trx, orgIds: number[], includeRetired = false) {
  if (orgIds.length === 0) return [];
  let q = db.selectFrom('organizations').selectAll().where('id', 'in', orgIds);
  if (!includeRetired) q = q.where('retired_at', 'is', null);
  return (await q.orderBy('id').execute()).map(orgOut);
}

export async function organizationView(db: Trx, id: number) {
  const row = await db.selectFrom('organizations').selectAll().where('id', '=', id).executeTakeFirst();
  return row && orgOut(row);
}

export async function findTerm(db: Trx, id: number) {
  return db.selectFrom('terms').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listDivisions(db: Trx, parent: string) {
  const rows = await db.selectFrom('divisions').selectAll().where('parent_code', '=', parent).orderBy('code').execute();
  return rows.map((r) => ({ code: r.code, name: r.name, level: r.level, parentCode: r.parent_code }));
}

/** The code prefix every division inside an organization's area starts with (330400 → 3304). */
export function divisionPrefix(code: string): string {
  return code.replace(/(00)+$/, '');
}

export async function listTerms(db: Trx, orgIds: number[]) {
  const terms = await db.selectFrom('terms').selectAll().where('organization_id', 'in', orgIds).orderBy('organization_id').orderBy('number', 'desc').execute();
  const sessions = terms.length
    ? await db.selectFrom('sessions').selectAll().where('term_id', 'in', terms.map((t) => t.id)).orderBy('number').execute()
    : [];
  return terms.map((t) => ({
    id: t.id,
    organizationId: t.organization_id,
    number: t.number,
    name: `第${chineseNumber(t.number)}届`,
    startsOn: t.starts_on,
    endsOn: t.ends_on,
    current: t.current === 1,
    closedAt: t.closed_at,
    sessions: sessions
      .filter((s) => s.term_id === t.id)
      .map((s) => ({ id: s.id, number: s.number, name: `第${chineseNumber(s.number)}次会议`, opensOn: s.opens_on, closedAt: s.closed_at })),
  }));
}

export interface MemberFilter {
  q?: string;
  organizationId?: number;
  termId?: number;
  sectorId?: number;
  committeeId?: number;
  status?: 'active' | 'exited';
  gender?: 'male' | 'female';
  standing?: boolean;
}

type MemberRow = MemberTable & { id: number; sector_name: string; organization_name: string };

/**
 * The filtered members, walked in id order. With a search term the query starts from the search
 * index (joined on the member id), so the first page stops after 20 matches however common the word.
 */
function filteredMembers(db: Trx, dialect: Dialect, orgIds: number[], f: MemberFilter) {
  const ids = f.q ? matchingIds(dialect, 'member', f.q) : null;
  // A query with nothing searchable in it (only punctuation) matches nothing.
  const start = ids
    ? db.selectFrom(sql<{ id: number }>`(${ids})`.as('f')).innerJoin('members as m', 'm.id', 'f.id')
    : db.selectFrom('members as m').where(f.q ? sql<boolean>`1 = 0` : sql<boolean>`1 = 1`);
  // No joins here: counting must not pay for the sector and organization names.
  let query = start.where('m.organization_id', 'in', f.organizationId ? orgIds.filter((id) => id === f.organizationId) : orgIds);
  if (f.termId) query = query.where('m.term_id', '=', f.termId);
  if (f.sectorId) query = query.where('m.sector_id', '=', f.sectorId);
  if (f.status) query = query.where('m.status', '=', f.status);
  if (f.gender) query = query.where('m.gender', '=', f.gender);
  if (f.standing !== undefined) query = query.where('m.standing', '=', f.standing ? 1 : 0);
  if (f.committeeId)
    query = query.where('m.id', 'in', db.selectFrom('member_committees').select('member_id').where('committee_id', '=', f.committeeId));
  return { query, order: ids ? ('f.id' as const) : ('m.id' as const) };
}

async function committeesOf(db: Trx, memberIds: number[]) {
  if (memberIds.length === 0) return new Map<number, { id: number; name: string }[]>();
  const rows = await db
    .selectFrom('member_committees as mc')
    .innerJoin('committees as c', 'c.id', 'mc.committee_id')
    .select(['mc.member_id', 'c.id', 'c.name'])
    .where('mc.member_id', 'in', memberIds)
    .orderBy('c.sort')
    .execute();
  const map = new Map<number, { id: number; name: string }[]>();
  for (const r of rows) map.set(r.member_id, [...(map.get(r.member_id) ?? []), { id: r.id, name: r.name }]);
  return map;
}


function presentMember(r: MemberRow, committees: { id: number; name: string }[], showPhone: boolean) {
  return {
    id: r.id,
    organizationId: r.organization_id,
    organizationName: r.organization_name,
    termId: r.term_id,
    name: r.name,
    gender: r.gender,
    birthYear: r.birth_year,
    ethnicity: r.ethnicity,
    politicalAffiliation: r.political_affiliation,
    sectorId: r.sector_id,
    sectorName: r.sector_name,
    committeeIds: committees.map((c) => c.id),
    committeeNames: committees.map((c) => c.name),
    workplace: r.workplace,
    title: r.title,
    phone: showPhone || r.phone === null ? r.phone : maskPhone(r.phone),
    standing: r.standing === 1,
    status: r.status,
    exitedOn: r.exited_on,
    exitReason: r.exit_reason,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export type Member = ReturnType<typeof presentMember>;

const memberColumns = ['m.id', 'm.organization_id', 'm.term_id', 'm.name', 'm.gender', 'm.birth_year', 'm.ethnicity', 'm.political_affiliation', 'm.sector_id', 'm.workplace', 'm.title', 'm.phone', 'm.standing', 'm.status', 'm.exited_on', 'm.exit_reason', 'm.created_at', 'm.updated_at', 's.name as sector_name', 'o.name as organization_name'] as const;

/** Counting every match of a common word costs as much as reading them all: searches count this far. */
export const SEARCH_COUNT_LIMIT = 1000;

async function countUpTo(db: Trx, query: ReturnType<typeof filteredMembers>['query'], limit: number | null): Promise<number> {
  if (limit === null) return Number((await query.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const capped = await db
    .selectFrom(query.select('m.id').limit(limit).as('c'))
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(capped.n);
}

export async function listMembers(
  s: Pick<Services, 'db' | 'dialect'>,
  orgIds: number[],
  f: MemberFilter & { cursor?: string; limit: number },
  showPhone: (organizationId: number, memberId: number) => boolean,
) {
  const { query, order } = filteredMembers(s.db, s.dialect, orgIds, f);
  let paged = query
    .innerJoin('sectors as s', 's.id', 'm.sector_id')
    .innerJoin('organizations as o', 'o.id', 'm.organization_id')
    .select(memberColumns)
    .orderBy(order)
    .limit(f.limit + 1);
  if (f.cursor) paged = paged.where(order, '>', Number(f.cursor));
  const rows = (await paged.execute()) as MemberRow[];
  // A first page that holds every match is its own total: no count needed.
  const whole = !f.cursor && rows.length <= f.limit;
  const [total, committees] = await Promise.all([
    whole ? rows.length : countUpTo(s.db, query, f.q ? SEARCH_COUNT_LIMIT : null),
    committeesOf(s.db, rows.slice(0, f.limit).map((r) => r.id)),
  ]);
  const page = toPage(rows, f.limit, total, (r) => presentMember(r, committees.get(r.id) ?? [], showPhone(r.organization_id, r.id)));
  return { ...page, totalExact: !f.q || total < SEARCH_COUNT_LIMIT };
}

export async function findMember(db: Trx, id: number, showPhone: (organizationId: number, memberId: number) => boolean) {
  const row = await db
    .selectFrom('members as m')
    .innerJoin('sectors as s', 's.id', 'm.sector_id')
    .innerJoin('organizations as o', 'o.id', 'm.organization_id')
    .select(memberColumns)
    .where('m.id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  const committees = await committeesOf(db, [id]);
  return presentMember(row as MemberRow, committees.get(id) ?? [], showPhone(row.organization_id, id));
}

/** Every filtered member in pages of 500, for the export: memory stays flat however many there are. */
export async function* eachMember(s: Pick<Services, 'db' | 'dialect'>, orgIds: number[], f: MemberFilter, showPhone: (organizationId: number, memberId: number) => boolean) {
  let cursor: string | undefined;
  do {
    const page = await listMembers(s, orgIds, { ...f, cursor, limit: 500 }, showPhone);
    yield* page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

export async function listPlaces(db: Trx, orgIds: number[], f: { id?: number; kind?: PlaceKind; organizationId?: number; q?: string; cursor?: string; limit: number }) {
  let query = db
    .selectFrom('places as p')
    .innerJoin('organizations as o', 'o.id', 'p.organization_id')
    .innerJoin('divisions as d', 'd.code', 'p.division_code')
    .leftJoin('divisions as t', (j) => j.onRef('t.code', '=', 'd.parent_code').on('d.level', '=', 'village'))
    .leftJoin('members as m', 'm.id', 'p.member_id')
    .where('p.organization_id', 'in', f.organizationId ? orgIds.filter((id) => id === f.organizationId) : orgIds);
  if (f.id) query = query.where('p.id', '=', f.id);
  if (f.kind) query = query.where('p.kind', '=', f.kind);
  if (f.q) query = query.where('p.name', 'like', `%${f.q.replace(/[%_\\]/g, (c) => '\\' + c)}%`);
  const total = Number((await query.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  let paged = query
    .select(['p.id', 'p.organization_id', 'o.name as organization_name', 'p.kind', 'p.name', 'p.division_code', 'd.name as division_name', 't.name as town_name', 'p.address', 'p.member_id', 'm.name as member_name', 'p.stars', 'p.active'])
    .orderBy('p.id')
    .limit(f.limit + 1);
  if (f.cursor) paged = paged.where('p.id', '>', Number(f.cursor));
  return toPage(await paged.execute(), f.limit, total, presentPlace);
}

export async function findPlace(db: Trx, orgIds: number[], id: number) {
  return (await listPlaces(db, orgIds, { id, limit: 1 })).items[0] ?? null;
}

function presentPlace(r: {
  id: number; organization_id: number; organization_name: string; kind: PlaceKind; name: string; division_code: string; division_name: string;
  town_name: string | null; address: string | null; member_id: number | null; member_name: string | null; stars: number | null; active: number;
}) {
  return {
    id: r.id,
    organizationId: r.organization_id,
    organizationName: r.organization_name,
    kind: r.kind,
    name: r.name,
    divisionCode: r.division_code,
    divisionName: r.division_name,
    townName: r.town_name ?? (r.division_code.length === 9 ? r.division_name : null),
    address: r.address,
    memberId: r.member_id,
    memberName: r.member_name,
    stars: r.stars,
    active: r.active === 1,
  };
}
