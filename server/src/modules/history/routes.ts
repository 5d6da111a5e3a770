import type { App } from '../../platform/manifest.js';
import { AppError } from '../../platform/errors.js';
import { attachment, XLSX_MIME } from '../../platform/xlsx.js';
import { importJobOut, startImport } from '../../platform/import-jobs.js';
import { runImport } from './import.js';
import { requireOffice } from './rows.js';
import { KINDS } from './kinds.js';
import * as s from './schema.js';
import { templateWorkbook } from './template.js';

const tags = ['history'];
const office = { access: ['admin', 'staff'] as const };

export function routes(app: App) {
  for (const kind of KINDS) {
    app.get(`/api/history/templates/${kind.name}.xlsx`, { config: office, schema: { tags, summary: `Template of past ${kind.name}` } }, async (_req, reply) =>
      reply.type(XLSX_MIME).header('content-disposition', attachment(`${kind.sheet}导入模板.xlsx`)).send(await templateWorkbook(kind.sheet, kind.columns)),
    );

    // Answered with 202 and the import job (GET /api/import-jobs/:id): its result is the per-row
    // preview, nothing written, without commit=true; with it, the same file is checked again and
    // written whole, or refused whole.
    app.post(`/api/history/${kind.name}/import`, { config: office, schema: { tags, summary: `Preview or commit past ${kind.name}`, querystring: s.importQuery, response: { 202: importJobOut } } }, async (req, reply) => {
      const { organizationId, commit } = req.query;
      requireOffice(req.ctx, organizationId);
      if (!req.isMultipart()) throw new AppError('unsupported_media_type', { zh: '请以 multipart/form-data 上传 .xlsx 文件', en: 'Upload the .xlsx file as multipart/form-data' });
      const file = await req.file();
      if (!file) throw new AppError('validation_failed', { zh: '请选择要导入的 .xlsx 文件', en: 'Choose an .xlsx file to import' }, [{ field: 'body.file', code: 'required', message: '请选择文件', message_en: 'Choose a file' }]);
      const data = await file.toBuffer();
      const job = await startImport(req.ctx, `history.${kind.name}`, organizationId, (progress, signal) => runImport(req.ctx, kind, organizationId, data, commit, progress, signal));
      return reply.code(202).send(job);
    });
  }
}
