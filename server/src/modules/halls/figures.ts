// The halls' work figures (民生议事堂、委员会客厅): sessions held, topics raised, lounge events
// held, and the suggestions of the sessions. A session or event belongs to the period of its
// start, a topic to the period it was raised in (China time).
import { sql } from 'kysely';
import type { Trx } from '../../platform/context.js';
import { queryFigure, type FigureRange } from '../../platform/figures.js';
import { suggestionFigures } from '../suggestions/figures.js';

const hall = (placeId: number) => `/hall/${placeId}`;
const lounge = (placeId: number) => `/lounge/${placeId}`;
const heldSessions = (db: Trx, orgs: number[], r: FigureRange) =>
  db.selectFrom('hall_sessions as s').where('s.organization_id', 'in', orgs).where('s.state', 'in', ['held', 'closed'])
    .where('s.starts_at', '>=', r.from).where('s.starts_at', '<', r.to);
const heldEvents = (db: Trx, orgs: number[], r: FigureRange) =>
  db.selectFrom('lounge_events as e').where('e.organization_id', 'in', orgs).where('e.state', '=', 'held')
    .where('e.starts_at', '>=', r.from).where('e.starts_at', '<', r.to);
// Two kinds of row in one list: their keys say which, so that a check-in and an invitee of the same id stay two.
const keyed = (prefix: string, column: string) => sql<string>`${prefix} || cast(${sql.ref(column)} as text)`;

export const hallsFigures = [
  queryFigure({
    code: 'halls.sessions', order: 400, public: true, headline: true, link: hall,
    name: { zh: '民生议事堂议事活动', en: 'Hall sessions held' },
    definition: {
      zh: '开始时间（中国时间）在期间内、已举行或已办结的民生议事堂议事活动场次，不含计划中和仅发布通知的。',
      en: 'Deliberation sessions of the livelihood halls starting in the period (China time) and held or closed; planned sessions and published notices are not counted.',
    },
    rows: (db, orgs, r) => heldSessions(db, orgs, r).select(['s.id as key', 's.title as title', 's.starts_at as date', 's.place_id as target']),
  }),
  queryFigure({
    code: 'halls.participations', order: 405, public: true, link: hall,
    name: { zh: '议事活动参与人次', en: 'Hall session participations' },
    definition: {
      zh: '上述议事活动中扫码签到的人次，加上按姓名邀请、没有账号签到的居民代表人数。',
      en: 'Check-ins at those sessions, plus the resident representatives invited by name only (they have no account to check in with).',
    },
    rows: (db, orgs, r) =>
      heldSessions(db, orgs, r).innerJoin('attendance_checkins as c', (j) => j.onRef('c.source_id', '=', 's.id').on('c.source_type', '=', 'hall_session'))
        .select([keyed('c-', 'c.id').as('key'), 's.title as title', 'c.at as date', 's.place_id as target'])
        .unionAll(
          heldSessions(db, orgs, r).innerJoin('hall_session_invitees as i', 'i.session_id', 's.id').where('i.kind', '=', 'resident').where('i.user_id', 'is', null)
            .select([keyed('r-', 'i.id').as('key'), 's.title as title', 's.starts_at as date', 's.place_id as target']),
        ),
  }),
  queryFigure({
    code: 'halls.topics', order: 410, public: true, link: hall,
    name: { zh: '收集议题', en: 'Topics raised' },
    definition: { zh: '期间内（按提出日期）群众和委员在民生议事堂提出的议题个数，不论此后是否采纳。', en: 'Topics raised at the halls by residents and members in the period (by the date raised), whatever became of them.' },
    rows: (db, orgs, r) =>
      db.selectFrom('hall_topics as t').where('t.organization_id', 'in', orgs).where('t.created_at', '>=', r.from).where('t.created_at', '<', r.to)
        .select(['t.id as key', 't.title as title', 't.created_at as date', 't.place_id as target']),
  }),
  ...suggestionFigures('halls', 'hall_session', { zh: '议事活动', en: 'hall sessions' }, 420, true),
  queryFigure({
    code: 'halls.lounge_events', order: 450, public: true, link: lounge,
    name: { zh: '委员会客厅主题活动', en: 'Lounge events held' },
    definition: { zh: '开始时间（中国时间）在期间内、已举行的委员会客厅主题活动场次。', en: "Themed events of the members' lounges starting in the period (China time) and held." },
    rows: (db, orgs, r) => heldEvents(db, orgs, r).select(['e.id as key', 'e.title as title', 'e.starts_at as date', 'e.place_id as target']),
  }),
  queryFigure({
    code: 'halls.lounge_participations', order: 460, public: true, link: lounge,
    name: { zh: '委员会客厅活动参与人次', en: 'Lounge event participations' },
    definition: {
      zh: '上述委员会客厅主题活动中扫码签到的人次；只报人数、未签到的不计入。',
      en: 'Check-ins at those lounge events; a headcount reported without check-ins is not counted.',
    },
    rows: (db, orgs, r) =>
      heldEvents(db, orgs, r).innerJoin('attendance_checkins as c', (j) => j.onRef('c.source_id', '=', 'e.id').on('c.source_type', '=', 'lounge_event'))
        .select(['c.id as key', 'e.title as title', 'c.at as date', 'e.place_id as target']),
  }),
];
