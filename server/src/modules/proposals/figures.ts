// The proposals' work figures (提案), counted by state and date across the organizations asked for,
// never by proposal number or category: every CPPCC numbers and categorizes its own proposals, so
// only states and dates mean the same thing in a city and in its counties. The breakdowns of the
// proposals filed go by names instead (a top category, a sector, a committee), which a city and its
// counties share even where their trees and lists differ.
import { sql } from 'kysely';
import type { Trx } from '../../platform/context.js';
import { queryFigure, unitQueryFigure, type BreakdownDeclaration, type BreakdownRow, type FigureRange, type UnitFigureDeclaration } from '../../platform/figures.js';
import { ACCEPTED_STATES } from './followup.js';

const link = (id: number) => `/proposals/${id}`;
const filedIn = (db: Trx, orgs: number[], r: FigureRange) =>
  db.selectFrom('proposals as p').where('p.organization_id', 'in', orgs).where('p.state', 'not in', ['draft', 'cosigning'])
    .where('p.filed_at', '>=', r.from).where('p.filed_at', '<', r.to);
const filed = (db: Trx, orgs: number[], r: FigureRange) => filedIn(db, orgs, r).select(['p.id as key', 'p.title as title', 'p.filed_at as date', 'p.id as target']);
// Accepted in the period: the date of acceptance (立案) is the review's.
const accepted = (db: Trx, orgs: number[], r: FigureRange) =>
  db.selectFrom('proposals as p').where('p.organization_id', 'in', orgs).where('p.state', 'in', [...ACCEPTED_STATES])
    .where('p.reviewed_at', '>=', r.from).where('p.reviewed_at', '<', r.to)
    .select(['p.id as key', 'p.title as title', 'p.reviewed_at as date', 'p.id as target']);

export const proposalFigures = [
  queryFigure({
    code: 'proposals.filed', order: 100, public: true, headline: true, link,
    name: { zh: '收到提案', en: 'Proposals filed' },
    definition: {
      zh: '提交日期（中国时间）在期间内、已提交政协的提案件数，含此后不立案、并案或转社情民意的，不含草稿和联名征集中的。',
      en: 'Proposals submitted to the CPPCC with a filing date (China time) in the period, including those later rejected, merged or converted; drafts and proposals still collecting co-signers are not counted.',
    },
    rows: filed,
  }),
  queryFigure({
    code: 'proposals.collective', order: 110, public: true, link, within: 'proposals.filed',
    name: { zh: '集体提案', en: 'Collective proposals' },
    definition: {
      zh: '收到提案中，以党派团体、界别或专门委员会名义提交的集体提案件数，按提交日期计。',
      en: 'Of the proposals filed, those filed in the name of a party group, sector or committee, by filing date.',
    },
    rows: (db, orgs, r) => filed(db, orgs, r).where('p.kind', '=', 'collective'),
  }),
  queryFigure({
    code: 'proposals.accepted', order: 120, public: true, headline: true, link,
    name: { zh: '立案提案', en: 'Proposals accepted' },
    definition: {
      zh: '审查立案日期在期间内、现仍为立案（含交办、办理、答复、测评、办结）的提案件数；并入其他提案的不单独计。',
      en: 'Proposals accepted (立案) with a review date in the period and still accepted now (assigned, handled, answered, evaluated or closed); a proposal merged into another is not counted on its own.',
    },
    rows: accepted,
  }),
  queryFigure({
    code: 'proposals.key', order: 130, public: true, link, within: 'proposals.accepted',
    name: { zh: '重点提案', en: 'Key proposals' },
    definition: {
      zh: '立案提案中，现被确定为重点提案的件数，按立案日期计。',
      en: 'Of the proposals accepted in the period (by acceptance date), those now selected as key proposals.',
    },
    rows: (db, orgs, r) => accepted(db, orgs, r).where('p.is_key', '=', 1),
  }),
  queryFigure({
    code: 'proposals.answered', order: 140, public: true, headline: true, link, within: 'proposals.accepted',
    name: { zh: '已答复提案', en: 'Proposals answered' },
    definition: {
      zh: '立案日期在期间内、所有承办单位均已答复的提案件数（含因不满意再次办理的），答复日期不限。',
      en: 'Proposals accepted in the period (by acceptance date) whose every handling unit has replied, whenever it replied (including those handled again after an unsatisfied rating).',
    },
    rows: (db, orgs, r) =>
      accepted(db, orgs, r).where((eb) => eb.or([eb('p.state', 'in', ['replied', 'evaluated', 'closed']), eb.and([eb('p.state', '=', 'handling'), eb('p.round', '>', 1)])])),
  }),
  queryFigure({
    code: 'proposals.evaluations', order: 150, public: false, link,
    name: { zh: '满意度测评', en: 'Satisfaction ratings' },
    definition: {
      zh: '提案者在期间内（按测评日期）对承办单位办理工作作出的满意度测评次数。',
      en: "Ratings of a handling unit's work given by proposers in the period, by rating date.",
    },
    rows: (db, orgs, r) => evaluations(db, orgs, r),
  }),
  queryFigure({
    code: 'proposals.satisfied', order: 160, public: false, link, within: 'proposals.evaluations',
    name: { zh: '满意和基本满意', en: 'Satisfied or basically satisfied' },
    definition: {
      zh: '期间内的满意度测评中，结果为满意或基本满意的次数。',
      en: 'Of the ratings given in the period, those rating the handling satisfied or basically satisfied.',
    },
    rows: (db, orgs, r) => evaluations(db, orgs, r).where('e.result', 'in', ['satisfied', 'basically_satisfied']),
  }),
];

