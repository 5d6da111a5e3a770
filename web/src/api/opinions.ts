// Public opinion (社情民意) and scan-to-consult (码上商): shapes and calls of docs/api.md.
import { api, ApiError, withQuery } from './client';
import type { OrgScope, Page, Problem } from './types';

export type OpinionState = 'new' | 'accepted' | 'duplicate' | 'not_used' | 'compiled' | 'forwarded' | 'adopted';
export const OPINION_STATES: OpinionState[] = ['new', 'accepted', 'duplicate', 'not_used', 'compiled', 'forwarded', 'adopted'];
export type OpinionSource = 'member' | 'contact_point' | 'resident';
export const OPINION_SOURCES: OpinionSource[] = ['member', 'contact_point', 'resident'];
export type Level = 'national' | 'province' | 'city';
export const LEVELS: Level[] = ['national', 'province', 'city'];
export type Recipient = 'city_party_committee' | 'city_government' | 'department' | 'province_cppcc' | 'national_cppcc';
export const RECIPIENTS: Recipient[] = ['city_party_committee', 'city_government', 'department', 'province_cppcc', 'national_cppcc'];
export const CATEGORIES = ['livelihood', 'economy', 'environment', 'education', 'health', 'elderly', 'transport', 'governance', 'other'] as const;
export type Category = (typeof CATEGORIES)[number];
export type OpinionEvent = 'accept' | 'mark_duplicate' | 'not_use' | 'reopen' | 'compile' | 'forward' | 'adopt' | 'instruct' | 'feedback' | 'hand_off' | 'retitle';
/** Where a report stands in a resident's words: its state, or the step of its hand-off to a unit. */
export type ResidentProgress = OpinionState | 'handed_off' | 'answered';

export interface Challenge {
  token: string;
  nonce: string;
  bits: number;
  expiresAt: string;
}

export interface QrPageData {
  place: { id: number; name: string; kind: string; organizationName: string };
  categories: { value: string; zh: string; en: string }[];
  limits: { maxText: number; maxPhotos: number; maxPhotoBytes: number };
  challenge: Challenge;
}

export interface TrackResult {
  trackingCode: string;
  state: OpinionState;
  status: string;
  status_en: string;
  submittedAt: string;
  placeName: string | null;
  category: Category;
  reason: string | null;
  adoptedLevels: Level[];
  answer: { fromName: string; text: string; receivedOn: string } | null;
  progress: ResidentProgress;
  handoff: { unitName: string; deadline: string; answer: string | null; answeredOn: string | null } | null;
}

/** A resident's concern handed to a handling unit, and the unit's answer. */
export interface Handoff {
  id: number;
  opinionId: number;
  organizationId: number;
  unitId: number;
  unitName: string;
  deadline: string;
  note: string | null;
  assignedAt: string;
  answer: string | null;
  answeredOn: string | null;
  answeredAt: string | null;
}

/** What a unit reads of a concern handed to it (never the resident's contact). */
export interface HandoffItem extends Handoff {
  title: string;
  text: string;
  category: Category;
  placeName: string | null;
  submittedAt: string;
}

export interface OpinionSummary {
  id: number;
  organizationId: number;
  year: number;
  source: OpinionSource;
  title: string;
  category: Category;
  state: OpinionState;
  placeId: number | null;
  placeName: string | null;
  memberId: number | null;
  memberName: string | null;
  residentName: string | null;
  residentPhone: string | null;
  similarGroup: number | null;
  similarCount: number;
  submittedAt: string;
}

export interface Opinion extends OpinionSummary {
  text: string;
  duplicateOf: number | null;
  reason: string | null;
  reporters: { memberId: number; name: string; lead: boolean }[];
  files: { id: string; name: string; mime: string; kind: 'photo' | 'attachment' }[];
  issue: { id: number; year: number; number: number } | null;
  forwardings: { id: number; recipient: Recipient; recipientName: string | null; sentOn: string; issueId: number | null }[];
  adoptions: { id: number; level: Level; adoptedBy: string; adoptedOn: string }[];
  instructions: { id: number; leader: string; level: Level; instructedOn: string; text: string }[];
  feedback: { id: number; fromName: string; text: string; receivedOn: string; final: boolean }[];
  handoff: Handoff | null;
  abilities: Record<OpinionEvent, boolean>;
}

