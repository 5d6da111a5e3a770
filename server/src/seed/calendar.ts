// When the demo year's acts happen: on working days, in office hours in China, at times that differ
// to the second; and the queue that plays them in the order of their times, with the platform's
// clock standing at each act's moment, so that the commands write the times the act had.
import { clock, CHINA_OFFSET_MS } from '../platform/time.js';
import { int, type Rng } from './random.js';

export const DAY = 86_400_000;
const HOUR = 3_600_000;

/** The day of the week in China (0 = Sunday) of an instant: 1 January 1970 was a Thursday. */
export const chinaWeekday = (ms: number) => (Math.floor((ms + CHINA_OFFSET_MS) / DAY) + 4) % 7;
const weekday = chinaWeekday;
/** Midnight in China of the day an instant falls on. */
export const chinaMidnight = (ms: number) => ms - ((ms + CHINA_OFFSET_MS) % DAY);

/**
 * A moment in office hours (08:30–12:00, 13:30–17:30 in China) on the first working day at or
 * after `ms`'s day, with minutes, seconds and milliseconds drawn, never twice the same.
 */
export function officeTime(rng: Rng, ms: number): number {
  let day = chinaMidnight(ms);
  while (weekday(day) === 0 || weekday(day) === 6) day += DAY;
  const morning = rng() < 0.45;
  const from = morning ? 8.5 * HOUR : 13.5 * HOUR;
  const span = morning ? 3.5 * HOUR : 4 * HOUR;
  return day + from + Math.floor(rng() * span);
}

/**
 * Office time on the last working day at least `days` days before `ms`'s day: an act done lately
 * that is played whatever day of the week the demo is made on (a weekend's date would move it
 * past `ms`).
 */
export function officeTimeBefore(rng: Rng, ms: number, days: number): number {
  let day = chinaMidnight(ms) - days * DAY;
  while (weekday(day) === 0 || weekday(day) === 6) day -= DAY;
  return officeTime(rng, day);
}

/** Office time `min`–`max` days after `ms` (0 days: later the same day when office hours allow). */
export function later(rng: Rng, ms: number, min: number, max: number): number {
  const t = officeTime(rng, ms + int(rng, min, max) * DAY);
  return t > ms ? t : ms + int(rng, 5, 90) * 60_000 + int(rng, 0, 59_999);
}

/** Members also write in the evening and at weekends: 07:30–23:00 any day. */
export function anyTime(rng: Rng, ms: number): number {
  return chinaMidnight(ms) + 7.5 * HOUR + Math.floor(rng() * 15.5 * HOUR);
}

/**
 * The server's intake indexes the reports already queued while the seed goes on; on SQLite its
 * thread may hold the search file's lock longer than the wait allows. The act's transaction was
 * rolled back, so it is tried again.
 */
async function withRetry(run: () => Promise<void>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (err) {
      if ((err as { code?: string }).code !== 'SQLITE_BUSY' || attempt >= 5) throw err;
      await new Promise((r) => setTimeout(r, 250 * attempt));
    }
  }
}

interface Act {
  at: number;
  seq: number;
  run: () => Promise<void>;
}

/**
 * Acts sorted by time; an act may schedule later ones. Acts after `until` (the real now) are not
 * played: the year stops where it has got to. The clock is set back when the queue is done.
 */
export class Calendar {
  private acts: Act[] = [];
  private seq = 0;
  played = 0;
  constructor(readonly until: number) {}

  at(at: number, run: () => Promise<void>): void {
    const act = { at, seq: this.seq++, run };
    // Binary insertion keeps the queue ordered by time, then by the order acts were scheduled.
    let lo = 0;
    let hi = this.acts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const a = this.acts[mid]!;
      if (a.at < at || (a.at === at && a.seq < act.seq)) lo = mid + 1;
      else hi = mid;
    }
    this.acts.splice(lo, 0, act);
  }

  async play(): Promise<void> {
    const real = clock.now;
    try {
      while (this.acts.length) {
        const act = this.acts.shift()!;
        if (act.at > this.until) continue;
        const moment = new Date(act.at);
        clock.now = () => moment;
        await withRetry(act.run);
        this.played++;
      }
    } finally {
      clock.now = real;
    }
  }
}
