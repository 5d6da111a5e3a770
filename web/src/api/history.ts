import { api } from './client';

export interface HistoryRow {
  row: number;
  title: string;
  state: 'new' | 'warning' | 'error';
  errors: { column: string; message: string; message_en: string }[];
}
export interface HistoryReport {
  committed: boolean;
  total: number;
  errors: number;
  rows: HistoryRow[];
}

export const historyApi = {
  templateUrl: '/api/history/templates/proposals.xlsx',
  importProposals: (file: File, params: { organizationId: number; commit: boolean }) => api.upload<HistoryReport>('/api/history/proposals/import', file, params),
};
