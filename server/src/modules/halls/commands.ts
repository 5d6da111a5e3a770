// Use cases of the halls: raising and supporting topics, screening them, sessions and their
// workflow, ratings and their moderation. Each: permission, one transaction, audit entry.
import type { z } from 'zod';
import { sql } from 'kysely';
import { audit, auditRow } from '../../platform/audit.js';
import { conflict, forbidden, invalid, notFound } from '../../platform/errors.js';
import { hasRole, hasRoleAt, visibleOrgs, type Ctx, type Trx } from '../../platform/context.js';
import { insertRow } from '../../platform/db/insert.js';
import { PREPARED } from '../../platform/db/connect.js';
import { clock } from '../../platform/time.js';
import { indexDocuments } from '../../platform/search.js';
import type { HallTopicState } from '../../platform/db/types.js';
import { membersByIds, placeById, unitsByIds } from '../orgs/service.js';
import { activeAccountsWithRole } from '../accounts/service.js';
import type * as s from './schema.js';
import { replaceDuty } from '../duty/service.js';
import { hallsDuty } from './duty.js';
import { nextSessionState, nextTopicState, sessionEvents, topicEvents, type SessionEvent } from './workflow.js';

// The platform's clock, which a test may set to stand on New Year's Eve.
const now = () => clock.now().toISOString();
const HALL_KINDS = ['hall', 'station', 'studio', 'lounge'];

export async function requirePlace(db: Trx, placeId: number) {
  const place = await placeById(db, placeId);
  if (!place || !place.active || !HALL_KINDS.includes(place.kind)) throw notFound({ zh: '议事场所不存在', en: 'No such hall' });
  return place;
}

export function requireOfficeAt(ctx: Ctx, organizationId: number, label = { zh: '处理该议事堂的事务', en: "handle this hall's business" }) {
  if (!hasRoleAt(ctx, ctx.actor!, ['admin', 'staff'], organizationId)) throw forbidden({ zh: `无权${label.zh}`, en: `You may not ${label.en}` });
}

async function lockTopic(ctx: Ctx, trx: Trx, id: number) {
  let q = trx.selectFrom('hall_topics').selectAll().where('id', '=', id);
  if (ctx.dialect === 'postgres') q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw notFound({ zh: '议题不存在', en: 'No such topic' });
  return row;
}

/** Residents (public users), members and the office raise topics at a hall. */
export async function raiseTopic(ctx: Ctx, placeId: number, input: z.infer<typeof s.topicIn>) {
  const actor = ctx.actor!;
  return ctx.db.transaction().execute(async (trx) => {
    const place = await requirePlace(trx, placeId);
    const mayRaise = hasRole(actor, ['public', 'member']) || hasRoleAt(ctx, actor, ['admin', 'staff'], place.organization_id);
    if (!mayRaise) throw forbidden({ zh: '无权在该议事堂提出议题', en: 'You may not raise topics at this hall' });
    const at = now();
    const id = await insertRow(trx, 'hall_topics', {
      organization_id: place.organization_id, place_id: place.id, title: input.title, text: input.text, state: 'open',
      proposer_id: actor.userId, merged_into: null, decline_reason: null, session_id: null, created_at: at, updated_at: at,
    }, true);
    await indexDocuments(trx, [{ entityType: 'hall_topic', entityId: id, fields: [input.title, input.text] }]);
    await audit(trx, ctx, { action: 'raise', entityType: 'hall_topic', entityId: id, organizationId: place.organization_id, after: { state: 'open', title: input.title } });
    return id;
  });
}

/** One support per account: the unique key decides under concurrent requests. */
// A topic's organization never changes: kept once read (per database), so a crowd's supports do
// not each read it.
const topicOrganizations = new WeakMap<object, Map<number, number>>();
async function topicOrganization(ctx: Ctx, trx: Trx, topicId: number): Promise<number> {
  let known = topicOrganizations.get(ctx.db);
  if (!known) topicOrganizations.set(ctx.db, (known = new Map()));
  let organizationId = known.get(topicId);
  if (organizationId === undefined) {
    organizationId = (await trx.selectFrom('hall_topics').select('organization_id').where('id', '=', topicId).executeTakeFirstOrThrow()).organization_id;
    if (known.size >= 10_000) known.clear();
    known.set(topicId, organizationId);
  }
  return organizationId;
}

