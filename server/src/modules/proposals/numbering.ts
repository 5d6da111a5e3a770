// Proposal numbers: gapless and unique within a session (第九届第二次会议 第0001号). The counter row
// of the session is incremented in the accepting transaction: concurrent accepts queue on that row
// (PostgreSQL row lock, SQLite's single writer), and an accept that fails rolls its number back.
import type { Trx } from '../../platform/context.js';

const digits = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** Chinese numerals as used in term and session names (1–99: 一 … 十二 … 二十 …). */
export function chineseNumber(n: number): string {
  if (n < 10) return digits[n]!;
  if (n < 20) return '十' + (n % 10 ? digits[n % 10] : '');
  if (n < 100) return digits[Math.floor(n / 10)] + '十' + (n % 10 ? digits[n % 10] : '');
  return String(n);
}

/** English ordinals: 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 22nd, 101st, 111th. */
export function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${{ 1: 'st', 2: 'nd', 3: 'rd' }[n % 10] ?? 'th'}`;
}

export const sessionLabel = (term: number, session: number) => `第${chineseNumber(term)}届第${chineseNumber(session)}次会议`;
export const sessionLabelEn = (term: number, session: number) => `${ordinal(session)} Session of the ${ordinal(term)} Term`;
/** 第0037号: the number alone, as the official forms print it. */
export const numberOnly = (number: number) => `第${String(number).padStart(4, '0')}号`;
export const numberLabel = (term: number, session: number, number: number) => `${sessionLabel(term, session)} ${numberOnly(number)}`;
/** No. 37, 5th Session of the 9th Term */
export const numberLabelEn = (term: number, session: number, number: number) => `No. ${number}, ${sessionLabelEn(term, session)}`;

/** The next number of the session; call inside the transaction that accepts the proposal. */
export async function nextNumber(trx: Trx, sessionId: number): Promise<number> {
  await trx
    .insertInto('proposal_counters')
    .values({ session_id: sessionId, last_number: 0 })
    .onConflict((oc) => oc.column('session_id').doNothing())
    .execute();
  const row = await trx
    .updateTable('proposal_counters')
    .set((eb) => ({ last_number: eb('last_number', '+', 1) }))
    .where('session_id', '=', sessionId)
    .returning('last_number')
    .executeTakeFirstOrThrow();
  return row.last_number;
}
