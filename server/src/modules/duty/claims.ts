// A member's claim of an act no module saw (a research trip, a training): the member writes it
// with a note; the office approves it into an entry (and so an event), or returns it with a reason.
// A claim is decided once: deciding it again is a 409 naming its state.
import type { z } from 'zod';
import { audit } from '../../platform/audit.js';
import { visibleOrgs, type Ctx } from '../../platform/context.js';
import { AppError, forbidden, notFound } from '../../platform/errors.js';
import { clock } from '../../platform/time.js';
import { requireEditor, requireMember, requireReader } from './access.js';
import { checkEntry, writeEntry } from './commands.js';
import type * as s from './schema.js';

const states = { pending: { zh: '待审核', en: 'pending' }, approved: { zh: '已认定', en: 'approved' }, returned: { zh: '已退回', en: 'returned' } } as const;

export async function claim(ctx: Ctx, input: z.infer<typeof s.claimIn>) {
  const memberId = requireMember(ctx);
  checkEntry(input);
  return ctx.db.transaction().execute(async (trx) => {
    const member = await trx.selectFrom('members').select(['organization_id', 'status']).where('id', '=', memberId).executeTakeFirstOrThrow();
    if (member.status !== 'active') throw forbidden({ zh: '只有在任委员可以申报履职', en: 'Only serving members claim duty' });
    const row = await trx
      .insertInto('duty_claims')
      .values({ organization_id: member.organization_id, member_id: memberId, kind: input.kind, title: input.title, occurred_on: input.occurredOn, note: input.note, state: 'pending', return_reason: null, entry_id: null, decided_by: null, decided_at: null, created_at: clock.now().toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, ctx, { action: 'submit', entityType: 'duty_claim', entityId: row.id, organizationId: member.organization_id, after: { kind: input.kind, title: input.title, occurredOn: input.occurredOn } });
    return { id: row.id };
  });
}

/** Approves a pending claim into an entry for its member, or returns it with the reason the member reads. */
export async function decide(ctx: Ctx, id: number, input: z.infer<typeof s.decideIn>) {
  await ctx.db.transaction().execute(async (trx) => {
    let q = trx.selectFrom('duty_claims').selectAll().where('id', '=', id);
    if (ctx.dialect === 'postgres') q = q.forUpdate();
    const row = await q.executeTakeFirst();
    if (!row || !visibleOrgs(ctx, ctx.actor!).includes(row.organization_id)) throw notFound({ zh: '履职申报不存在', en: 'No such claim' });
    requireEditor(ctx, row.organization_id);
    if (row.state !== 'pending')
      throw new AppError('conflict', { zh: `该申报${states[row.state].zh}，不能再审核`, en: `The claim is already ${states[row.state].en}` }, undefined, { state: row.state });
    const entryId = input.decision === 'approve'
      ? await writeEntry(ctx, trx, { organizationId: row.organization_id, memberIds: [row.member_id], kind: row.kind, title: row.title, occurredOn: row.occurred_on, reason: `委员申报：${row.note}` })
      : null;
    const state = input.decision === 'approve' ? 'approved' : 'returned';
    await trx.updateTable('duty_claims').set({ state, entry_id: entryId, return_reason: input.decision === 'return' ? input.reason! : null, decided_by: ctx.actor!.userId, decided_at: clock.now().toISOString() }).where('id', '=', id).where('state', '=', 'pending').execute();
    await audit(trx, ctx, { action: input.decision, entityType: 'duty_claim', entityId: id, organizationId: row.organization_id, before: { state: 'pending' }, after: { state, entryId, reason: input.reason ?? null } });
  });
}

const columns = ['c.id', 'c.member_id as memberId', 'm.name as memberName', 'c.kind', 'c.title', 'c.occurred_on as occurredOn', 'c.note', 'c.state', 'c.return_reason as returnReason', 'c.created_at as createdAt'] as const;

/** The caller's own claims, newest first. */
export async function myClaims(ctx: Ctx) {
  const memberId = requireMember(ctx);
  return ctx.db.selectFrom('duty_claims as c').innerJoin('members as m', 'm.id', 'c.member_id').select(columns).where('c.member_id', '=', memberId).orderBy('c.id', 'desc').limit(100).execute();
}

/** An organization's claims in a state (pending by default), oldest first: the office's queue. */
export async function claimsOf(ctx: Ctx, q: z.infer<typeof s.claimsQuery>) {
  const organizationId = q.organizationId ?? ctx.actor!.organizationId;
  requireReader(ctx, organizationId);
  return ctx.db.selectFrom('duty_claims as c').innerJoin('members as m', 'm.id', 'c.member_id').select(columns)
    .where('c.organization_id', '=', organizationId).where('c.state', '=', q.state).orderBy('c.id').limit(200).execute();
}
