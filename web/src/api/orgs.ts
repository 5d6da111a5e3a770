import { api, withQuery, type Query } from './client';
import { runImport, type ImportJob } from './importJobs';
import type {
  Committee,
  Division,
  HandlingUnit,
  ImportResult,
  Member,
  MemberFilters,
  MemberInput,
  Organization,
  Page,
  PartyGroup,
  Place,
  PlaceInput,
  PlaceKind,
  Sector,
  Term,
} from './types';

export type CatalogKind = 'sectors' | 'committees' | 'party-groups' | 'handling-units';

type CatalogItem = Sector | Committee | PartyGroup | HandlingUnit;

export function memberQuery(filters: MemberFilters): Query {
  return { ...filters };
}

export const orgsApi = {
  organizations: () => api.get<Organization[]>('/api/orgs/organizations'),
  createOrganization: (body: { name: string; level: string; parentId: number }) => api.post<Organization>('/api/orgs/organizations', body),
  updateOrganization: (id: number, body: { name?: string; divisionCode?: string | null }) => api.patch<Organization>(`/api/orgs/organizations/${id}`, body),
  retireOrganization: (id: number) => api.post<Organization>(`/api/orgs/organizations/${id}/retire`, {}),
  createTerm: (body: { organizationId: number; number: number; startsOn: string; endsOn?: string | null; current?: boolean }) => api.post<Term>('/api/orgs/terms', body),
  closeTerm: (id: number) => api.post<Term>(`/api/orgs/terms/${id}/close`, {}),
  makeCurrent: (id: number) => api.post<Term>(`/api/orgs/terms/${id}/make-current`, {}),
  createSession: (body: { termId: number; opensOn: string }) => api.post<Term>('/api/orgs/sessions', body),
  closeSession: (id: number) => api.post<Term>(`/api/orgs/sessions/${id}/close`, {}),
  divisions: (parent: string) => api.get<Division[]>('/api/orgs/divisions', { parent }),
  terms: (organizationId?: number) => api.get<Term[]>('/api/orgs/terms', { organizationId }),
  catalog: <T = CatalogItem>(kind: CatalogKind, organizationId?: number) =>
    api.get<T[]>(`/api/orgs/${kind}`, { organizationId }),
  createCatalogItem: (kind: CatalogKind, body: Record<string, unknown>) => api.post<CatalogItem>(`/api/orgs/${kind}`, body),
  updateCatalogItem: (kind: CatalogKind, id: number, body: Record<string, unknown>) =>
    api.patch<CatalogItem>(`/api/orgs/${kind}/${id}`, body),

  members: (filters: MemberFilters, cursor?: string | null, limit = 20) =>
    api.get<Page<Member>>('/api/orgs/members', { ...memberQuery(filters), cursor, limit }),
  member: (id: number) => api.get<Member>(`/api/orgs/members/${id}`),
  /** Any member may look others up by name (to name co-reporters); nothing personal comes back. */
  lookupMembers: (q?: string, organizationId?: number) =>
    api.get<{ items: { id: number; name: string; sectorName: string; organizationId: number; organizationName: string }[] }>('/api/orgs/members/lookup', { q, organizationId }),
  createMember: (body: MemberInput) => api.post<Member>('/api/orgs/members', body),
  updateMember: (id: number, body: Partial<MemberInput>) => api.patch<Member>(`/api/orgs/members/${id}`, body),
  retireMember: (id: number, exitedOn: string, reason: string) =>
    api.post<Member>(`/api/orgs/members/${id}/retire`, { exitedOn, reason }),
  importMembers: (file: File, params: { organizationId: number; termId: number; commit: boolean; skipInvalid: boolean; accounts: boolean }, onProgress?: (job: ImportJob) => void) =>
    runImport<ImportResult>('/api/orgs/members/import', file, params, onProgress),
  exportUrl: (filters: MemberFilters) => withQuery('/api/orgs/members/export.xlsx', memberQuery(filters)),
  templateUrl: '/api/orgs/members/import-template.xlsx',
  importUnits: (file: File, params: { organizationId: number; commit: boolean; skipInvalid: boolean; accounts: boolean }, onProgress?: (job: ImportJob) => void) =>
    runImport<ImportResult>('/api/orgs/handling-units/import', file, params, onProgress),
  unitTemplateUrl: '/api/orgs/handling-units/import-template.xlsx',

  places: (filters: { kind?: PlaceKind; organizationId?: number; q?: string }, cursor?: string | null, limit = 20) =>
    api.get<Page<Place>>('/api/orgs/places', { ...filters, cursor, limit }),
  createPlace: (body: PlaceInput) => api.post<Place>('/api/orgs/places', body),
  updatePlace: (id: number, body: Partial<PlaceInput>) => api.patch<Place>(`/api/orgs/places/${id}`, body),
};
