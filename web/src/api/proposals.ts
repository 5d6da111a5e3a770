// Proposals (提案在线): shapes and calls of docs/api.md, section "Proposals"
// (server/src/modules/proposals/schema.ts and followup-schema.ts).
import { api, withQuery } from './client';
import type { Page } from './types';

export type ProposalKind = 'individual' | 'joint' | 'collective';
export const PROPOSAL_KINDS: ProposalKind[] = ['individual', 'joint', 'collective'];
export type ProposalState = 'draft' | 'cosigning' | 'submitted' | 'accepted' | 'rejected' | 'merged' | 'converted' | 'handling' | 'replied' | 'evaluated' | 'closed';
export const PROPOSAL_STATES: ProposalState[] = ['draft', 'cosigning', 'submitted', 'accepted', 'rejected', 'merged', 'converted', 'handling', 'replied', 'evaluated', 'closed'];
/** The states a list of filed proposals can show (drafts never leave their author). */
export const LISTED_STATES = PROPOSAL_STATES.filter((s) => s !== 'draft');
export type CollectiveKind = 'party_group' | 'sector' | 'committee';
export type AssignmentRole = 'lead' | 'assisting' | 'separate';
export type AssignmentState = 'assigned' | 'signed' | 'reassign_requested' | 'replied' | 'withdrawn';
export type ReplyClass = 'A' | 'B' | 'C';
export const REPLY_CLASSES: ReplyClass[] = ['A', 'B', 'C'];
export type EvaluationResult = 'satisfied' | 'basically_satisfied' | 'unsatisfied';
export const EVALUATION_RESULTS: EvaluationResult[] = ['satisfied', 'basically_satisfied', 'unsatisfied'];
export type ContactWay = 'visit' | 'meeting' | 'phone' | 'letter' | 'online' | 'other';
export const CONTACT_WAYS: ContactWay[] = ['visit', 'meeting', 'phone', 'letter', 'online', 'other'];
export type CosignerState = 'pending' | 'confirmed' | 'declined';

export type ProposalEvent = 'file' | 'withdraw' | 'accept' | 'reject' | 'reconsider' | 'merge' | 'convert' | 'assign' | 'evaluate' | 'another_round' | 'close';
export type AssignmentEvent = 'sign' | 'request_reassign' | 'reassign' | 'contact' | 'send_opinion' | 'reply';

export interface UnitLine {
  assignmentId: number;
  unitId: number;
  name: string;
  role: AssignmentRole;
  state: AssignmentState;
  deadline: string;
}

export interface ProposalSummary {
  id: number;
  organizationId: number;
  sessionId: number | null;
  sessionLabel: string | null;
  sessionLabel_en?: string | null;
  year: number;
  kind: ProposalKind;
  state: ProposalState;
  title: string;
  proposerName: string;
  memberId: number | null;
  sectorId: number | null;
  sectorName: string | null;
  categoryId: number | null;
  categoryName: string | null;
  number: number | null;
  numberLabel: string | null;
  numberLabel_en?: string | null;
  isKey: boolean;
  isPublic: boolean;
  round: number;
  filedAt: string | null;
  createdAt: string;
  units: UnitLine[];
  overdue: boolean;
}

export interface StoredFile {
  id: string;
  name: string;
  mime: string;
  size: number;
}

export interface Assignment {
  id: number;
  unitId: number;
  unitName: string;
  role: AssignmentRole;
  state: AssignmentState;
  round: number;
  deadline: string;
  overdue: boolean;
  reassignReason: string | null;
  assignedAt: string;
  signedAt: string | null;
  repliedAt: string | null;
  abilities: Record<AssignmentEvent, boolean>;
}

export interface Reply {
  id: number;
  assignmentId: number;
  unitName: string;
  round: number;
  class: ReplyClass;
  classReason: string | null;
  letterText: string;
  letterFile: StoredFile | null;
  repliedAt: string;
}

export interface Evaluation {
  id: number;
  assignmentId: number;
  round: number;
  userName: string;
  mine: boolean;
  result: EvaluationResult;
  comment: string | null;
  createdAt: string;
}

