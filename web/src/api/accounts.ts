import { api } from './client';
import type { Account, AccountInput, AccountStatus, AuditEntry, AuditFilters, Page, Role } from './types';

export interface AccountFilters {
  q?: string;
  role?: Role;
  organizationId?: number;
  status?: AccountStatus;
  /** Only accounts locked now by repeated wrong passwords. */
  locked?: boolean;
}

export const accountsApi = {
  list: (filters: AccountFilters, cursor?: string | null, limit = 20) =>
    api.get<Page<Account>>('/api/accounts', { ...filters, cursor, limit }),
  create: (body: AccountInput) => api.post<Account>('/api/accounts', body),
  update: (id: number, body: { displayName?: string; roles?: Role[]; department?: string | null; memberId?: number | null; handlingUnitId?: number | null }) =>
    api.patch<Account>(`/api/accounts/${id}`, body),
  resetPassword: (id: number, password: string) => api.post<void>(`/api/accounts/${id}/reset-password`, { password }),
  unlock: (id: number) => api.post<Account>(`/api/accounts/${id}/unlock`),
  disable: (id: number) => api.post<Account>(`/api/accounts/${id}/disable`),
  enable: (id: number) => api.post<Account>(`/api/accounts/${id}/enable`),
  audit: (filters: AuditFilters, cursor?: string | null, limit = 20) =>
    api.get<Page<AuditEntry>>('/api/audit', { ...filters, cursor, limit }),
};