export interface OpinionFilters {
  organizationId?: number;
  state?: OpinionState;
  source?: OpinionSource;
  placeId?: number;
  category?: Category;
  year?: number;
  q?: string;
  /** Sent to the city's party committee or government, no leader's instruction recorded yet. */
  awaitingInstruction?: 'true';
}

export interface TimelineEntry {
  at: string;
  action: string;
  actorName: string | null;
  detail: unknown;
}

export interface SimilarGroup {
  group: number;
  count: number;
  title: string;
  opinionIds: number[];
}

export interface IssueItemInput {
  opinionId: number;
  title?: string;
  text?: string;
  credits?: string;
}

export interface Issue {
  id: number;
  organizationId: number;
  organizationName: string;
  year: number;
  number: number;
  title: string;
  publishedOn: string;
  items: { opinionId: number; position: number; title: string; text: string; credits: string }[];
}

export interface ReportInput {
  organizationId: number;
  title: string;
  text: string;
  category: Category;
  attachmentIds?: string[];
  coReporterIds?: number[];
  contactPointId?: number;
}

export interface ForwardInput {
  recipient: Recipient;
  recipientName?: string;
  sentOn: string;
}

export type RankingBy = 'member' | 'contact_point' | 'sector' | 'place';
export const RANKING_BY: RankingBy[] = ['member', 'contact_point', 'sector', 'place'];
export interface RankingRow {
  rank: number;
  id: number;
  name: string;
  points: number;
  opinions: number;
}

export interface OpinionStats {
  organizationId: number;
  scope: OrgScope;
  organizationIds: number[];
  year: number;
  received: number;
  accepted: number;
  compiled: number;
  issues: number;
  forwarded: number;
  adopted: Record<Level, number>;
  instructions: Record<Level, number>;
  byState: Record<string, number>;
  bySource: Record<string, number>;
  byCategory: Record<string, number>;
  byMonth: Record<string, number>;
  byPlace: { placeId: number; name: string; kind: string; count: number }[];
  headline: { zh: string; en: string };
}

export interface UploadedFile {
  id: string;
  name: string;
  mime: string;
  size: number;
}

const DEVICE_KEY = 'sl_device';

/** A random id kept on this phone, so the server can limit one device rather than a shared address. */
export function deviceId(): string {
  try {
    let id = localStorage.getItem(DEVICE_KEY);
    if (!id) {
      id = crypto.randomUUID();
      localStorage.setItem(DEVICE_KEY, id);
    }
    return id;
  } catch {
    return '';
  }
}

/** The resident's form goes through fetch directly: it carries the device header and needs no session. */
async function submitResident(code: string, form: FormData): Promise<{ trackingCode: string; trackingUrl: string }> {
  const device = deviceId();
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (device) headers['X-Device-Id'] = device;
  let res: Response;
  try {
    res = await fetch(`/api/q/${encodeURIComponent(code)}/opinions`, { method: 'POST', body: form, headers });
  } catch {
    throw new ApiError({ status: 0, code: 'network_error', title: '无法连接服务器', title_en: 'Cannot reach the server' });
  }
  if (res.ok) return (await res.json()) as { trackingCode: string; trackingUrl: string };
  const body = (await res.json().catch(() => null)) as Partial<Problem> | null;
  throw new ApiError(
    body && typeof body.code === 'string' && typeof body.title === 'string'
      ? ({ ...body, status: res.status } as Problem)
      : { status: res.status, code: 'http_error', title: `请求失败（${res.status}）`, title_en: `Request failed (${res.status})` },
  );
}

