// The member lounges' API (委员会客厅, served by the halls module).
import { api } from './client';
import type { CheckinCode, CheckinPreview } from './halls';

export type LoungeQuestionState = 'pending' | 'published' | 'rejected' | 'answered';
export interface PublicLounge {
  lounge: { id: number; name: string; organizationName: string };
  star: { year: number; level: number } | null;
  rota: { id: number; member: string; from: string; to: string; onDuty: boolean }[];
  events: { id: number; title: string; theme: string; startsAt: string; endsAt: string | null; state: string }[];
  questions: { id: number; text: string; state: LoungeQuestionState; publishedAt: string | null; answer: string | null; answeredAt: string | null; answeredBy: string | null }[];
  mine: { id: number; text: string; state: LoungeQuestionState; rejectReason: string | null; answer: string | null; rating: number | null; createdAt: string }[];
}
export interface LoungeEvent {
  id: number;
  title: string;
  theme: string;
  startsAt: string;
  endsAt: string | null;
  residents: number;
  state: 'planned' | 'held';
  headcount: number | null;
  headcountReason: string | null;
  checkins: number;
  participations: number;
}
export interface OfficeQuestion {
  id: number;
  text: string;
  state: LoungeQuestionState;
  rejectReason: string | null;
  createdAt: string;
  answer: string | null;
  answeredBy: string | null;
  asker: string;
  remindedAt: string | null;
  rating: number | null;
}
export interface StarRule { level: number; events: number; participations: number; answered: number; rating: number }
export interface LoungeStar {
  placeId: number;
  name: string;
  year: number;
  figures: { events: number; participations: number; answered: number; rating: number };
  level: number;
  rules: StarRule[];
  confirmed: { level: number; confirmedAt: string; confirmedBy: string | null } | null;
}

const id = (x: number) => encodeURIComponent(String(x));
export const loungesApi = {
  page: (placeId: number) => api.get<PublicLounge>(`/api/halls/lounges/public/${id(placeId)}`),
  ask: (placeId: number, text: string) => api.post<{ id: number }>(`/api/halls/lounges/${id(placeId)}/questions`, { text }),
  rate: (questionId: number, stars: number) => api.post<void>(`/api/halls/lounge-questions/${id(questionId)}/rating`, { stars }),
  duty: () => api.get<{ lounges: { id: number; name: string; from: string; to: string }[]; questions: { id: number; placeId: number; text: string; publishedAt: string }[] }>('/api/halls/lounge-duty'),
  answer: (questionId: number, answer: string) => api.post<void>(`/api/halls/lounge-questions/${id(questionId)}/answer`, { answer }),
  lounges: () => api.get<{ id: number; name: string; organizationId: number; stars: number | null }[]>('/api/halls/lounges'),
  events: (placeId: number) => api.get<LoungeEvent[]>(`/api/halls/lounges/${id(placeId)}/events`),
  planEvent: (placeId: number, body: { title: string; theme: string; startsAt: string; endsAt?: string; residents?: number; memberIds?: number[] }) =>
    api.post<LoungeEvent>(`/api/halls/lounges/${id(placeId)}/events`, body),
  hold: (eventId: number) => api.post<LoungeEvent>(`/api/halls/lounge-events/${id(eventId)}/hold`),
  headcount: (eventId: number, body: { count: number; reason: string }) => api.post<LoungeEvent>(`/api/halls/lounge-events/${id(eventId)}/headcount`, body),
  checkinCode: (eventId: number) => api.get<CheckinCode>(`/api/halls/lounge-events/${id(eventId)}/checkin-code`),
  checkinPreview: (token: string) => api.get<CheckinPreview>(`/api/halls/lounge-checkin/${encodeURIComponent(token)}`),
  checkin: (token: string) => api.post<{ eventId: number; title: string; checkedInAt: string; already: boolean }>(`/api/halls/lounge-checkin/${encodeURIComponent(token)}`),
  rota: (placeId: number) => api.get<{ id: number; memberId: number; member: string; from: string; to: string }[]>(`/api/halls/lounges/${id(placeId)}/rota`),
  addRota: (placeId: number, body: { memberId: number; from: string; to: string }) => api.post<{ id: number }>(`/api/halls/lounges/${id(placeId)}/rota`, body),
  removeRota: (rotaId: number) => api.delete<void>(`/api/halls/lounge-rota/${id(rotaId)}`),
  questions: (placeId: number, state?: LoungeQuestionState) => api.get<OfficeQuestion[]>(`/api/halls/lounges/${id(placeId)}/questions`, { state }),
  moderate: (questionId: number, body: { decision: 'publish' } | { decision: 'reject'; reason: string }) => api.post<void>(`/api/halls/lounge-questions/${id(questionId)}/moderate`, body),
  rules: () => api.get<StarRule[]>('/api/halls/lounge-star-rules'),
  setRules: (organizationId: number, levels: StarRule[]) => api.put<StarRule[]>('/api/halls/lounge-star-rules', { organizationId, levels }),
  star: (placeId: number, year: number) => api.get<LoungeStar>(`/api/halls/lounges/${id(placeId)}/star`, { year }),
  confirmStar: (placeId: number, year: number) => api.post<{ year: number; level: number }>(`/api/halls/lounges/${id(placeId)}/star`, { year }),
};