export async function support(ctx: Ctx, topicId: number) {
  const { added, state } = ctx.dialect === 'postgres' ? await supportInOneStatement(ctx, topicId) : await ctx.db.transaction().execute(async (trx) => {
    // One statement for the common case (a crowd supporting at once): the support is written only
    // while the topic takes support.
    const row = await trx
      .insertInto('hall_supports')
      .columns(['topic_id', 'user_id', 'created_at'])
      .expression((eb) =>
        eb.selectFrom('hall_topics').select([eb.val(topicId).as('topic_id'), eb.val(ctx.actor!.userId).as('user_id'), eb.val(now()).as('created_at')])
          .where('id', '=', topicId).where('state', 'in', ['open', 'adopted']))
      .onConflict((oc) => oc.columns(['topic_id', 'user_id']).doNothing())
      .returning('topic_id')
      .executeTakeFirst();
    if (row) await audit(trx, ctx, { action: 'support', entityType: 'hall_topic', entityId: topicId, organizationId: await topicOrganization(ctx, trx, topicId) });
    // Why nothing was written is read only when it was not.
    return { added: !!row, state: row ? null : ((await trx.selectFrom('hall_topics').select('state').where('id', '=', topicId).executeTakeFirst())?.state ?? null) };
  });
  if (added) return;
  if (!state) throw notFound({ zh: '议题不存在', en: 'No such topic' });
  if (state !== 'open' && state !== 'adopted') throw conflict({ zh: '该议题已不再征集支持', en: 'This topic no longer takes support' });
  throw conflict({ zh: '您已支持过该议题', en: 'You already support this topic' });
}

/**
 * On PostgreSQL the support, its audit entry and, when nothing was written, the topic's state
 * (to say why) are one statement, atomic on its own: one round trip where a transaction around
 * them takes five, which is most of a support's cost when a crowd supports at once.
 */
async function supportInOneStatement(ctx: Ctx, topicId: number): Promise<{ added: boolean; state: string | null }> {
  const entry = auditRow(ctx, { action: 'support', entityType: 'hall_topic', entityId: topicId });
  const columns = Object.keys(entry) as (keyof typeof entry)[];
  const { rows } = await sql<{ added: boolean; state: string | null }>`${sql.raw(PREPARED)}
    with added as (
      insert into hall_supports (topic_id, user_id, created_at)
      select id, ${ctx.actor!.userId}, ${now()} from hall_topics where id = ${topicId} and state in ('open', 'adopted')
      on conflict (topic_id, user_id) do nothing
      returning topic_id),
    logged as (
      insert into audit_log (${sql.join(columns.map((c) => sql.ref(c)))})
      select ${sql.join(columns.map((c) => (c === 'organization_id' ? sql.ref('t.organization_id') : sql`${entry[c]}`)))}
      from added join hall_topics t on t.id = added.topic_id
      returning id)
    select exists (select 1 from logged) as added, (select state from hall_topics where id = ${topicId}) as state`.execute(ctx.db);
  return rows[0]!;
}

export async function withdrawSupport(ctx: Ctx, topicId: number) {
  await ctx.db.transaction().execute(async (trx) => {
    const topic = await trx.selectFrom('hall_topics').select(['id', 'organization_id']).where('id', '=', topicId).executeTakeFirst();
    if (!topic) throw notFound({ zh: '议题不存在', en: 'No such topic' });
    const res = await trx.deleteFrom('hall_supports').where('topic_id', '=', topicId).where('user_id', '=', ctx.actor!.userId).executeTakeFirst();
    if (Number(res.numDeletedRows) === 0) throw conflict({ zh: '您尚未支持该议题', en: 'You do not support this topic' });
    await audit(trx, ctx, { action: 'withdraw_support', entityType: 'hall_topic', entityId: topicId, organizationId: topic.organization_id });
  });
}

