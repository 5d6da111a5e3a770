// The rules of attendance, once for every kind of event: when the check-in window is open, and
// what a person's attendance is (present, late, on leave, absent, still expected).
import { conflict, type AppError, type Text } from '../../platform/errors.js';
import { clock } from '../../platform/time.js';

/** Check-in opens an hour before the start, so that people arriving early are not turned away. */
export const EARLY_MS = 60 * 60 * 1000;
/** An event without a recorded end (hall sessions planned before they had one) is taken to last three hours. */
export const DEFAULT_LENGTH_MS = 3 * 60 * 60 * 1000;

/**
 * Where an event stands, as its module maps its own states: not yet published, cancelled,
 * scheduled (the window decides) or over (recorded as ended or held).
 */
export type Phase = 'draft' | 'cancelled' | 'scheduled' | 'ended';
export type AttendanceStatus = 'present' | 'leave' | 'absent' | 'expected';

export interface Window {
  phase: Phase;
  startsAt: string;
  endsAt: string | null;
}

export const opensAt = (w: Pick<Window, 'startsAt'>) => new Date(Date.parse(w.startsAt) - EARLY_MS).toISOString();
export const closesAt = (w: Pick<Window, 'startsAt' | 'endsAt'>) => w.endsAt ?? new Date(Date.parse(w.startsAt) + DEFAULT_LENGTH_MS).toISOString();

const shanghai = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

/** Null when check-in is open now; otherwise the 409 that names the window and why it is shut. */
export function windowProblem(w: Window, noun: Text, at = clock.now().getTime()): AppError | null {
  if (w.phase === 'cancelled') return conflict({ zh: `该${noun.zh}已取消，不能签到`, en: `The ${noun.en} is cancelled; there is no check-in` });
  if (w.phase === 'draft') return conflict({ zh: `该${noun.zh}尚未发布，不能签到`, en: `The ${noun.en} is not published; there is no check-in yet` });
  const opens = opensAt(w);
  const closes = closesAt(w);
  if (at < Date.parse(opens))
    return conflict({ zh: `签到尚未开始，请于 ${shanghai(opens)} 后签到（签到时间 ${shanghai(opens)} 至 ${shanghai(closes)}）`, en: `Check-in has not opened; it opens at ${opens} and closes at ${closes}` });
  if (w.phase === 'ended' || at > Date.parse(closes))
    return conflict({ zh: `签到已结束，签到码已失效（签到时间 ${shanghai(opens)} 至 ${shanghai(closes)}）`, en: `Check-in is over; the code has expired (it was open from ${opens} to ${closes})` });
  return null;
}

/** A person checked in after the start came late; the office sees it beside the time. */
export const isLate = (w: Pick<Window, 'startsAt'>, checkedInAt: string | null) => !!checkedInAt && checkedInAt > w.startsAt;

/** Present once checked in; excused when on leave; absent once the event is over; expected until then. */
export function statusOf(phase: Phase, p: { checkedInAt: string | null; onLeave?: boolean }): AttendanceStatus {
  if (p.checkedInAt) return 'present';
  if (p.onLeave) return 'leave';
  return phase === 'ended' ? 'absent' : 'expected';
}
