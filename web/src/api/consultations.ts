// Consultations (协商在线): shapes and calls of docs/api.md, section "Consultations"
// (server/src/modules/consultations/schema.ts for the core, room-routes.ts for the live room).
import { api } from './client';
import type { OrgScope, Page } from './types';

export type MeetingType =
  | 'plenary' | 'standing_committee' | 'thematic' | 'chair_meeting' | 'counterpart'
  | 'sector' | 'proposal_handling' | 'pre_legislative' | 'come_and_consult';
export const MEETING_TYPES: MeetingType[] = ['plenary', 'standing_committee', 'thematic', 'chair_meeting', 'counterpart', 'sector', 'proposal_handling', 'pre_legislative', 'come_and_consult'];
export type MeetingState = 'draft' | 'published' | 'in_progress' | 'ended' | 'cancelled';
export const MEETING_STATES: MeetingState[] = ['draft', 'published', 'in_progress', 'ended', 'cancelled'];
export type PlanState = 'draft' | 'submitted' | 'approved' | 'published';
export type SuggestionState = 'open' | 'assigned' | 'answered' | 'adopted' | 'not_adopted';
export const SUGGESTION_STATES: SuggestionState[] = ['open', 'assigned', 'answered', 'adopted', 'not_adopted'];
export type SourceKind = 'speech' | 'comment' | 'manual';
export type InvitationAnswer = 'pending' | 'accepted' | 'leave';
export type AttendanceStatus = 'present' | 'leave' | 'absent' | 'expected';
export type SpeechState = 'submitted' | 'approved' | 'rejected' | 'withdrawn';
export type Level = 'national' | 'province' | 'city' | 'county';
export const LEVELS: Level[] = ['national', 'province', 'city', 'county'];

export interface Named {
  id: number;
  name: string;
}

export interface ConsultationConfig {
  types: { value: MeetingType; label: { zh: string; en: string } }[];
  committees: Named[];
  units: Named[];
  /** Staff only: the members who may be invited. */
  members?: (Named & { sector?: string | null })[];
  /** Staff only, when the server lists them: leaders and other officials who may be invited. */
  officials?: (Named & { role?: string })[];
}

export interface TimelineEntry {
  at: string;
  actorName: string | null;
  action: string;
  label?: string;
  label_en?: string;
  before?: unknown;
  after?: unknown;
}

export interface PlanItem {
  id: number;
  type: MeetingType;
  topic: string;
  leadCommitteeId: number | null;
  leadCommitteeName: string | null;
  quarter: number;
  note: string | null;
  meetingId: number | null;
}

export interface PlanSummary {
  id: number;
  year: number;
  title: string;
  state: PlanState;
}

export interface Plan extends PlanSummary {
  items: PlanItem[];
  returnReason?: string | null;
  abilities: Partial<Record<'edit' | 'submit' | 'approve' | 'return' | 'publish', boolean>>;
  timeline?: TimelineEntry[];
}

export interface PlanItemInput {
  type: MeetingType;
  topic: string;
  leadCommitteeId?: number | null;
  quarter: number;
  note?: string;
}

export interface MeetingSummary {
  id: number;
  organizationId?: number;
  type: MeetingType;
  topic: string;
  startsAt: string;
  endsAt: string;
  place: string;
  online: boolean;
  state: MeetingState;
  committeeId: number | null;
  committeeName?: string | null;
}

export interface AgendaItem {
  id?: number;
  title: string;
  note?: string | null;
}

export interface StoredFile {
  id: string;
  name: string;
  mime?: string;
  size?: number;
}

export interface Speech {
  id: number;
  title: string;
  /** The office, leaders and the speaker read the text; the others hear it in the room. */
  text?: string | null;
  memberId?: number;
  memberName: string;
  state: SpeechState;
  position?: number | null;
  rejectReason?: string | null;
  /** The speech as a document (Word or PDF), for those who read the text. */
  file?: StoredFile | null;
}

export interface BestSpeech {
  speechId: number;
  title: string;
  memberName: string;
  votes: number;
}

export interface VoteSettings {
  votesPerAttendee: number;
  opensAt: string | null;
  closesAt: string | null;
}

export type MeetingAbility =
  | 'edit' | 'publish' | 'start' | 'end' | 'cancel' | 'reply' | 'checkin' | 'registerSpeech'
  | 'manageSpeeches' | 'markSpeaking' | 'vote' | 'confirmBest' | 'suggest' | 'attendance' | 'checkinCode';

export interface Meeting extends MeetingSummary {
  planItemId: number | null;
  publicSeats: number;
  agenda: AgendaItem[];
  materials: StoredFile[];
  cancelReason?: string | null;
  /** The office only: who is invited. */
  invited?: { members: Named[]; users: Named[]; units: Named[] };
  myInvitation: { answer: InvitationAnswer; reason: string | null; checkedInAt: string | null; status?: AttendanceStatus } | null;
  speeches: Speech[];
  speakingNow: { speechId: number } | null;
  voteSettings: VoteSettings | null;
  myVotes: number[];
  bestSpeeches: BestSpeech[];
  abilities: Partial<Record<MeetingAbility, boolean>>;
}

