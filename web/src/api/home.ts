import { api } from './client';
import type { Role } from './types';

/** A count and the list that shows its records. */
export interface WorkCount {
  count: number;
  link: string;
}

/** One item of work waiting on the caller (GET /api/home), in the card of `role`. */
export interface WorkItem extends WorkCount {
  code: string;
  role: Role;
  name: string;
  name_en: string;
  overdue?: WorkCount;
  dueSoon?: WorkCount;
}

export const homeApi = {
  work: () => api.get<{ items: WorkItem[] }>('/api/home'),
};
