// Public disclosure: the office marks accepted proposals public, and with them their replies if it
// chooses; the public page lists and searches them. What leaves here is chosen field by field:
// the proposers' names and sectors, never a phone number, workplace, account or member id.
import { sql } from 'kysely';
import type { z } from 'zod';
import type { Ctx, Services } from '../../platform/context.js';
import type { ProposalKind, ProposalState } from '../../platform/db/types.js';
import { notFound } from '../../platform/errors.js';
import { matchingIds } from '../../platform/search.js';
import { chinaDate } from '../../platform/time.js';
import { ACCEPTED_STATES, auditProposal, officeProposal, requireAccepted } from './followup.js';
import type * as s from './followup-schema.js';
import { proposalFacts } from './service.js';

async function disclosureOf(db: Services['db'], id: number) {
  const row = await db.selectFrom('proposals as p').leftJoin('proposal_disclosures as d', 'd.proposal_id', 'p.id').select(['p.is_public', 'd.replies_public']).where('p.id', '=', id).executeTakeFirstOrThrow();
  return { proposalId: id, public: !!row.is_public, replies: !!row.is_public && !!row.replies_public };
}

export async function getDisclosure(ctx: Ctx, id: number) {
  await officeProposal(ctx, ctx.db, id);
  return disclosureOf(ctx.db, id);
}

export async function disclose(ctx: Ctx, id: number, input: z.infer<typeof s.disclosureIn>) {
  await ctx.db.transaction().execute(async (trx) => {
    const p = await officeProposal(ctx, trx, id, { forUpdate: true });
    // Withdrawing from the public page is always allowed; publishing only an accepted proposal.
    if (input.public) requireAccepted(p);
    const before = await disclosureOf(trx, id);
    const after = { proposalId: id, public: input.public, replies: input.public && input.replies };
    if (before.public === after.public && before.replies === after.replies) return;
    const at = new Date().toISOString();
    await trx.updateTable('proposals').set({ is_public: after.public ? 1 : 0, updated_at: at }).where('id', '=', id).execute();
    const values = { replies_public: after.replies ? 1 : 0, published_by: ctx.actor!.userId, published_at: at };
    await trx.insertInto('proposal_disclosures').values({ proposal_id: id, ...values }).onConflict((oc) => oc.column('proposal_id').doUpdateSet(values)).execute();
    await auditProposal(trx, ctx, p, 'disclose', { public: before.public, replies: before.replies }, { public: after.public, replies: after.replies });
  });
  return disclosureOf(ctx.db, id);
}

const publicRows = (db: Services['db']) =>
  db
    .selectFrom('proposals as p')
    .innerJoin('organizations as o', 'o.id', 'p.organization_id')
    .leftJoin('proposal_disclosures as d', 'd.proposal_id', 'p.id')
    .select(['p.id', 'o.name as organization_name', 'd.replies_public'])
    .where('p.is_public', '=', 1)
    .where('p.state', 'in', ACCEPTED_STATES);
type PublicRow = Awaited<ReturnType<ReturnType<typeof publicRows>['execute']>>[number];

/** Field by field what the public sees of these proposals. */
async function presentAll(db: Services['db'], rows: PublicRow[]) {
  const ids = rows.map((r) => r.id);
  const [facts, replied] = await Promise.all([
    proposalFacts(db, ids),
    ids.length ? db.selectFrom('proposal_replies').select('proposal_id').distinct().where('proposal_id', 'in', ids).execute() : [],
  ]);
  const answered = new Set(replied.map((r) => r.proposal_id));
  return rows.map((r) => {
    const f = facts.find((x) => x.id === r.id)!;
    return {
      id: r.id, organizationName: r.organization_name, year: f.year, sessionLabel: f.sessionLabel, sessionLabel_en: f.sessionLabel_en, number: f.number, title: f.title, kind: f.kind as ProposalKind,
      proposers: f.proposers.map((x) => ({ name: x.name, sector: x.sector })), category: f.categoryName, state: f.state as ProposalState,
      replied: !!r.replies_public && answered.has(r.id),
    };
  });
}

/** The public list, newest first, searchable (any two or more characters of the text). */
export async function publicList(services: Services, q: z.infer<typeof s.publicQuery>) {
  let base = publicRows(services.db);
  if (q.organizationId) base = base.where('p.organization_id', '=', q.organizationId);
  if (q.year) base = base.where('p.year', '=', q.year);
  if (q.q) {
    const match = matchingIds(services.dialect, 'proposal', q.q);
    base = base.where(match ? sql<boolean>`p.id in (${match})` : sql<boolean>`1 = 0`);
  }
  const page = q.cursor ? base.where('p.id', '<', Number(q.cursor)) : base;
  const [rows, total] = await Promise.all([
    page.orderBy('p.id', 'desc').limit(q.limit + 1).execute(),
    base.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const shown = rows.slice(0, q.limit);
  return { items: await presentAll(services.db, shown), nextCursor: rows.length > q.limit ? String(shown[shown.length - 1]!.id) : null, total: Number(total.n) };
}

export async function publicProposal(services: Services, id: number) {
  const row = await publicRows(services.db).where('p.id', '=', id).executeTakeFirst();
  if (!row) throw notFound({ zh: '提案不存在或未公开', en: 'No such public proposal' });
  const [[summary], [facts], replies] = await Promise.all([
    presentAll(services.db, [row]),
    proposalFacts(services.db, [id]),
    row.replies_public
      ? services.db.selectFrom('proposal_replies as r').innerJoin('proposal_assignments as a', 'a.id', 'r.assignment_id').innerJoin('handling_units as u', 'u.id', 'a.unit_id')
          .select(['u.name', 'r.class', 'r.letter_text', 'r.replied_at']).where('r.proposal_id', '=', id).orderBy('r.round').orderBy('r.id').execute()
      : [],
  ]);
  return {
    ...summary!,
    reasons: facts!.reasons,
    suggestions: facts!.suggestions,
    units: facts!.units.map((u) => ({ name: u.name, role: u.role })),
    replies: replies.map((r) => ({ unitName: r.name, class: r.class, letterText: r.letter_text, repliedOn: chinaDate(new Date(r.replied_at)) })),
  };
}