export interface MeetingInput {
  type: MeetingType;
  topic: string;
  startsAt: string;
  endsAt: string;
  place: string;
  online: boolean;
  committeeId?: number | null;
  planItemId?: number | null;
  publicSeats: number;
  agenda: { title: string; note?: string }[];
  invitedMemberIds: number[];
  invitedUserIds: number[];
  invitedUnitIds: number[];
}

export interface MeetingFilters {
  year?: number;
  type?: MeetingType;
  state?: MeetingState;
  /** Only invitations the caller has still to answer. */
  toAnswer?: boolean;
}

export interface CheckinCode {
  token: string;
  url: string;
  png: string;
  svg: string;
  opensAt?: string;
  closesAt?: string;
}

export interface CheckinResult {
  meetingId: number;
  topic: string;
  checkedInAt: string;
  already?: boolean;
}

/** What a check-in code leads to, shown before the member presses the button. */
export interface CheckinPreview {
  meetingId: number;
  topic: string;
  startsAt: string;
  endsAt: string;
  place: string;
  checkedInAt?: string | null;
}

export interface AttendanceRow {
  memberId: number;
  name: string;
  sector: string | null;
  answer: InvitationAnswer;
  reason: string | null;
  status: AttendanceStatus;
  checkedInAt: string | null;
}

export type GuestCategory = 'official' | 'expert' | 'public' | 'other';
export const GUEST_CATEGORIES: GuestCategory[] = ['official', 'expert', 'public', 'other'];

/** An invited person who is not a member: an official, an expert, a seat for the public. */
export interface ExternalGuest {
  id: number;
  name: string;
  category: GuestCategory;
  workplace: string | null;
  phone: string | null;
}

export interface Attendance {
  items: AttendanceRow[];
  guests?: ExternalGuest[];
  totals: Partial<Record<AttendanceStatus | 'invited' | 'accepted' | 'guests' | 'attendees', number>>;
}

export interface SuggestionSummary {
  id: number;
  title: string;
  state: SuggestionState;
  meeting?: { id: number; topic: string } | null;
  meetingId?: number;
  sourceKind?: SourceKind;
  sourceAuthor?: string | null;
  createdAt?: string;
}

export interface SuggestionInput {
  meetingId: number;
  sourceKind: SourceKind;
  sourceId?: number;
  passage?: string;
  title: string;
  text: string;
}

export interface OutcomeSummary {
  id: number;
  title: string;
  meetingId?: number;
  meeting?: { id: number; topic: string } | null;
  createdAt?: string;
}

export interface Outcome extends OutcomeSummary {
  summary: string;
  suggestions: SuggestionSummary[];
  forwardings: { id?: number; to: string; date: string; note: string | null }[];
  instructions: { id?: number; leaderName: string; level: Level; date: string; text: string }[];
  adoptions: { id?: number; level: Level; date: string; note: string | null }[];
  abilities?: Partial<Record<'forward' | 'instruct' | 'adopt', boolean>>;
  timeline?: TimelineEntry[];
}

export interface ConsultationStats {
  meetingsByType: Partial<Record<MeetingType, number>>;
  meetingsByMonth: number[];
  meetings: number;
  participations: { attendance: number; onlineParticipants: number; total: number };
  comments: number;
  suggestions: { total: number; assigned: number; answered: number; adopted: number };
  outcomes: number;
  headline: { zh: string; en: string };
}

// The live room's types and calls are in modules/consultations/live/api.ts.

const base = '/api/consultations';
const m = (id: number) => `${base}/meetings/${id}`;

