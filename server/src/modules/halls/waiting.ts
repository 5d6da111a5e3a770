// What waits in the halls, one query per list, counted by the same query for the home page
// (platform/home.ts): the topics residents raised that the office has not screened yet, across
// every hall of the organizations it runs; and the published sessions an account is invited to and
// has not checked in at. A unit's hall suggestions are the suggestion tracker's (suggestions/work.ts).
import { z } from 'zod';
import { sql } from 'kysely';
import { hasRoleAt, visibleOrgs, type Ctx } from '../../platform/context.js';
import type { WorkItem } from '../../platform/home.js';
import type { App } from '../../platform/manifest.js';
import { pageOf, pageQuery, toPage } from '../../platform/paging.js';
import { clock } from '../../platform/time.js';

const OFFICE = ['admin', 'staff'] as const;
/** Members, and residents invited as representatives, are told of the sessions they are invited to. */
const INVITED = ['member', 'public'] as const;
/** A session with no end time is taken to last three hours (as its check-in window does). */
const LASTS_MS = 3 * 3_600_000;

/** The open topics of every hall the caller's office runs, newest first. */
function toScreen(ctx: Ctx) {
  const orgs = visibleOrgs(ctx, ctx.actor!).filter((o) => hasRoleAt(ctx, ctx.actor!, OFFICE, o));
  return ctx.db.selectFrom('hall_topics as t').where('t.organization_id', 'in', orgs.length ? orgs : [0]).where('t.state', '=', 'open');
}

export async function topicsToScreen(ctx: Ctx, q: { limit: number; cursor?: string }) {
  const base = toScreen(ctx);
  const total = Number((await base.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
  let page = base.innerJoin('places as p', 'p.id', 't.place_id').select(['t.id', 't.title', 't.place_id', 'p.name as place_name', 't.created_at']).orderBy('t.id', 'desc').limit(q.limit + 1);
  if (q.cursor) page = page.where('t.id', '<', Number(q.cursor));
  return toPage(await page.execute(), q.limit, total, (r) => ({ id: r.id, title: r.title, placeId: r.place_id, placeName: r.place_name, raisedAt: r.created_at }));
}

/** Published sessions that the account (or its member) is invited to, not over yet and not checked in at. */
function invitedTo(ctx: Ctx) {
  const actor = ctx.actor!;
  const now = clock.now();
  return ctx.db.selectFrom('hall_sessions as s')
    .where('s.state', '=', 'notice_published')
    .where((eb) => eb.or([eb('s.ends_at', '>', now.toISOString()), eb.and([eb('s.ends_at', 'is', null), eb('s.starts_at', '>', new Date(now.getTime() - LASTS_MS).toISOString())])]))
    .where((eb) => eb.exists(eb.selectFrom('hall_session_invitees as v').select('v.id').whereRef('v.session_id', '=', 's.id')
      .where((w) => w.or([w('v.user_id', '=', actor.userId), ...(actor.memberId === null ? [] : [w('v.member_id', '=', actor.memberId)])]))))
    .where((eb) => eb.not(eb.exists(eb.selectFrom('attendance_checkins as c').select('c.id').where('c.source_type', '=', 'hall_session').whereRef('c.source_id', '=', 's.id').where('c.user_id', '=', actor.userId))));
}

export async function sessionsToAttend(ctx: Ctx) {
  const rows = await invitedTo(ctx).innerJoin('places as p', 'p.id', 's.place_id').select(['s.id', 's.title', 'p.name as place_name', 's.starts_at', 's.ends_at']).orderBy('s.starts_at').orderBy('s.id').execute();
  return { items: rows.map((r) => ({ id: r.id, title: r.title, placeName: r.place_name, startsAt: r.starts_at, endsAt: r.ends_at })), total: rows.length };
}

const topicOut = z.object({ id: z.number(), title: z.string(), placeId: z.number(), placeName: z.string(), raisedAt: z.string() });
const sessionOut = z.object({ id: z.number(), title: z.string(), placeName: z.string(), startsAt: z.string(), endsAt: z.string().nullable() });

export function waitingRoutes(app: App) {
  const tags = ['halls'];
  app.get('/api/halls/topics', {
    config: { access: OFFICE },
    schema: { tags, summary: "Residents' topics waiting for screening, across every hall of the caller's organizations, newest first", querystring: z.strictObject({ ...pageQuery, state: z.literal('open', { error: '只能列出待筛选的议题|Only the topics to screen (state=open) are listed' }).default('open') }), response: { 200: pageOf(topicOut) } },
  }, async (req) => topicsToScreen(req.ctx, req.query));
  app.get('/api/halls/my-sessions', {
    config: { access: INVITED },
    schema: { tags, summary: 'The published sessions the caller is invited to and has not checked in at yet, soonest first', response: { 200: z.object({ items: z.array(sessionOut), total: z.number() }) } },
  }, async (req) => sessionsToAttend(req.ctx));
}

export const hallsWork: WorkItem[] = [
  {
    code: 'halls.screen', name: { zh: '待筛选的议事堂议题', en: 'Hall topics to screen' }, roles: OFFICE, order: 50,
    count: async (ctx) => ({ count: Number((await toScreen(ctx).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n) }),
    link: () => '/halls/topics',
  },
  {
    code: 'halls.attend', name: { zh: '待参加的议事活动', en: 'Hall sessions to attend' }, roles: INVITED, order: 30,
    count: async (ctx) => ({ count: (await sessionsToAttend(ctx)).total }),
    link: () => '/halls/my-sessions',
  },
];
