import { api } from './client';

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
  rank?: number;
}

export interface TimelineEntry {
  at: string;
  action: string;
  actor: string | null;
  detail: Record<string, unknown> | null;
}

export const hallsApi = {
  topic: (id: number) => api.get<{ id: number; proposer: string; similar: { id: number; title: string; state: HallTopic['state'] }[]; timeline: TimelineEntry[] }>(`/api/halls/topics/${id}`),
  screen: (id: number, body: { event: 'adopt' } | { event: 'merge'; intoTopicId: number } | { event: 'decline'; reason: string }) => api.post<unknown>(`/api/halls/topics/${id}/screen`, body),
  sessions: (placeId: number) => api.get<{ id: number; title: string; startsAt: string; state: HallSession['state'] }[]>(`/api/halls/places/${placeId}/sessions`),
  createSession: (body: { placeId: number; title: string; startsAt: string; topicIds: number[]; researchNotes?: string }) => api.post<{ id: number }>('/api/halls/sessions', body),
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
