// Dates as the people who use the platform count them: in China (UTC+8, no daylight saving). A
// report sent at 07:00 on New Year's Day in Jiaxing belongs to the new year, though it is still
// the old one in UTC. Times are stored as UTC ISO text; years, months and dates are China's.
export const CHINA_OFFSET_MS = 8 * 3_600_000;

const shifted = (at: Date | string) => new Date(new Date(at).getTime() + CHINA_OFFSET_MS);

/** The date in China, YYYY-MM-DD. */
export const chinaDate = (at: Date | string = new Date()) => shifted(at).toISOString().slice(0, 10);
/** The calendar year in China. */
export const chinaYear = (at: Date | string = new Date()) => shifted(at).getUTCFullYear();
/** The month in China, 0 for January. */
export const chinaMonth = (at: Date | string) => shifted(at).getUTCMonth();

const start = (year: number, month: number) => new Date(Date.UTC(year, month, 1) - CHINA_OFFSET_MS).toISOString();
/** [from, to) as UTC ISO text of a calendar year in China. */
export const yearRange = (year: number) => ({ from: start(year, 0), to: start(year + 1, 0) });
/** [from, to) as UTC ISO text of each month of a calendar year in China, January first. */
export const monthRanges = (year: number) => Array.from({ length: 12 }, (_, m) => ({ month: m + 1, from: start(year, m), to: start(year, m + 1) }));
