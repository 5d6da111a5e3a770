// Output shapes of consultations: the OpenAPI document, and the serializer writes only the fields
// named here (server/src/platform/serializer.ts). Each shape is what its query or command returns.
import { z } from 'zod';
import { pageOf } from '../../platform/paging.js';
import { level, meetingState, meetingType, meetingTypes, suggestionState, type MeetingTypeKey } from './schema.js';

export const planState = z.enum(['draft', 'submitted', 'approved', 'published']);
export const speechState = z.enum(['submitted', 'approved', 'rejected', 'withdrawn']);
export const invitationAnswer = z.enum(['pending', 'accepted', 'leave']);
export const attendanceStatus = z.enum(['present', 'leave', 'absent', 'expected']);
export const sourceKind = z.enum(['speech', 'comment', 'manual']);

/** A name in both languages, as the pages show it. */
const label = z.object({ zh: z.string(), en: z.string() });
const named = z.object({ id: z.number(), name: z.string() });
const flags = <K extends string>(keys: readonly K[]) => z.object(Object.fromEntries(keys.map((k) => [k, z.boolean()])) as Record<K, z.ZodBoolean>);

export const createdOut = z.object({ id: z.number() });
export const okOut = z.object({ ok: z.literal(true) });

export const timelineOut = z.array(
  z.object({
    at: z.string(),
    actorName: z.string().nullable(),
    action: z.string(),
    label: z.string(),
    label_en: z.string(),
    before: z.unknown().describe('The recorded values before the change, or null'),
    after: z.unknown().describe('The recorded values after the change, or null'),
  }),
);

export const configOut = z.object({
  // Read from the keys of meetingTypes, which TypeScript types as string: the document still lists the values.
  types: z.array(z.object({ value: meetingType as z.ZodType<string>, label })),
  committees: z.array(named),
  units: z.array(named),
  /** The office only: members who may be invited. */
  members: z.array(named.extend({ sector: z.string().nullable() })).optional().describe('The office only: active members who may be invited'),
  /** The office only: leaders and unit accounts who may be invited. */
  officials: z.array(named.extend({ role: z.string() })).optional().describe('The office only: leader and unit accounts who may be invited'),
});

// ---- plan ------------------------------------------------------------------------------------

export const planSummaryOut = z.object({
  id: z.number(),
  organizationId: z.number(),
  organizationName: z.string(),
  year: z.number(),
  title: z.string(),
  state: planState,
  items: z.number().describe('Number of consultation items in the plan'),
  updatedAt: z.string(),
});
export const plansOut = z.array(planSummaryOut);

export const planOut = z.object({
  id: z.number(),
  organizationId: z.number(),
  year: z.number(),
  title: z.string(),
  state: planState,
  stateLabel: label,
  returnReason: z.string().nullable(),
  items: z.array(
    z.object({
      id: z.number(),
      type: meetingType,
      typeLabel: label,
      topic: z.string(),
      leadCommitteeId: z.number().nullable(),
      leadCommitteeName: z.string().nullable(),
      quarter: z.number(),
      note: z.string().nullable(),
      meetingId: z.number().nullable().describe('The meeting arranged for this item, if any'),
    }),
  ),
  abilities: flags(['edit', 'submit', 'approve', 'return', 'publish'] as const),
  timeline: timelineOut.describe('Empty for callers who are not the office or leaders'),
});

// ---- meetings --------------------------------------------------------------------------------

export const meetingSummaryOut = z.object({
  id: z.number(),
  organizationId: z.number(),
  type: meetingType,
  typeLabel: label,
  topic: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  place: z.string(),
  online: z.boolean(),
  state: meetingState,
  stateLabel: label,
  committeeId: z.number().nullable(),
  committeeName: z.string().nullable(),
});
export const meetingsPage = pageOf(meetingSummaryOut);

export const fileOut = z.object({ id: z.string(), name: z.string(), mime: z.string(), size: z.number() });
const bestSpeech = z.object({ speechId: z.number(), title: z.string(), memberName: z.string(), votes: z.number() });

