// Imports run as jobs: the upload is answered at once with 202 and the job's id, and the work
// (reading the sheet, checking every row, writing in one transaction) goes on in the background
// while the page polls its progress (rows read, rows valid). The row in import_jobs is the one
// place any server process reads a job from, so a poll may land on another process. A job whose
// process died stops being refreshed and is marked interrupted: nothing of it was written, since
// every import commits in one transaction.
import crypto from 'node:crypto';
import { z } from 'zod';
import type { Ctx, Services } from './context.js';
import { AppError, notFound, problem, type Problem } from './errors.js';
import type { JobDef } from './jobs.js';
import { isDatabaseUnavailable } from './db/unavailable.js';
import type { App } from './manifest.js';

export type ImportState = 'running' | 'writing' | 'done' | 'failed';

export interface ImportProgress {
  /** Rows read from the sheet so far. */
  rowsRead?: number;
  /** Rows checked and found valid. */
  rowsValid?: number;
  /** The rows are checked: writing begins. */
  writing?: boolean;
}

export type Progress = (p: ImportProgress) => void;

export interface ImportJobView {
  id: string;
  kind: string;
  state: ImportState;
  rowsRead: number;
  rowsValid: number;
  /** The import's answer once done (the report of the preview or the commit). */
  result: unknown;
  /** The problem+json answer once failed, as the request would have answered it. */
  problem: Problem | null;
  createdAt: string;
  finishedAt: string | null;
}

/** A running job refreshes its row at least this often; one silent for STALE_MS has died. */
const HEARTBEAT_MS = 2_000;
const STALE_MS = 60_000;
/** A job longer than `timeMs` is stopped: the import's wall-clock limit (tests lower it). */
export const importLimits = { timeMs: 5 * 60_000 };

const now = () => new Date().toISOString();

/**
 * Starts `work` as a job of the caller's and answers its first view. Checks that can refuse the
 * request at once (permission, parameters, the presence of a file) belong before this call.
 */
export async function startImport(ctx: Ctx, kind: string, organizationId: number, work: (progress: Progress, signal: AbortSignal) => Promise<unknown>): Promise<ImportJobView> {
  const id = crypto.randomBytes(12).toString('base64url');
  const at = now();
  await ctx.db.insertInto('import_jobs').values({
    id, user_id: ctx.actor!.userId, organization_id: organizationId, kind, state: 'running', rows_read: 0, rows_valid: 0, result: null, problem: null, created_at: at, updated_at: at, finished_at: null,
  }).execute();

  let progress = { state: 'running' as ImportState, rowsRead: 0, rowsValid: 0 };
  let saved = Date.now();
  const save = () => {
    saved = Date.now();
    return ctx.db.updateTable('import_jobs').set({ state: progress.state, rows_read: progress.rowsRead, rows_valid: progress.rowsValid, updated_at: now() })
      .where('id', '=', id).where('state', 'in', ['running', 'writing']).execute().catch(() => undefined);
  };
  const report: Progress = (p) => {
    progress = { state: p.writing ? 'writing' : progress.state, rowsRead: p.rowsRead ?? progress.rowsRead, rowsValid: p.rowsValid ?? progress.rowsValid };
    if (p.writing || Date.now() - saved > 250) void save();
  };
  const heartbeat = setInterval(() => void save(), HEARTBEAT_MS);
  heartbeat.unref();
  const controller = new AbortController();
  const limit = setTimeout(() => controller.abort(), importLimits.timeMs);
  limit.unref();

  void (async () => {
    let outcome: { state: 'done'; result: unknown } | { state: 'failed'; problem: Problem };
    try {
      outcome = { state: 'done', result: await work(report, controller.signal) };
    } catch (err) {
      const refused = controller.signal.aborted
        ? problem('payload_too_large', { detail: { zh: `导入超过时间上限（${importLimits.timeMs / 1000} 秒），未导入任何数据`, en: `The import passed its time limit (${importLimits.timeMs / 1000} s); nothing was imported` } })
        : err instanceof AppError ? problem(err.code, { detail: err.detail, errors: err.errors, extra: err.extra })
        : isDatabaseUnavailable(err) ? problem('database_unavailable', { detail: { zh: '导入时数据库无法连接，未导入任何数据，请稍后重新导入', en: 'The database went away during the import; nothing was imported; import again shortly' } })
        : null;
      if (!refused) console.error(`import job ${id} (${kind}) failed`, err);
      outcome = { state: 'failed', problem: refused ?? problem('internal_error', { traceId: id }) };
    } finally {
      clearInterval(heartbeat);
      clearTimeout(limit);
    }
    await ctx.db.updateTable('import_jobs').set({
      state: outcome.state, rows_read: progress.rowsRead, rows_valid: progress.rowsValid,
      result: outcome.state === 'done' ? JSON.stringify(outcome.result) : null, problem: outcome.state === 'failed' ? JSON.stringify(outcome.problem) : null,
      updated_at: now(), finished_at: now(),
    }).where('id', '=', id).execute().catch((err) => console.error(`import job ${id}: the outcome could not be saved`, err));
  })();
  return (await findImportJob(ctx, id))!;
}

/** The caller's own job; another user's is answered as missing. */
export async function findImportJob(ctx: Ctx, id: string): Promise<ImportJobView | null> {
  const row = await ctx.db.selectFrom('import_jobs').selectAll().where('id', '=', id).where('user_id', '=', ctx.actor!.userId).executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id, kind: row.kind, state: row.state, rowsRead: row.rows_read, rowsValid: row.rows_valid,
    result: row.result === null ? null : JSON.parse(row.result), problem: row.problem === null ? null : JSON.parse(row.problem),
    createdAt: row.created_at, finishedAt: row.finished_at,
  };
}

/** Marks jobs whose process stopped refreshing them as interrupted, and forgets old ones. */
export const importJobSweeper: JobDef = {
  name: 'imports.sweep',
  everyMs: 60_000,
  run: async (services: Services) => {
    const stale = new Date(Date.now() - STALE_MS).toISOString();
    const interrupted = problem('internal_error', { detail: { zh: '导入因服务器重启而中断，未导入任何数据，请重新导入', en: 'The import was interrupted by a server restart; nothing was imported; please import again' } });
    const r = await services.db.updateTable('import_jobs').set({ state: 'failed', problem: JSON.stringify(interrupted), finished_at: now(), updated_at: now() })
      .where('state', 'in', ['running', 'writing']).where('updated_at', '<', stale).executeTakeFirst();
    await services.db.deleteFrom('import_jobs').where('created_at', '<', new Date(Date.now() - 7 * 86_400_000).toISOString()).execute();
    return `interrupted ${Number(r.numUpdatedRows)}`;
  },
};

export const importJobOut = z.object({
  id: z.string(),
  kind: z.string(),
  state: z.enum(['running', 'writing', 'done', 'failed']),
  rowsRead: z.number(),
  rowsValid: z.number(),
  result: z.unknown(),
  problem: z.record(z.string(), z.unknown()).nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});

export function importJobRoutes(app: App) {
  app.get(
    '/api/import-jobs/:id',
    { config: { access: ['admin', 'staff'] }, schema: { tags: ['platform'], summary: 'Progress and answer of an import the caller started', params: z.strictObject({ id: z.string().max(32) }), response: { 200: importJobOut } } },
    async (req) => {
      const job = await findImportJob(req.ctx, req.params.id);
      if (!job) throw notFound({ zh: '导入任务不存在', en: 'No such import' });
      return job;
    },
  );
}
