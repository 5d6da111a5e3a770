// The public-opinion work figures (社情民意): reports received, compiled into bulletin issues,
// adopted at each level and instructed by leaders, each by the date of its own event.
import { sql } from 'kysely';
import type { Trx } from '../../platform/context.js';
import type { AdoptionLevel } from '../../platform/db/types.js';
import { queryFigure, unitQueryFigure, type BreakdownDeclaration, type FigureRange, type UnitFigureDeclaration } from '../../platform/figures.js';

const report = (id: number) => `/opinions/${id}`;
const issue = (id: number) => `/opinions/issues/${id}`;

// A report adopted twice at one level (by two departments of the city) counts once, on its first
// adoption: in the period of that first date only, so that no report counts in two months or years.
// The first is the row with none before it (by date, then the lower id): the rows of the period are
// read by date through an index, where grouping every report's rows would read them all.
/** Whether row x (of `table`, aliased x) is its report's first by `column` (at its level, for adoptions). */
const firstOnly = (table: 'opinion_forwardings' | 'opinion_adoptions', column: 'sent_on' | 'adopted_on', sameLevel: boolean) => {
  const [e, x] = [sql.ref(`e.${column}`), sql.ref(`x.${column}`)];
  return sql<boolean>`not exists (select 1 from ${sql.table(table)} as e where e.opinion_id = x.opinion_id${sameLevel ? sql` and e.level = x.level` : sql``} and (${e} < ${x} or (${e} = ${x} and e.id < x.id)))`;
};
const adoptedAt = (level: AdoptionLevel) => (db: Trx, orgs: number[], r: FigureRange) =>
  db.selectFrom('opinion_adoptions as x').innerJoin('opinions as o', 'o.id', 'x.opinion_id')
    .where('x.level', '=', level).where('x.adopted_on', '>=', r.fromDate).where('x.adopted_on', '<', r.toDate).where('o.organization_id', 'in', orgs)
    .where(firstOnly('opinion_adoptions', 'adopted_on', true))
    .select(['o.id as key', 'o.title as title', 'x.adopted_on as date', 'o.id as target']);

const levels = [
  { level: 'national', zh: '全国政协', en: 'the national CPPCC', order: 240 },
  { level: 'province', zh: '省政协', en: 'the provincial CPPCC', order: 250 },
  { level: 'city', zh: '市委市政府', en: 'the city party committee and government', order: 260 },
] as const;

export const opinionFigures = [
  queryFigure({
    code: 'opinions.received', order: 200, public: true, headline: true, link: report,
    name: { zh: '收到社情民意信息', en: 'Public-opinion reports received' },
    definition: {
      zh: '提交日期（中国时间）在期间内收到的社情民意信息条数，含委员、联系点和群众扫码反映的，不论此后是否采用。',
      en: 'Public-opinion reports received with a submission date (China time) in the period, from members, contact points and residents scanning a QR code, whatever became of them.',
    },
    rows: (db, orgs, r) =>
      db.selectFrom('opinions as o').where('o.organization_id', 'in', orgs).where('o.submitted_at', '>=', r.from).where('o.submitted_at', '<', r.to)
        .select(['o.id as key', 'o.title as title', 'o.submitted_at as date', 'o.id as target']),
  }),
  queryFigure({
    code: 'opinions.compiled', order: 210, public: true, link: issue,
    name: { zh: '编报社情民意信息', en: 'Reports compiled' },
    definition: {
      zh: '刊发日期在期间内的社情民意信息专报各期所编报的信息条数。',
      en: 'Reports compiled into the bulletin issues published in the period (by the issue date).',
    },
    rows: (db, orgs, r) =>
      db.selectFrom('opinion_issue_items as i').innerJoin('opinion_issues as x', 'x.id', 'i.issue_id')
        .where('x.organization_id', 'in', orgs).where('x.published_on', '>=', r.fromDate).where('x.published_on', '<', r.toDate)
        .select(['i.id as key', 'i.title as title', 'x.published_on as date', 'x.id as target']),
  }),
  queryFigure({
    code: 'opinions.issues', order: 220, public: true, link: issue,
    name: { zh: '编发专报期数', en: 'Bulletin issues' },
    definition: { zh: '刊发日期在期间内的社情民意信息专报期数。', en: 'Bulletin issues of public-opinion reports published in the period.' },
    rows: (db, orgs, r) =>
      db.selectFrom('opinion_issues as x').where('x.organization_id', 'in', orgs).where('x.published_on', '>=', r.fromDate).where('x.published_on', '<', r.toDate)
        .select(['x.id as key', sql<string>`'第' || cast(x.number as text) || '期'`.as('title'), 'x.published_on as date', 'x.id as target']),
  }),
  queryFigure({
    code: 'opinions.forwarded', order: 230, public: true, link: report,
    name: { zh: '报送社情民意信息', en: 'Reports forwarded' },
    definition: {
      zh: '报送日期在期间内、报送党委政府、有关部门或上级政协的社情民意信息条数；同一条信息多次报送只计一次，按首次报送日期计。',
      en: 'Reports forwarded to the party committee, the government, departments or a higher CPPCC with a sending date in the period; a report sent more than once counts once, on its first sending.',
    },
    rows: (db, orgs, r) =>
      db.selectFrom('opinion_forwardings as x').innerJoin('opinions as o', 'o.id', 'x.opinion_id')
        .where('x.sent_on', '>=', r.fromDate).where('x.sent_on', '<', r.toDate).where('o.organization_id', 'in', orgs)
        .where(firstOnly('opinion_forwardings', 'sent_on', false))
        .select(['o.id as key', 'o.title as title', 'x.sent_on as date', 'o.id as target']),
  }),
  ...levels.map((l) =>
    queryFigure({
      code: `opinions.adopted_${l.level}`, order: l.order, public: true, headline: true, link: report,
      name: { zh: `被${l.zh}采用`, en: `Adopted by ${l.en}` },
      definition: {
        zh: `采用日期在期间内、被${l.zh}采用的社情民意信息条数；同一条信息多次被该级采用只计一次，按首次采用日期计。`,
        en: `Reports adopted by ${l.en} with an adoption date in the period; a report adopted more than once at that level counts once, on its first adoption.`,
      },
      rows: adoptedAt(l.level),
    }),
  ),
  queryFigure({
    code: 'opinions.instructions', order: 270, public: false, link: report,
    name: { zh: '获领导批示', en: "Leaders' instructions" },
    definition: {
      zh: '批示日期在期间内、各级领导对社情民意信息作出的批示件次。',
      en: 'Instructions written by leaders at any level on public-opinion reports, with an instruction date in the period.',
    },
    rows: (db, orgs, r) =>
      db.selectFrom('opinion_instructions as n').innerJoin('opinions as o', 'o.id', 'n.opinion_id')
        .where('o.organization_id', 'in', orgs).where('n.instructed_on', '>=', r.fromDate).where('n.instructed_on', '<', r.toDate)
        .select(['n.id as key', 'o.title as title', 'n.instructed_on as date', 'o.id as target']),
  }),
];

