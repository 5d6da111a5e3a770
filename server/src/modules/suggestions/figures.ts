// The suggestions' figures (意见建议), declared for each module that feeds the tracker: made,
// answered and adopted, all by the date the suggestion was made, whatever its answer's date (an
// answer often comes the next year), as the tracker's own statistics count them.
import type { Trx } from '../../platform/context.js';
import type { SuggestionSourceType, SuggestionState } from '../../platform/db/suggestion-types.js';
import { queryFigure, unitQueryFigure, type FigureRange, type UnitFigureDeclaration } from '../../platform/figures.js';
import type { Text } from '../../platform/errors.js';
import { ANSWERED_STATES } from './stats.js';

/** The three figures of one source: codes `<module>.suggestions_made` and so on, placed from `order` on; the answered one a headline if asked. */
export function suggestionFigures(module: string, source: SuggestionSourceType, from: Text, order: number, headline = false) {
  const of = (states: readonly SuggestionState[] | null) => (db: Trx, orgs: number[], r: FigureRange) => {
    const q = db.selectFrom('suggestions as sg').where('sg.organization_id', 'in', orgs).where('sg.source_type', '=', source)
      .where('sg.created_at', '>=', r.from).where('sg.created_at', '<', r.to)
      .select(['sg.id as key', 'sg.title as title', 'sg.created_at as date', 'sg.id as target']);
    return states ? q.where('sg.state', 'in', [...states]) : q;
  };
  const link = (id: number) => `/suggestions/${id}`;
  return [
    queryFigure({
      code: `${module}.suggestions_made`, order, public: true, link,
      name: { zh: `${from.zh}形成意见建议`, en: `Suggestions from ${from.en}` },
      definition: { zh: `期间内（按形成日期）从${from.zh}中整理形成的意见建议条数。`, en: `Suggestions drawn from ${from.en} and recorded in the period (by the date recorded).` },
      rows: of(null),
    }),
    queryFigure({
      code: `${module}.suggestions_answered`, order: order + 1, public: true, headline, link, within: `${module}.suggestions_made`,
      name: { zh: `${from.zh}意见建议已答复`, en: `Suggestions from ${from.en} answered` },
      definition: { zh: '上述意见建议中，承办单位均已答复的条数（答复日期不限）。', en: 'Of those suggestions, the ones every assigned unit has answered, whenever it answered.' },
      rows: of(ANSWERED_STATES),
    }),
    queryFigure({
      code: `${module}.suggestions_adopted`, order: order + 2, public: true, link, within: `${module}.suggestions_answered`,
      name: { zh: `${from.zh}意见建议已采纳`, en: `Suggestions from ${from.en} adopted` },
      definition: { zh: '上述意见建议中，经答复后确认采纳的条数。', en: 'Of those suggestions, the ones confirmed as adopted after their answer.' },
      rows: of(['adopted']),
    }),
  ];
}

// A handling unit's own suggestions, from every source, by the date they were assigned to it.
const assignedTo = (db: Trx, unitId: number, r: FigureRange) =>
  db.selectFrom('suggestion_units as su').innerJoin('suggestions as sg', 'sg.id', 'su.suggestion_id')
    .where('su.unit_id', '=', unitId).where('su.assigned_at', '>=', r.from).where('su.assigned_at', '<', r.to)
    .select(['sg.id as key', 'sg.title as title', 'su.assigned_at as date', 'sg.id as target']);
const link = (id: number) => `/suggestions/${id}`;

export const suggestionUnitFigures: UnitFigureDeclaration[] = [
  unitQueryFigure({
    code: 'suggestions.unit_assigned', order: 300, link,
    name: { zh: '交本单位办理的意见建议', en: 'Suggestions assigned to us' },
    definition: { zh: '交办日期（中国时间）在期间内、交由本单位答复的意见建议条数（协商会议、议事厅等各来源）。', en: 'Suggestions (from meetings, halls and every other source) assigned to this unit to answer, with an assignment date (China time) in the period.' },
    rows: assignedTo,
  }),
  unitQueryFigure({
    code: 'suggestions.unit_answered', order: 301, link, within: 'suggestions.unit_assigned',
    name: { zh: '已答复', en: 'Answered' },
    definition: { zh: '上述意见建议中，本单位已答复的条数（答复日期不限）。', en: 'Of those suggestions, the ones this unit has answered, whenever it answered.' },
    rows: (db, unit, r) => assignedTo(db, unit, r).where('su.answered_at', 'is not', null),
  }),
  unitQueryFigure({
    code: 'suggestions.unit_adopted', order: 302, link, within: 'suggestions.unit_answered',
    name: { zh: '已采纳', en: 'Adopted' },
    definition: { zh: '本单位已答复的意见建议中，经答复后确认采纳的条数。', en: 'Of the suggestions this unit answered, the ones confirmed as adopted after their answer.' },
    rows: (db, unit, r) => assignedTo(db, unit, r).where('su.answered_at', 'is not', null).where('sg.state', '=', 'adopted'),
  }),
];
