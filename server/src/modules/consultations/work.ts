// What waits on each role in consultations, for the home page (platform/home.ts): the meetings a
// member is invited to and has not answered, counted by the meetings list's own query.
import type { WorkItem } from '../../platform/home.js';
import { listMeetings } from './queries.js';

export const consultationsWork: WorkItem[] = [
  {
    code: 'consultations.answer', name: { zh: '待回复的会议邀请', en: 'Meetings to answer' }, roles: ['member'], order: 20,
    count: async (ctx) => (ctx.actor!.memberId === null ? null : { count: (await listMeetings(ctx, { toAnswer: true, limit: 1 })).total }),
    link: () => '/consultations/meetings?toAnswer=true',
  },
];
