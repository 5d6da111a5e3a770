// States of a topic and of a deliberation session, the events that move them and who may fire
// each: one table each, read by the commands and by the `abilities` the answers carry.
// A session's suggestions (to handling units, with deadlines, answers and adoption) and its QR
// check-in come from the shared `suggestions` and `attendance` modules, keyed by the session's id
// (record kind 'hall_session'); the session page shows them once those modules are merged.
import type { HallSessionState, HallTopicState, Role } from '../../platform/db/types.js';

const office: readonly Role[] = ['admin', 'staff'];

export const topicEvents = {
  adopt: { from: ['open'], to: 'adopted', who: office, label: { zh: '采纳为议题', en: 'adopt the topic' } },
  merge: { from: ['open'], to: 'merged', who: office, label: { zh: '并入其他议题', en: 'merge the topic' } },
  decline: { from: ['open'], to: 'declined', who: office, label: { zh: '不予采纳', en: 'decline the topic' } },
} as const satisfies Record<string, { from: readonly HallTopicState[]; to: HallTopicState; who: readonly Role[]; label: { zh: string; en: string } }>;
export type TopicEvent = keyof typeof topicEvents;

export const sessionEvents = {
  publish: { from: ['planned'], to: 'notice_published', who: office, label: { zh: '发布活动通知', en: 'publish the notice' } },
  hold: { from: ['notice_published'], to: 'held', who: office, label: { zh: '登记活动已举行', en: 'record the session as held' } },
  close: { from: ['held'], to: 'closed', who: office, label: { zh: '办结活动', en: 'close the session' } },
} as const satisfies Record<string, { from: readonly HallSessionState[]; to: HallSessionState; who: readonly Role[]; label: { zh: string; en: string } }>;
export type SessionEvent = keyof typeof sessionEvents;

export const nextTopicState = (event: TopicEvent, from: HallTopicState): HallTopicState | null =>
  (topicEvents[event].from as readonly HallTopicState[]).includes(from) ? topicEvents[event].to : null;
export const nextSessionState = (event: SessionEvent, from: HallSessionState): HallSessionState | null =>
  (sessionEvents[event].from as readonly HallSessionState[]).includes(from) ? sessionEvents[event].to : null;