function evaluations(db: Trx, orgs: number[], r: FigureRange) {
  return db.selectFrom('proposal_evaluations as e').innerJoin('proposals as p', 'p.id', 'e.proposal_id')
    .where('p.organization_id', 'in', orgs).where('e.created_at', '>=', r.from).where('e.created_at', '<', r.to)
    .select(['e.id as key', 'p.title as title', 'e.created_at as date', 'p.id as target']);
}

const n = sql<number | string>`count(*)`.as('n');
/** Rows by name, the same name from two organizations added into one, largest first. */
function byName(rows: { name: string | null; n: number | string }[], none: BreakdownRow['label']): BreakdownRow[] {
  const sums = new Map<string, number>();
  for (const r of rows) sums.set(r.name ?? '', (sums.get(r.name ?? '') ?? 0) + Number(r.n));
  return [...sums].filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([name, value]) => ({ key: name, label: name ? { zh: name, en: name } : none, value }));
}

export const proposalBreakdowns: BreakdownDeclaration[] = [
  {
    code: 'proposals.filed_by_category', order: 100,
    name: { zh: '收到提案按类别', en: 'Proposals filed by category' },
    definition: {
      zh: '收到提案按所属一级类别的名称分组（各级政协类别树不同，同名一级类别合并计），未选类别的单列。',
      en: "Proposals filed, grouped by the name of their top-level category (each CPPCC has its own tree; top categories of one name are added together); those with no category form their own row.",
    },
    async count(db, orgs, r) {
      // The trees are small: each category's top is found here rather than by a recursive query.
      const [counted, tree] = await Promise.all([
        filedIn(db, orgs, r).select(['p.category_id', n]).groupBy('p.category_id').execute(),
        db.selectFrom('proposal_categories').select(['id', 'parent_id', 'name']).where('organization_id', 'in', orgs).execute(),
      ]);
      const byId = new Map(tree.map((c) => [c.id, c]));
      const top = (id: number | null) => {
        let at = id === null ? undefined : byId.get(id);
        for (let hops = 0; at && at.parent_id !== null && byId.has(at.parent_id) && hops < 20; hops++) at = byId.get(at.parent_id);
        return at?.name ?? null;
      };
      return byName(counted.map((c) => ({ name: top(c.category_id), n: c.n })), { zh: '未分类', en: 'No category' });
    },
  },
  {
    code: 'proposals.filed_by_sector', order: 110,
    name: { zh: '收到提案按界别', en: 'Proposals filed by sector' },
    definition: {
      zh: '个人和联名提案按提案者提交时所在界别分组（同名界别合并计），集体提案单列一行。',
      en: "Individual and joint proposals filed, grouped by the proposer's sector when filing (sectors of one name added together); collective proposals form their own row.",
    },
    async count(db, orgs, r) {
      const rows = await filedIn(db, orgs, r).leftJoin('sectors as s', 's.id', 'p.sector_id').select(['p.kind', 's.name as name', n]).groupBy(['p.kind', 's.name']).execute();
      const collective = rows.filter((x) => x.kind === 'collective').reduce((a, x) => a + Number(x.n), 0);
      return [
        ...byName(rows.filter((x) => x.kind !== 'collective'), { zh: '未注明界别', en: 'No sector' }),
        ...(collective ? [{ key: 'collective', label: { zh: '集体提案', en: 'Collective proposals' }, value: collective }] : []),
      ];
    },
  },
  {
    code: 'proposals.filed_by_committee', order: 120,
    name: { zh: '委员提案按专委会', en: "Members' proposals by committee" },
    definition: {
      zh: '由委员提交的收到提案按提案者所属专门委员会分组（同名专委会合并计）；委员属多个专委会的，在每个专委会各计一次，故各行之和可大于提案数。',
      en: "Proposals filed by members, grouped by the proposer's committee (committees of one name added together); a member of two committees counts in each, so the rows may add up to more than the proposals.",
    },
    async count(db, orgs, r) {
      const rows = await filedIn(db, orgs, r).innerJoin('member_committees as mc', 'mc.member_id', 'p.member_id').innerJoin('committees as c', 'c.id', 'mc.committee_id')
        .select(['c.name as name', n]).groupBy('c.name').execute();
      return byName(rows, { zh: '', en: '' });
    },
  },
];