export const meetingOut = meetingSummaryOut.extend({
  planItemId: z.number().nullable(),
  publicSeats: z.number(),
  cancelReason: z.string().nullable(),
  agenda: z.array(z.object({ title: z.string(), note: z.string().nullable() })),
  materials: z.array(fileOut),
  invited: z.object({ members: z.array(named), users: z.array(named), units: z.array(named) }).optional().describe('The office only: members, officials and departments invited'),
  myInvitation: z
    .object({ answer: invitationAnswer, reason: z.string().nullable(), checkedInAt: z.string().nullable(), status: attendanceStatus })
    .nullable()
    .describe("The calling member's invitation; null when not invited"),
  speeches: z
    .array(
      z.object({
        id: z.number(),
        memberId: z.number(),
        memberName: z.string(),
        title: z.string(),
        state: speechState,
        position: z.number().nullable(),
        spokenAt: z.string().nullable(),
        createdAt: z.string(),
        text: z.string().nullable().describe('For the office, the leaders and the speaker; null for the others'),
        file: fileOut.nullable().describe('The speech as a document (GET /speeches/:id/file), for those who see the text'),
        rejectReason: z.string().nullable(),
      }),
    )
    .describe('Approved speeches in order; the office also sees the others, a member also their own'),
  speakingNow: z.object({ speechId: z.number() }).nullable(),
  voteSettings: z.object({ votesPerAttendee: z.number(), opensAt: z.string().nullable(), closesAt: z.string().nullable() }),
  myVotes: z.array(z.number()).describe('Speeches the calling member voted for'),
  bestSpeeches: z.array(bestSpeech).describe('Shown once the office has confirmed them'),
  bestConfirmedAt: z.string().nullable(),
  abilities: flags(['edit', 'publish', 'start', 'end', 'cancel', 'reply', 'checkin', 'registerSpeech', 'manageSpeeches', 'markSpeaking', 'vote', 'confirmBest', 'suggest', 'attendance', 'checkinCode'] as const),
});

// ---- check-in and attendance -----------------------------------------------------------------

export const checkinCodeOut = z.object({
  token: z.string(),
  url: z.string().describe('<origin>/consultations/checkin/<token>'),
  png: z.string().describe('The QR code as a data: URL'),
  svg: z.string(),
  opensAt: z.string().describe('Check-in opens one hour before the start'),
  closesAt: z.string(),
});

export const checkinPreviewOut = z.object({
  meetingId: z.number(),
  topic: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  place: z.string(),
  state: meetingState,
  opensAt: z.string(),
  open: z.boolean().describe('Whether check-in is possible now'),
  reason: label.nullable().describe('Why check-in is not possible now'),
  invited: z.boolean(),
  checkedInAt: z.string().nullable(),
});

export const checkinOut = z.object({ meetingId: z.number(), topic: z.string(), checkedInAt: z.string(), already: z.boolean().describe('The member had already checked in') });

export const externalGuestOut = z.object({
  id: z.number(),
  name: z.string(),
  category: z.enum(['official', 'expert', 'public', 'other']),
  workplace: z.string().nullable(),
  phone: z.string().nullable().describe('For the office only'),
});

export const attendanceOut = z.object({
  meeting: z.object({ id: z.number(), topic: z.string(), startsAt: z.string(), state: meetingState }),
  items: z.array(
    z.object({
      memberId: z.number(),
      name: z.string(),
      sector: z.string().nullable(),
      answer: invitationAnswer,
      reason: z.string().nullable(),
      status: attendanceStatus,
      checkedInAt: z.string().nullable(),
    }),
  ),
  guests: z.array(externalGuestOut).describe('Invited people who are not members: officials, experts, public seats'),
  totals: z.object({
    invited: z.number(), accepted: z.number(), present: z.number(), leave: z.number(), absent: z.number(), expected: z.number(),
    guests: z.number().describe('Invited people who are not members'),
    attendees: z.number().describe('Members present plus guests: the meeting\'s attendance'),
  }),
});

// ---- votes -----------------------------------------------------------------------------------

export const voteOut = z.object({ votesLeft: z.number() });
export const voteResultsOut = z.array(bestSpeech);

// ---- suggestions -----------------------------------------------------------------------------

export const suggestionSummaryOut = z.object({
  id: z.number(),
  title: z.string(),
  state: suggestionState,
  sourceKind,
  sourceAuthor: z.string().nullable(),
  meeting: z.object({ id: z.number(), topic: z.string() }),
  createdAt: z.string(),
});
export const suggestionsPage = pageOf(suggestionSummaryOut);

