// The consultations' work figures (协商): meetings held, members present, online sessions with their
// participants and comments, and the suggestions drawn from them. A meeting belongs to the period
// of its start (China time); only meetings held count (in progress or ended), as in the stats.
import { sql } from 'kysely';
import type { Trx } from '../../platform/context.js';
import { pairKey, queryFigure, type FigureRange } from '../../platform/figures.js';
import { suggestionFigures } from '../suggestions/figures.js';

const link = (id: number) => `/consultations/meetings/${id}`;
const held = (db: Trx, orgs: number[], r: FigureRange) =>
  db.selectFrom('consultation_meetings as m').where('m.organization_id', 'in', orgs).where('m.state', 'in', ['in_progress', 'ended'])
    .where('m.starts_at', '>=', r.from).where('m.starts_at', '<', r.to);
const heldOnline = (db: Trx, orgs: number[], r: FigureRange) => held(db, orgs, r).where('m.online', '=', 1);
const present = (db: Trx, orgs: number[], r: FigureRange) =>
  held(db, orgs, r).innerJoin('consultation_invitations as i', 'i.meeting_id', 'm.id').where('i.checked_in_at', 'is not', null);
const online = (db: Trx, orgs: number[], r: FigureRange) => heldOnline(db, orgs, r).innerJoin('consultation_room_participants as p', 'p.meeting_id', 'm.id');

export const consultationFigures = [
  queryFigure({
    code: 'consultations.held', order: 300, public: true, headline: true, link,
    name: { zh: '开展协商活动', en: 'Consultations held' },
    definition: {
      zh: '开始时间（中国时间）在期间内、已举行（进行中或已结束）的各类协商活动场次，不含草稿、已发布未开始和已取消的。',
      en: 'Consultation meetings of every type starting in the period (China time) and held (in progress or ended); drafts, meetings not yet started and cancelled ones are not counted.',
    },
    rows: (db, orgs, r) => held(db, orgs, r).select(['m.id as key', 'm.topic as title', 'm.starts_at as date', 'm.id as target']),
  }),
  queryFigure({
    code: 'consultations.attendance', order: 310, public: true, link,
    name: { zh: '委员出席人次', en: 'Members present' },
    definition: {
      zh: '上述协商活动中委员签到出席的人次；从历史记录导入、只记实到人数而未记名单的会议不计入。',
      en: 'Check-ins of members at those meetings; meetings brought in from past records with a headcount but no names are not counted.',
    },
    rows: (db, orgs, r) => present(db, orgs, r).select(['i.id as key', 'm.topic as title', 'i.checked_in_at as date', 'm.id as target']),
  }),
  queryFigure({
    code: 'consultations.online', order: 320, public: true, link, within: 'consultations.held',
    name: { zh: '网络议政、远程协商', en: 'Online sessions' },
    definition: { zh: '上述协商活动中，开通网络直播间、群众和委员可在线参与的场次。', en: 'Of the consultations held, those with an online room where residents and members take part online.' },
    rows: (db, orgs, r) => heldOnline(db, orgs, r).select(['m.id as key', 'm.topic as title', 'm.starts_at as date', 'm.id as target']),
  }),
  queryFigure({
    code: 'consultations.online_participants', order: 330, public: true, link,
    name: { zh: '网络参与人次', en: 'Online participants' },
    definition: { zh: '网络议政、远程协商各场进入直播间的人数之和（同一人在同一场只计一次）。', en: 'People who entered the online room of each online session, summed over the sessions (each person once per session).' },
    rows: (db, orgs, r) => online(db, orgs, r).select([pairKey('p.meeting_id', 'p.user_id').as('key'), 'm.topic as title', 'p.first_at as date', 'm.id as target']),
  }),
  queryFigure({
    code: 'consultations.comments', order: 340, public: true, link,
    name: { zh: '网络发言条数', en: 'Online comments' },
    definition: { zh: '网络议政、远程协商各场直播间中委员和群众发表、现仍公开显示的留言条数。', en: 'Comments by members and residents in the online rooms of those sessions that are shown now (not hidden or awaiting approval).' },
    rows: (db, orgs, r) =>
      heldOnline(db, orgs, r).innerJoin('consultation_comments as c', 'c.meeting_id', 'm.id').where('c.state', '=', 'visible')
        .select(['c.id as key', 'm.topic as title', 'c.created_at as date', 'm.id as target']),
  }),
  queryFigure({
    code: 'consultations.participations', order: 345, public: true, headline: true, link,
    name: { zh: '协商活动参与人次', en: 'Participations' },
    definition: {
      zh: '委员出席人次与网络参与人次之和，即上述两项的全部记录。',
      en: 'Members present plus online participants: the records of both figures above.',
    },
    // The keys say which kind of row, so that a check-in and a participant of the same id stay two.
    rows: (db, orgs, r) =>
      present(db, orgs, r).select([sql<string>`'a-' || cast(i.id as text)`.as('key'), 'm.topic as title', 'i.checked_in_at as date', 'm.id as target'])
        .unionAll(online(db, orgs, r).select([sql<string>`'o-' || ${pairKey('p.meeting_id', 'p.user_id')}`.as('key'), 'm.topic as title', 'p.first_at as date', 'm.id as target'])),
  }),
  ...suggestionFigures('consultations', 'consultation_meeting', { zh: '协商活动', en: 'consultations' }, 350, true),
];
