// Documents: a proposal and a reply letter as .docx, for whoever may read the proposal.
import type { Ctx } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { chinaDate } from '../../platform/time.js';
import { proposalDocx, replyDocx } from './docx.js';
import { proposalFacts, requireProposal } from './service.js';

const KIND = { individual: '个人提案', joint: '联名提案', collective: '集体提案' } as const;
const fileName = (name: string) => name.replace(/[\\/:*?"<>|]/g, '_').slice(0, 80) + '.docx';

/** The proposal's printable facts, after the caller's scope was checked (404 out of scope). */
async function readable(ctx: Ctx, id: number) {
  const detail = await requireProposal(ctx, id);
  const [facts] = await proposalFacts(ctx.db, [id]);
  const org = await ctx.db.selectFrom('organizations').select('name').where('id', '=', detail.organizationId).executeTakeFirstOrThrow();
  return { detail, facts: facts!, organizationName: org.name };
}

export async function proposalDocument(ctx: Ctx, id: number) {
  const { detail, facts, organizationName } = await readable(ctx, id);
  const buffer = await proposalDocx({
    organizationName, sessionLabel: facts.sessionLabel, numberLabel: facts.numberLabel, number: facts.number, title: facts.title, kind: KIND[detail.kind],
    proposers: facts.proposers, category: facts.categoryName, filedOn: detail.filedAt ? chinaDate(new Date(detail.filedAt)) : null,
    reasons: facts.reasons, suggestions: facts.suggestions, units: facts.units,
  });
  return { buffer, filename: fileName(`${facts.numberLabel ?? '提案'} ${facts.title}`) };
}

export async function replyDocument(ctx: Ctx, replyId: number) {
  const missing = () => notFound({ zh: '答复不存在', en: 'No such reply' });
  const reply = await ctx.db
    .selectFrom('proposal_replies as r')
    .innerJoin('proposal_assignments as a', 'a.id', 'r.assignment_id')
    .innerJoin('handling_units as u', 'u.id', 'a.unit_id')
    .select(['r.proposal_id', 'r.class', 'r.class_reason', 'r.letter_text', 'r.replied_at', 'u.name as unit_name'])
    .where('r.id', '=', replyId)
    .executeTakeFirst();
  if (!reply) throw missing();
  const { detail, facts, organizationName } = await readable(ctx, reply.proposal_id).catch(() => Promise.reject(missing()));
  const buffer = await replyDocx({
    unitName: reply.unit_name, organizationName, numberLabel: facts.numberLabel, title: facts.title, class: reply.class, classReason: reply.class_reason,
    salutation: detail.memberId ? `尊敬的${facts.proposerName}委员` : facts.proposerName, letterText: reply.letter_text, repliedOn: chinaDate(new Date(reply.replied_at)),
  });
  return { buffer, filename: fileName(`${reply.unit_name}关于${facts.numberLabel ?? facts.title}的答复`) };
}
