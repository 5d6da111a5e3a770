// Demo livelihood halls: in the first few halls of the demo city, residents' topics with their
// support, one declined with its reason, one adopted into a session that was held and closed with
// its minutes and an approved rating, and one adopted into a session whose notice is out; the
// held session's suggestions are assigned to units and answered (seedHallSuggestions).
import type { Transaction } from 'kysely';
import type { Database, HallSessionState, HallTopicState } from '../platform/db/types.js';
import { indexDocuments } from '../platform/search.js';
import type { AuditAction, AuditEntityType } from '../platform/audit-codes.js';
import { addDays, chinaDate, clock } from '../platform/time.js';
import { createSessionSuggestion } from '../modules/halls/suggestions.js';
import { adoption, answer, assign } from '../modules/suggestions/service.js';
import type { Cast } from './actors.js';
import type { Actor, Ctx } from '../platform/context.js';
import { insertUser } from '../modules/accounts/service.js';
import { addRota, answer as answerQuestion, ask, enterHeadcount, holdEvent, moderateQuestion, planEvent, rateAnswer } from '../modules/halls/lounges.js';

const DAY = 86_400_000;
const topics: [string, string][] = [
  ['老街停车难问题', '老街两侧车辆乱停，消防通道常被堵塞，建议划定停车位并错时开放机关单位停车场。'],
  ['菜市场周边占道经营', '菜市场周边流动摊贩占道经营，早高峰交通拥堵，建议规划临时疏导点。'],
  ['小区加装电梯意见不一', '老旧小区加装电梯低层住户意见大，建议由议事堂组织协商补偿方案。'],
  ['河道保洁不及时', '村前河道漂浮物多，夏季有异味，建议加密保洁频次并公布河长电话。'],
];

/** Returns the sessions held, whose suggestions seedHallSuggestions then makes. */
export async function seedHalls(trx: Transaction<Database>, _city: number): Promise<{ id: number; organizationId: number }[]> {
  const halls = await trx.selectFrom('places').select(['id', 'organization_id']).where('kind', '=', 'hall').where('active', '=', 1).orderBy('id').limit(3).execute();
  const residents = await trx.selectFrom('users').select(['id', 'display_name']).where('username', 'in', ['public', 'member', 'staff']).execute();
  const staff = await trx.selectFrom('users').select(['id', 'display_name']).where('username', '=', 'staff').executeTakeFirst();
  if (halls.length === 0 || residents.length === 0) return [];
  const held: { id: number; organizationId: number }[] = [];
  const now = clock.now().getTime();
  const at = (daysAgo: number) => new Date(now - daysAgo * DAY).toISOString();
  for (const [h, hall] of halls.entries()) {
    const ids: number[] = [];
    for (const [i, [title, text]] of topics.entries()) {
      const state: HallTopicState = i === 0 ? (h === 0 ? 'closed' : 'adopted') : i === 3 ? 'declined' : 'open';
      const { id } = await trx.insertInto('hall_topics').values({
        organization_id: hall.organization_id, place_id: hall.id, title, text, state, proposer_id: residents[i % residents.length]!.id, merged_into: null,
        decline_reason: state === 'declined' ? '属于河道日常保洁事项，已转交镇河长办当周处理。' : null, session_id: null, created_at: at(60 - i), updated_at: at(30 - i),
      }).returning('id').executeTakeFirstOrThrow();
      ids.push(id);
      await indexDocuments(trx, [{ entityType: 'hall_topic', entityId: id, fields: [title, text] }]);
      for (const r of residents.slice(0, 1 + ((i + h) % residents.length)))
        await trx.insertInto('hall_supports').values({ topic_id: id, user_id: r.id, created_at: at(50 - i) }).execute();
      const proposer = residents[i % residents.length]!;
      await trx.insertInto('audit_log').values({ at: at(60 - i), actor_id: proposer.id, actor_name: proposer.display_name, action: 'raise' satisfies AuditAction, entity_type: 'hall_topic' satisfies AuditEntityType, entity_id: String(id), organization_id: hall.organization_id, before: null, after: JSON.stringify({ state: 'open', title }), ip: null }).execute();
    }
    const sessionState: HallSessionState = h === 0 ? 'closed' : 'notice_published';
    const { id: sessionId } = await trx.insertInto('hall_sessions').values({
      organization_id: hall.organization_id, place_id: hall.id, title: '老街停车难议事会', starts_at: h === 0 ? at(20) : new Date(now + 10 * DAY).toISOString(),
      convener_member_id: null, research_notes: '走访沿街商户和居民 40 户，梳理可利用闲置地块三处。',
      minutes: h === 0 ? '议定利用闲置地块增设停车位 40 个，机关停车场夜间错时开放，由镇城管办牵头一个月内落实。' : null,
      state: sessionState, created_by: staff?.id ?? null, created_at: at(30), updated_at: at(15),
    }).returning('id').executeTakeFirstOrThrow();
    await trx.updateTable('hall_topics').set({ session_id: sessionId }).where('id', '=', ids[0]!).execute();
    if (sessionState === 'closed') held.push({ id: sessionId, organizationId: hall.organization_id });
    if (h === 0)
      await trx.insertInto('hall_cases').values({
        topic_id: ids[0]!, organization_id: hall.organization_id, title: '老街停车难议出了 40 个车位', before_text: '老街两侧车辆乱停，消防通道常被堵塞，居民出行不便。',
        after_text: '利用闲置地块增设停车位 40 个，机关停车场夜间错时开放，消防通道保持畅通。', published_by: staff?.id ?? null, published_at: at(3),
      }).execute();
    if (h === 0) await trx.insertInto('hall_ratings').values({ topic_id: ids[0]!, user_id: residents[0]!.id, stars: 5, comment: '车位增加了，晚上不再乱停。', state: 'approved', created_at: at(5) }).execute();
  }
  return held;
}

