import { api } from './client';
import type { Division } from './types';

export type SetupLevel = 'province' | 'city' | 'county';
export type TokenState = 'valid' | 'expired' | 'used' | 'unknown';

export interface SetupDivision extends Division {
  /** The formal name of its CPPCC, e.g. 政协嘉兴市委员会. */
  proposedName: string;
}

export interface SetupBody {
  token: string;
  username: string;
  displayName: string;
  password: string;
  level: SetupLevel;
  divisionCode: string;
  name: string;
  termNumber: number;
  termStartsOn: string;
  sessions: { number: number; opensOn: string }[];
}

export const setupApi = {
  status: (token?: string) => api.get<{ open: boolean; token?: TokenState }>('/api/setup/status', { token }),
  /** No parent: the provinces. */
  divisions: (parent?: string) => api.get<SetupDivision[]>('/api/setup/divisions', { parent }),
  setUp: (body: SetupBody) => api.post<{ organizationId: number; userId: number; countyOrganizations: number; csrfToken: string }>('/api/setup', body),
};
