// The demo city's consultations of the year, acted out through the consultations module's
// functions: the office draws up the plan and a leader approves it; about forty meetings of every
// type (the reference city held 40), each arranged and published by the office; invited members
// accept or ask for leave, register speeches, check in and speak; the office draws suggestions from
// the speeches and assigns them to the units whose remit the topic is; units answer; the office
// records adoption and, for the main meetings, an outcome report that goes to the party committee
// and government. One online meeting is in progress now and one is still to come.
import type { Services } from '../platform/context.js';
import type { MeetingType } from '../platform/db/consultation-types.js';
import * as s from '../modules/consultations/schema.js';
import { addItem, createPlan, planEvent } from '../modules/consultations/plan.js';
import { createMeeting, meetingEvent, reply } from '../modules/consultations/meetings.js';
import { decideSpeech, markSpeaking, registerSpeech } from '../modules/consultations/speeches.js';
import { checkin } from '../modules/consultations/checkin.js';
import { adoption, answer, assign, createSuggestion } from '../modules/consultations/suggestions.js';
import { createOutcome, followUp } from '../modules/consultations/outcomes.js';
import { addDays, chinaDate, chinaMonth, clock } from '../platform/time.js';
import type { Cast } from './actors.js';
import { Calendar, DAY, later, officeTime, officeTimeBefore } from './calendar.js';
import { CATEGORIES, type CategorySpec } from './proposal-topics.js';
import type { YearFrame } from './proposals.js';
import { apportion, chance, int, pick, shuffle, weighted, type Rng } from './random.js';

const HOUR = 3_600_000;
// The reference city's “1+2+6+X”: one plenary, standing committee and chair meetings, and the
// thematic, counterpart, sector, proposal-handling and “come and consult” meetings in between.
const TYPES: [MeetingType, number][] = [
  ['plenary', 1], ['standing_committee', 4], ['chair_meeting', 6], ['thematic', 6], ['counterpart', 6], ['sector', 6],
  ['proposal_handling', 4], ['pre_legislative', 2], ['come_and_consult', 5],
];
const COMMITTEE: Record<string, string> = {
  经济建设: '经济委员会', 政治建设: '社会和法制委员会', 文化建设: '文化文史和学习委员会', 社会建设: '教科卫体委员会', 生态文明建设: '人口资源环境委员会',
};
const PLACES = ['市政协三楼会议室', '市政协五楼协商厅', '市民中心会议室', '市工商联会议中心', '市政协委员会客厅'];
const AGENDA = ['主持人说明协商议题', '政府有关部门通报情况', '委员发言', '政府领导回应', '政协领导讲话'];

function speechText(rng: Rng, spec: CategorySpec): string {
  const [m1, m2] = shuffle(rng, spec.measures);
  return `${pick(rng, spec.problems)}\n建议${m1}。\n建议${m2}。`;
}

