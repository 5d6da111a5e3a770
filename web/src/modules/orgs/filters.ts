import type { Gender, MemberFilters, MemberStatus } from '../../api/types';

// Member filters live in the address bar, so a filtered list survives a visit to a member and back.
function num(v: string | null): number | undefined {
  const n = v ? Number(v) : NaN;
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

export function filtersFromParams(params: URLSearchParams): MemberFilters {
  const status = params.get('status');
  const gender = params.get('gender');
  const standing = params.get('standing');
  return {
    q: params.get('q') || undefined,
    organizationId: num(params.get('organizationId')),
    sectorId: num(params.get('sectorId')),
    committeeId: num(params.get('committeeId')),
    status: status === 'active' || status === 'exited' ? (status as MemberStatus) : undefined,
    gender: gender === 'male' || gender === 'female' ? (gender as Gender) : undefined,
    standing: standing === 'true' ? true : standing === 'false' ? false : undefined,
  };
}

export function paramsFromFilters(filters: MemberFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  return params;
}
