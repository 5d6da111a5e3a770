// Invited people who are not members (officials, experts, seats for the public) in a meeting's
// attendance: recorded and removed by the office, counted in the meeting's attendance beside
// the members, never in a member's duty record (that reads invitations only).
import type { z } from 'zod';
import { conflict, notFound } from '../../platform/errors.js';
import type { Ctx, Trx } from '../../platform/context.js';
import { maySeeContact } from '../../platform/privacy.js';
import { loadMeeting, now, record, requireOffice } from './commands.js';
import type * as s from './schema.js';

const what = { zh: '登记特邀人员', en: 'record invited guests' };

/** The meeting's guests; the phone only for those platform/privacy.ts lets see it (the office). */
export async function externalGuests(ctx: Ctx, db: Trx, meetingId: number, organizationId: number) {
  const rows = await db.selectFrom('consultation_external_guests').selectAll().where('meeting_id', '=', meetingId).orderBy('id').execute();
  const full = maySeeContact(ctx, { kind: 'guest', organizationId });
  return rows.map((r) => ({ id: r.id, name: r.name, category: r.category, workplace: r.workplace, phone: full ? r.phone : null }));
}

export async function addExternalGuest(ctx: Ctx, meetingId: number, input: z.infer<typeof s.externalGuestIn>) {
  return ctx.db.transaction().execute(async (trx) => {
    const m = await loadMeeting(ctx, trx, meetingId, { lock: true });
    requireOffice(ctx, m.organization_id, what);
    if (m.state === 'cancelled') throw conflict({ zh: '该协商活动已取消', en: 'The meeting is cancelled' });
    const guest = { name: input.name, category: input.category, workplace: input.workplace ?? null, phone: input.phone ?? null };
    const row = await trx
      .insertInto('consultation_external_guests')
      .values({ meeting_id: m.id, ...guest, created_by: ctx.actor!.userId, created_at: now() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await record(trx, ctx, 'consultation_meeting', m.id, m.organization_id, 'add_guest', undefined, { guestId: row.id, ...guest });
    return { id: row.id, ...guest };
  });
}

export async function removeExternalGuest(ctx: Ctx, meetingId: number, guestId: number) {
  await ctx.db.transaction().execute(async (trx) => {
    const m = await loadMeeting(ctx, trx, meetingId, { lock: true });
    requireOffice(ctx, m.organization_id, what);
    const guest = await trx.selectFrom('consultation_external_guests').selectAll().where('id', '=', guestId).where('meeting_id', '=', m.id).executeTakeFirst();
    if (!guest) throw notFound({ zh: '特邀人员不存在', en: 'No such guest at this meeting' });
    await trx.deleteFrom('consultation_external_guests').where('id', '=', guestId).execute();
    await record(trx, ctx, 'consultation_meeting', m.id, m.organization_id, 'remove_guest', { guestId, name: guest.name, category: guest.category, workplace: guest.workplace }, undefined);
  });
}