/** Adopt, merge (supporters carried over, each counted once) or decline with a reason. */
export async function screen(ctx: Ctx, topicId: number, input: z.infer<typeof s.screenIn>) {
  await ctx.db.transaction().execute(async (trx) => {
    const topic = await lockTopic(ctx, trx, topicId);
    if (!visibleOrgs(ctx, ctx.actor!).includes(topic.organization_id)) throw notFound({ zh: '议题不存在', en: 'No such topic' });
    const def = topicEvents[input.event];
    requireOfficeAt(ctx, topic.organization_id, def.label);
    const to = nextTopicState(input.event, topic.state);
    if (!to) throw conflict({ zh: `当前状态下不能${def.label.zh}`, en: `You cannot ${def.label.en} in state ${topic.state}` });
    const set: { state: HallTopicState; updated_at: string; merged_into?: number; decline_reason?: string } = { state: to, updated_at: now() };
    const detail: Record<string, unknown> = {};
    if (input.event === 'merge') {
      if (input.intoTopicId === topicId) throw invalid('body.intoTopicId', { zh: '不能并入议题本身', en: 'A topic cannot be merged into itself' });
      const into = await lockTopic(ctx, trx, input.intoTopicId).catch(() => null);
      if (!into || into.place_id !== topic.place_id || (into.state !== 'open' && into.state !== 'adopted'))
        throw invalid('body.intoTopicId', { zh: '目标议题不存在、不属于同一议事堂或已不再征集支持', en: 'The target topic does not exist, is at another hall, or no longer takes support' });
      const supporters = await trx.selectFrom('hall_supports').select('user_id').where('topic_id', '=', topicId).execute();
      const ids = [...new Set([...supporters.map((r) => r.user_id), topic.proposer_id])];
      for (const userId of ids)
        await trx.insertInto('hall_supports').values({ topic_id: into.id, user_id: userId, created_at: now() }).onConflict((oc) => oc.columns(['topic_id', 'user_id']).doNothing()).execute();
      set.merged_into = into.id;
      detail.intoTopicId = into.id;
      await audit(trx, ctx, { action: 'merged_in', entityType: 'hall_topic', entityId: into.id, organizationId: into.organization_id, after: { fromTopicId: topicId } });
    }
    if (input.event === 'decline') {
      set.decline_reason = input.reason;
      detail.reason = input.reason;
    }
    await trx.updateTable('hall_topics').set(set).where('id', '=', topicId).execute();
    await audit(trx, ctx, { action: input.event, entityType: 'hall_topic', entityId: topicId, organizationId: topic.organization_id, before: { state: topic.state }, after: { state: to, ...detail } });
  });
}

