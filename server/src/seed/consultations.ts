// Demo consultations of the demo city: this year's published plan, meetings of several types
// (ended ones with attendance, speeches, votes, best speeches and suggestions in every state, one
// with its outcome report; an online one in progress now for the live room; an upcoming one), each
// with the timeline entries the commands would have written.
import crypto from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Database } from '../platform/db/types.js';
import type { MeetingState, MeetingType, SuggestionState } from '../platform/db/consultation-types.js';
import { chinaDate, chinaYear } from '../platform/time.js';
import type { AuditAction, AuditEntityType } from '../platform/audit.js';

const HOUR = 3_600_000;
const moment = (offsetHours: number) => new Date(Date.now() + offsetHours * HOUR).toISOString();
const day = (offsetDays: number) => chinaDate(moment(offsetDays * 24));
const token = () => crypto.randomBytes(24).toString('base64url');

// type, topic, lead committee, quarter
const items: [MeetingType, string, string, number][] = [
  ['plenary', '围绕市政府工作报告开展协商', '提案委员会', 1],
  ['thematic', '推进城乡教育优质均衡发展', '教科卫体委员会', 1],
  ['sector', '民营经济高质量发展', '经济委员会', 2],
  ['come_and_consult', '优化营商环境 激发市场主体活力', '经济委员会', 2],
  ['counterpart', '农村生活污水治理设施长效运维', '人口资源环境委员会', 2],
  ['pre_legislative', '《嘉兴市养犬管理条例（草案）》立法协商', '社会和法制委员会', 3],
  ['thematic', '加快构建一老一小服务体系', '教科卫体委员会', 3],
  ['proposal_handling', '重点提案“城乡公交一体化”办理协商', '提案委员会', 4],
  ['standing_committee', '大运河文化带建设', '文化文史和学习委员会', 4],
  ['chair_meeting', '数字乡村建设', '农业和农村委员会', 4],
];

interface MeetingPlan {
  item: number;
  state: MeetingState;
  startsIn: number; // hours from now
  hours: number;
  online?: boolean;
  place: string;
}
const meetings: MeetingPlan[] = [
  { item: 0, state: 'ended', startsIn: -24 * 220, hours: 4, place: '市政协大会堂' },
  { item: 1, state: 'ended', startsIn: -24 * 200, hours: 3, place: '市政协三楼会议室' },
  { item: 2, state: 'ended', startsIn: -24 * 150, hours: 3, place: '市工商联会议中心' },
  { item: 3, state: 'ended', startsIn: -24 * 120, hours: 4, online: true, place: '市民中心一号厅（网络直播）' },
  { item: 4, state: 'ended', startsIn: -24 * 90, hours: 3, place: '南湖区凤桥镇' },
  { item: 5, state: 'ended', startsIn: -24 * 40, hours: 3, place: '市政协三楼会议室' },
  { item: 6, state: 'in_progress', startsIn: -1, hours: 24 * 3, online: true, place: '市政协网络议政厅' },
  { item: 7, state: 'published', startsIn: 24 * 14, hours: 3, place: '市政协三楼会议室' },
];

const speechTexts = [
  '当前工作中仍存在一些短板：基层力量薄弱，资源配置不均衡，群众获得感有待提升。\n建议建立健全部门协同机制，明确牵头单位和责任清单，每年开展一次评估。\n同时加大财政投入，优先保障基层和薄弱环节。',
  '通过调研我们发现，政策落地“最后一公里”问题较为突出。\n建议推行“一件事”集成办理，减少群众和企业跑腿次数。\n建议将相关指标纳入部门年度考核。',
  '人才是关键。建议完善人才引进和激励政策，畅通基层人才职称评聘通道。\n建议建立城乡人才交流轮岗制度，推动优质资源向基层流动。',
  '建议加强数字化应用，建设统一的信息平台，实现数据共享、业务协同。\n建议引入社会力量参与，形成政府主导、多元参与的工作格局。',
  '建议强化宣传引导，及时回应群众关切，营造全社会共同参与的良好氛围。\n建议建立常态化协商机制，定期听取委员和群众意见。',
];

