// Who reads the files of consultations: a meeting's materials, whoever may see the meeting; a
// speech's document, whoever may read the speech in full (speechAccess: the speaker, and the office
// and leaders once it is listed; other members not before it is approved, and then not in full).
import type { Trx } from '../../platform/context.js';
import type { FileAccess } from '../../platform/files.js';
import { maySeeMeeting, speechAccess, type MeetingRow } from './commands.js';

const meeting = async (db: Trx, id: number) =>
  (await db.selectFrom('consultation_meetings').selectAll().where('id', '=', id).executeTakeFirst()) as MeetingRow | undefined;

export const fileAccess: FileAccess = {
  meeting_material: async (ctx, id) => {
    const m = await meeting(ctx.db, id);
    return !!m && (await maySeeMeeting(ctx, ctx.db, m));
  },
  speech: async (ctx, id) => {
    const speech = await ctx.db.selectFrom('consultation_speeches').select(['meeting_id', 'member_id', 'state']).where('id', '=', id).executeTakeFirst();
    const m = speech && (await meeting(ctx.db, speech.meeting_id));
    return !!m && (await maySeeMeeting(ctx, ctx.db, m)) && speechAccess(ctx, m.organization_id, speech).full;
  },
};
