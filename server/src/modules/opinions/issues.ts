// Compiling accepted reports into bulletin issues, 《社情民意》第N期, numbered per organization and
// year without gaps or duplicates even when several staff compile at the same moment.
import type { z } from 'zod';
import { sql } from 'kysely';
import { audit } from '../../platform/audit.js';
import { invalid, notFound } from '../../platform/errors.js';
import { visibleOrgs, type Ctx, type Trx } from '../../platform/context.js';
import { chinaDate } from '../../platform/time.js';
import { notAfterToday, notBefore } from '../../platform/dates.js';
import type * as s from './schema.js';
import { applyEvent, lockOpinion, lockOpinions, now, publishChange, requireOfficeAt } from './commands.js';
import { organizationName } from '../orgs/service.js';
import { award } from './scoring.js';
import { replaceDuty } from '../duty/service.js';
import { opinionsDuty } from './duty.js';

/** The next number of the year. The caller holds the (organization, year) lock. */
async function nextNumber(ctx: Ctx, trx: Trx, organizationId: number, year: number): Promise<number> {
  // SQLite has one writer at a time, so the transaction alone serializes; PostgreSQL needs a lock
  // that is held until commit: an advisory lock per (organization, year).
  if (ctx.dialect === 'postgres') await sql`select pg_advisory_xact_lock(${7301}, ${organizationId * 10000 + year})`.execute(trx);
  const row = await trx.selectFrom('opinion_issues').select((eb) => eb.fn.max('number').as('n')).where('organization_id', '=', organizationId).where('year', '=', year).executeTakeFirst();
  return Number(row?.n ?? 0) + 1;
}

/** How the sources of a report are credited in print: members by name, else the place. */
export async function credits(trx: Trx, opinionId: number, placeName: string | null): Promise<string> {
  const names = await trx.selectFrom('opinion_reporters as r').innerJoin('members as m', 'm.id', 'r.member_id').select('m.name').where('r.opinion_id', '=', opinionId).orderBy('r.lead', 'desc').orderBy('m.id').execute();
  if (names.length) return names.map((n) => n.name).join('、');
  return placeName ? `${placeName}（群众反映）` : '群众反映';
}

export async function compile(ctx: Ctx, input: z.infer<typeof s.compileIn>) {
  requireOfficeAt(ctx, input.organizationId);
  const ids = input.items.map((i) => i.opinionId);
  if (new Set(ids).size !== ids.length) throw invalid('body.items', { zh: '同一条信息不能编入两次', en: 'A report appears twice' });
  if (input.publishedOn) notAfterToday('body.publishedOn', input.publishedOn);
  const publishedOn = input.publishedOn ?? chinaDate();
  const year = Number(publishedOn.slice(0, 4));
  const issueId = await ctx.db.transaction().execute(async (trx) => {
    const number = await nextNumber(ctx, trx, input.organizationId, year);
    const at = now();
    const issue = await trx
      .insertInto('opinion_issues')
      .values({ organization_id: input.organizationId, year, number, published_on: publishedOn, created_by: ctx.actor!.userId, created_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    await lockOpinions(ctx, trx, input.items.map((i) => i.opinionId));
    for (const [position, item] of input.items.entries()) {
      const row = await lockOpinion(ctx, trx, item.opinionId);
      if (row.organization_id !== input.organizationId)
        throw invalid(`body.items.${position}.opinionId`, { zh: '信息不属于该组织', en: 'The report belongs to another organization' });
      notBefore('body.publishedOn', publishedOn, row.submitted_at, { zh: `所编信息的提交日期（第 ${position + 1} 条）`, en: `the submission date of item ${position + 1}` });
      await applyEvent(ctx, trx, row, 'compile', {}, { issueId: issue.id, year, number });
      const place = row.place_id ? await trx.selectFrom('places').select('name').where('id', '=', row.place_id).executeTakeFirst() : null;
      await trx
        .insertInto('opinion_issue_items')
        .values({ issue_id: issue.id, opinion_id: row.id, position: position + 1, title: item.title ?? row.title, text: item.text ?? row.text, credits: item.credits ?? (await credits(trx, row.id, place?.name ?? null)) })
        .execute();
      await award(trx, row, 'compiled');
      await replaceDuty(trx, opinionsDuty, [row.id]);
    }
    await audit(trx, ctx, { action: 'compile', entityType: 'opinion_issue', entityId: issue.id, organizationId: input.organizationId, after: { year, number, opinionIds: ids } });
    return issue.id;
  });
  await publishChange(ctx, ids);
  return (await findIssue(ctx, issueId))!;
}

export async function findIssue(ctx: Ctx, id: number) {
  const issue = await ctx.db.selectFrom('opinion_issues').selectAll().where('id', '=', id).executeTakeFirst();
  if (!issue || !visibleOrgs(ctx, ctx.actor!).includes(issue.organization_id)) return null;
  const items = await ctx.db.selectFrom('opinion_issue_items').selectAll().where('issue_id', '=', id).orderBy('position').execute();
  return {
    id: issue.id, organizationId: issue.organization_id, organizationName: await organizationName(ctx.db, issue.organization_id),
    year: issue.year, number: issue.number, title: `《社情民意》${issue.year}年第${issue.number}期`, publishedOn: issue.published_on,
    items: items.map((i) => ({ opinionId: i.opinion_id, position: i.position, title: i.title, text: i.text, credits: i.credits })),
  };
}

export async function listIssues(ctx: Ctx, q: { organizationId?: number; year?: number }) {
  let orgs = visibleOrgs(ctx, ctx.actor!);
  if (q.organizationId) orgs = orgs.filter((o) => o === q.organizationId);
  if (orgs.length === 0) return [];
  let query = ctx.db.selectFrom('opinion_issues').select('id').where('organization_id', 'in', orgs);
  if (q.year) query = query.where('year', '=', q.year);
  const rows = await query.orderBy('year', 'desc').orderBy('number', 'desc').limit(200).execute();
  return (await Promise.all(rows.map((r) => findIssue(ctx, r.id)))).filter((x) => x !== null);
}

export async function requireIssue(ctx: Ctx, id: number) {
  const issue = await findIssue(ctx, id);
  if (!issue) throw notFound({ zh: '该期不存在', en: 'No such issue' });
  return issue;
}