export const consultationsApi = {
  config: () => api.get<ConsultationConfig>(`${base}/config`),

  plans: (year: number) => api.get<PlanSummary[]>(`${base}/plans`, { year }),
  plan: (id: number) => api.get<Plan>(`${base}/plans/${id}`),
  createPlan: (body: { year: number; title: string }) => api.post<{ id: number }>(`${base}/plans`, body),
  addPlanItem: (id: number, body: PlanItemInput) => api.post<unknown>(`${base}/plans/${id}/items`, body),
  updatePlanItem: (id: number, itemId: number, body: Partial<PlanItemInput>) => api.patch<unknown>(`${base}/plans/${id}/items/${itemId}`, body),
  deletePlanItem: (id: number, itemId: number) => api.delete<unknown>(`${base}/plans/${id}/items/${itemId}`),
  planAction: (id: number, action: 'submit' | 'approve' | 'publish') => api.post<unknown>(`${base}/plans/${id}/${action}`),
  returnPlan: (id: number, reason: string) => api.post<unknown>(`${base}/plans/${id}/return`, { reason }),

  meetings: (filters: MeetingFilters, cursor?: string | null, limit = 20) => api.get<Page<MeetingSummary>>(`${base}/meetings`, { ...filters, cursor, limit }),
  meeting: (id: number) => api.get<Meeting>(m(id)),
  createMeeting: (body: MeetingInput) => api.post<{ id: number }>(`${base}/meetings`, body),
  updateMeeting: (id: number, body: Partial<MeetingInput>) => api.patch<unknown>(m(id), body),
  meetingAction: (id: number, action: 'publish' | 'start' | 'end' | 'cancel') => api.post<unknown>(`${m(id)}/${action}`),
  timeline: (id: number) => api.get<TimelineEntry[]>(`${m(id)}/timeline`),
  uploadMaterial: (id: number, file: File) => api.upload<StoredFile>(`${m(id)}/materials`, file),
  materialUrl: (id: number, fileId: string) => `${m(id)}/materials/${fileId}`,
  reply: (id: number, answer: 'accept' | 'leave', reason?: string) => api.post<unknown>(`${m(id)}/reply`, { answer, reason }),
  checkinCode: (id: number) => api.get<CheckinCode>(`${m(id)}/checkin-code`),
  checkin: (token: string) => api.post<CheckinResult>(`${base}/checkin`, { token }),
  checkinPreview: (token: string) => api.get<CheckinPreview>(`${base}/checkin/${encodeURIComponent(token)}`),
  attendance: (id: number) => api.get<Attendance>(`${m(id)}/attendance`),
  attendanceXlsxUrl: (id: number) => `${m(id)}/attendance.xlsx`,
  addGuest: (id: number, body: { name: string; category: GuestCategory; workplace?: string | null; phone?: string | null }) => api.post<ExternalGuest>(`${m(id)}/external-guests`, body),
  removeGuest: (id: number, guestId: number) => api.delete<void>(`${m(id)}/external-guests/${guestId}`),

  registerSpeech: (id: number, body: { title: string; text: string }) => api.post<{ id: number }>(`${m(id)}/speeches`, body),
  uploadSpeechFile: (speechId: number, file: File) => api.upload<StoredFile>(`${base}/speeches/${speechId}/file`, file),
  speechFileUrl: (speechId: number) => `${base}/speeches/${speechId}/file`,
  withdrawSpeech: (speechId: number) => api.post<unknown>(`${base}/speeches/${speechId}/withdraw`),
  approveSpeech: (speechId: number) => api.post<unknown>(`${base}/speeches/${speechId}/approve`),
  rejectSpeech: (speechId: number, reason: string) => api.post<unknown>(`${base}/speeches/${speechId}/reject`, { reason }),
  orderSpeeches: (id: number, speechIds: number[]) => api.put<unknown>(`${m(id)}/speech-order`, { speechIds }),
  speaking: (speechId: number) => api.post<unknown>(`${base}/speeches/${speechId}/speaking`),
  clearSpeaking: (id: number) => api.post<unknown>(`${m(id)}/speaking/clear`),

  voteSettings: (id: number, body: VoteSettings) => api.put<unknown>(`${m(id)}/vote-settings`, body),
  vote: (id: number, speechId: number) => api.post<unknown>(`${m(id)}/votes`, { speechId }),
  voteResults: (id: number) => api.get<BestSpeech[]>(`${m(id)}/vote-results`),
  confirmBest: (id: number, speechIds: number[]) => api.put<unknown>(`${m(id)}/best-speeches`, { speechIds }),

  createSuggestion: (body: SuggestionInput) => api.post<{ id: number }>(`${base}/suggestions`, body),
  suggestions: (filters: { meetingId?: number; state?: SuggestionState }, cursor?: string | null, limit = 20) =>
    api.get<Page<SuggestionSummary>>(`${base}/suggestions`, { ...filters, cursor, limit }),

  createOutcome: (meetingId: number, body: { title: string; summary: string; suggestionIds: number[] }) => api.post<{ id: number }>(`${m(meetingId)}/outcomes`, body),
  outcomes: (year?: number) => api.get<OutcomeSummary[]>(`${base}/outcomes`, { year }),
  outcome: (id: number) => api.get<Outcome>(`${base}/outcomes/${id}`),
  outcomeDocxUrl: (id: number) => `${base}/outcomes/${id}/docx`,
  addForwarding: (id: number, body: { to: string; date: string; note?: string }) => api.post<unknown>(`${base}/outcomes/${id}/forwardings`, body),
  addInstruction: (id: number, body: { leaderName: string; level: Level; date: string; text: string }) => api.post<unknown>(`${base}/outcomes/${id}/instructions`, body),
  addAdoption: (id: number, body: { level: Level; date: string; note?: string }) => api.post<unknown>(`${base}/outcomes/${id}/adoptions`, body),

  stats: (year: number, scope: OrgScope = 'own', organizationId?: number) => api.get<ConsultationStats>(`${base}/stats`, { year, scope, organizationId }),
};