export interface Proposal extends ProposalSummary {
  reasons: string;
  suggestions: string;
  categoryPath: string[];
  collective: { kind: CollectiveKind; id: number; name: string } | null;
  cosigners: { memberId: number; name: string; state: CosignerState; answeredAt: string | null }[];
  suggestedUnits: { id: number; name: string }[];
  files: StoredFile[];
  rejection: { reasonId: number | null; reason: string | null; text: string | null } | null;
  mergedInto: { id: number; title: string; numberLabel: string | null } | null;
  mergedProposals: { id: number; title: string; proposerName: string }[];
  conversion: { opinionId: number; convertedAt: string } | null;
  assignments: Assignment[];
  contacts: { id: number; assignmentId: number; unitName: string; contactedOn: string; way: ContactWay; summary: string }[];
  assistOpinions: { id: number; assignmentId: number; unitName: string; round: number; text: string; file: StoredFile | null; createdAt: string }[];
  replies: Reply[];
  evaluations: Evaluation[];
  abilities: Record<ProposalEvent | 'edit' | 'cosign', boolean>;
}

export interface SimilarProposal {
  id: number;
  title: string;
  year: number;
  state: ProposalState;
  numberLabel: string | null;
  numberLabel_en?: string | null;
  proposerName: string;
  score: number;
}

export interface TimelineEntry {
  at: string;
  action: string;
  label: string;
  label_en: string;
  actorName: string | null;
  detail: unknown;
}

export interface Section {
  items: ProposalSummary[];
  total: number;
}

export interface Workbench {
  member?: { drafts: Section; filed: Section; cosignRequests: Section; ratingsDue: Section };
  staff?: { reviewQueue: Section; toAssign: Section; overdue: Section; reassignRequests: Section };
  unit?: { toSign: Section; handling: Section; dueSoon: Section };
}

export interface CategoryNode {
  id: number;
  name: string;
  sort: number;
  active: boolean;
  children: CategoryNode[];
}

export interface ProposalConfig {
  organizationId: number;
  categories: CategoryNode[];
  rejectReasons: { id: number; text: string; sort: number; active: boolean }[];
  deadlineMonths: number;
  sessions: { id: number; label: string; opensOn: string; current: boolean }[];
  units: { id: number; name: string }[];
  filing: { asMember: boolean; collective: { kind: CollectiveKind; id: number; name: string } | null };
}

export interface DraftInput {
  kind?: ProposalKind;
  title?: string;
  reasons?: string;
  suggestions?: string;
  categoryId?: number | null;
  sessionId?: number | null;
  cosignerIds?: number[];
  unitIds?: number[];
  attachmentIds?: string[];
}

export interface ProposalFilters {
  organizationId?: number;
  sessionId?: number;
  state?: ProposalState;
  categoryId?: number;
  sectorId?: number;
  kind?: ProposalKind;
  unitId?: number;
  key?: boolean;
  overdue?: boolean;
  /** An assignment still open is due today or within this many days. */
  dueWithin?: number;
  year?: number;
  q?: string;
}

export interface AssignUnit {
  unitId: number;
  role: AssignmentRole;
  deadline?: string;
}

export interface ReplyInput {
  class: ReplyClass;
  classReason?: string;
  letterText: string;
  letterFileId?: string;
}

// ---- Follow-up: key proposals, disclosure, documents, notifications ----------------------------

export interface ProgressEntry {
  id: number;
  kind: 'meeting' | 'note';
  heldOn: string;
  text: string;
  createdBy: string | null;
  createdAt: string;
}

export interface KeyInfo {
  proposalId: number;
  isKey: boolean;
  sponsors: { userId: number; name: string }[];
  progress: ProgressEntry[];
}

export interface SponsoredProposal {
  id: number;
  title: string;
  number: number | null;
  proposerName: string;
  state: ProposalState;
  stateLabel: string;
  stateLabelEn: string;
  units: { name: string; role: AssignmentRole; state: AssignmentState; deadline: string; overdue: boolean }[];
  replied: number;
  replying: number;
  progressCount: number;
  lastProgress: ProgressEntry | null;
}

export interface QualityRow {
  id: number;
  number: number | null;
  numberLabel?: string | null;
  numberLabel_en?: string | null;
  title: string;
  proposerName: string;
  sectorName: string | null;
  score: number | null;
  comment: string | null;
  excellent: boolean;
}

export interface UnitQualityRow {
  unitId: number;
  unitName: string;
  assignments: number;
  replied: number;
  onTime: number;
  rated: number;
  averageScore: number | null;
}

export interface Rate {
  numerator: number;
  denominator: number;
  rate: number | null;
}

/** The stages of the statistics page's chart (see the server's stats.ts). */
export type ProposalStage = 'review' | 'accepted' | 'handling' | 'answered' | 'notAccepted';

