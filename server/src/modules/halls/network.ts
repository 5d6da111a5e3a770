// The network (三位一体): a public directory of halls, stations and studios by county → town →
// village with each place's members on duty, opening hours and activity this year; each place's
// activity log, recorded by the office of its organization or by the member who runs the studio.
import { z } from 'zod';
import { sql } from 'kysely';
import { audit } from '../../platform/audit.js';
import { hasRoleAt, visibleOrgs, type Ctx } from '../../platform/context.js';
import { notAfterToday } from '../../platform/dates.js';
import { insertRow } from '../../platform/db/insert.js';
import { forbidden, invalid } from '../../platform/errors.js';
import { queryRecordId, recordId } from '../../platform/ids.js';
import type { App } from '../../platform/manifest.js';
import { chinaYear, yearRange } from '../../platform/time.js';
import { membersByIds } from '../orgs/service.js';
import { replaceDuty } from '../duty/service.js';
import { requirePlace } from './commands.js';
import { placeActivitiesDuty } from './lounges-duty.js';

const KINDS = ['hall', 'station', 'studio', 'lounge'] as const;
const directoryQuery = z.strictObject({ kind: z.enum(KINDS).optional(), county: z.string().regex(/^\d{6}$/, '县级区划代码为 6 位数字|A county code has 6 digits').optional() });
const activityIn = z.strictObject({
  kind: z.enum(['visit', 'reception', 'event']),
  title: z.string().trim().min(1, '活动内容不能为空|The title must not be empty').max(200, '活动内容不能超过 200 字|The title may have at most 200 characters'),
  heldOn: z.iso.date({ error: '日期格式应为 YYYY-MM-DD|Dates are written YYYY-MM-DD' }),
  memberIds: z.array(recordId).max(50).default([]),
});
const setupIn = z.strictObject({
  openingHours: z.string().trim().min(1, '开放时间不能为空|Opening hours must not be empty').max(200, '开放时间不能超过 200 字|Opening hours may have at most 200 characters'),
  dutyMemberIds: z.array(recordId).max(50),
});
const placeParams = z.strictObject({ placeId: queryRecordId });

async function mayRecord(ctx: Ctx, place: { organization_id: number; member_id: number | null }) {
  const actor = ctx.actor!;
  return hasRoleAt(ctx, actor, ['admin', 'staff'], place.organization_id) || (actor.memberId !== null && place.member_id === actor.memberId);
}

async function checkMembers(ctx: Ctx, ids: number[], field: string) {
  const members = await membersByIds(ctx.db, ids);
  if (members.length !== ids.length || members.some((m) => m.status !== 'active'))
    throw invalid(field, { zh: '委员不存在或不在任', en: 'No such serving member' });
}

