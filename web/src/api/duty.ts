import { api, withQuery } from './client';

export interface Label {
  zh: string;
  en: string;
}
export interface KindScore {
  kind: string;
  count: number;
  points: number;
}
export interface DutyEvent {
  id: number;
  kind: string;
  label: Label;
  occurredAt: string;
  origin: 'derived' | 'entered';
  points: number;
  source: { type: string; id: number; link: string | null; title: string | null };
  note: string | null;
}
export type Grade = 'excellent' | 'competent' | 'basic' | 'not_competent';
export const GRADES: Grade[] = ['excellent', 'competent', 'basic', 'not_competent'];
export interface Missing {
  key: string;
  label: Label;
}
export interface DutyRecord {
  member: { id: number; name: string; sector: string; organizationId: number };
  year: number;
  total: number;
  missing: Missing[];
  grades: { year: number; grade: Grade; points: number }[];
  kinds: (KindScore & { label: Label; rule: { points: number; cap: number | null } })[];
  events: DutyEvent[];
}
export interface MemberDutyRow {
  memberId: number;
  name: string;
  sector: string;
  standing: boolean;
  total: number;
  kinds: Record<string, KindScore>;
  missing: Missing[];
  grade: Grade;
  provisional: boolean;
}
export interface MembersPage {
  organizationId: number;
  year: number;
  total: number;
  page: number;
  pageSize: number;
  items: MemberDutyRow[];
  kinds: { kind: string; label: Label }[];
}
export interface MembersQuery {
  organizationId?: number;
  year?: number;
  sectorId?: number;
  committeeId?: number;
  name?: string;
  sort?: string;
  order?: 'asc' | 'desc';
  grade?: Grade;
  page?: number;
  pageSize?: number;
}
export interface DutyRule {
  kind: string;
  label: Label;
  default: number;
  points: number;
  cap: number | null;
  penalty: boolean;
}
export interface Minimum {
  kinds: string[];
  count: number;
}
export interface Bands {
  excellent: number;
  competent: number;
  basic: number | null;
}
export interface DutyRules {
  organizationId: number;
  year: number;
  state: 'none' | 'computed' | 'published';
  rules: DutyRule[];
  minimums: (Minimum & { label: Label })[];
  bands: Bands;
}
export interface EvaluationResult {
  memberId: number;
  name: string;
  sector: string;
  points: number;
  missing: Missing[];
  computedGrade: Grade;
  grade: Grade;
  adjustReason: string | null;
}
export interface Evaluation {
  organizationId: number;
  year: number;
  state: 'none' | 'computed' | 'published';
  computedAt: string | null;
  publishedAt: string | null;
  counts: Record<Grade, number>;
  results: EvaluationResult[];
}
export interface ExitCandidate {
  memberId: number;
  name: string;
  status: 'active' | 'exited';
  reasons: ('not_competent_twice' | 'plenary_absences')[];
  grades: { year: number; grade: Grade; points: number }[];
  absences: { meetingId: number; title: string | null; occurredAt: string; link: string | null }[];
  decision: { decision: 'keep' | 'exit'; reason: string; decidedOn: string } | null;
}

export interface DutyClaim {
  id: number;
  memberId: number;
  memberName: string;
  kind: string;
  title: string;
  occurredOn: string;
  note: string;
  state: 'pending' | 'approved' | 'returned';
  returnReason: string | null;
  createdAt: string;
}
export interface ClaimInput {
  kind: string;
  occurredOn: string;
  title: string;
  note: string;
}

export interface DutyStats {
  organizationId: number;
  scope: 'own' | 'system';
  year: number;
  members: number;
  averagePoints: number;
  kinds: { kind: string; label: Label; events: number }[];
  grades: Record<Grade, number> & { evaluated: number; published: number };
  warnings: { sent: number; members: number; line: number; minimums: number };
  exits: { keep: number; exit: number };
}

export const dutyApi = {
  me: (year?: number) => api.get<DutyRecord>('/api/duty/me', { year }),
  members: (q: MembersQuery) => api.get<MembersPage>('/api/duty/members', { ...q }),
  membersXlsxUrl: (q: MembersQuery) => withQuery('/api/duty/members.xlsx', { ...q, page: undefined, pageSize: undefined }),
  /** The duty file (履职档案) of a year as .docx: the caller's own, or a member's for the office. */
  fileUrl: (year: number, memberId?: number) => withQuery(memberId === undefined ? '/api/duty/me/file.docx' : `/api/duty/members/${memberId}/file.docx`, { year }),
  rules: (organizationId?: number, year?: number) => api.get<DutyRules>('/api/duty/rules', { organizationId, year }),
  claim: (body: ClaimInput) => api.post<{ id: number }>('/api/duty/claims', body),
  myClaims: () => api.get<DutyClaim[]>('/api/duty/claims/mine'),
  claims: (state: DutyClaim['state'] = 'pending', organizationId?: number) => api.get<DutyClaim[]>('/api/duty/claims', { state, organizationId }),
  decide: (id: number, body: { decision: 'approve' | 'return'; reason?: string }) => api.post<void>(`/api/duty/claims/${id}/decide`, body),
  enter: (body: { organizationId: number; memberIds: number[]; kind: string; occurredOn: string; title: string; reason: string }) => api.post<{ id: number }>('/api/duty/entries', body),
  stats: (q: { organizationId?: number; year?: number; scope?: 'own' | 'system' }) => api.get<DutyStats>('/api/duty/stats', { ...q }),
  setGrading: (body: { organizationId: number; year: number; minimums: Minimum[]; bands: Bands }) => api.put<void>('/api/duty/rules/grading', body),
  evaluation: (q: { organizationId?: number; year?: number; grade?: Grade }) => api.get<Evaluation>('/api/duty/evaluation', { ...q }),
  compute: (body: { organizationId: number; year: number }) => api.post<{ id: number; members: number }>('/api/duty/evaluation/compute', body),
  adjust: (body: { organizationId: number; year: number; memberId: number; grade: Grade; reason: string }) => api.post<void>('/api/duty/evaluation/adjust', body),
  publish: (body: { organizationId: number; year: number }) => api.post<{ members: number; notified: number }>('/api/duty/evaluation/publish', body),
  runWarnings: (organizationId: number) => api.post<{ period: string; sent: number }>('/api/duty/warnings/run', { organizationId }),
  exits: (organizationId?: number) => api.get<{ organizationId: number; items: ExitCandidate[] }>('/api/duty/exits', { organizationId }),
  decideExit: (body: { organizationId: number; memberId: number; decision: 'keep' | 'exit'; reason: string; decidedOn: string }) => api.post<void>('/api/duty/exits/decide', body),
  setRules: (body: { organizationId: number; year: number; rules: { kind: string; points: number; cap?: number | null }[] }) => api.put<DutyRules>('/api/duty/rules', body),
};