export const suggestionOut = z.object({
  id: z.number(),
  title: z.string(),
  text: z.string(),
  state: suggestionState,
  stateLabel: label,
  meeting: z.object({ id: z.number(), topic: z.string(), startsAt: z.string() }),
  source: z.object({ kind: sourceKind, id: z.number().nullable(), excerpt: z.string().nullable(), authorName: z.string().nullable() }).describe('The speech passage or comment it was made from'),
  assignments: z
    .array(z.object({ unitId: z.number(), unitName: z.string(), deadline: z.string().nullable(), answer: z.string().nullable(), answeredAt: z.string().nullable(), assignedAt: z.string() }))
    .describe('A department sees only its own'),
  adopted: z.boolean().nullable().describe('null until the office decides'),
  adoptionNote: z.string().nullable(),
  createdAt: z.string(),
  abilities: flags(['assign', 'answer', 'adopt'] as const),
  timeline: timelineOut,
});

// ---- outcomes --------------------------------------------------------------------------------

export const outcomesOut = z.array(
  z.object({ id: z.number(), title: z.string(), createdAt: z.string(), meeting: z.object({ id: z.number(), topic: z.string(), startsAt: z.string(), type: meetingType }) }),
);

export const outcomeOut = z.object({
  id: z.number(),
  title: z.string(),
  summary: z.string(),
  createdAt: z.string(),
  meeting: z.object({ id: z.number(), topic: z.string(), startsAt: z.string(), type: meetingType, typeLabel: label, place: z.string() }),
  suggestions: z.array(
    z.object({
      id: z.number(),
      title: z.string(),
      text: z.string(),
      state: suggestionState,
      sourceKind,
      sourceAuthor: z.string().nullable(),
      answers: z.array(z.object({ unitName: z.string(), answer: z.string().nullable(), answeredAt: z.string().nullable() })),
      adopted: z.boolean().nullable(),
      adoptionNote: z.string().nullable(),
    }),
  ),
  forwardings: z.array(z.object({ id: z.number(), to: z.string(), date: z.string(), note: z.string().nullable() })),
  instructions: z.array(z.object({ id: z.number(), leaderName: z.string(), level, date: z.string(), text: z.string() })),
  adoptions: z.array(z.object({ id: z.number(), level, date: z.string(), note: z.string().nullable() })),
  abilities: flags(['forward', 'instruct', 'adopt'] as const),
  timeline: timelineOut,
});

// ---- statistics ------------------------------------------------------------------------------

const count = (what: string) => z.number().int().min(0).describe(what);
const byType = z
  .object(Object.fromEntries(Object.entries(meetingTypes).map(([k, l]) => [k, count(`${l.zh} (${l.en}) held`)])) as Record<MeetingTypeKey, z.ZodNumber>)
  .describe('Meetings held, by meeting type; every type is present, 0 when none was held');

export const statsOut = z
  .object({
    year: z.number().int().describe('Calendar year in Asia/Shanghai (UTC+8); meetings count in the year they start'),
    organizationId: z.number().int().describe('The organization asked for'),
    scope: z.enum(['own', 'system']).describe("'own': that organization alone; 'system': it and every organization below it"),
    organizationIds: z.array(z.number().int()).describe('The organizations counted'),
    meetings: count('Meetings held: started (in progress) or ended; drafts, published but not started, and cancelled meetings do not count'),
    onlineMeetings: count('Of the meetings held, those online (网络议政)'),
    meetingsByType: byType,
    meetingsByMonth: z.array(z.number().int().min(0)).length(12).describe('Meetings held per month of the year, January first (12 entries)'),
    participations: z
      .object({
        attendance: count('Members checked in at the meetings held (present); for a meeting brought in from past records, the members it reported present'),
        onlineParticipants: count('People who opened the live room or commented at the online meetings held, each counted once per meeting'),
        total: count('attendance + onlineParticipants (参与人次)'),
      })
      .describe('Participations (人次): one person at two meetings counts twice'),
    comments: count('Visible live-room comments at the online meetings held (pending and hidden ones do not count)'),
    suggestions: z
      .object({
        total: count('Suggestions (意见建议) made from the meetings of the year'),
        assigned: count('Of those, assigned to departments (including answered and decided ones)'),
        answered: count('Of those, answered by every department they were assigned to (including decided ones)'),
        adopted: count('Of those, marked adopted'),
      })
      .describe('Suggestions of meetings starting in the year, whatever the meeting state'),
    outcomes: count('Outcome reports (协商成果) compiled from meetings starting in the year'),
    headline: label.describe('One sentence for the yearly work report quoting the figures above, in Chinese and English'),
  })
  .describe("The figures a yearly work report quotes of an organization's consultations");
