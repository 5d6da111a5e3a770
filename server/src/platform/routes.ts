// The platform's own routes: the OpenAPI document and attachments (health: health.ts).
import { z } from 'zod';
import type { App, ModuleDeps } from './manifest.js';
import { notFound } from './errors.js';
import { DOCUMENTS, mayReadFile, sendFile, uploadedFile, type FileAccess } from './files.js';

const fileOut = z.object({ id: z.string(), name: z.string(), mime: z.string(), size: z.number() });

/** `fileAccess`: every module's read checks for the records files are attached to. */
export function platformRoutes(app: App, { services, files, config }: ModuleDeps, fileAccess: FileAccess) {
  app.get('/api/openapi.json', { config: { access: 'anyone' }, schema: { hide: true } }, async () => app.swagger());

  app.post(
    '/api/files',
    { config: { access: 'signed-in' }, schema: { tags: ['platform'], summary: 'Upload one attachment (image, PDF, .docx or .xlsx)', response: { 201: fileOut } } },
    async (req, reply) => {
      const actor = req.actor!;
      const saved = await files.save(services.db, { ...(await uploadedFile(req)), organizationId: actor.organizationId, ownerId: actor.userId }, { maxBytes: config.uploadLimit, allowed: DOCUMENTS });
      return reply.code(201).send(saved);
    },
  );

  app.get(
    '/api/files/:id',
    { config: { access: 'signed-in' }, schema: { tags: ['platform'], params: z.strictObject({ id: z.string().max(64) }) } },
    async (req, reply) => {
      const row = await files.find(services.db, req.params.id);
      // Read by those who may read the record it is attached to (its module decides); 404 to the rest.
      if (!row || !(await mayReadFile(req.ctx, fileAccess, row))) throw notFound({ zh: '文件不存在', en: 'No such file' });
      return sendFile(reply, files, row);
    },
  );
}
