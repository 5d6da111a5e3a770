import { api } from './client';
import type { OrgScope, Page } from './types';

export interface HallTopic {
  id: number;
  title: string;
  text: string;
  state: 'open' | 'adopted' | 'merged' | 'declined' | 'closed';
  mergedInto: number | null;
  declineReason: string | null;
  sessionId: number | null;
  createdAt: string;
  supports: number;
  supported: boolean;
  rating: number | null;
  comments: { stars: number; comment: string | null; at: string }[];
}
export interface HallSession {
  id: number;
  title: string;
  startsAt: string;
  state: 'planned' | 'notice_published' | 'held' | 'closed';
  minutes: string | null;
  convener: string | null;
  speakers: { name: string; summary: string }[];
  photos: { id: string; name: string }[];
  topicIds: number[];
  /** What the session suggested, each unit's answer and whether it was adopted. */
  suggestions: { id: number; title: string; text: string; answers: { unitName: string; answer: string | null; answeredAt: string | null }[]; adopted: boolean | null; adoptionNote: string | null }[];
}
export interface PublicHall {
  place: { id: number; name: string; kind: string; organizationName: string };
  topics: HallTopic[];
  sessions: HallSession[];
}

export interface HallFigures {
  id: number;
  name: string;
  kind: 'hall' | 'station' | 'studio' | 'lounge';
  county: string | null;
  town: string | null;
  sessions: number;
  closedTopics: number;
  rating: number | null;
  /** Suggestions of its sessions that every unit has answered. */
  suggestionsAnswered: number;
  rank?: number;
}

export interface TimelineEntry {
  at: string;
  action: string;
  actor: string | null;
  detail: Record<string, unknown> | null;
}

export interface CheckinCode { token: string; url: string; png: string; svg: string; opensAt: string; closesAt: string }
export interface CheckinPreview {
  sessionId: number;
  title: string;
  place: string | null;
  startsAt: string;
  endsAt: string;
  opensAt: string;
  open: boolean;
  reason: { zh: string; en: string } | null;
  invited: boolean;
  checkedInAt: string | null;
}
export interface SessionAttendance {
  session: { id: number; title: string; startsAt: string; endsAt: string; opensAt: string };
  items: { kind: 'member' | 'resident'; memberId: number | null; name: string; status: 'present' | 'leave' | 'absent' | 'expected'; late: boolean; checkedInAt: string | null }[];
  totals: { invited: number; present: number; late: number; leave: number; absent: number; expected: number; headcount: number };
}

type PlaceFigures = { total: number; active: number };
/** A year's figures of the halls, stations, studios and lounges (GET /api/halls/stats). */
export interface HallStats {
  year: number;
  organizationId: number;
  scope: OrgScope;
  places: Record<'hall' | 'station' | 'studio' | 'lounge', PlaceFigures>;
  topics: { raised: number; adopted: number; declined: number };
  sessions: number;
  sessionsByMonth: number[];
  participations: { checkins: number; representatives: number; total: number };
  suggestions: { made: number; answered: number; adopted: number };
  rating: { average: number | null; ratings: number };
  headline: { zh: string; en: string };
}

/** A resident's topic waiting for the office's screening (GET /api/halls/topics). */
export interface TopicToScreen {
  id: number;
  title: string;
  placeId: number;
  placeName: string;
  raisedAt: string;
}
/** A published session the caller is invited to and has not checked in at (GET /api/halls/my-sessions). */
export interface SessionToAttend {
  id: number;
  title: string;
  placeName: string;
  startsAt: string;
  endsAt: string | null;
}

