import { api, ApiError, type Query } from './client';
import type { Problem } from './types';

/** An import running on the server (platform/import-jobs.ts), as GET /api/import-jobs/:id answers. */
export interface ImportJob {
  id: string;
  kind: string;
  state: 'running' | 'writing' | 'done' | 'failed';
  rowsRead: number;
  rowsValid: number;
  result: unknown;
  problem: Problem | null;
}

const POLL_MS = 400;

/**
 * Uploads the file to an import route, then follows its job until it ends: the job's result, or
 * its problem thrown as the request's own error would be (a refused commit keeps its rows).
 */
export async function runImport<T>(path: string, file: File, params: Query, onProgress: (job: ImportJob) => void = () => {}): Promise<T> {
  let job = await api.upload<ImportJob>(path, file, params);
  while (job.state === 'running' || job.state === 'writing') {
    onProgress(job);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    job = await api.get<ImportJob>(`/api/import-jobs/${job.id}`);
  }
  onProgress(job);
  if (job.state === 'failed') throw new ApiError(job.problem!, job.problem);
  return job.result as T;
}
