import { runImport, type ImportJob } from './importJobs';

/** The kinds of past records, as the server names them in /api/history/<kind>/import. */
export const HISTORY_KINDS = ['proposals', 'opinions', 'meetings', 'suggestions'] as const;
export type HistoryKind = (typeof HISTORY_KINDS)[number];

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
  templateUrl: (kind: HistoryKind) => `/api/history/templates/${kind}.xlsx`,
  import: (kind: HistoryKind, file: File, params: { organizationId: number; commit: boolean }, onProgress?: (job: ImportJob) => void) =>
    runImport<HistoryReport>(`/api/history/${kind}/import`, file, params, onProgress),
};
