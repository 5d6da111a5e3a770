// Dates as the people who use the platform count them: in China (UTC+8, no daylight saving). A
// report sent at 07:00 on New Year's Day in Jiaxing belongs to the new year, though it is still
// the old one in UTC. Times are stored as UTC ISO text; years, months and dates are China's.
export const CHINA_OFFSET_MS = 8 * 3_600_000;

//
// This is the one place that turns an instant into a calendar date (lint forbids doing it from UTC
// elsewhere), and the one clock that "today" is read from: a test may set `clock.now` to stand at
// 00:30 in China, and the assignment keeps it to the real clock's type.
export const clock: { now: () => Date } = { now: () => new Date() };

const shifted = (at: Date | string) => new Date(new Date(at).getTime() + CHINA_OFFSET_MS);

/** The date in China, YYYY-MM-DD. */
export const chinaDate = (at: Date | string = clock.now()) => shifted(at).toISOString().slice(0, 10);
/** The minute in China, YYYY-MM-DDTHH:mm, as a datetime-local field takes it. */
export const chinaMinute = (at: Date | string = clock.now()) => shifted(at).toISOString().slice(0, 16);
/** The calendar year in China. */
export const chinaYear = (at: Date | string = clock.now()) => shifted(at).getUTCFullYear();
/** The month in China, 0 for January. */
export const chinaMonth = (at: Date | string) => shifted(at).getUTCMonth();

const start = (year: number, month: number) => new Date(Date.UTC(year, month, 1) - CHINA_OFFSET_MS).toISOString();
/** [from, to) as UTC ISO text of a calendar year in China. */
export const yearRange = (year: number) => ({ from: start(year, 0), to: start(year + 1, 0) });
/** [from, to) as UTC ISO text of each month of a calendar year in China, January first. */
export const monthRanges = (year: number) => Array.from({ length: 12 }, (_, m) => ({ month: m + 1, from: start(year, m), to: start(year, m + 1) }));

// Calendar arithmetic on YYYY-MM-DD: the day is read as a bare date (midnight UTC stands for it),
// so no time zone moves it.
const day = (date: string) => new Date(`${date}T00:00:00Z`);
/** The date `days` after (or before, when negative) a YYYY-MM-DD date. */
export const addDays = (date: string, days: number) => new Date(day(date).getTime() + days * 86_400_000).toISOString().slice(0, 10);
/** The same day `months` later, or the month's last day when it is shorter (30 November + 3 → 28 or 29 February). */
export function addMonths(date: string, months: number): string {
  const d = day(date);
  const dayOfMonth = d.getUTCDate();
  d.setUTCMonth(d.getUTCMonth() + months, 1);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(dayOfMonth, last));
  return d.toISOString().slice(0, 10);
}
/** A calendar date that arrives as a Date at midnight UTC (a spreadsheet's date cell), as YYYY-MM-DD. */
export const bareDate = (d: Date) => d.toISOString().slice(0, 10);
