// Who reads the files of reports (members' attachments, residents' photos): whoever may read the
// report itself (queries.ts mayRead): its reporters and the office and leaders of its organization.
import type { FileAccess } from '../../platform/files.js';
import { mayRead } from './queries.js';

export const fileAccess: FileAccess = {
  opinion: async (ctx, id) => {
    const row = await ctx.db.selectFrom('opinions').select(['organization_id', 'user_id']).where('id', '=', id).executeTakeFirst();
    if (!row) return false;
    const reporters = await ctx.db.selectFrom('opinion_reporters').select('member_id').where('opinion_id', '=', id).execute();
    return mayRead(ctx, row, reporters.map((r) => r.member_id));
  },
};
