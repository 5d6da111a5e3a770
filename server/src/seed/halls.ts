// Demo livelihood halls: in the first few halls of the demo city, residents' topics with their
// support, one declined with its reason, one adopted into a session that was held and closed with
// its minutes and an approved rating, and one adopted into a session whose notice is out.
import type { Transaction } from 'kysely';
import type { Database, HallSessionState, HallTopicState } from '../platform/db/types.js';
import { indexDocuments } from '../platform/search.js';
import type { AuditAction, AuditEntityType } from '../platform/audit-codes.js';

const DAY = 86_400_000;
const topics: [string, string][] = [
  ['老街停车难问题', '老街两侧车辆乱停，消防通道常被堵塞，建议划定停车位并错时开放机关单位停车场。'],
  ['菜市场周边占道经营', '菜市场周边流动摊贩占道经营，早高峰交通拥堵，建议规划临时疏导点。'],
  ['小区加装电梯意见不一', '老旧小区加装电梯低层住户意见大，建议由议事堂组织协商补偿方案。'],
  ['河道保洁不及时', '村前河道漂浮物多，夏季有异味，建议加密保洁频次并公布河长电话。'],
];

export async function seedHalls(trx: Transaction<Database>, _city: number) {
  const halls = await trx.selectFrom('places').select(['id', 'organization_id']).where('kind', '=', 'hall').where('active', '=', 1).orderBy('id').limit(3).execute();
  const residents = await trx.selectFrom('users').select(['id', 'display_name']).where('username', 'in', ['public', 'member', 'staff']).execute();
  const staff = await trx.selectFrom('users').select(['id', 'display_name']).where('username', '=', 'staff').executeTakeFirst();
  if (halls.length === 0 || residents.length === 0) return;
  const now = Date.now();
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
    if (h === 0)
      await trx.insertInto('hall_cases').values({
        topic_id: ids[0]!, organization_id: hall.organization_id, title: '老街停车难议出了 40 个车位', before_text: '老街两侧车辆乱停，消防通道常被堵塞，居民出行不便。',
        after_text: '利用闲置地块增设停车位 40 个，机关停车场夜间错时开放，消防通道保持畅通。', published_by: staff?.id ?? null, published_at: at(3),
      }).execute();
    if (h === 0) await trx.insertInto('hall_ratings').values({ topic_id: ids[0]!, user_id: residents[0]!.id, stars: 5, comment: '车位增加了，晚上不再乱停。', state: 'approved', created_at: at(5) }).execute();
  }
}