export interface ProposalStats {
  organizationId: number;
  year: number;
  filed: number;
  accepted: number;
  answered: number;
  byState: Record<string, number>;
  byStage: Record<ProposalStage, number>;
  byKind: Record<string, number>;
  bySession: { sessionId: number | null; label: string | null; count: number }[];
  byCategory: { categoryId: number | null; name: string | null; count: number }[];
  bySector: { sectorId: number | null; name: string | null; count: number }[];
  byUnit: { unitId: number; name: string; assigned: number; replied: number; onTime: number; overdue: number }[];
  byReplyClass: Record<string, number>;
  acceptanceRate: Rate;
  onTimeReplyRate: Rate;
  satisfactionRate: Rate;
  headline: { zh: string; en: string };
}

export interface PublicSummary {
  id: number;
  organizationName: string;
  year: number;
  sessionLabel: string | null;
  sessionLabel_en?: string | null;
  number: number | null;
  title: string;
  kind: ProposalKind;
  proposers: { name: string; sector: string | null }[];
  category: string | null;
  state: ProposalState;
  replied: boolean;
}

export interface PublicProposal extends PublicSummary {
  reasons: string;
  suggestions: string;
  units: { name: string; role: AssignmentRole }[];
  replies: { unitName: string; class: ReplyClass; letterText: string; repliedOn: string }[];
}

export interface Notification {
  id: number;
  kind: string;
  title: string;
  titleEn: string;
  body: string;
  bodyEn: string;
  link: string | null;
  entityType: string | null;
  entityId: number | null;
  createdAt: string;
  readAt: string | null;
}

const P = '/api/proposals';
const event = (id: number, name: string, body: unknown = {}) => api.post<Proposal>(`${P}/${id}/${name}`, body);
const onAssignment = (id: number, assignmentId: number, name: string, body: unknown = {}) => api.post<Proposal>(`${P}/${id}/assignments/${assignmentId}/${name}`, body);