export async function seedConsultations(trx: Transaction<Database>, city: number): Promise<void> {
  const users = await trx.selectFrom('users').select(['id', 'username', 'display_name', 'member_id', 'handling_unit_id']).where('organization_id', '=', city).execute();
  const user = (name: string) => users.find((u) => u.username === name);
  const staff = user('staff');
  const leader = user('leader');
  const self = user('member')?.member_id ?? null;
  const demoUnit = user('unit')?.handling_unit_id ?? null;
  const members = await trx.selectFrom('members').select(['id', 'name']).where('organization_id', '=', city).where('status', '=', 'active').orderBy('id').limit(200).execute();
  if (!staff || members.length < 10) return;
  const committees = await trx.selectFrom('committees').select(['id', 'name']).where('organization_id', '=', city).execute();
  const committee = (name: string) => committees.find((c) => c.name === name)?.id ?? committees[0]?.id ?? null;
  const units = await trx.selectFrom('handling_units').select(['id', 'name']).where('organization_id', '=', city).where('active', '=', 1).orderBy('sort').orderBy('id').execute();
  const unitAt = (i: number) => (i === 0 && demoUnit ? demoUnit : units[i % units.length]!.id);
  const log = (entityType: AuditEntityType, entityId: number, action: AuditAction, when: string, after: Record<string, unknown>, before: Record<string, unknown> | null = null, actor = staff) =>
    trx.insertInto('audit_log').values({ at: when, actor_id: actor.id, actor_name: actor.display_name, action, entity_type: entityType, entity_id: String(entityId), organization_id: city, before: before && JSON.stringify(before), after: JSON.stringify(after), ip: null }).execute();

  // ---- the plan --------------------------------------------------------------------------------
  const year = chinaYear();
  const planAt = moment(-24 * 320);
  const plan = await trx.insertInto('consultation_plans').values({ organization_id: city, year, title: `${year}年度政协协商工作计划`, state: 'published', return_reason: null, created_by: staff.id, created_at: planAt, updated_at: planAt }).returning('id').executeTakeFirstOrThrow();
  const itemIds: number[] = [];
  for (const [type, topic, lead, quarter] of items)
    itemIds.push((await trx.insertInto('consultation_plan_items').values({ plan_id: plan.id, type, topic, lead_committee_id: committee(lead), quarter, note: null, created_at: planAt }).returning('id').executeTakeFirstOrThrow()).id);
  await log('consultation_plan', plan.id, 'create', planAt, { state: 'draft', year, title: `${year}年度政协协商工作计划` });
  await log('consultation_plan', plan.id, 'submit', moment(-24 * 315), { state: 'submitted' }, { state: 'draft' });
  if (leader) await log('consultation_plan', plan.id, 'approve', moment(-24 * 312), { state: 'approved' }, { state: 'submitted' }, leader);
  await log('consultation_plan', plan.id, 'publish', moment(-24 * 310), { state: 'published' }, { state: 'approved' });

  // ---- meetings ----------------------------------------------------------------------------------
  let outcomeDone = false;
  // Past meetings stay inside this year (in Asia/Shanghai), so that this year's figures show them.
  const sinceNewYear = (Date.now() + 8 * HOUR - Date.UTC(year, 0, 1)) / HOUR - 48;
  const squeeze = Math.max(0.01, Math.min(1, sinceNewYear / (24 * 230)));
  for (const [n, planned] of meetings.entries()) {
    const mp = planned.startsIn < -24 ? { ...planned, startsIn: Math.round(planned.startsIn * squeeze) - 24 } : planned;
    const [type, topic, lead] = items[mp.item]!;
    const startsAt = moment(mp.startsIn);
    const endsAt = moment(mp.startsIn + mp.hours);
    const createdAt = moment(mp.startsIn - 24 * 20);
    const ended = mp.state === 'ended';
    const m = await trx
      .insertInto('consultation_meetings')
      .values({
        organization_id: city, type, topic, starts_at: startsAt, ends_at: endsAt, place: mp.place, online: mp.online ? 1 : 0, state: mp.state, committee_id: committee(lead),
        created_by: staff.id, created_at: createdAt, updated_at: createdAt, plan_item_id: itemIds[mp.item]!, public_seats: mp.online ? 200 : 10, checkin_token: token(),
        speaking_speech_id: null, votes_per_attendee: 3, vote_opens_at: ended ? endsAt : null, vote_closes_at: ended ? moment(mp.startsIn + mp.hours + 48) : null,
        best_confirmed_at: ended ? moment(mp.startsIn + mp.hours + 72) : null, cancel_reason: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const agenda = ['主持人说明协商议题', '政府有关部门通报情况', '委员发言', '政府领导回应', '政协领导讲话'];
    await trx.insertInto('consultation_agenda_items').values(agenda.map((title, i) => ({ meeting_id: m.id, position: i + 1, title, note: null }))).execute();
    // About twenty members each, the demo member always among them.
    const invited = [...new Set([...(self ? [self] : []), ...members.filter((_, i) => (i + n * 3) % 8 === 0).map((x) => x.id)])].slice(0, 24);
    const invitations = await trx
      .insertInto('consultation_invitations')
      .values(invited.map((member_id, i) => {
        const leave = i % 10 === 7 || (mp.state === 'published' && i % 5 === 2);
        const accepted = !leave && (mp.state !== 'published' || i % 3 === 1) && !(mp.state === 'published' && member_id === self);
        const present = (ended && !leave && i % 10 !== 9) || (mp.state === 'in_progress' && !leave && i % 2 === 1 && member_id !== self);
        return {
          meeting_id: m.id, member_id, answer: leave ? ('leave' as const) : accepted || present ? ('accepted' as const) : ('pending' as const), reason: leave ? '参加省里会议，无法出席' : null,
          answered_at: leave || accepted ? moment(mp.startsIn - 24 * 5) : null, checked_in_at: present ? moment(mp.startsIn - 0.3) : null, created_at: createdAt,
        };
      }))
      .returning(['id', 'member_id', 'checked_in_at'])
      .execute();
    const guests = [...(leader ? [{ user_id: leader.id, unit_id: null }] : []), ...[0, 3, 5].map((i) => ({ user_id: null, unit_id: unitAt(i + n) }))];
    await trx.insertInto('consultation_guests').values(guests.map((g) => ({ meeting_id: m.id, ...g, created_at: createdAt }))).execute();
    await log('consultation_meeting', m.id, 'create', createdAt, { state: 'draft', type, topic, startsAt, online: !!mp.online });
    await log('consultation_meeting', m.id, 'publish', moment(mp.startsIn - 24 * 18), { state: 'published' }, { state: 'draft' });
    if (mp.state === 'published') continue;
    await log('consultation_meeting', m.id, 'start', startsAt, { state: 'in_progress' }, { state: 'published' });

    // Speeches by present members (pending ones too, for the office's queue in the live meeting).
    const speakers = invitations.filter((i) => i.checked_in_at).slice(0, 5);
    const speechIds: number[] = [];
    for (const [k, inv] of speakers.entries()) {
      const who = members.find((x) => x.id === inv.member_id)!;
      const pending = mp.state === 'in_progress' && k === 4;
      const s = await trx
        .insertInto('consultation_speeches')
        .values({
          meeting_id: m.id, member_id: inv.member_id, title: `关于${topic}的几点建议（${who.name}）`, text: speechTexts[(k + n) % speechTexts.length]!, state: pending ? 'submitted' : 'approved',
          position: pending ? null : k + 1, reject_reason: null, spoken_at: ended || (mp.state === 'in_progress' && k < 2) ? moment(mp.startsIn + 0.3 * (k + 1)) : null, created_at: createdAt, updated_at: createdAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (!pending) speechIds.push(s.id);
    }
    if (mp.state === 'in_progress') {
      if (speechIds[1]) await trx.updateTable('consultation_meetings').set({ speaking_speech_id: speechIds[1] }).where('id', '=', m.id).execute();
      continue;
    }
    await log('consultation_meeting', m.id, 'end', endsAt, { state: 'ended' }, { state: 'in_progress' });

    // Votes: every present member votes for up to three speeches; the two most voted are confirmed.
    const votes = invitations.filter((i) => i.checked_in_at).flatMap((inv, v) => speechIds.filter((_, k) => (k + v) % speechIds.length < Math.min(3, speechIds.length) && (k * 7 + v) % 4 !== 0).map((speech_id) => ({ meeting_id: m.id, speech_id, invitation_id: inv.id, created_at: moment(mp.startsIn + mp.hours + 1) })));
    if (votes.length) await trx.insertInto('consultation_votes').values(votes).execute();
    const tally = speechIds.map((id) => ({ id, votes: votes.filter((v) => v.speech_id === id).length })).sort((a, b) => b.votes - a.votes).slice(0, 2);
    if (tally.length) await trx.insertInto('consultation_best_speeches').values(tally.map((t, i) => ({ meeting_id: m.id, speech_id: t.id, position: i + 1, votes: t.votes }))).execute();

    // Suggestions in every state, traced to a speech passage or entered by hand.
    const states: SuggestionState[] = ['adopted', 'adopted', 'answered', 'assigned', 'not_adopted', 'open'];
    const made: number[] = [];
    for (const [k, st] of states.entries()) {
      const speechId = speechIds[k % Math.max(speechIds.length, 1)];
      const speech = speechId ? await trx.selectFrom('consultation_speeches as sp').innerJoin('members as mb', 'mb.id', 'sp.member_id').select(['sp.text', 'mb.name']).where('sp.id', '=', speechId).executeTakeFirstOrThrow() : null;
      const passage = speech?.text.split('\n')[1] ?? null;
      const at = moment(mp.startsIn + mp.hours + 24 * (k + 1));
      const sg = await trx
        .insertInto('consultation_suggestions')
        .values({
          organization_id: city, meeting_id: m.id, source_kind: speech ? 'speech' : 'manual', source_id: speechId ?? null, passage, source_author: speech?.name ?? null,
          title: `${topic}：${passage ? passage.replace(/^建议/, '').slice(0, 24) : '加强统筹协调'}`, text: passage ?? '建议加强统筹协调，形成工作合力。', state: st,
          adoption_note: st === 'adopted' ? '已纳入相关部门年度工作计划' : st === 'not_adopted' ? '受条件限制，暂缓实施' : null, created_by: staff.id, created_at: at, updated_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      made.push(sg.id);
      await log('consultation_suggestion', sg.id, 'create', at, { state: 'open', meetingId: m.id, source: speech ? 'speech' : 'manual', sourceId: speechId ?? null });
      if (st === 'open') continue;
      const unitIds = [unitAt(k + n), ...(k % 2 ? [unitAt(k + n + 4)] : [])].filter((u, i, a) => a.indexOf(u) === i);
      const answered = st !== 'assigned';
      await trx.insertInto('consultation_suggestion_units').values(unitIds.map((unit_id) => ({
        suggestion_id: sg.id, unit_id, deadline: day(mp.startsIn / 24 + 60), answer: answered ? '我单位已认真研究，相关措施正在推进落实，将适时向政协反馈进展。' : null, answered_by: null,
        answered_at: answered ? moment(mp.startsIn + 24 * 20) : null, assigned_at: moment(mp.startsIn + mp.hours + 24 * (k + 2)),
      }))).execute();
      await log('consultation_suggestion', sg.id, 'assign', moment(mp.startsIn + mp.hours + 24 * (k + 2)), { state: 'assigned', unitIds }, { state: 'open' });
      if (!answered) continue;
      await log('consultation_suggestion', sg.id, 'answer', moment(mp.startsIn + 24 * 20), { state: 'answered', unitId: unitIds[0] }, { state: 'assigned' });
      if (st !== 'answered') await log('consultation_suggestion', sg.id, st === 'adopted' ? 'adopt' : 'not_adopt', moment(mp.startsIn + 24 * 25), { state: st }, { state: 'answered' });
    }

    if (outcomeDone) continue;
    outcomeDone = true;
    const at = moment(mp.startsIn + 24 * 30);
    const o = await trx.insertInto('consultation_outcomes').values({ organization_id: city, meeting_id: m.id, title: `关于${topic}的协商成果`, summary: `市政协围绕“${topic}”开展协商，委员们深入调研、积极建言，形成意见建议${made.length}条。现将主要意见建议报送如下。`, created_by: staff.id, created_at: at }).returning('id').executeTakeFirstOrThrow();
    await trx.insertInto('consultation_outcome_suggestions').values(made.map((suggestion_id, i) => ({ outcome_id: o.id, suggestion_id, position: i + 1 }))).execute();
    await trx.insertInto('consultation_outcome_forwardings').values({ outcome_id: o.id, recipient: '中共嘉兴市委、嘉兴市人民政府', sent_on: day(mp.startsIn / 24 + 31), note: '以《政协专报》报送', created_by: staff.id, created_at: at }).execute();
    await trx.insertInto('consultation_outcome_instructions').values({ outcome_id: o.id, leader: '市长', level: 'city', instructed_on: day(mp.startsIn / 24 + 36), text: '政协的意见建议很有针对性，请市教育局会同有关部门认真研究吸纳。', created_by: staff.id, created_at: at }).execute();
    await trx.insertInto('consultation_outcome_adoptions').values({ outcome_id: o.id, level: 'city', adopted_on: day(mp.startsIn / 24 + 50), note: '相关建议写入市政府专项行动方案', created_by: staff.id, created_at: at }).execute();
    await log('consultation_outcome', o.id, 'create', at, { meetingId: m.id, suggestionIds: made });
    await log('consultation_outcome', o.id, 'forwarding', at, { to: '中共嘉兴市委、嘉兴市人民政府' });
    await log('consultation_outcome', o.id, 'instruction', at, { leaderName: '市长', level: 'city' });
    await log('consultation_outcome', o.id, 'adoption', at, { level: 'city' });
  }
}
