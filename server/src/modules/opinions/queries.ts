// Lists, details and the case timeline, always limited to the organizations the caller may see.
import type { z } from 'zod';
import { sql } from 'kysely';
import { hasRoleAt, visibleOrgs, type Ctx, type Trx } from '../../platform/context.js';
import { toPage } from '../../platform/paging.js';
import { matchingIds } from '../../platform/search.js';
import type * as s from './schema.js';
import { residentContact } from './keys.js';
import { handoffOf } from './handoffs.js';
import { abilities } from './workflow.js';

const summaryQuery = (db: Trx) =>
  db
    .selectFrom('opinions as o')
    .leftJoin('places as p', 'p.id', 'o.place_id')
    .leftJoin('members as m', 'm.id', 'o.member_id')
    .selectAll('o')
    .select(['p.name as place_name', 'm.name as member_name']);

type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>['executeTakeFirstOrThrow']>>;

async function groupCounts(db: Trx, groups: (number | null)[]) {
  const ids = [...new Set(groups.filter((g): g is number => g !== null))];
  if (ids.length === 0) return new Map<number, number>();
  const rows = await db.selectFrom('opinions').select(['similar_group', (eb) => eb.fn.countAll<number>().as('n')]).where('similar_group', 'in', ids).groupBy('similar_group').execute();
  return new Map(rows.map((r) => [r.similar_group!, Number(r.n)]));
}

function present(r: SummaryRow, key: Buffer, counts: Map<number, number>) {
  // Lists and details show a resident's contact masked; the full contact has its own audited route.
  const contact = residentContact(key, r, false);
  return {
    id: r.id, organizationId: r.organization_id, year: r.year, source: r.source_kind, title: r.title, category: r.category as never, state: r.state,
    placeId: r.place_id, placeName: r.place_name, memberId: r.member_id, memberName: r.member_name,
    residentName: contact.name, residentPhone: contact.phone,
    similarGroup: r.similar_group, similarCount: r.similar_group ? (counts.get(r.similar_group) ?? 1) : 1, submittedAt: r.submitted_at,
  };
}

/** The reports a list selects for the caller, or null when the caller reads none of the organizations asked for. */
function listed(ctx: Ctx, q: Omit<z.infer<typeof s.listQuery>, 'limit' | 'cursor'>) {
  let orgs = visibleOrgs(ctx, ctx.actor!);
  if (q.organizationId) orgs = orgs.filter((o) => o === q.organizationId);
  if (orgs.length === 0) return null;
  let base = listedBase(ctx, orgs);
  if (q.state) base = base.where('o.state', '=', q.state);
  if (q.source) base = base.where('o.source_kind', '=', q.source);
  if (q.placeId) base = base.where('o.place_id', '=', q.placeId);
  if (q.category) base = base.where('o.category', '=', q.category);
  if (q.year) base = base.where('o.year', '=', q.year);
  if (q.awaitingInstruction) base = awaitingInstruction(base);
  if (q.q) {
    const match = matchingIds(ctx.dialect, 'opinion', q.q);
    base = base.where(match ? sql<boolean>`o.id in (${match})` : sql<boolean>`1 = 0`);
  }
  return base;
}

/**
 * Reports that wait for a leader's instruction (批示): forwarded to the city's party committee or
 * government, which is where the leaders who write instructions read them, and none recorded yet.
 * There is no state for it: an instruction is recorded by the office when it comes, so this is
 * the nearest honest reading of "waiting" the records allow.
 */
export const LEADERS_READ = ['city_party_committee', 'city_government'] as const;
function awaitingInstruction<Q extends ReturnType<typeof listedBase>>(base: Q): Q {
  return base
    .where('o.state', 'in', ['forwarded', 'adopted'])
    .where((eb) => eb.exists(eb.selectFrom('opinion_forwardings as f').select('f.id').whereRef('f.opinion_id', '=', 'o.id').where('f.recipient', 'in', [...LEADERS_READ])))
    .where((eb) => eb.not(eb.exists(eb.selectFrom('opinion_instructions as n').select('n.id').whereRef('n.opinion_id', '=', 'o.id')))) as Q;
}
const listedBase = (ctx: Ctx, orgs: number[]) => ctx.db.selectFrom('opinions as o').where('o.organization_id', 'in', orgs);

