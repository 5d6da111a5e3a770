// The platform's own routes: the OpenAPI document and attachments (health: health.ts).
import { z } from 'zod';
import type { App, ModuleDeps } from './manifest.js';
import { notFound } from './errors.js';
import { DOCUMENTS, sendFile, uploadedFile } from './files.js';
import { visibleOrgs } from './context.js';

const fileOut = z.object({ id: z.string(), name: z.string(), mime: z.string(), size: z.number() });

export function platformRoutes(app: App, { services, files, config }: ModuleDeps) {
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
      // The uploader, and users of the organizations that can see the uploader's organization, may read it.
      const mayRead = row && (row.owner_id === req.actor!.userId || (row.organization_id !== null && visibleOrgs(req.ctx, req.actor!).includes(row.organization_id)));
      if (!row || !mayRead) throw notFound({ zh: '文件不存在', en: 'No such file' });
      return sendFile(reply, files, row);
    },
  );
}
