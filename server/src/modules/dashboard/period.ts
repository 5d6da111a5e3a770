// The period a request asks about: a calendar year in China, or a span of China's dates (both
// ends included). One place decides what a period may be, so every dashboard route refuses the
// same things with the same field named.
import { invalid } from '../../platform/errors.js';
import type { FigureRange } from '../../platform/figures.js';
import { addDays, addMonths, chinaYear, yearRange } from '../../platform/time.js';

/** Longer periods are not a report's: and every figure would scan the whole history. */
const MAX_YEARS = 10;

export interface Period {
  range: FigureRange;
  year: number | null;
  /** The first and last day, China's dates. */
  from: string;
  to: string;
}

/** The instant a China date begins. */
export const chinaStart = (date: string) => new Date(`${date}T00:00:00+08:00`).toISOString();

export function periodOf(q: { year?: number; from?: string; to?: string }): Period {
  if (q.year !== undefined && (q.from || q.to)) throw invalid('querystring.year', { zh: '请只选择年份或起止日期之一', en: 'Give either a year or a from/to period, not both' }, 'conflict');
  if (q.from && !q.to) throw invalid('querystring.to', { zh: '请填写截止日期', en: 'Give the last day of the period (to)' }, 'required');
  if (q.to && !q.from) throw invalid('querystring.from', { zh: '请填写起始日期', en: 'Give the first day of the period (from)' }, 'required');
  if (q.from && q.to) {
    if (q.to < q.from) throw invalid('querystring.to', { zh: '截止日期不能早于起始日期', en: 'The last day cannot be before the first' }, 'too_early');
    if (q.to >= addMonths(q.from, MAX_YEARS * 12)) throw invalid('querystring.to', { zh: `统计期间不能超过 ${MAX_YEARS} 年`, en: `The period cannot be longer than ${MAX_YEARS} years` }, 'too_long');
    const end = addDays(q.to, 1);
    return { year: null, from: q.from, to: q.to, range: { from: chinaStart(q.from), to: chinaStart(end), fromDate: q.from, toDate: end } };
  }
  const year = q.year ?? chinaYear();
  const { from, to } = yearRange(year);
  return { year, from: `${year}-01-01`, to: `${year}-12-31`, range: { from, to, fromDate: `${year}-01-01`, toDate: `${year + 1}-01-01` } };
}
