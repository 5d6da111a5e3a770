// Check-in codes: a random token per event, unguessable and bound to it, and the QR image that
// carries the page address with the token. Meetings keep the token they always had; the other
// sources are issued one here on first use.
import crypto from 'node:crypto';
import QRCode from 'qrcode';
import type { Trx } from '../../platform/context.js';
import type { AttendanceSource } from '../../platform/db/attendance-types.js';
import { clock } from '../../platform/time.js';

export const newToken = () => crypto.randomBytes(24).toString('base64url');

export async function qrImages(url: string) {
  const png = await QRCode.toBuffer(url, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: 600 });
  const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { png: `data:image/png;base64,${png.toString('base64')}`, svg };
}

/** The event's token, issued on first use; `issued` says whether this call made it (and so is audited). */
export async function tokenFor(trx: Trx, type: AttendanceSource, id: number): Promise<{ token: string; issued: boolean }> {
  const found = await trx.selectFrom('attendance_codes').select('token').where('source_type', '=', type).where('source_id', '=', id).executeTakeFirst();
  if (found) return { token: found.token, issued: false };
  const token = newToken();
  // Two office pages opening at once: the unique key keeps one token, the other call reads it.
  const res = await trx.insertInto('attendance_codes').values({ source_type: type, source_id: id, token, created_at: clock.now().toISOString() })
    .onConflict((oc) => oc.columns(['source_type', 'source_id']).doNothing()).executeTakeFirst();
  if (Number(res.numInsertedOrUpdatedRows ?? 0) === 1) return { token, issued: true };
  const row = await trx.selectFrom('attendance_codes').select('token').where('source_type', '=', type).where('source_id', '=', id).executeTakeFirstOrThrow();
  return { token: row.token, issued: false };
}

export async function sourceIdByToken(trx: Trx, type: AttendanceSource, token: string): Promise<number | null> {
  const row = await trx.selectFrom('attendance_codes').select('source_id').where('source_type', '=', type).where('token', '=', token).executeTakeFirst();
  return row?.source_id ?? null;
}