export async function createSession(ctx: Ctx, input: z.infer<typeof s.sessionIn>) {
  return ctx.db.transaction().execute(async (trx) => {
    const place = await requirePlace(trx, input.placeId).catch(() => {
      throw invalid('body.placeId', { zh: '议事场所不存在', en: 'No such hall' });
    });
    requireOfficeAt(ctx, place.organization_id, { zh: '安排议事活动', en: 'plan deliberation sessions' });
    if (input.convenerMemberId !== undefined) {
      const [m] = await membersByIds(trx, [input.convenerMemberId]);
      if (!m || m.status !== 'active' || !visibleOrgs(ctx, ctx.actor!).includes(m.organization_id))
        throw invalid('body.convenerMemberId', { zh: '召集人须为本组织在任委员', en: 'The convener must be a serving member of the organization' });
    }
    const memberIds = [...new Set(input.invitedMemberIds)];
    const members = await membersByIds(trx, memberIds);
    if (members.length !== memberIds.length || members.some((m) => m.status !== 'active' || !visibleOrgs(ctx, ctx.actor!).includes(m.organization_id)))
      throw invalid('body.invitedMemberIds', { zh: '受邀委员须为在任委员', en: 'Invited members must be serving members' });
    const unitIds = [...new Set(input.unitIds)];
    const units = await unitsByIds(trx, unitIds);
    if (units.length !== unitIds.length || units.some((u) => !u.active || !visibleOrgs(ctx, ctx.actor!).includes(u.organization_id)))
      throw invalid('body.unitIds', { zh: '承办单位不存在或已停用', en: 'No such handling unit, or it is retired' });
    const residentIds = [...new Set(input.residentUserIds)];
    const residents = await activeAccountsWithRole(trx, residentIds, ['public']);
    if (residents.length !== residentIds.length) throw invalid('body.residentUserIds', { zh: '受邀居民须为在用的群众账号', en: 'Invited residents must be active public accounts' });
    if (input.endsAt !== undefined && Date.parse(input.endsAt) <= Date.parse(input.startsAt))
      throw invalid('body.endsAt', { zh: '结束时间须晚于开始时间', en: 'The end must come after the start' });
    const topicIds = [...new Set(input.topicIds)];
    const topics = await trx.selectFrom('hall_topics').select(['id', 'state', 'place_id', 'session_id']).where('id', 'in', topicIds).execute();
    if (topics.length !== topicIds.length || topics.some((t) => t.place_id !== place.id || t.state !== 'adopted' || t.session_id !== null))
      throw invalid('body.topicIds', { zh: '议题须为本议事堂已采纳且尚未安排的议题', en: 'Topics must be adopted at this hall and not yet in a session' });
    const at = now();
    const id = await insertRow(trx, 'hall_sessions', {
      organization_id: place.organization_id, place_id: place.id, title: input.title, starts_at: new Date(input.startsAt).toISOString(),
      ends_at: input.endsAt === undefined ? null : new Date(input.endsAt).toISOString(), convener_member_id: input.convenerMemberId ?? null, research_notes: input.researchNotes ?? null, minutes: null, state: 'planned',
      created_by: ctx.actor!.userId, created_at: at, updated_at: at,
    }, true);
    await trx.updateTable('hall_topics').set({ session_id: id, updated_at: at }).where('id', 'in', topicIds).execute();
    const invitees = [
      ...memberIds.map((m) => ({ session_id: id, kind: 'member' as const, member_id: m, unit_id: null, name: null, user_id: null })),
      ...unitIds.map((u) => ({ session_id: id, kind: 'unit' as const, member_id: null, unit_id: u, name: null, user_id: null })),
      ...[...new Set(input.residentNames)].map((n) => ({ session_id: id, kind: 'resident' as const, member_id: null, unit_id: null, name: n, user_id: null })),
      ...residents.map((r) => ({ session_id: id, kind: 'resident' as const, member_id: null, unit_id: null, name: r.displayName, user_id: r.id })),
    ];
    if (invitees.length) await trx.insertInto('hall_session_invitees').values(invitees).execute();
    await audit(trx, ctx, { action: 'plan', entityType: 'hall_session', entityId: id, organizationId: place.organization_id, after: { state: 'planned', topicIds } });
    for (const t of topicIds) await audit(trx, ctx, { action: 'scheduled', entityType: 'hall_topic', entityId: t, organizationId: place.organization_id, after: { sessionId: id } });
    return id;
  });
}

export async function advanceSession(ctx: Ctx, id: number, event: SessionEvent, minutes?: string, speakers: z.infer<typeof s.speakerIn>[] = []) {
  await ctx.db.transaction().execute(async (trx) => {
    let q = trx.selectFrom('hall_sessions').selectAll().where('id', '=', id);
    if (ctx.dialect === 'postgres') q = q.forUpdate();
    const row = await q.executeTakeFirst();
    if (!row || !visibleOrgs(ctx, ctx.actor!).includes(row.organization_id)) throw notFound({ zh: '议事活动不存在', en: 'No such session' });
    const def = sessionEvents[event];
    requireOfficeAt(ctx, row.organization_id, def.label);
    const to = nextSessionState(event, row.state);
    if (!to) throw conflict({ zh: `当前状态下不能${def.label.zh}`, en: `You cannot ${def.label.en} in state ${row.state}` });
    if (event === 'hold' && !minutes) throw invalid('body.minutes', { zh: '登记举行时须填写活动纪要', en: 'Recording a session as held needs its minutes' }, 'required');
    if (speakers.length && event !== 'hold') throw invalid('body.speakers', { zh: '发言记录在登记举行时填写', en: 'Speakers are recorded when the session is recorded as held' });
    const speakerMembers = [...new Set(speakers.flatMap((x) => (x.memberId ? [x.memberId] : [])))];
    if ((await membersByIds(trx, speakerMembers)).length !== speakerMembers.length) throw invalid('body.speakers', { zh: '发言委员不存在', en: 'No such member among the speakers' });
    if (speakers.length)
      await trx.insertInto('hall_session_speakers').values(speakers.map((x, i) => ({ session_id: id, sort: i + 1, name: x.name, member_id: x.memberId ?? null, summary: x.summary }))).execute();
    const at = now();
    await trx.updateTable('hall_sessions').set({ state: to, updated_at: at, ...(minutes ? { minutes } : {}) }).where('id', '=', id).execute();
    if (event === 'close') await trx.updateTable('hall_topics').set({ state: 'closed', updated_at: at }).where('session_id', '=', id).where('state', '=', 'adopted').execute();
    await audit(trx, ctx, { action: event, entityType: 'hall_session', entityId: id, organizationId: row.organization_id, before: { state: row.state }, after: { state: to } });
    // A held session counts for its convener and the members who spoke, in the same transaction.
    await replaceDuty(trx, hallsDuty, [id]);
  });
}

