// Who reads the files of proposals: a proposal's attachments, a unit's assisting opinion and its
// reply letter. Whoever may read the proposal (access.ts) reads its attachments; the work of an
// assignment is read by those who see that assignment's work in the proposal's detail.
import type { Ctx } from '../../platform/context.js';
import type { FileAccess } from '../../platform/files.js';
import { mayRead, seesWork, standing, type ProposalRow, type Standing } from './access.js';

async function standingOn(ctx: Ctx, proposalId: number): Promise<Standing | null> {
  const row = await ctx.db.selectFrom('proposals').selectAll().where('id', '=', proposalId).executeTakeFirst();
  if (!row) return null;
  const st = await standing(ctx, ctx.db, row as ProposalRow);
  return mayRead(st) ? st : null;
}

async function seesWorkOf(ctx: Ctx, found: { proposal_id: number; assignment_id: number } | undefined): Promise<boolean> {
  if (!found) return false;
  const st = await standingOn(ctx, found.proposal_id);
  if (!st) return false;
  const assignments = await ctx.db.selectFrom('proposal_assignments').select(['id', 'role']).where('proposal_id', '=', found.proposal_id).execute();
  return seesWork(st, assignments, found.assignment_id);
}

export const fileAccess: FileAccess = {
  proposal: async (ctx, id) => (await standingOn(ctx, id)) !== null,
  proposal_assist: async (ctx, id) => seesWorkOf(ctx, await ctx.db.selectFrom('proposal_assist_opinions').select(['proposal_id', 'assignment_id']).where('id', '=', id).executeTakeFirst()),
  proposal_reply: async (ctx, id) => seesWorkOf(ctx, await ctx.db.selectFrom('proposal_replies').select(['proposal_id', 'assignment_id']).where('id', '=', id).executeTakeFirst()),
};