// A handling unit's own figures: its assignments (lead, assisting or separate), by the date it was
// assigned, whatever the proposal's organization; an assignment taken back and given to another
// unit (调整) is the other unit's, not this one's.
const assignedTo = (db: Trx, unitId: number, r: FigureRange) =>
  db.selectFrom('proposal_assignments as a').innerJoin('proposals as p', 'p.id', 'a.proposal_id')
    .where('a.unit_id', '=', unitId).where('a.state', '!=', 'withdrawn').where('a.assigned_at', '>=', r.from).where('a.assigned_at', '<', r.to)
    .select(['a.id as key', 'p.title as title', 'a.assigned_at as date', 'p.id as target']);
const unitRatings = (db: Trx, unitId: number, r: FigureRange) =>
  db.selectFrom('proposal_evaluations as e').innerJoin('proposal_assignments as a', 'a.id', 'e.assignment_id').innerJoin('proposals as p', 'p.id', 'e.proposal_id')
    .where('a.unit_id', '=', unitId).where('e.created_at', '>=', r.from).where('e.created_at', '<', r.to)
    .select(['e.id as key', 'p.title as title', 'e.created_at as date', 'p.id as target']);

export const proposalUnitFigures: UnitFigureDeclaration[] = [
  unitQueryFigure({
    code: 'proposals.unit_assigned', order: 100, link,
    name: { zh: '交办本单位的提案', en: 'Proposals assigned to us' },
    definition: { zh: '交办日期（中国时间）在期间内、交由本单位主办、会办或分办的提案件数；已调整给其他单位的不计。', en: 'Proposals assigned to this unit (lead, assisting or separate) with an assignment date (China time) in the period; those moved to another unit are not counted.' },
    rows: assignedTo,
  }),
  unitQueryFigure({
    code: 'proposals.unit_lead', order: 101, link, within: 'proposals.unit_assigned',
    name: { zh: '其中主办', en: 'Of which as lead unit' },
    definition: { zh: '上述提案中，本单位为主办单位的件数。', en: 'Of those proposals, the ones this unit leads.' },
    rows: (db, unit, r) => assignedTo(db, unit, r).where('a.role', '=', 'lead'),
  }),
  unitQueryFigure({
    code: 'proposals.unit_replied', order: 102, link, within: 'proposals.unit_assigned',
    name: { zh: '已答复', en: 'Answered' },
    definition: { zh: '上述提案中，本单位已作出答复的件数（答复日期不限）。', en: 'Of those proposals, the ones this unit has answered, whenever it answered.' },
    rows: (db, unit, r) => assignedTo(db, unit, r).where('a.replied_at', 'is not', null),
  }),
  unitQueryFigure({
    code: 'proposals.unit_on_time', order: 103, link, within: 'proposals.unit_replied',
    name: { zh: '按期答复', en: 'Answered on time' },
    definition: { zh: '已答复的提案中，最近一次答复在办理期限当日（中国时间）或之前的件数。', en: 'Of the answered proposals, those whose latest answer came on or before the deadline (China time).' },
    // The deadline is a China date: it ends at 16:00 UTC of the same calendar day.
    rows: (db, unit, r) => assignedTo(db, unit, r).where('a.replied_at', 'is not', null).where(sql<boolean>`a.replied_at < a.deadline || 'T16:00:00.000Z'`),
  }),
  unitQueryFigure({
    code: 'proposals.unit_ratings', order: 110, link,
    name: { zh: '委员测评', en: "Proposers' ratings" },
    definition: { zh: '提案者在期间内（按测评日期）对本单位办理工作作出的满意度测评次数。', en: "Ratings of this unit's handling given by proposers in the period, by rating date." },
    rows: unitRatings,
  }),
  unitQueryFigure({
    code: 'proposals.unit_satisfied', order: 111, link, within: 'proposals.unit_ratings',
    name: { zh: '满意和基本满意', en: 'Satisfied or basically satisfied' },
    definition: { zh: '上述测评中，结果为满意或基本满意的次数。', en: 'Of those ratings, the ones rating the handling satisfied or basically satisfied.' },
    rows: (db, unit, r) => unitRatings(db, unit, r).where('e.result', 'in', ['satisfied', 'basically_satisfied']),
  }),
];