export const opinionsApi = {
  qr: (code: string) => api.get<QrPageData>(`/api/q/${encodeURIComponent(code)}`),
  submitResident,
  track: (code: string) => api.get<TrackResult>(`/api/track/${encodeURIComponent(code)}`),

  list: (filters: OpinionFilters, cursor?: string | null, limit = 20) => api.get<Page<OpinionSummary>>('/api/opinions', { ...filters, cursor, limit }),
  mine: (cursor?: string | null, limit = 20) => api.get<Page<OpinionSummary>>('/api/opinions/mine', { cursor, limit }),
  get: (id: number) => api.get<Opinion>(`/api/opinions/${id}`),
  timeline: (id: number) => api.get<TimelineEntry[]>(`/api/opinions/${id}/timeline`),
  contact: (id: number) => api.get<{ name: string | null; phone: string | null }>(`/api/opinions/${id}/contact`),
  similar: (organizationId?: number) => api.get<SimilarGroup[]>('/api/opinions/similar', { organizationId }),
  report: (body: ReportInput) => api.post<Opinion>('/api/opinions', body),
  upload: (file: File) => api.upload<UploadedFile>('/api/files', file),

  screen: (id: number, body: { event: 'accept' | 'reopen' } | { event: 'mark_duplicate'; duplicateOf: number } | { event: 'not_use'; reason: string }) =>
    api.post<Opinion>(`/api/opinions/${id}/screen`, body),
  forward: (id: number, body: ForwardInput) => api.post<Opinion>(`/api/opinions/${id}/forward`, body),
  adopt: (id: number, body: { level: Level; adoptedBy: string; adoptedOn: string }) => api.post<Opinion>(`/api/opinions/${id}/adoptions`, body),
  instruct: (id: number, body: { leader: string; level: Level; instructedOn: string; text: string }) => api.post<Opinion>(`/api/opinions/${id}/instructions`, body),
  feedback: (id: number, body: { fromName: string; text: string; receivedOn: string; final: boolean }) => api.post<Opinion>(`/api/opinions/${id}/feedback`, body),
  retitle: (id: number, title: string) => api.post<Opinion>(`/api/opinions/${id}/title`, { title }),
  handOff: (id: number, body: { unitId: number; deadline: string; note?: string }) => api.post<Opinion>(`/api/opinions/${id}/handoff`, body),
  handoffs: (query: { answered?: 'yes' | 'no'; overdue?: boolean }, cursor?: string | null, limit = 20) => api.get<Page<HandoffItem>>('/api/opinions/handoffs', { ...query, cursor, limit }),
  answerHandoff: (id: number, body: { text: string; answeredOn: string }) => api.post<Handoff>(`/api/opinions/handoffs/${id}/answer`, body),

  issues: (query: { organizationId?: number; year?: number }) => api.get<Issue[]>('/api/opinions/issues', query),
  issue: (id: number) => api.get<Issue>(`/api/opinions/issues/${id}`),
  compile: (body: { organizationId: number; publishedOn?: string; items: IssueItemInput[] }) => api.post<Issue>('/api/opinions/issues', body),
  forwardIssue: (id: number, body: ForwardInput) => api.post<Issue>(`/api/opinions/issues/${id}/forward`, body),
  issueDocxUrl: (id: number) => `/api/opinions/issues/${id}/export.docx`,

  ranking: (query: { organizationId?: number; year?: number; by: RankingBy }) => api.get<RankingRow[]>('/api/opinions/ranking', query),
  rankingXlsxUrl: (query: { organizationId?: number; year?: number; by: RankingBy }) => withQuery('/api/opinions/ranking.xlsx', query),
  stats: (query: { organizationId?: number; year?: number; scope?: OrgScope }) => api.get<OpinionStats>('/api/opinions/stats', query),

  qrPngUrl: (placeId: number) => `/api/orgs/places/${placeId}/qr.png`,
  qrSvgUrl: (placeId: number) => `/api/orgs/places/${placeId}/qr.svg`,
  posterUrl: (placeId: number) => `/api/orgs/places/${placeId}/qr-poster.svg`,
};