export const proposalsApi = {
  config: (organizationId?: number) => api.get<ProposalConfig>(`${P}/config`, { organizationId }),
  workbench: () => api.get<Workbench>(`${P}/workbench`),
  list: (filters: ProposalFilters, cursor?: string | null, limit = 20) => api.get<Page<ProposalSummary>>(P, { ...filters, cursor, limit }),
  mine: (state?: ProposalState, cursor?: string | null, limit = 20) => api.get<Page<ProposalSummary>>(`${P}/mine`, { state, cursor, limit }),
  assigned: (state?: AssignmentState, cursor?: string | null, limit = 20) => api.get<Page<ProposalSummary>>(`${P}/assigned`, { state, cursor, limit }),
  get: (id: number) => api.get<Proposal>(`${P}/${id}`),
  timeline: (id: number) => api.get<TimelineEntry[]>(`${P}/${id}/timeline`),
  similarTo: (id: number) => api.get<SimilarProposal[]>(`${P}/${id}/similar`),
  similar: (body: { organizationId?: number; title: string; reasons: string; suggestions: string; excludeId?: number }) => api.post<SimilarProposal[]>(`${P}/similar`, body),

  create: (body: DraftInput) => api.post<Proposal>(P, body),
  update: (id: number, body: DraftInput) => api.patch<Proposal>(`${P}/${id}`, body),
  file: (id: number, sessionId?: number) => event(id, 'file', sessionId ? { sessionId } : {}),
  withdraw: (id: number) => event(id, 'withdraw'),
  cosign: (id: number, decision: 'confirm' | 'decline') => event(id, 'cosign', { decision }),

  accept: (id: number) => event(id, 'accept'),
  reject: (id: number, body: { reasonId: number; text: string }) => event(id, 'reject', body),
  reconsider: (id: number) => event(id, 'reconsider'),
  merge: (id: number, sourceIds: number[]) => event(id, 'merge', { sourceIds }),
  convert: (id: number, category: string) => event(id, 'convert', { category }),
  assign: (id: number, units: AssignUnit[]) => event(id, 'assign', { units }),
  anotherRound: (id: number, deadline?: string) => event(id, 'another-round', deadline ? { deadline } : {}),
  close: (id: number) => event(id, 'close'),

  sign: (id: number, assignmentId: number) => onAssignment(id, assignmentId, 'sign'),
  requestReassign: (id: number, assignmentId: number, reason: string) => onAssignment(id, assignmentId, 'request-reassign', { reason }),
  reassign: (id: number, assignmentId: number, body: { unitId: number; deadline?: string }) => onAssignment(id, assignmentId, 'reassign', body),
  contact: (id: number, assignmentId: number, body: { contactedOn: string; way: ContactWay; summary: string }) => onAssignment(id, assignmentId, 'contacts', body),
  sendOpinion: (id: number, assignmentId: number, body: { text: string; fileId?: string }) => onAssignment(id, assignmentId, 'opinions', body),
  reply: (id: number, assignmentId: number, body: ReplyInput) => onAssignment(id, assignmentId, 'reply', body),
  evaluate: (id: number, assignmentId: number, body: { result: EvaluationResult; comment?: string }) => onAssignment(id, assignmentId, 'evaluate', body),

  upload: (file: File) => api.upload<StoredFile>('/api/files', file),

  // Follow-up
  keyInfo: (id: number) => api.get<KeyInfo>(`${P}/${id}/key`),
  setKey: (id: number, key: boolean) => api.put<KeyInfo>(`${P}/${id}/key`, { key }),
  sponsorCandidates: (organizationId?: number) => api.get<{ id: number; displayName: string }[]>(`${P}/sponsor-candidates`, { organizationId }),
  setSponsors: (id: number, userIds: number[]) => api.put<KeyInfo>(`${P}/${id}/sponsors`, { userIds }),
  addProgress: (id: number, body: { kind: 'meeting' | 'note'; heldOn: string; text: string }) => api.post<KeyInfo>(`${P}/${id}/progress`, body),
  /** open: not closed; overdue: a unit past its deadline (the leader's home links here with both). */
  sponsored: (filter: { open?: boolean; overdue?: boolean } = {}) => api.get<SponsoredProposal[]>(`${P}/sponsored`, { open: filter.open ? 'true' : undefined, overdue: filter.overdue ? 'true' : undefined }),
  qualityList: (year: number, organizationId?: number) => api.get<QualityRow[]>(`${P}/quality`, { year, organizationId }),
  rateQuality: (id: number, body: { score: number; comment?: string }) => api.put<unknown>(`${P}/${id}/quality`, body),
  setExcellent: (id: number, selected: boolean) => api.put<unknown>(`${P}/${id}/excellent`, { selected }),
  unitQuality: (year: number, organizationId?: number) => api.get<UnitQualityRow[]>(`${P}/unit-quality`, { year, organizationId }),
  rateUnit: (assignmentId: number, body: { score: number; comment?: string }) => api.put<unknown>(`${P}/assignments/${assignmentId}/quality`, body),
  qualityXlsxUrl: (year: number, organizationId?: number) => withQuery(`${P}/quality.xlsx`, { year, organizationId }),
  unitQualityXlsxUrl: (year: number, organizationId?: number) => withQuery(`${P}/unit-quality.xlsx`, { year, organizationId }),
  stats: (year: number, organizationId?: number) => api.get<ProposalStats>(`${P}/stats`, { year, organizationId }),
  addCategory: (body: { organizationId: number; parentId?: number; name: string }) => api.post<{ id: number }>(`${P}/categories`, body),
  changeCategory: (id: number, body: { name?: string; active?: boolean }) => api.patch<void>(`${P}/categories/${id}`, body),
  addRejectReason: (body: { organizationId: number; text: string }) => api.post<{ id: number }>(`${P}/reject-reasons`, body),
  changeRejectReason: (id: number, body: { text?: string; active?: boolean }) => api.patch<void>(`${P}/reject-reasons/${id}`, body),
  saveSettings: (body: { organizationId: number; deadlineMonths: number }) => api.put<void>(`${P}/settings`, body),
  linkCollective: (body: { userId: number; bodyKind: CollectiveKind; bodyId: number }) => api.put<void>(`${P}/collective-accounts`, body),
  disclosure: (id: number) => api.get<{ proposalId: number; public: boolean; replies: boolean }>(`${P}/${id}/disclosure`),
  setDisclosure: (id: number, body: { public: boolean; replies: boolean }) => api.put<{ proposalId: number; public: boolean; replies: boolean }>(`${P}/${id}/disclosure`, body),
  publicList: (query: { organizationId?: number; year?: number; q?: string }, cursor?: string | null, limit = 20) => api.get<Page<PublicSummary>>('/api/public/proposals', { ...query, cursor, limit }),
  publicGet: (id: number) => api.get<PublicProposal>(`/api/public/proposals/${id}`),
  exportXlsxUrl: (filters: ProposalFilters) => withQuery(`${P}/export.xlsx`, { ...filters }),
  docxUrl: (id: number) => `${P}/${id}/document.docx`,
  letterDocxUrl: (replyId: number) => `${P}/replies/${replyId}/letter.docx`,

  notifications: (unread?: boolean, cursor?: string | null, limit = 20) =>
    api.get<Page<Notification> & { unread: number }>('/api/notifications', { unread: unread ? '1' : undefined, cursor, limit }),
  readNotification: (id: number) => api.post<{ id: number; readAt: string }>(`/api/notifications/${id}/read`),
  readAllNotifications: () => api.post<{ marked: number }>('/api/notifications/read-all'),
};
