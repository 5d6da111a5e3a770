// Forwarding and what came back: where a report or a whole issue was sent, adoption by the
// national, provincial or city level, leaders' instructions (批示), and departments' feedback.
import type { z } from 'zod';
import type { Ctx, Trx } from '../../platform/context.js';
import type * as s from './schema.js';
import { notAfterToday, notBefore } from '../../platform/dates.js';
import { conflict } from '../../platform/errors.js';
import { applyEvent, checkEvent, lockOpinion, lockOpinions, now, publishChange, requireOfficeAt, type OpinionRow } from './commands.js';
import { requireIssue } from './issues.js';
import { award, levelEvent } from './scoring.js';
import type { OpinionEvent } from './workflow.js';
import { replaceDuty } from '../duty/service.js';
import { opinionsDuty } from './duty.js';

const steps = {
  submitted: { zh: '该信息的提交日期', en: "the report's submission date" },
  compiled: { zh: '该信息的编报日期', en: "the report's compilation date" },
  forwarded: { zh: '该信息的报送日期', en: "the report's forwarding date" },
};

/**
 * A date typed for what happened to a report after it was sent up: not later than today, and not
 * before the steps the event follows (adopted only after it was compiled and forwarded, and so on).
 * Checked after the workflow allows the event, so that a caller without the right learns nothing.
 */
async function checkDate(ctx: Ctx, trx: Trx, row: OpinionRow, event: OpinionEvent, field: string, date: string, after: (keyof typeof steps)[]) {
  checkEvent(ctx, row, event);
  notAfterToday(field, date);
  const issue = await trx.selectFrom('opinion_issue_items as i').innerJoin('opinion_issues as o', 'o.id', 'i.issue_id').select('o.published_on').where('i.opinion_id', '=', row.id).orderBy('o.published_on').executeTakeFirst();
  const sent = await trx.selectFrom('opinion_forwardings').select('sent_on').where('opinion_id', '=', row.id).orderBy('sent_on').executeTakeFirst();
  const at = { submitted: row.submitted_at, compiled: issue?.published_on, forwarded: sent?.sent_on };
  for (const step of after) notBefore(field, date, at[step], steps[step]);
}

async function forwardOne(ctx: Ctx, trx: Trx, row: OpinionRow, input: z.infer<typeof s.forwardIn>, issueId: number | null) {
  await checkDate(ctx, trx, row, 'forward', 'body.sentOn', input.sentOn, ['submitted', 'compiled']);
  await applyEvent(ctx, trx, row, 'forward', {}, { recipient: input.recipient, recipientName: input.recipientName ?? null, sentOn: input.sentOn, issueId });
  await trx
    .insertInto('opinion_forwardings')
    .values({ opinion_id: row.id, issue_id: issueId, recipient: input.recipient, recipient_name: input.recipientName ?? null, sent_on: input.sentOn, created_by: ctx.actor!.userId, created_at: now() })
    .execute();
}

export async function forward(ctx: Ctx, id: number, input: z.infer<typeof s.forwardIn>) {
  await ctx.db.transaction().execute(async (trx) => forwardOne(ctx, trx, await lockOpinion(ctx, trx, id), input, null));
  await publishChange(ctx, [id]);
}

/** Forwarding an issue forwards every report in it. */
export async function forwardIssue(ctx: Ctx, issueId: number, input: z.infer<typeof s.forwardIn>) {
  const issue = await requireIssue(ctx, issueId);
  requireOfficeAt(ctx, issue.organizationId);
  const ids = issue.items.map((i) => i.opinionId);
  await ctx.db.transaction().execute(async (trx) => {
    await lockOpinions(ctx, trx, ids);
    for (const id of ids) await forwardOne(ctx, trx, await lockOpinion(ctx, trx, id), input, issueId);
  });
  await publishChange(ctx, ids);
  return issue;
}

export async function recordAdoption(ctx: Ctx, id: number, input: z.infer<typeof s.adoptionIn>) {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await lockOpinion(ctx, trx, id);
    await checkDate(ctx, trx, row, 'adopt', 'body.adoptedOn', input.adoptedOn, ['submitted', 'compiled', 'forwarded']);
    // A further level may adopt an adopted report; the same level twice would count (and score) it twice.
    const same = await trx.selectFrom('opinion_adoptions').select('adopted_on').where('opinion_id', '=', id).where('level', '=', input.level).executeTakeFirst();
    if (same) throw conflict({ zh: `该信息已有同一层级的采用记录（${same.adopted_on}）`, en: `This report already has an adoption at this level (${same.adopted_on})` });
    await applyEvent(ctx, trx, row, 'adopt', {}, { level: input.level, adoptedBy: input.adoptedBy, adoptedOn: input.adoptedOn });
    await trx.insertInto('opinion_adoptions').values({ opinion_id: id, level: input.level, adopted_by: input.adoptedBy, adopted_on: input.adoptedOn, created_at: now() }).execute();
    await award(trx, row, levelEvent('adopted', input.level));
    await replaceDuty(trx, opinionsDuty, [row.id]);
  });
  await publishChange(ctx, [id]);
}

export async function recordInstruction(ctx: Ctx, id: number, input: z.infer<typeof s.instructionIn>) {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await lockOpinion(ctx, trx, id);
    await checkDate(ctx, trx, row, 'instruct', 'body.instructedOn', input.instructedOn, ['submitted', 'compiled', 'forwarded']);
    await applyEvent(ctx, trx, row, 'instruct', {}, { leader: input.leader, level: input.level, instructedOn: input.instructedOn });
    await trx.insertInto('opinion_instructions').values({ opinion_id: id, leader: input.leader, level: input.level, instructed_on: input.instructedOn, text: input.text, created_at: now() }).execute();
    await award(trx, row, levelEvent('instruction', input.level));
    await replaceDuty(trx, opinionsDuty, [row.id]);
  });
  await publishChange(ctx, [id]);
}

export async function recordFeedback(ctx: Ctx, id: number, input: z.infer<typeof s.feedbackIn>) {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await lockOpinion(ctx, trx, id);
    await checkDate(ctx, trx, row, 'feedback', 'body.receivedOn', input.receivedOn, ['submitted', 'forwarded']);
    await applyEvent(ctx, trx, row, 'feedback', {}, { fromName: input.fromName, final: input.final });
    await trx.insertInto('opinion_feedback').values({ opinion_id: id, from_name: input.fromName, text: input.text, received_on: input.receivedOn, final: input.final ? 1 : 0, created_at: now() }).execute();
  });
  await publishChange(ctx, [id]);
}

