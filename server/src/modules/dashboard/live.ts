// The big screen's live figures (驾驶舱). Screens that ask for the same organization, scope and
// period share one watch: one count at a time, at most one every RECOUNT_MS however many writes
// come and however many screens look, its answer encoded once and written to each of them. A
// count is asked for when any server process announces a committed write (platform/writes.ts),
// when the bus listens again after an outage (what was announced meanwhile is lost), and every
// few minutes in any case (writes that no request makes, such as a job's). A screen is sent the
// figures only when they differ from what it was last sent.
//
// A wall display runs for days: a watch lives exactly as long as it has a screen, and the hub
// holds nothing else per screen, so what it keeps grows with the screens open, never with time.
import type { ServerResponse } from 'node:http';
import type { FastifyBaseLogger, FastifyReply } from 'fastify';
import { isDatabaseUnavailable } from '../../platform/db/unavailable.js';
import type { EventBus } from '../../platform/events.js';
import { HEARTBEAT, openEventStream, sseFrame, writeEvent } from '../../platform/sse.js';
import { chinaYear } from '../../platform/time.js';
import { DATA_CHANGED } from '../../platform/writes.js';

export interface HubTimes {
  /** Least time between two counts of one watch. */
  recountMs: number;
  heartbeatMs: number;
  /** A count of every watch even without an announced write. */
  sweepMs: number;
  /** How often the year in China is read: screens of "this year" turn to the new one within this of midnight on 1 January. */
  yearMs: number;
}
const TIMES: HubTimes = { recountMs: 2000, heartbeatMs: 25_000, sweepMs: 5 * 60_000, yearMs: 1000 };
/** Screens one process serves at most: each holds a connection open. */
export const MAX_SCREENS = 2000;

interface Watch {
  screens: Set<ServerResponse>;
  count: () => Promise<unknown>;
  /** The last frame sent, to send to a screen that joins and to compare a new count with. */
  last: Buffer | null;
  dirty: boolean;
  counting: boolean;
  timer: NodeJS.Timeout | null;
  countedAt: number;
}

export class FigureHub {
  private watches = new Map<string, Watch>();
  private offs: (() => void)[] = [];
  private timers: NodeJS.Timeout[] = [];
  private readonly times: HubTimes;
  /** Counts made since the start (for the state route: coalescing is observable). */
  private counts = 0;

  constructor(
    private readonly bus: EventBus,
    private readonly log: FastifyBaseLogger,
    times: Partial<HubTimes> = {},
  ) {
    this.times = { ...TIMES, ...times };
  }

  start(): void {
    this.offs.push(this.bus.subscribe(DATA_CHANGED, () => this.changed()));
    this.offs.push(this.bus.onReconnected(() => this.changed()));
    this.timers.push(setInterval(() => this.heartbeat(), this.times.heartbeatMs));
    this.timers.push(setInterval(() => this.changed(), this.times.sweepMs));
    // Read from the platform clock rather than timed to midnight, so that a moved clock is followed too.
    let year = chinaYear();
    this.timers.push(setInterval(() => {
      if (chinaYear() === year) return;
      year = chinaYear();
      this.changed();
    }, this.times.yearMs));
    for (const t of this.timers) t.unref();
  }

  stop(): void {
    for (const off of this.offs.splice(0)) off();
    for (const t of this.timers.splice(0)) clearInterval(t);
    for (const w of this.watches.values()) {
      if (w.timer) clearTimeout(w.timer);
      for (const res of w.screens) res.end();
    }
    this.watches.clear();
  }

  get state() {
    let screens = 0;
    for (const w of this.watches.values()) screens += w.screens.size;
    return { screens, watches: this.watches.size, counts: this.counts };
  }

  get full(): boolean {
    return this.state.screens >= MAX_SCREENS;
  }

  /** Takes the reply over and streams the figures under `key` to it until the screen goes away. */
  open(reply: FastifyReply, key: string, count: () => Promise<unknown>): void {
    const res = openEventStream(reply);
    let w = this.watches.get(key);
    if (!w) {
      w = { screens: new Set(), count, last: null, dirty: true, counting: false, timer: null, countedAt: 0 };
      this.watches.set(key, w);
      this.schedule(key, w);
    }
    const watch = w;
    watch.screens.add(res);
    if (watch.last) writeEvent(res, watch.last);
    res.on('close', () => this.leave(key, watch, res));
  }

  private leave(key: string, w: Watch, res: ServerResponse): void {
    w.screens.delete(res);
    if (w.screens.size === 0 && this.watches.get(key) === w) {
      if (w.timer) clearTimeout(w.timer);
      w.timer = null;
      this.watches.delete(key);
    }
  }

  private changed(): void {
    for (const [key, w] of this.watches) {
      w.dirty = true;
      this.schedule(key, w);
    }
  }

  private schedule(key: string, w: Watch): void {
    if (w.counting || w.timer) return;
    const wait = Math.max(0, w.countedAt + this.times.recountMs - Date.now());
    w.timer = setTimeout(() => {
      w.timer = null;
      void this.recount(key, w);
    }, wait);
  }

  private async recount(key: string, w: Watch): Promise<void> {
    w.counting = true;
    w.dirty = false;
    w.countedAt = Date.now();
    this.counts++;
    try {
      const text = Buffer.from(sseFrame('figures', await w.count()));
      if (!w.last || !text.equals(w.last)) {
        w.last = text;
        for (const res of w.screens) writeEvent(res, text);
      }
    } catch (err) {
      // While the database is down this repeats quietly, once per recountMs; screens keep the last figures.
      if (!isDatabaseUnavailable(err)) this.log.warn({ err }, 'big screen: figures not counted');
      w.dirty = true;
    } finally {
      w.counting = false;
    }
    if (w.dirty && this.watches.get(key) === w) this.schedule(key, w);
  }

  private heartbeat(): void {
    for (const w of this.watches.values()) for (const res of w.screens) writeEvent(res, HEARTBEAT);
  }
}