const suggestions: [string, string, string | null][] = [
  ['利用闲置地块增设停车位', '老街东侧闲置地块约 1,200 平方米，建议平整后划设停车位 40 个，由镇城管办统一管理。', '已平整闲置地块并划设停车位 42 个，10 月起对居民开放。'],
  ['机关停车场夜间错时开放', '建议镇机关及周边单位停车场 19 时至次日 7 时向居民开放，缓解夜间停车难。', '镇机关和两家事业单位停车场已于夜间错时开放，共提供车位 65 个。'],
  ['设置消防通道警示标线', '建议在老街消防通道施划黄色网格线并设置禁停标志，安排定时巡查。', null],
];

/**
 * The held sessions' suggestions, through the halls' and the tracker's commands: the office records
 * and assigns them to units of the hall's own organization (a county's halls, its departments),
 * and the units answer: two answered, one adopted, one still with its unit.
 */
export async function seedHallSuggestions(cast: Cast, passwordHash: string, sessions: { id: number; organizationId: number }[]) {
  const { db } = cast.staff;
  for (const session of sessions) {
    const units = await db.selectFrom('handling_units').select(['id', 'name']).where('organization_id', '=', session.organizationId).where('active', '=', 1).orderBy('sort').limit(2).execute();
    const answerers = await Promise.all(units.map((u) => unitCtx(cast.staff, passwordHash, session.organizationId, u)));
    for (const [i, [title, text, answerText]] of suggestions.entries()) {
      const id = await createSessionSuggestion(cast.staff, session.id, { title, text });
      if (answerers.length === 0) continue;
      const unit = answerers[i % answerers.length]!;
      await assign(cast.staff, id, { unitIds: [unit.actor!.handlingUnitId!], deadline: addDays(chinaDate(), 30) });
      if (!answerText) continue;
      await answer(unit, id, { text: answerText });
      if (i === 0) await adoption(cast.staff, id, { adopted: true, note: '纳入镇年度民生实事项目。' });
    }
  }
}

/** The account a unit answers with: the one it has, or a new one like the city units' (unit<id>). */
async function unitCtx(office: Ctx, passwordHash: string, organizationId: number, unit: { id: number; name: string }): Promise<Ctx> {
  const username = `unit${unit.id}`;
  const found = await office.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
  const userId = found?.id ?? (await insertUser(office.db, { username, displayName: unit.name, passwordHash, organizationId, roles: ['unit'], handlingUnitId: unit.id }));
  const actor: Actor = {
    userId, username, displayName: unit.name, organizationId, roles: [{ role: 'unit', organizationId }], memberId: null, handlingUnitId: unit.id,
    department: null, sessionId: 'seed', csrfToken: '', mustChangePassword: false,
  };
  return { ...office, actor };
}

/**
 * A lounge of the city (委员会客厅) through the lounges' own commands: a themed event counted by a
 * headcount with its reason and recorded as held, the demo member on the published rota, and a
 * resident's question the office publishes and the member on duty answers.
 */
export async function seedLounges(cast: Cast, city: number) {
  const { db } = cast.staff;
  const lounge = await db.selectFrom('places').select('id').where('kind', '=', 'lounge').where('active', '=', 1).where('organization_id', '=', city).orderBy('id').executeTakeFirst();
  const host = cast.members[0];
  const resident = await db.selectFrom('users').select(['id', 'display_name']).where('username', '=', 'public').executeTakeFirst();
  if (!lounge || !host || !resident) return;
  const today = chinaDate();
  const event = await planEvent(cast.staff, lounge.id, {
    title: '委员会客厅·老旧小区加装电梯议事', theme: '老旧小区加装电梯', startsAt: new Date(clock.now().getTime() - 20 * 86_400_000).toISOString(), residents: 40,
    memberIds: cast.members.slice(0, 3).map((m) => m.id), unitIds: [],
  });
  await enterHeadcount(cast.staff, event, { count: 46, reason: '多位老年居民未使用手机扫码，按签到表登记。' });
  await holdEvent(cast.staff, event);
  await planEvent(cast.staff, lounge.id, { title: '委员会客厅·社区养老服务座谈', theme: '社区居家养老', startsAt: new Date(clock.now().getTime() + 10 * 86_400_000).toISOString(), residents: 30, memberIds: [host.id], unitIds: [] });
  await addRota(cast.staff, lounge.id, { memberId: host.id, from: addDays(today, -3), to: addDays(today, 27) });
  const actor: Actor = {
    userId: resident.id, username: 'public', displayName: resident.display_name, organizationId: city, roles: [{ role: 'public', organizationId: city }], memberId: null, handlingUnitId: null,
    department: null, sessionId: 'seed', csrfToken: '', mustChangePassword: false,
  };
  const asker: Ctx = { ...cast.staff, actor };
  const asked = await ask(asker, lounge.id, { text: '我们小区想加装电梯，低楼层住户有顾虑，委员会客厅能帮忙协调吗？' });
  await moderateQuestion(cast.staff, asked, { decision: 'publish' });
  await answerQuestion(host.ctx, asked, { answer: '可以。我们将邀请街道、住建部门和楼栋居民一起到客厅协商，低楼层住户的采光、噪声等补偿可按市里的指导意见协商确定。' });
  await rateAnswer(asker, asked, 5);
  const waiting = await ask(asker, lounge.id, { text: '客厅周末开放吗？' });
  await moderateQuestion(cast.staff, waiting, { decision: 'publish' });
}