export function networkRoutes(app: App) {
  const tags = ['halls'];
  app.get('/api/halls/directory', { config: { access: 'anyone' }, schema: { tags, summary: 'Halls, stations, studios and lounges by county → town → village, with members on duty, opening hours and activities this year', querystring: directoryQuery } }, async (req) => {
    const db = req.ctx.db;
    const { from, to } = yearRange(chinaYear());
    let q = db.selectFrom('places')
      .leftJoin('divisions as county', (j) => j.on(sql<boolean>`county.code = substr(places.division_code, 1, 6)`))
      .leftJoin('divisions as town', (j) => j.on(sql<boolean>`length(places.division_code) >= 9 and town.code = substr(places.division_code, 1, 9)`))
      .leftJoin('divisions as village', (j) => j.on(sql<boolean>`length(places.division_code) = 12 and village.code = places.division_code`))
      .leftJoin('place_hours', 'place_hours.place_id', 'places.id')
      .select((eb) => ['places.id', 'places.name', 'places.kind', 'places.division_code as divisionCode', 'county.name as county', 'town.name as town', 'village.name as village', 'place_hours.opening_hours as openingHours',
        eb.selectFrom('place_activities').select((e) => e.fn.countAll<number>().as('n')).whereRef('place_activities.place_id', '=', 'places.id').where('held_on', '>=', from.slice(0, 10)).where('held_on', '<', to.slice(0, 10)).as('activities')])
      .where('places.active', '=', 1).where('places.kind', 'in', req.query.kind ? [req.query.kind] : [...KINDS]);
    if (req.query.county) q = q.where(sql<boolean>`substr(places.division_code, 1, 6) = ${req.query.county}`);
    const rows = await q.orderBy('places.division_code').orderBy('places.id').limit(2000).execute();
    const ids = rows.map((r) => r.id);
    const duty = ids.length ? await db.selectFrom('place_duty').innerJoin('members', 'members.id', 'place_duty.member_id').select(['place_duty.place_id', 'members.name']).where('place_duty.place_id', 'in', ids).orderBy('place_duty.id').execute() : [];
    return rows.map((r) => ({ ...r, activities: Number(r.activities ?? 0), onDuty: duty.filter((d) => d.place_id === r.id).map((d) => d.name) }));
  });

  app.put('/api/halls/places/:placeId/setup', { config: { access: ['admin', 'staff'] }, schema: { tags, summary: "A place's opening hours and members on duty", params: placeParams, body: setupIn } }, async (req, reply) => {
    const ctx = req.ctx;
    const place = await requirePlace(ctx.db, req.params.placeId);
    if (!hasRoleAt(ctx, ctx.actor!, ['admin', 'staff'], place.organization_id)) throw forbidden({ zh: '无权设置该场所', en: 'You may not set up this place' });
    const ids = [...new Set(req.body.dutyMemberIds)];
    await checkMembers(ctx, ids, 'body.dutyMemberIds');
    await ctx.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('place_hours').where('place_id', '=', place.id).execute();
      await trx.insertInto('place_hours').values({ place_id: place.id, opening_hours: req.body.openingHours }).execute();
      await trx.deleteFrom('place_duty').where('place_id', '=', place.id).execute();
      if (ids.length) await trx.insertInto('place_duty').values(ids.map((m) => ({ place_id: place.id, member_id: m }))).execute();
      await audit(trx, ctx, { action: 'place_setup', entityType: 'place', entityId: place.id, organizationId: place.organization_id, after: { openingHours: req.body.openingHours, dutyMemberIds: ids } });
    });
    return reply.code(204).send();
  });

  app.get('/api/halls/places/:placeId/activities', { config: { access: 'anyone' }, schema: { tags, summary: "A place's activity log with the members who attended", params: placeParams } }, async (req) => {
    const place = await requirePlace(req.ctx.db, req.params.placeId);
    const rows = await req.ctx.db.selectFrom('place_activities').select(['id', 'kind', 'title', 'held_on as heldOn']).where('place_id', '=', place.id).orderBy('held_on', 'desc').orderBy('id', 'desc').limit(200).execute();
    const ids = rows.map((r) => r.id);
    const members = ids.length ? await req.ctx.db.selectFrom('place_activity_members').innerJoin('members', 'members.id', 'place_activity_members.member_id').select(['activity_id', 'members.name']).where('activity_id', 'in', ids).execute() : [];
    return rows.map((r) => ({ ...r, members: members.filter((m) => m.activity_id === r.id).map((m) => m.name) }));
  });

  app.post('/api/halls/places/:placeId/activities', { config: { access: ['admin', 'staff', 'member'] }, schema: { tags, summary: "Record a visit, reception or event at a place (the office, or the studio's member)", params: placeParams, body: activityIn } }, async (req, reply) => {
    const ctx = req.ctx;
    const place = await requirePlace(ctx.db, req.params.placeId);
    if (!visibleOrgs(ctx, ctx.actor!).includes(place.organization_id) || !(await mayRecord(ctx, place)))
      throw forbidden({ zh: '无权记录该场所的活动', en: "You may not record this place's activities" });
    notAfterToday('body.heldOn', req.body.heldOn);
    const ids = [...new Set(req.body.memberIds)];
    await checkMembers(ctx, ids, 'body.memberIds');
    const id = await ctx.db.transaction().execute(async (trx) => {
      const id = await insertRow(trx, 'place_activities', { place_id: place.id, organization_id: place.organization_id, kind: req.body.kind, title: req.body.title, held_on: req.body.heldOn, recorded_by: ctx.actor!.userId, created_at: new Date().toISOString() }, true);
      if (ids.length) await trx.insertInto('place_activity_members').values(ids.map((m) => ({ activity_id: id, member_id: m }))).execute();
      await replaceDuty(trx, placeActivitiesDuty, [id]);
      await audit(trx, ctx, { action: 'place_activity', entityType: 'place', entityId: place.id, organizationId: place.organization_id, after: { activityId: id, kind: req.body.kind, title: req.body.title } });
      return id;
    });
    return reply.code(201).send({ id });
  });
}
