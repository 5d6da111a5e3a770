import { api } from './client';
import type { Me, Organization } from './types';

export const authApi = {
  me: () => api.get<Me>('/api/me'),
  login: (body: { username: string; password: string; challenge?: string; solution?: string }) => api.post<{ user: Me; csrfToken: string }>('/api/auth/login', body),
  logout: () => api.post<void>('/api/auth/logout'),
  // docs/api.md says the answer is the user; the server answers like login, `{user, csrfToken}`.
  // Either is accepted.
  register: async (body: { username: string; password: string; displayName: string; phone?: string; organizationId: number }) => {
    const out = await api.post<Me | { user: Me; csrfToken: string }>('/api/auth/register', body);
    return 'user' in out ? out.user : out;
  },
  changePassword: (currentPassword: string, newPassword: string) => api.post<void>('/api/me/password', { currentPassword, newPassword }),
  publicOrganizations: () => api.get<Organization[]>('/api/public/organizations'),
};
