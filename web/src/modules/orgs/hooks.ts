import { useQuery, useQueryClient } from '@tanstack/react-query';
import { orgsApi, type CatalogKind } from '../../api/orgs';
import type { Member } from '../../api/types';

const CATALOG_STALE = 5 * 60_000;

export function useTerms(organizationId: number | undefined) {
  return useQuery({
    queryKey: ['orgs', 'terms', organizationId ?? null],
    queryFn: () => orgsApi.terms(organizationId),
    staleTime: CATALOG_STALE,
  });
}

export function useCatalog<T extends { id: number; name: string }>(kind: CatalogKind, organizationId: number | undefined) {
  return useQuery({
    queryKey: ['orgs', 'catalog', kind, organizationId ?? null],
    queryFn: () => orgsApi.catalog<T>(kind, organizationId),
    staleTime: CATALOG_STALE,
  });
}

export function useMember(id: number | undefined) {
  return useQuery({ queryKey: ['orgs', 'member', id], queryFn: () => orgsApi.member(id!), enabled: id !== undefined });
}

/** After a member changes: the detail shows the server's answer at once, and lists refetch. */
export function useMemberSaved() {
  const queryClient = useQueryClient();
  return (member: Member) => {
    queryClient.setQueryData(['orgs', 'member', member.id], member);
    void queryClient.invalidateQueries({ queryKey: ['orgs', 'members'] });
  };
}

export function toOptions<T extends { id: number; name: string }>(items: T[] | undefined) {
  return (items ?? []).map((i) => ({ value: i.id, label: i.name }));
}
