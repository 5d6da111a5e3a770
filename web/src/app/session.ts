import { useQuery } from '@tanstack/react-query';
import { authApi } from '../api/auth';
import type { Me, Role } from '../api/types';

export const ME_KEY = ['me'] as const;

export function useMeQuery() {
  return useQuery({ queryKey: ME_KEY, queryFn: authApi.me, retry: false, staleTime: 60_000 });
}

/** Inside the signed-in layout the user is always loaded. */
export function useMe(): Me {
  const { data } = useMeQuery();
  if (!data) throw new Error('useMe outside the signed-in layout');
  return data;
}

export function roleSet(me: Me): Set<Role> {
  return new Set(me.roles.map((r) => r.role));
}

export function hasAnyRole(me: Me, roles: readonly Role[] | undefined): boolean {
  if (!roles || roles.length === 0) return true;
  const mine = roleSet(me);
  return roles.some((r) => mine.has(r));
}
