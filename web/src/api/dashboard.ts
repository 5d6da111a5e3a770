import { api, withQuery } from './client';
import type { OrgScope } from './types';

type Text = { zh: string; en: string };

/** One work figure (GET /api/dashboard/figures): its value and what it counts. */
export interface Figure {
  code: string;
  /** The module that declares it: proposals, opinions, consultations, halls. */
  group: string;
  name: Text;
  definition: Text;
  public: boolean;
  value: number;
  records: string;
}
export interface FigureCheck {
  codes: string[];
  ok: boolean;
  message: Text;
}
export interface Figures {
  organizationId: number;
  organizationName: string;
  scope: OrgScope;
  year: number | null;
  from: string;
  to: string;
  figures: Figure[];
  checks: FigureCheck[];
}
/** The public figures (GET /api/dashboard/public/figures): values and definitions, no records, no checks. */
export type PublicFigures = Omit<Figures, 'checks' | 'figures'> & { figures: Omit<Figure, 'records'>[] };
export interface FigureRecords {
  code: string;
  name: Text;
  page: number;
  pageSize: number;
  total: number;
  items: { id: string; title: string; date: string; link: string }[];
}

/** A handling unit's own figures (GET /api/dashboard/unit-figures): what it was given and how it handled them. */
export interface UnitFigures {
  unitId: number;
  unitName: string;
  year: number | null;
  from: string;
  to: string;
  figures: Omit<Figure, 'public'>[];
  checks: FigureCheck[];
}

/** A headline figure of the panorama with its count in each month of the period. */
export interface Headline extends Figure {
  trend: number[];
}
export interface Breakdown {
  code: string;
  name: Text;
  definition: Text;
  rows: { key: string; label: Text; value: number }[];
}
/** One row of the county table: the organization alone (own) or one below it with everything under that one. */
export interface CountyRow {
  organizationId: number;
  organizationName: string;
  level: string;
  own: boolean;
  values: Record<string, number>;
  /** The web page of that organization's panorama. */
  page: string;
}
export interface Panorama {
  organizationId: number;
  organizationName: string;
  parentId: number | null;
  scope: OrgScope;
  year: number | null;
  from: string;
  to: string;
  months: string[];
  headlines: Headline[];
  breakdowns: Breakdown[];
  counties: CountyRow[] | null;
}

/**
 * The period asked about: a year, or China's dates from and to (both included, at most ten years);
 * neither is this year in China as the server reads it (a big screen then follows New Year).
 */
export interface Period {
  year?: number;
  from?: string;
  to?: string;
}

const query = (period: Period, scope: OrgScope, organizationId?: number) => ({ year: period.year, from: period.from, to: period.to, scope, ...(organizationId ? { organizationId } : {}) });

export const dashboardApi = {
  figures: (period: Period, scope: OrgScope) => api.get<Figures>('/api/dashboard/figures', query(period, scope)),
  panorama: (period: Period, scope: OrgScope, organizationId?: number) => api.get<Panorama>('/api/dashboard/panorama', query(period, scope, organizationId)),
  records: (code: string, period: Period, scope: OrgScope, page: number, organizationId?: number) =>
    api.get<FigureRecords>(`/api/dashboard/figures/${encodeURIComponent(code)}/records`, { ...query(period, scope, organizationId), page }),
  docxUrl: (period: Period, scope: OrgScope) => withQuery('/api/dashboard/figures.docx', query(period, scope)),
  xlsxUrl: (period: Period, scope: OrgScope) => withQuery('/api/dashboard/figures.xlsx', query(period, scope)),
  /** The caller's own unit's figures (a unit account), or the unit named (the office). */
  unitFigures: (period: Period, unitId?: number) => api.get<UnitFigures>('/api/dashboard/unit-figures', { year: period.year, from: period.from, to: period.to, unitId }),
  unitRecords: (code: string, period: Period, page: number, unitId?: number) =>
    api.get<FigureRecords>(`/api/dashboard/unit-figures/${encodeURIComponent(code)}/records`, { year: period.year, from: period.from, to: period.to, unitId, page }),
  publicFigures: (organizationId: number, period: Period, scope: OrgScope) => api.get<PublicFigures>('/api/dashboard/public/figures', { organizationId, ...query(period, scope) }),
  /** Server-Sent Events: a `figures` event with the answer of figures(), again whenever it changes. */
  liveUrl: (period: Period, scope: OrgScope) => withQuery('/api/dashboard/live', query(period, scope)),
  publicLiveUrl: (organizationId: number, period: Period, scope: OrgScope) => withQuery('/api/dashboard/public/live', { organizationId, ...query(period, scope) }),
};
