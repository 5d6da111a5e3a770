// The import of past records, the same for every kind: the header must hold the template's
// columns; every row is checked and the answer names each error by row and column; a preview
// writes nothing; a commit checks the file again and writes every row with its audit entry in one
// transaction, or refuses the whole file. Nothing is sent: no notification, no reminder.
import { AppError } from '../../platform/errors.js';
import { audit } from '../../platform/audit.js';
import type { Ctx } from '../../platform/context.js';
import { chinaDate } from '../../platform/time.js';
import { readSheet } from '../../platform/xlsx.js';
import type { Progress } from '../../platform/import-jobs.js';
import type { HistoryKind, RowCheck } from './kind.js';
import { requireOffice, type ImportReport, type RowResult } from './rows.js';

export const MAX_ROWS = 20000;

const refuse = (zh: string, en: string) =>
  new AppError('validation_failed', { zh, en }, [{ field: 'body.file', code: 'invalid', message: zh, message_en: en }]);

/** Whether `v` is a real calendar date written YYYY-MM-DD (2023-02-30 is not). */
const isDate = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)) && new Date(v).toISOString().startsWith(v);

/** The work of an import job (platform/import-jobs.ts); requireOffice was checked when it started. */
export async function runImport<C extends string, L, I>(
  ctx: Ctx, kind: HistoryKind<C, L, I>, organizationId: number, data: Buffer, commit: boolean, progress: Progress = () => {}, signal?: AbortSignal,
): Promise<ImportReport> {
  requireOffice(ctx, organizationId);
  // The reader refuses a sheet past the limit as soon as it gets there, whatever the file holds.
  const sheet = await readSheet(data, { maxRows: MAX_ROWS, onRow: (rowsRead) => progress({ rowsRead }), signal });
  const missing = kind.columns.filter((c) => !sheet.header.includes(c.header));
  if (missing.length)
    throw new AppError('validation_failed', { zh: `表头缺少列：${missing.map((c) => c.header).join('、')}`, en: `The header lacks the columns: ${missing.map((c) => c.en).join(', ')}` }, [{ field: 'body.file', code: 'invalid', message: '表头不符合模板', message_en: 'The header does not match the template' }]);
  if (sheet.rows.length === 0) throw refuse('表格中没有数据', 'The sheet has no rows');

  const look = await kind.lookups(ctx.db, organizationId);
  const en = new Map<string, string>(kind.columns.map((c) => [c.header, c.en]));
  const at = new Map<string, number>(kind.columns.map((c) => [c.header, sheet.header.indexOf(c.header)]));
  const today = chinaDate();

  const results = sheet.rows.map(({ row, cells }) => {
    const errors: RowResult['errors'] = [];
    const check: RowCheck<C> = {
      row,
      cell: (c) => (cells[at.get(c)!] ?? '').trim(),
      fail: (column, m) => void errors.push({ column, message: m.zh, message_en: `${en.get(column)}: ${m.en}` }),
      date: (c, required) => {
        const v = check.cell(c);
        if (!v) { if (required) check.fail(c, { zh: '不能为空', en: 'required' }); return null; }
        if (!isDate(v)) { check.fail(c, { zh: '应为日期，如 2023-01-10', en: 'must be a date such as 2023-01-10' }); return null; }
        if (v > today) { check.fail(c, { zh: `不能晚于今天（${today}）`, en: `cannot be later than today (${today})` }); return null; }
        return v;
      },
    };
    const { title, input } = kind.check(check, look);
    const result: RowResult = { row, title, state: errors.length ? 'error' : 'new', errors };
    return { result, input };
  });

  progress({ rowsValid: results.filter((r) => r.result.state !== 'error').length });
  const report = (committed: boolean): ImportReport => ({
    committed, total: results.length, errors: results.filter((r) => r.result.state === 'error').length, rows: results.map((r) => r.result),
  });
  if (!commit) return report(false);
  if (results.some((r) => r.result.state === 'error')) throw new AppError('import_invalid', undefined, undefined, { ...report(false) });
  progress({ writing: true });
  await ctx.db.transaction().execute(async (trx) => {
    for (const { input, result } of results) {
      const { entityType, entityId } = await kind.insert(trx, ctx, organizationId, input);
      await audit(trx, ctx, { action: 'import', entityType, entityId, organizationId, after: { row: result.row, ...(input as object) } });
    }
  });
  // Lists that keep answers (platform/answer-cache.ts) learn of the new records once they are committed.
  for (const module of kind.changes) await ctx.bus.publish(`${module}.changed`, {});
  return report(true);
}
