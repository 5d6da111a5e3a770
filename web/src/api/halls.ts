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
  topicIds: number[];
}
export interface PublicHall {
  place: { id: number; name: string; kind: string; organizationName: string };
  topics: HallTopic[];
  sessions: HallSession[];
}

export const hallsApi = {
  page: (placeId: number) => api.get<PublicHall>(`/api/halls/public/${placeId}`),
  raise: (placeId: number, body: { title: string; text: string }) => api.post<{ id: number }>(`/api/halls/places/${placeId}/topics`, body),
  support: (id: number) => api.post<void>(`/api/halls/topics/${id}/support`),
  withdraw: (id: number) => api.delete<void>(`/api/halls/topics/${id}/support`),
  rate: (id: number, body: { stars: number; comment?: string }) => api.post<{ id: number }>(`/api/halls/topics/${id}/ratings`, body),
};
