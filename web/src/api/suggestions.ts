import { api } from './client';
import type { Page } from './types';

export type SuggestionState = 'open' | 'assigned' | 'answered' | 'adopted' | 'not_adopted';
export const SUGGESTION_STATES: SuggestionState[] = ['open', 'assigned', 'answered', 'adopted', 'not_adopted'];
export type SourceType = 'consultation_meeting' | 'hall_session';
export const SOURCE_TYPES: SourceType[] = ['consultation_meeting', 'hall_session'];

interface Text {
  zh: string;
  en: string;
}
export interface SuggestionSource {
  type: SourceType;
  id: number;
  title: string | null;
  label: Text;
}
export interface SuggestionSummary {
  id: number;
  title: string;
  state: SuggestionState;
  stateLabel: Text;
  organizationId: number;
  source: SuggestionSource;
  originKind: 'speech' | 'comment' | 'manual';
  originAuthor: string | null;
  /** The earliest deadline of a unit still to answer. */
  deadline: string | null;
  overdue: boolean;
  createdAt: string;
}
export interface SuggestionAssignment {
  unitId: number;
  unitName: string;
  deadline: string | null;
  answer: string | null;
  answeredAt: string | null;
  assignedAt: string;
  remindedAt: string | null;
}
export interface SuggestionTimelineEntry {
  at: string;
  actorName: string | null;
  action: string;
  label: string;
  label_en: string;
}
export interface Suggestion {
  id: number;
  organizationId: number;
  title: string;
  text: string;
  state: SuggestionState;
  stateLabel: Text;
  source: SuggestionSource;
  origin: { kind: 'speech' | 'comment' | 'manual'; id: number | null; excerpt: string | null; authorName: string | null };
  assignments: SuggestionAssignment[];
  adopted: boolean | null;
  adoptionNote: string | null;
  createdAt: string;
  abilities: { assign: boolean; answer: boolean; adopt: boolean };
  timeline: SuggestionTimelineEntry[];
}
export interface SuggestionFilters {
  sourceType?: SourceType;
  state?: SuggestionState;
  unitId?: number;
  overdue?: boolean;
  mine?: boolean;
}

const base = '/api/suggestions';
export const suggestionsApi = {
  list: (f: SuggestionFilters, cursor?: string | null, limit = 20) =>
    api.get<Page<SuggestionSummary>>(base, { ...f, overdue: f.overdue ? 'true' : undefined, mine: f.mine ? 'true' : undefined, cursor, limit }),
  get: (id: number) => api.get<Suggestion>(`${base}/${id}`),
  assign: (id: number, unitIds: number[], deadline?: string) => api.post<Suggestion>(`${base}/${id}/assign`, { unitIds, deadline }),
  answer: (id: number, text: string) => api.post<Suggestion>(`${base}/${id}/answer`, { text }),
  adoption: (id: number, adopted: boolean, note?: string) => api.post<Suggestion>(`${base}/${id}/adoption`, { adopted, note }),
};
