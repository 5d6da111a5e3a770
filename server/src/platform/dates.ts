// Checks of the dates that people type (an adoption, a contact, a member's exit), against today in
// China and against the record they belong to. Each module states its rule with these, so that
// every refusal reads the same: a 400 naming the field and saying which date it may not cross.
import { invalid, type Text } from './errors.js';
import { chinaDate } from './time.js';

/** A stored date or time as China's calendar date: 'YYYY-MM-DD' stays, an instant is converted. */
const asDate = (at: string | Date) => (typeof at === 'string' && at.length === 10 ? at : chinaDate(at));

/** Refuses a date later than today in China (deadlines and plans do not use this). */
export function notAfterToday(field: string, date: string): void {
  const today = chinaDate();
  if (date > today) throw invalid(field, { zh: `日期不能晚于今天（${today}）`, en: `The date cannot be later than today (${today})` }, 'future_date');
}

/**
 * Refuses a date earlier than `earliest` (a date or a stored instant, read in China), which is
 * `what` of the record: { zh: '该信息的编报日期', en: "the report's compilation date" }. Nothing to
 * compare with (no such earlier step) lets the date pass.
 */
export function notBefore(field: string, date: string, earliest: string | Date | null | undefined, what: Text): void {
  if (earliest === null || earliest === undefined) return;
  const day = asDate(earliest);
  if (date < day) throw invalid(field, { zh: `不能早于${what.zh} ${day}`, en: `Cannot be earlier than ${what.en}, ${day}` }, 'too_early');
}
