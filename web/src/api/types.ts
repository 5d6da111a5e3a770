// Shapes of docs/api.md. Kept by hand until the client is generated from /api/openapi.json.

export type Role = 'admin' | 'staff' | 'leader' | 'member' | 'unit' | 'public';
export const ROLES: Role[] = ['admin', 'staff', 'leader', 'member', 'unit', 'public'];

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  total: number;
}

export interface ProblemFieldError {
  field: string;
  code?: string;
  message: string;
  message_en?: string;
}

export interface Problem {
  type?: string;
  status: number;
  code: string;
  title: string;
  title_en?: string;
  detail?: string;
  detail_en?: string;
  errors?: ProblemFieldError[];
  traceId?: string;
}

export interface Me {
  id: number;
  username: string;
  displayName: string;
  roles: { role: Role; organizationId: number }[];
  organization: { id: number; name: string; level: string };
  memberId: number | null;
  handlingUnitId: number | null;
  department: string | null;
  /** Signed in with an initial password: must change it before anything else. */
  mustChangePassword?: boolean;
}

/** Yearly figures of one organization alone, or of it and every organization below it. */
export type OrgScope = 'own' | 'system';

export type OrgLevel = 'national' | 'province' | 'city' | 'county';

export interface Organization {
  id: number;
  name: string;
  level: OrgLevel;
  parentId: number | null;
  divisionCode: string | null;
  retiredAt?: string | null;
}

export interface Division {
  code: string;
  name: string;
  level: string;
  parentCode: string | null;
}

export interface Term {
  id: number;
  organizationId: number;
  number: number;
  name: string;
  startsOn: string;
  endsOn: string | null;
  current: boolean;
  closedAt?: string | null;
  sessions: { id: number; number: number; name: string; opensOn: string; closedAt?: string | null }[];
}

export interface Sector {
  id: number;
  organizationId: number;
  name: string;
  sort: number;
}
export type Committee = Sector;

export type PartyGroupKind = 'democratic_party' | 'federation' | 'non_party' | 'other';
export interface PartyGroup extends Sector {
  kind: PartyGroupKind;
}

export interface HandlingUnit extends Sector {
  contactName: string | null;
  contactPhone: string | null;
  active: boolean;
}

export type Gender = 'male' | 'female';
export type MemberStatus = 'active' | 'exited';

export interface Member {
  id: number;
  organizationId: number;
  organizationName: string;
  termId: number;
  name: string;
  gender: Gender;
  birthYear: number;
  ethnicity: string;
  politicalAffiliation: string;
  sectorId: number;
  sectorName: string;
  committeeIds: number[];
  committeeNames: string[];
  workplace: string;
  title: string;
  phone: string | null;
  standing: boolean;
  status: MemberStatus;
  exitedOn: string | null;
  exitReason: string | null;
  createdAt: string;
  updatedAt: string;
}

export type MemberInput = Omit<
  Member,
  'id' | 'status' | 'exitedOn' | 'exitReason' | 'organizationName' | 'sectorName' | 'committeeNames' | 'createdAt' | 'updatedAt'
>;

export interface MemberFilters {
  q?: string;
  organizationId?: number;
  sectorId?: number;
  committeeId?: number;
  status?: MemberStatus;
  gender?: Gender;
  standing?: boolean;
}

export interface ImportRow {
  row: number;
  name: string;
  status: 'ok' | 'error';
  errors: { column: string; message: string; message_en: string }[];
}

export interface ImportCredentials {
  url: string;
  expiresAt: string;
  accounts: number;
}

export interface ImportResult {
  committed: boolean;
  imported: number;
  memberIds?: number[];
  unitIds?: number[];
  accountIds?: number[];
  credentials?: ImportCredentials | null;
  total: number;
  valid: number;
  invalid: number;
  rows: ImportRow[];
}

export type PlaceKind = 'hall' | 'station' | 'studio' | 'lounge' | 'contact_point';
export const PLACE_KINDS: PlaceKind[] = ['hall', 'station', 'studio', 'lounge', 'contact_point'];

export interface Place {
  id: number;
  organizationId: number;
  organizationName?: string;
  kind: PlaceKind;
  name: string;
  divisionCode: string;
  divisionName: string;
  townName: string | null;
  address: string | null;
  memberId: number | null;
  memberName: string | null;
  stars: number | null;
  active: boolean;
}

export interface PlaceInput {
  organizationId: number;
  kind: PlaceKind;
  name: string;
  divisionCode: string;
  address?: string | null;
  memberId?: number | null;
  stars?: number | null;
  active?: boolean;
}

export type AccountStatus = 'active' | 'disabled';

export interface Account {
  id: number;
  username: string;
  displayName: string;
  organizationId: number;
  organizationName: string;
  roles: Role[];
  status: AccountStatus;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  memberId: number | null;
  memberName?: string | null;
  handlingUnitId: number | null;
  handlingUnitName?: string | null;
  department: string | null;
  mustChangePassword?: boolean;
  createdAt?: string;
}

export interface AccountInput {
  username: string;
  displayName: string;
  password: string;
  organizationId: number;
  roles: Role[];
  memberId?: number | null;
  handlingUnitId?: number | null;
  department?: string | null;
}

export const AUDIT_ACTIONS = [
  'login',
  'login_failed',
  'lockout',
  'logout',
  'register',
  'create',
  'update',
  'retire',
  'reset_password',
  'disable',
  'enable',
  'import',
  'change_password',
  'deny',
] as const;

export interface AuditEntry {
  id: number;
  at: string;
  actorId: number | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  subject?: { name: string; name_en: string | null } | null;
  organizationId?: number | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  ip: string | null;
}

export interface AuditFilters {
  actorId?: number;
  action?: string;
  entityType?: string;
  entityId?: string;
  from?: string;
  to?: string;
}