// The same rule as the figures opinions.adopted_<level>: a report counts once per level, by its first adoption there.
export const opinionBreakdowns: BreakdownDeclaration[] = [
  {
    code: 'opinions.adopted_by_level', order: 200,
    name: { zh: '社情民意信息采用层级', en: 'Reports adopted by level' },
    definition: {
      zh: '采用日期在期间内被全国政协、省政协、市委市政府采用的社情民意信息条数；同一条信息被几级采用，在每一级各计一次。',
      en: 'Reports adopted in the period by the national CPPCC, the provincial CPPCC and the city; a report adopted at two levels counts at each.',
    },
    async count(db, orgs, r) {
      const rows = await Promise.all(levels.map(async (l) => ({ key: l.level, label: { zh: l.zh, en: l.en }, value: (await db.selectFrom(adoptedAt(l.level)(db, orgs, r).as('x')).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n })));
      return rows.map((x) => ({ ...x, value: Number(x.value) })).filter((x) => x.value > 0);
    },
  },
];

// A handling unit's own hand-offs (residents' concerns given to it), by the date handed. A unit
// reads them on its hand-off list, not on the report's own page (which is the office's).
const handedTo = (db: Trx, unitId: number, r: FigureRange) =>
  db.selectFrom('opinion_handoffs as h').innerJoin('opinions as o', 'o.id', 'h.opinion_id')
    .where('h.unit_id', '=', unitId).where('h.assigned_at', '>=', r.from).where('h.assigned_at', '<', r.to)
    .select(['h.id as key', 'o.title as title', 'h.assigned_at as date', 'h.id as target']);
const handoffs = () => '/opinions/handoffs';

export const opinionUnitFigures: UnitFigureDeclaration[] = [
  unitQueryFigure({
    code: 'opinions.unit_handoffs', order: 200, link: handoffs,
    name: { zh: '转交本单位的社情民意', en: 'Reports handed to us' },
    definition: { zh: '转交日期（中国时间）在期间内、转交本单位办理的群众反映件数。', en: "Residents' concerns handed to this unit to deal with, with a hand-off date (China time) in the period." },
    rows: handedTo,
  }),
  unitQueryFigure({
    code: 'opinions.unit_handoffs_answered', order: 201, link: handoffs, within: 'opinions.unit_handoffs',
    name: { zh: '已答复', en: 'Answered' },
    definition: { zh: '上述转交件中，本单位已答复的件数（答复日期不限）。', en: 'Of those hand-offs, the ones this unit has answered, whenever it answered.' },
    rows: (db, unit, r) => handedTo(db, unit, r).where('h.answered_at', 'is not', null),
  }),
];