/** How many reports the list with these filters shows (its total). */
export async function countOpinions(ctx: Ctx, q: Omit<z.infer<typeof s.listQuery>, 'limit' | 'cursor'>) {
  const base = listed(ctx, q);
  return base ? Number((await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n) : 0;
}

export async function listOpinions(ctx: Ctx, key: Buffer, q: z.infer<typeof s.listQuery>) {
  const base = listed(ctx, q);
  if (!base) return { items: [], nextCursor: null, total: 0 };
  const total = Number((await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  let page = summaryQuery(ctx.db).where('o.id', 'in', base.select('o.id')).orderBy('o.id', 'desc').limit(q.limit + 1);
  if (q.cursor) page = page.where('o.id', '<', Number(q.cursor));
  const rows = await page.execute();
  const counts = await groupCounts(ctx.db, rows.map((r) => r.similar_group));
  return toPage(rows, q.limit, total, (r) => present(r, key, counts));
}

/** A member sees the reports they are credited on or submitted; the office and leaders see their organizations'. */
export function mayRead(ctx: Ctx, row: { organization_id: number; user_id: number | null }, reporterIds: number[]) {
  const actor = ctx.actor!;
  if (row.user_id === actor.userId || (actor.memberId !== null && reporterIds.includes(actor.memberId))) return true;
  return hasRoleAt(ctx, actor, ['admin', 'staff', 'leader'], row.organization_id);
}

export async function findOpinion(ctx: Ctx, key: Buffer, id: number) {
  const { db } = ctx;
  const r = await summaryQuery(db).where('o.id', '=', id).executeTakeFirst();
  if (!r) return null;
  const reporters = await db.selectFrom('opinion_reporters as r').innerJoin('members as m', 'm.id', 'r.member_id').select(['r.member_id', 'm.name', 'r.lead']).where('r.opinion_id', '=', id).orderBy('r.lead', 'desc').orderBy('m.id').execute();
  if (!mayRead(ctx, r, reporters.map((x) => x.member_id))) return null;
  const [files, item, forwardings, adoptions, instructions, feedback, counts, handoff] = await Promise.all([
    db.selectFrom('opinion_files as f').innerJoin('files', 'files.id', 'f.file_id').select(['files.id', 'files.name', 'files.mime', 'f.kind']).where('f.opinion_id', '=', id).orderBy('files.created_at').execute(),
    db.selectFrom('opinion_issue_items as i').innerJoin('opinion_issues as x', 'x.id', 'i.issue_id').select(['x.id', 'x.year', 'x.number']).where('i.opinion_id', '=', id).executeTakeFirst(),
    db.selectFrom('opinion_forwardings').selectAll().where('opinion_id', '=', id).orderBy('id').execute(),
    db.selectFrom('opinion_adoptions').selectAll().where('opinion_id', '=', id).orderBy('id').execute(),
    db.selectFrom('opinion_instructions').selectAll().where('opinion_id', '=', id).orderBy('id').execute(),
    db.selectFrom('opinion_feedback').selectAll().where('opinion_id', '=', id).orderBy('id').execute(),
    groupCounts(db, [r.similar_group]),
    handoffOf(db, id),
  ]);
  const office = hasRoleAt(ctx, ctx.actor!, ['admin', 'staff', 'leader'], r.organization_id);
  return {
    ...present(r, key, counts),
    text: r.text,
    duplicateOf: r.duplicate_of,
    reason: r.screening_reason,
    reporters: reporters.map((x) => ({ memberId: x.member_id, name: x.name, lead: x.lead === 1 })),
    files: files.map((f) => ({ id: f.id, name: f.name, mime: f.mime, kind: f.kind })),
    issue: item ?? null,
    forwardings: forwardings.map((f) => ({ id: f.id, recipient: f.recipient, recipientName: f.recipient_name, sentOn: f.sent_on, issueId: f.issue_id })),
    adoptions: adoptions.map((a) => ({ id: a.id, level: a.level, adoptedBy: a.adopted_by, adoptedOn: a.adopted_on })),
    instructions: instructions.map((i) => ({ id: i.id, leader: i.leader, level: i.level, instructedOn: i.instructed_on, text: i.text })),
    // The source sees only the final feedback; the office sees all of it.
    feedback: feedback.filter((f) => office || f.final === 1).map((f) => ({ id: f.id, fromName: f.from_name, text: f.text, receivedOn: f.received_on, final: f.final === 1 })),
    handoff,
    abilities: abilities(ctx, { state: r.state, organizationId: r.organization_id, source: r.source_kind, handedOff: handoff !== null }),
  };
}

/** The member's own reports: those they submitted or are credited on. */
export async function myOpinions(ctx: Ctx, key: Buffer, q: { cursor?: string; limit: number }) {
  const actor = ctx.actor!;
  const credited = ctx.db.selectFrom('opinion_reporters').select('opinion_id').where('member_id', '=', actor.memberId ?? -1);
  const base = ctx.db.selectFrom('opinions as o').where((eb) => eb.or([eb('o.user_id', '=', actor.userId), eb('o.id', 'in', credited)]));
  const total = Number((await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  let page = summaryQuery(ctx.db).where('o.id', 'in', base.select('o.id')).orderBy('o.id', 'desc').limit(q.limit + 1);
  if (q.cursor) page = page.where('o.id', '<', Number(q.cursor));
  const rows = await page.execute();
  const counts = await groupCounts(ctx.db, rows.map((r) => r.similar_group));
  return toPage(rows, q.limit, total, (r) => present(r, key, counts));
}

export async function timeline(db: Trx, id: number) {
  const rows = await db.selectFrom('audit_log').select(['at', 'action', 'actor_name', 'after']).where('entity_type', '=', 'opinion').where('entity_id', '=', String(id)).orderBy('id').execute();
  return rows.map((r) => ({ at: r.at, action: r.action, actorName: r.actor_name, detail: r.after ? JSON.parse(r.after) : null }));
}

/** Groups of similar reports with more than one member, largest first: many people raising one concern. */
export async function similarGroups(ctx: Ctx, organizationId?: number) {
  let orgs = visibleOrgs(ctx, ctx.actor!);
  if (organizationId) orgs = orgs.filter((o) => o === organizationId);
  if (orgs.length === 0) return [];
  const groups = await ctx.db
    .selectFrom('opinions')
    .select(['similar_group', (eb) => eb.fn.countAll<number>().as('n')])
    .where('organization_id', 'in', orgs)
    .where('similar_group', 'is not', null)
    .groupBy('similar_group')
    .having((eb) => eb.fn.countAll(), '>', 1)
    .execute();
  if (groups.length === 0) return [];
  const members = await ctx.db.selectFrom('opinions').select(['id', 'title', 'similar_group', 'state']).where('similar_group', 'in', groups.map((g) => g.similar_group!)).orderBy('id').execute();
  return groups
    .map((g) => {
      const items = members.filter((m) => m.similar_group === g.similar_group);
      return { group: g.similar_group!, count: Number(g.n), title: items[0]?.title ?? '', opinionIds: items.map((m) => m.id) };
    })
    .sort((a, b) => b.count - a.count || a.group - b.group);
}