export async function seedConsultations(services: Services, cast: Cast, cal: Calendar, rng: Rng, frame: YearFrame): Promise<void> {
  const { db } = services;
  const { year, yearStart, plenary, until, scale } = frame;
  const { staff, members, leaders } = cast;
  const committees = await db.selectFrom('committees').select(['id', 'name']).where('organization_id', '=', frame.city).execute();
  const committeeOf = (spec: CategorySpec) => committees.find((c) => c.name === (spec.name === '乡村振兴' ? '农业和农村委员会' : COMMITTEE[spec.parent]))?.id ?? null;
  const unitsOf = (spec: CategorySpec) => [...spec.lead, ...spec.assist.slice(0, 1)].map(cast.unitByName).filter((u): u is number => u !== undefined);
  const total = Math.max(6, Math.round(40 * scale));
  // Types in their shares: the plenary first, the others through the year.
  const others = TYPES.slice(1);
  const counts = apportion(total - 1, others.map(([, n]) => n));
  const types: MeetingType[] = ['plenary', ...shuffle(rng, others.flatMap(([t], i) => Array<MeetingType>(counts[i]!).fill(t)))];
  const topics = shuffle(rng, CATEGORIES.flatMap((spec) => spec.subjects.map((subject) => ({ spec, subject }))));
  const plans = types.slice(0, total).map((type, i) => {
    const { spec, subject } = topics[i % topics.length]!;
    // Spread from the plenary to the end of the year's tenth month, in time order; the last ones
    // are the meeting in progress now (online) and the one still to come.
    const last = i === total - 1;
    const live = i === total - 2;
    const cancelled = i === total - 3;
    const startsAt = type === 'plenary' ? plenary
      : last ? officeTime(rng, until + 14 * DAY) : live ? until - HOUR
      : officeTime(rng, plenary + 20 * DAY + Math.floor(((i + rng()) / total) * Math.max(DAY, until - plenary - 40 * DAY)));
    return { type, spec, subject, startsAt, hours: live ? 72 : type === 'plenary' ? 4 : 3, online: live || chance(rng, 0.15), last, live, cancelled };
  });

  // ---- the plan, drawn up before the year and approved by a leader -----------------------------
  let planId = 0;
  cal.at(officeTime(rng, yearStart + 3 * DAY), async () => {
    planId = (await createPlan(staff, s.planIn.parse({ year, title: `${year}年度政协协商工作计划` }))).id;
    for (const p of plans) {
      const quarter = Math.min(4, Math.max(1, Math.floor(chinaMonth(new Date(p.startsAt)) / 3) + 1));
      await addItem(staff, planId, s.planItemIn.parse({ type: p.type, topic: p.subject, leadCommitteeId: committeeOf(p.spec), quarter }));
    }
    await planEvent(staff, planId, 'submit');
  });
  cal.at(officeTime(rng, yearStart + 6 * DAY), () => planEvent(leaders[0]!.ctx, planId, 'approve'));
  cal.at(officeTime(rng, yearStart + 8 * DAY), () => planEvent(staff, planId, 'publish'));

  for (const p of plans) {
    // Every member is called to the plenary session; other meetings invite a few dozen.
    const invited = p.type === 'plenary' ? [...members] : shuffle(rng, members.slice(1)).slice(0, int(rng, 15, 35));
    if (p.type !== 'plenary' && (chance(rng, 0.5) || p.live || p.last)) invited.unshift(members[0]!);
    const createdAt = Math.max(officeTime(rng, yearStart + 9 * DAY), later(rng, p.startsAt - 25 * DAY, 0, 2));
    cal.at(createdAt, async () => {
      const items = await db.selectFrom('consultation_plan_items').select(['id', 'topic']).where('plan_id', '=', planId).execute();
      const { id } = await createMeeting(staff, s.meetingIn.parse({
        type: p.type, topic: p.subject, startsAt: new Date(p.startsAt).toISOString(), endsAt: new Date(p.startsAt + p.hours * HOUR).toISOString(),
        place: p.online ? '市政协网络议政厅' : pick(rng, PLACES), online: p.online, committeeId: committeeOf(p.spec), planItemId: items.find((x) => x.topic === p.subject)?.id ?? null,
        publicSeats: p.online ? 200 : 10, agenda: AGENDA.map((title) => ({ title })), invitedMemberIds: invited.map((m) => m.id),
        invitedUserIds: [pick(rng, leaders).userId], invitedUnitIds: unitsOf(p.spec).slice(0, 3),
      }));
      cal.at(later(rng, createdAt, 1, 3), () => publish(id, p, invited));
    });
  }
  // The office has begun arranging next month's meeting: a draft.
  const next = pick(rng, topics);
  cal.at(officeTimeBefore(rng, until, 2), async () => {
    const startsAt = officeTime(rng, until + 30 * DAY);
    await createMeeting(staff, s.meetingIn.parse({ type: 'thematic', topic: next.subject, startsAt: new Date(startsAt).toISOString(), endsAt: new Date(startsAt + 3 * HOUR).toISOString(), place: pick(rng, PLACES), online: false, committeeId: committeeOf(next.spec) }));
  });

  async function publish(id: number, p: (typeof plans)[number], invited: Cast['members']) {
    await meetingEvent(staff, id, 'publish');
    const published = clock.now().getTime();
    const coming: Cast['members'] = [];
    for (const m of invited) {
      // Nearly every member comes to the plenary; fewer make the time for the other meetings.
      const answer = weighted(rng, ['accept', 'leave', null] as const, p.type === 'plenary' ? [95, 4, 1] : [85, 8, 7]);
      if (answer === 'accept') coming.push(m);
      if (!answer) continue;
      const at = Math.min(p.startsAt - HOUR, later(rng, published, 0, 6));
      cal.at(at, () => reply(m.ctx, id, s.replyIn.parse(answer === 'leave' ? { answer, reason: '参加省里会议，无法出席' } : { answer })));
    }
    const speakers = coming.slice(0, int(rng, 3, 6));
    const speeches: number[] = [];
    for (const m of speakers) {
      const at = Math.min(p.startsAt - 2 * HOUR, later(rng, published, 2, 8));
      cal.at(at, async () => {
        const { id: speechId } = await registerSpeech(m.ctx, id, s.speechIn.parse({ title: `关于${p.subject}的几点建议`, text: speechText(rng, p.spec) }));
        speeches.push(speechId);
      });
    }
    if (p.cancelled) {
      cal.at(officeTime(rng, p.startsAt - 2 * DAY), () => meetingEvent(staff, id, 'cancel', '因议题调整，本次协商活动取消，另行安排。').then(() => {}));
      return;
    }
    cal.at(p.startsAt - 90 * 60_000, async () => {
      for (const speechId of speeches) await decideSpeech(staff, speechId, 'approve');
    });
    cal.at(p.startsAt, () => meetingEvent(staff, id, 'start').then(() => {}));
    const token = (await db.selectFrom('consultation_meetings').select('checkin_token').where('id', '=', id).executeTakeFirstOrThrow()).checkin_token;
    for (const m of coming) if (chance(rng, p.type === 'plenary' ? 0.99 : 0.93)) cal.at(p.startsAt - int(rng, 1, 40) * 60_000 + int(rng, 0, 59_999), () => checkin(m.ctx, s.checkinIn.parse({ token, meetingId: id })).then(() => {}));
    cal.at(p.startsAt + 35 * 60_000, async () => {
      for (const [k, speechId] of speeches.entries()) {
        clock.now = () => new Date(p.startsAt + (35 + 12 * k) * 60_000 + int(rng, 0, 59_999));
        await markSpeaking(staff, speechId, id);
      }
    });
    const endsAt = p.startsAt + p.hours * HOUR;
    cal.at(endsAt, async () => {
      await meetingEvent(staff, id, 'end');
      suggestions(id, p, speeches, endsAt);
    });
  }

  function suggestions(meetingId: number, p: (typeof plans)[number], speeches: number[], endsAt: number) {
    const made: number[] = [];
    for (const [k, speechId] of speeches.slice(0, 4).entries()) {
      const at = later(rng, endsAt, 1, 5);
      cal.at(at, async () => {
        const text = (await db.selectFrom('consultation_speeches').select('text').where('id', '=', speechId).executeTakeFirstOrThrow()).text;
        const passage = text.split('\n')[1 + (k % 2)]!;
        const { id } = await createSuggestion(staff, s.suggestionIn.parse({ meetingId, sourceKind: 'speech', sourceId: speechId, passage, title: `${p.subject}：${passage.replace(/^建议/, '').replace(/。$/, '')}`.slice(0, 60), text: passage }));
        made.push(id);
        if (chance(rng, 0.1)) return; // still open: the office has not chosen a unit yet
        const assignedAt = later(rng, at, 2, 7);
        cal.at(assignedAt, async () => {
          const units = shuffle(rng, unitsOf(p.spec)).slice(0, chance(rng, 0.3) ? 2 : 1);
          await assign(staff, id, s.assignIn.parse({ unitIds: units, deadline: addDays(chinaDate(new Date(assignedAt)), 60) }));
          let answered = assignedAt;
          for (const u of units) {
            answered = later(rng, answered, 10, 40);
            cal.at(answered, () => answer(cast.units.get(u)!.ctx, id, s.answerIn.parse({ text: '我单位已认真研究，相关措施已列入年度工作计划，正在推进落实，将适时向政协反馈进展。' })));
          }
          // The office decides on adoption some weeks after the answers; the latest still wait.
          const decided = later(rng, answered, 5, 15);
          if (decided < until - 20 * DAY) cal.at(decided, () => adoption(staff, id, s.adoptionIn.parse(chance(rng, 0.75) ? { adopted: true, note: '已纳入相关部门年度工作计划' } : { adopted: false, note: '受条件限制，暂缓实施' })));
        });
      });
    }
    if (!['plenary', 'thematic', 'come_and_consult', 'standing_committee'].includes(p.type)) return;
    const at = later(rng, endsAt, 20, 30);
    cal.at(at, async () => {
      if (made.length === 0) return;
      const { id } = await createOutcome(staff, meetingId, s.outcomeIn.parse({ title: `关于${p.subject}的协商成果`, summary: `市政协围绕“${p.subject}”开展协商，委员们深入调研、积极建言，形成意见建议${made.length}条。现将主要意见建议报送如下。`, suggestionIds: made }));
      await followUp(staff, id, { kind: 'forwarding', input: s.forwardingIn.parse({ to: '中共嘉兴市委、嘉兴市人民政府', date: chinaDate(new Date(at)), note: '以《政协专报》报送' }) });
      const back = later(rng, at, 5, 15);
      cal.at(back, async () => {
        const date = chinaDate(new Date(back));
        await followUp(staff, id, { kind: 'instruction', input: s.instructionIn.parse({ leaderName: '市长', level: 'city', date, text: '政协的意见建议很有针对性，请有关部门认真研究吸纳。' }) });
        await followUp(staff, id, { kind: 'adoption', input: s.outcomeAdoptionIn.parse({ level: 'city', date, note: '相关建议写入市政府专项行动方案' }) });
      });
    });
  }
}