export const hallsApi = {
  topicsToScreen: (cursor?: string | null, limit = 20) => api.get<Page<TopicToScreen>>('/api/halls/topics', { state: 'open', cursor, limit }),
  mySessions: () => api.get<{ items: SessionToAttend[]; total: number }>('/api/halls/my-sessions'),
  stats: (year: number, scope: OrgScope) => api.get<HallStats>('/api/halls/stats', { year, scope }),
  checkinCode: (sessionId: number) => api.get<CheckinCode>(`/api/halls/sessions/${sessionId}/checkin-code`),
  attendance: (sessionId: number) => api.get<SessionAttendance>('/api/halls/attendance', { sessionId }),
  checkinPreview: (token: string) => api.get<CheckinPreview>(`/api/halls/checkin/${encodeURIComponent(token)}`),
  checkin: (token: string) => api.post<{ sessionId: number; title: string; checkedInAt: string; already: boolean }>(`/api/halls/checkin/${encodeURIComponent(token)}`),
  topic: (id: number) => api.get<{ id: number; proposer: string; similar: { id: number; title: string; state: HallTopic['state'] }[]; timeline: TimelineEntry[] }>(`/api/halls/topics/${id}`),
  screen: (id: number, body: { event: 'adopt' } | { event: 'merge'; intoTopicId: number } | { event: 'decline'; reason: string }) => api.post<unknown>(`/api/halls/topics/${id}/screen`, body),
  sessions: (placeId: number) => api.get<{ id: number; title: string; startsAt: string; state: HallSession['state'] }[]>(`/api/halls/places/${placeId}/sessions`),
  createSession: (body: { placeId: number; title: string; startsAt: string; endsAt?: string; topicIds: number[]; researchNotes?: string; invitedMemberIds?: number[]; residentUserIds?: number[] }) => api.post<{ id: number }>('/api/halls/sessions', body),
  suggest: (sessionId: number, body: { title: string; text: string }) => api.post<{ id: number }>(`/api/halls/sessions/${sessionId}/suggestions`, body),
  advance: (id: number, body: { event: 'publish' | 'hold' | 'close'; minutes?: string }) => api.post<unknown>(`/api/halls/sessions/${id}/events`, body),
  ratings: (placeId: number) => api.get<{ id: number; topicId: number; stars: number; comment: string | null }[]>(`/api/halls/places/${placeId}/ratings`),
  moderate: (id: number, decision: 'approve' | 'reject') => api.post<void>(`/api/halls/ratings/${id}/moderate`, { decision }),
  cases: () => api.get<{ id: number; title: string; before: string; after: string; publishedAt: string; placeId: number; placeName: string }[]>('/api/halls/cases'),
  publishCase: (topicId: number, body: { title: string; before: string; after: string }) => api.post<{ id: number }>(`/api/halls/topics/${topicId}/case`, body),
  directory: (kind?: string) => api.get<{ id: number; name: string; kind: HallFigures['kind']; county: string | null; town: string | null; village: string | null; openingHours: string | null; onDuty: string[]; activities: number }[]>('/api/halls/directory', { kind }),
  activities: (placeId: number) => api.get<{ id: number; kind: 'visit' | 'reception' | 'event'; title: string; heldOn: string; members: string[] }[]>(`/api/halls/places/${placeId}/activities`),
  index: () => api.get<HallFigures[]>('/api/halls/public'),
  ranking: () => api.get<HallFigures[]>('/api/halls/ranking'),
  page: (placeId: number) => api.get<PublicHall>(`/api/halls/public/${placeId}`),
  raise: (placeId: number, body: { title: string; text: string }) => api.post<{ id: number }>(`/api/halls/places/${placeId}/topics`, body),
  similar: (placeId: number, text: string) => api.get<{ id: number; title: string; state: HallTopic['state'] }[]>(`/api/halls/places/${placeId}/similar`, { text }),
  support: (id: number) => api.post<void>(`/api/halls/topics/${id}/support`),
  withdraw: (id: number) => api.delete<void>(`/api/halls/topics/${id}/support`),
  rate: (id: number, body: { stars: number; comment?: string }) => api.post<{ id: number }>(`/api/halls/topics/${id}/ratings`, body),
};
