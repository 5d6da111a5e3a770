// A session's files: research attachments (documents, for the office while preparing) and photos
// of the session (images, public once the session has been held). Each file belongs to its
// session through the platform's file owner (record kind and id).
import { z } from 'zod';
import type { Ctx } from '../../platform/context.js';
import { hasRoleAt, visibleOrgs } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { notFound } from '../../platform/errors.js';
import { DOCUMENTS, IMAGES, sendFile, uploadedFile, type FileAccess } from '../../platform/files.js';
import type { App, ModuleDeps } from '../../platform/manifest.js';
import { queryRecordId } from '../../platform/ids.js';
import { requireOfficeAt } from './commands.js';

export const KINDS = { research: 'hall_session_research', photo: 'hall_session_photo' } as const;
export type SessionFileKind = keyof typeof KINDS;
const kindQuery = z.strictObject({ kind: z.enum(['research', 'photo']) });
const fileParams = z.strictObject({ id: queryRecordId, fileId: z.string().regex(/^[0-9a-f-]{8,64}$/i, '文件编号无效|Invalid file id') });

async function session(ctx: Ctx, id: number) {
  const row = await ctx.db.selectFrom('hall_sessions').select(['id', 'organization_id', 'state']).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound({ zh: '议事活动不存在', en: 'No such session' });
  return row;
}

export const fileAccess: FileAccess = {
  [KINDS.research]: async (ctx, id) => {
    const row = await ctx.db.selectFrom('hall_sessions').select('organization_id').where('id', '=', id).executeTakeFirst();
    return !!row && hasRoleAt(ctx, ctx.actor!, ['admin', 'staff', 'leader'], row.organization_id);
  },
  [KINDS.photo]: async (ctx, id) => !!(await ctx.db.selectFrom('hall_sessions').select('id').where('id', '=', id).executeTakeFirst()),
};

export async function sessionFiles(ctx: Pick<Ctx, 'db'>, id: number, kind: SessionFileKind) {
  return ctx.db.selectFrom('files').select(['id', 'name', 'mime', 'size']).where('record_kind', '=', KINDS[kind]).where('record_id', '=', id).orderBy('created_at').execute();
}

export function fileRoutes(app: App, { files, config }: ModuleDeps) {
  const tags = ['halls'];
  app.post('/api/halls/sessions/:id/files', { config: { access: ['admin', 'staff'] }, schema: { tags, summary: 'Attach a research document (kind=research) or a photo of the session (kind=photo); multipart, field "file"', params: z.strictObject({ id: queryRecordId }), querystring: kindQuery } }, async (req, reply) => {
    const ctx = req.ctx;
    const row = await session(ctx, req.params.id);
    if (!visibleOrgs(ctx, ctx.actor!).includes(row.organization_id)) throw notFound({ zh: '议事活动不存在', en: 'No such session' });
    requireOfficeAt(ctx, row.organization_id, { zh: '上传议事活动材料', en: "upload a session's files" });
    const input = await uploadedFile(req);
    const kind = req.query.kind;
    const file = await files.write({ ...input, organizationId: row.organization_id, ownerId: ctx.actor!.userId }, { maxBytes: config.uploadLimit, allowed: kind === 'photo' ? IMAGES : DOCUMENTS });
    try {
      await ctx.db.transaction().execute(async (trx) => {
        await files.record(trx, file, { kind: KINDS[kind], id: row.id });
        await audit(trx, ctx, { action: `file_${kind}`, entityType: 'hall_session', entityId: row.id, organizationId: row.organization_id, after: { fileId: file.id, name: file.name } });
      });
    } catch (err) {
      await files.remove(file.id);
      throw err;
    }
    return reply.code(201).send({ id: file.id, name: file.name, mime: file.mime, size: file.size });
  });
  // Photos of a held or closed session are public; research documents are the office's.
  app.get('/api/halls/sessions/:id/files/:fileId', { config: { access: 'anyone' }, schema: { tags, summary: "A session's photo (public once held) or research document (office)", params: fileParams } }, async (req, reply) => {
    const ctx = req.ctx;
    const row = await session(ctx, req.params.id);
    const file = await ctx.db.selectFrom('files').select(['id', 'name', 'mime', 'record_kind']).where('id', '=', req.params.fileId).where('record_id', '=', row.id).executeTakeFirst();
    const publicPhoto = file?.record_kind === KINDS.photo && (row.state === 'held' || row.state === 'closed');
    const office = file?.record_kind === KINDS.research || file?.record_kind === KINDS.photo ? !!ctx.actor && hasRoleAt(ctx, ctx.actor, ['admin', 'staff', 'leader'], row.organization_id) : false;
    if (!file || !(publicPhoto || office)) throw notFound({ zh: '文件不存在', en: 'No such file' });
    return sendFile(reply, files, file);
  });
}
