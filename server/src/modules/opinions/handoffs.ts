// Handing a resident's concern that is not a policy matter (a broken street lamp, a bus shelter)
// to a handling unit of the report's organization (a town or street office, a department) with a
// deadline; the unit answers it, and the resident reads the answer on the tracking page.
//
// Hand-offs keep the shape (unit, deadline, answer, answered by/at) of the shared suggestion
// tracker's suggestion_units (modules/suggestions), into which they can be folded later; they stay
// here for now because the resident's tracking page and the report's states are the opinions'.
import type { z } from 'zod';
import { audit } from '../../platform/audit.js';
import { conflict, invalid, notFound } from '../../platform/errors.js';
import { hasRoleAt, visibleOrgs, type Ctx, type Trx } from '../../platform/context.js';
import { notAfterToday, notBefore } from '../../platform/dates.js';
import { toPage } from '../../platform/paging.js';
import { chinaDate } from '../../platform/time.js';
import { notifyUnit } from '../notifications/service.js';
import type * as s from './schema.js';
import { applyEvent, checkEvent, lockOpinion, now, publishChange } from './commands.js';
import { mayHandOff } from './workflow.js';

type HandoffRow = { id: number; opinion_id: number; organization_id: number; unit_id: number; unit_name: string; deadline: string; note: string | null; assigned_at: string; answer: string | null; answered_on: string | null; answered_at: string | null };

const noHandoff = () => notFound({ zh: '转交事项不存在', en: 'No such hand-off' });

const handoffQuery = (db: Trx) =>
  db
    .selectFrom('opinion_handoffs as h')
    .innerJoin('handling_units as u', 'u.id', 'h.unit_id')
    .select(['h.id', 'h.opinion_id', 'h.organization_id', 'h.unit_id', 'u.name as unit_name', 'h.deadline', 'h.note', 'h.assigned_at', 'h.answer', 'h.answered_on', 'h.answered_at']);

export const presentHandoff = (h: HandoffRow) => ({
  id: h.id, opinionId: h.opinion_id, organizationId: h.organization_id, unitId: h.unit_id, unitName: h.unit_name, deadline: h.deadline, note: h.note,
  assignedAt: h.assigned_at, answer: h.answer, answeredOn: h.answered_on, answeredAt: h.answered_at,
});

/** The hand-off of a report, if it has one. */
export async function handoffOf(db: Trx, opinionId: number) {
  const row = await handoffQuery(db).where('h.opinion_id', '=', opinionId).executeTakeFirst();
  return row ? presentHandoff(row) : null;
}

export async function handOff(ctx: Ctx, id: number, input: z.infer<typeof s.handOffIn>) {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await lockOpinion(ctx, trx, id);
    checkEvent(ctx, row, 'hand_off');
    const existing = await trx.selectFrom('opinion_handoffs').select('id').where('opinion_id', '=', id).executeTakeFirst();
    if (!mayHandOff({ source: row.source_kind, handedOff: !!existing }))
      throw conflict(existing
        ? { zh: '该信息已转交办理', en: 'This report has already been handed to a unit' }
        : { zh: '只有群众反映的事项可以转交办理', en: "Only a resident's concern is handed to a unit" });
    // A deadline lies ahead: not before the hand-off itself, made today.
    notBefore('body.deadline', input.deadline, chinaDate(), { zh: '转交日期（今天）', en: 'the hand-off date (today)' });
    // The report's own organization's units handle it (a city's reports go to the city's towns and departments).
    const unit = await trx.selectFrom('handling_units').select(['id', 'name', 'organization_id', 'active']).where('id', '=', input.unitId).executeTakeFirst();
    if (!unit || unit.active !== 1 || unit.organization_id !== row.organization_id)
      throw invalid('body.unitId', { zh: '承办单位不存在、已停用或不属于该组织', en: 'The handling unit does not exist, is inactive or belongs elsewhere' });
    const at = now();
    await trx.insertInto('opinion_handoffs').values({
      opinion_id: id, organization_id: row.organization_id, unit_id: unit.id, deadline: input.deadline, note: input.note ?? null,
      assigned_by: ctx.actor!.userId, assigned_at: at, answer: null, answered_on: null, answered_by: null, answered_at: null,
    }).execute();
    await applyEvent(ctx, trx, row, 'hand_off', {}, { unitId: unit.id, unitName: unit.name, deadline: input.deadline });
    // The unit's accounts are told; the resident has no account and reads it on the tracking page.
    await notifyUnit(trx, unit.id, {
      kind: 'opinion.handoff', organizationId: row.organization_id,
      title: { zh: '新转交的群众反映事项', en: "A resident's concern handed to your unit" },
      body: { zh: `“${row.title}”已转交贵单位办理，请于${input.deadline}前答复。`, en: `"${row.title}" has been handed to your unit; please answer by ${input.deadline}.` },
      link: '/opinions/handoffs', entityType: 'opinion', entityId: id,
    });
  });
  await publishChange(ctx, [id]);
}

