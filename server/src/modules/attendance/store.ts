// The check-in rows of every source: one per person and event (the unique keys decide), read back
// for the headcount and the attendance list. Only this file writes attendance_checkins.
import type { Trx } from '../../platform/context.js';
import type { AttendanceSource, CheckinMethod } from '../../platform/db/attendance-types.js';

export interface NewCheckin {
  type: AttendanceSource;
  sourceId: number;
  organizationId: number;
  userId: number;
  memberId: number | null;
  inviteeId: number | null;
  at: string;
  method: CheckinMethod;
}

export async function findCheckin(trx: Trx, type: AttendanceSource, sourceId: number, who: { userId: number; memberId: number | null }) {
  return trx.selectFrom('attendance_checkins').select(['id', 'at'])
    .where('source_type', '=', type).where('source_id', '=', sourceId)
    .where((eb) => (who.memberId === null ? eb('user_id', '=', who.userId) : eb.or([eb('user_id', '=', who.userId), eb('member_id', '=', who.memberId)])))
    .executeTakeFirst();
}

/** Inserts the row unless the person is already checked in; false when it was already there. */
export async function insertCheckin(trx: Trx, c: NewCheckin): Promise<boolean> {
  const res = await trx.insertInto('attendance_checkins').values({
    source_type: c.type, source_id: c.sourceId, organization_id: c.organizationId, user_id: c.userId, member_id: c.memberId, invitee_id: c.inviteeId, at: c.at, method: c.method,
  }).onConflict((oc) => oc.doNothing()).executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function checkinsOf(db: Trx, type: AttendanceSource, sourceId: number) {
  return db.selectFrom('attendance_checkins').select(['user_id', 'member_id', 'invitee_id', 'at', 'method'])
    .where('source_type', '=', type).where('source_id', '=', sourceId).orderBy('at').orderBy('id').execute();
}

export async function headcount(db: Trx, type: AttendanceSource, sourceId: number): Promise<number> {
  const row = await db.selectFrom('attendance_checkins').select((eb) => eb.fn.countAll().as('n')).where('source_type', '=', type).where('source_id', '=', sourceId).executeTakeFirstOrThrow();
  return Number(row.n);
}