/** One rating per account of a closed topic; it shows publicly once the office approves it. */
export async function rate(ctx: Ctx, topicId: number, input: z.infer<typeof s.ratingIn>) {
  return ctx.db.transaction().execute(async (trx) => {
    const topic = await trx.selectFrom('hall_topics').select(['id', 'state', 'organization_id']).where('id', '=', topicId).executeTakeFirst();
    if (!topic) throw notFound({ zh: '议题不存在', en: 'No such topic' });
    if (topic.state !== 'closed') throw conflict({ zh: '议题办结后才能评价', en: 'A topic can be rated once it is closed' });
    const res = await trx.insertInto('hall_ratings').values({ topic_id: topicId, user_id: ctx.actor!.userId, stars: input.stars, comment: input.comment ?? null, state: 'pending', created_at: now() })
      .onConflict((oc) => oc.columns(['topic_id', 'user_id']).doNothing()).returning('id').executeTakeFirst();
    if (!res) throw conflict({ zh: '您已评价过该议题', en: 'You have already rated this topic' });
    await audit(trx, ctx, { action: 'rate', entityType: 'hall_topic', entityId: topicId, organizationId: topic.organization_id, after: { stars: input.stars } });
    return res.id;
  });
}

export async function moderate(ctx: Ctx, ratingId: number, decision: 'approve' | 'reject') {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('hall_ratings').innerJoin('hall_topics', 'hall_topics.id', 'hall_ratings.topic_id')
      .select(['hall_ratings.id', 'hall_ratings.state', 'hall_ratings.topic_id', 'hall_topics.organization_id']).where('hall_ratings.id', '=', ratingId).executeTakeFirst();
    if (!row || !visibleOrgs(ctx, ctx.actor!).includes(row.organization_id)) throw notFound({ zh: '评价不存在', en: 'No such rating' });
    requireOfficeAt(ctx, row.organization_id, { zh: '审核评价', en: 'moderate ratings' });
    if (row.state !== 'pending') throw conflict({ zh: '该评价已审核', en: 'This rating has already been moderated' });
    const state = decision === 'approve' ? 'approved' : 'rejected';
    await trx.updateTable('hall_ratings').set({ state }).where('id', '=', ratingId).execute();
    await audit(trx, ctx, { action: `rating_${decision}`, entityType: 'hall_topic', entityId: row.topic_id, organizationId: row.organization_id, after: { ratingId, state } });
  });
}

/** A closed topic published as a case, with its before and after; photos attach to it as files. */
export async function publishCase(ctx: Ctx, topicId: number, input: z.infer<typeof s.caseIn>) {
  return ctx.db.transaction().execute(async (trx) => {
    const topic = await lockTopic(ctx, trx, topicId);
    if (!visibleOrgs(ctx, ctx.actor!).includes(topic.organization_id)) throw notFound({ zh: '议题不存在', en: 'No such topic' });
    requireOfficeAt(ctx, topic.organization_id, { zh: '发布案例', en: 'publish cases' });
    if (topic.state !== 'closed') throw conflict({ zh: '议题办结后才能发布为案例', en: 'Only a closed topic can be published as a case' });
    const res = await trx.insertInto('hall_cases').values({ topic_id: topicId, organization_id: topic.organization_id, title: input.title, before_text: input.before, after_text: input.after, published_by: ctx.actor!.userId, published_at: now() })
      .onConflict((oc) => oc.column('topic_id').doNothing()).returning('id').executeTakeFirst();
    if (!res) throw conflict({ zh: '该议题已发布为案例', en: 'This topic is already published as a case' });
    await audit(trx, ctx, { action: 'publish_case', entityType: 'hall_topic', entityId: topicId, organizationId: topic.organization_id, after: { caseId: res.id, title: input.title } });
    return res.id;
  });
}