/** A unit's account sees its own unit's hand-offs; the office sees those of the organizations it sees. */
function scope(ctx: Ctx) {
  const actor = ctx.actor!;
  const office = visibleOrgs(ctx, actor).filter((o) => hasRoleAt(ctx, actor, ['admin', 'staff'], o));
  const unit = actor.handlingUnitId !== null && actor.roles.some((r) => r.role === 'unit') ? actor.handlingUnitId : null;
  return { office, unit };
}

/** The hand-offs a list selects for the caller: an office's organizations', a unit's own. */
function listed(ctx: Ctx, q: Omit<z.infer<typeof s.handoffQuery>, 'limit' | 'cursor'>) {
  const { office, unit } = scope(ctx);
  if (office.length === 0 && unit === null) return null;
  return ctx.db
    .selectFrom('opinion_handoffs as h')
    .where((eb) => eb.or([...(office.length ? [eb('h.organization_id', 'in', office)] : []), ...(unit !== null ? [eb('h.unit_id', '=', unit)] : [])]))
    .$if(q.answered === 'yes', (qb) => qb.where('h.answered_at', 'is not', null))
    .$if(q.answered === 'no' || !!q.overdue, (qb) => qb.where('h.answered_at', 'is', null))
    .$if(!!q.overdue, (qb) => qb.where('h.deadline', '<', chinaDate()));
}

/** How many hand-offs the list with these filters shows (its total). */
export async function countHandoffs(ctx: Ctx, q: Omit<z.infer<typeof s.handoffQuery>, 'limit' | 'cursor'>) {
  const base = listed(ctx, q);
  return base ? Number((await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n) : 0;
}

export async function listHandoffs(ctx: Ctx, q: z.infer<typeof s.handoffQuery>) {
  const base = listed(ctx, q);
  if (!base) return { items: [], nextCursor: null, total: 0 };
  const total = Number((await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  let page = handoffQuery(ctx.db)
    .innerJoin('opinions as o', 'o.id', 'h.opinion_id')
    .leftJoin('places as p', 'p.id', 'o.place_id')
    .select(['o.title', 'o.text', 'o.category', 'o.submitted_at', 'p.name as place_name'])
    .where('h.id', 'in', base.select('h.id'))
    .orderBy('h.id', 'desc')
    .limit(q.limit + 1);
  if (q.cursor) page = page.where('h.id', '<', Number(q.cursor));
  const rows = await page.execute();
  return toPage(rows, q.limit, total, (r) => ({
    ...presentHandoff(r), title: r.title, text: r.text, category: r.category as never, placeName: r.place_name, submittedAt: r.submitted_at,
  }));
}

/** The unit answers a concern handed to it: once, dated not later than today nor before the hand-off. */
export async function answerHandoff(ctx: Ctx, handoffId: number, input: z.infer<typeof s.handoffAnswerIn>) {
  const opinionId = await ctx.db.transaction().execute(async (trx) => {
    const found = await handoffQuery(trx).where('h.id', '=', handoffId).executeTakeFirst();
    const actor = ctx.actor!;
    // Another unit's hand-off is not shown to exist.
    if (!found || actor.handlingUnitId !== found.unit_id || !hasRoleAt(ctx, actor, ['unit'], found.organization_id)) throw noHandoff();
    let q = trx.selectFrom('opinion_handoffs').select(['answered_at']).where('id', '=', handoffId);
    if (ctx.dialect === 'postgres') q = q.forUpdate();
    const locked = await q.executeTakeFirstOrThrow();
    if (locked.answered_at) throw conflict({ zh: '贵单位已经答复过', en: 'Your unit has already answered' });
    notAfterToday('body.answeredOn', input.answeredOn);
    notBefore('body.answeredOn', input.answeredOn, found.assigned_at, { zh: '转交日期', en: 'the hand-off date' });
    const at = now();
    await trx.updateTable('opinion_handoffs').set({ answer: input.text, answered_on: input.answeredOn, answered_by: actor.userId, answered_at: at }).where('id', '=', handoffId).execute();
    await audit(trx, ctx, {
      action: 'handoff_answer', entityType: 'opinion', entityId: found.opinion_id, organizationId: found.organization_id,
      after: { handoffId, unitId: found.unit_id, unitName: found.unit_name, answeredOn: input.answeredOn, text: input.text },
    });
    return found.opinion_id;
  });
  await publishChange(ctx, [opinionId]);
  const row = await handoffQuery(ctx.db).where('h.id', '=', handoffId).executeTakeFirstOrThrow();
  return presentHandoff(row);
}
