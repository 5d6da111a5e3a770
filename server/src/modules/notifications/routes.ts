// HTTP routes of notifications: each account reads and marks only its own.
import { z } from 'zod';
import { audit } from '../../platform/audit.js';
import type { Trx } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import type { App, ModuleDeps } from '../../platform/manifest.js';
import { toPage } from '../../platform/paging.js';
import * as s from './schema.js';

const tags = ['notifications'];
const mine = { access: 'signed-in' as const };

export function routes(app: App, { config }: ModuleDeps) {
  app.get('/api/notifications', { config: mine, schema: { tags, summary: "The caller's notifications, newest first", querystring: s.listQuery, response: { 200: s.listOut } } }, async (req) => {
    const { db } = req.ctx;
    const userId = req.actor!.userId;
    let q = db.selectFrom('notifications').selectAll().where('user_id', '=', userId);
    if (req.query.unread === '1') q = q.where('read_at', 'is', null);
    if (req.query.cursor) q = q.where('id', '<', Number(req.query.cursor));
    const count = (unreadOnly: boolean) => {
      let c = db.selectFrom('notifications').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', userId);
      if (unreadOnly) c = c.where('read_at', 'is', null);
      return c.executeTakeFirstOrThrow();
    };
    const [rows, total, unread] = await Promise.all([q.orderBy('id', 'desc').limit(req.query.limit + 1).execute(), count(req.query.unread === '1'), count(true)]);
    const page = toPage(rows, req.query.limit, Number(total.n), (r) => ({
      id: r.id, kind: r.kind, title: r.title, titleEn: r.title_en, body: r.body, bodyEn: r.body_en, link: r.link,
      entityType: r.entity_type, entityId: r.entity_id, createdAt: r.created_at, readAt: r.read_at,
    }));
    return { ...page, unread: Number(unread.n) };
  });

  app.post('/api/notifications/:id/read', { config: mine, schema: { tags, summary: 'Mark one of the caller\'s notifications read', params: s.idParams, response: { 200: z.object({ id: z.number(), readAt: z.string() }) } } }, async (req) => {
    const { db } = req.ctx;
    const row = await db.selectFrom('notifications').select(['id', 'read_at']).where('id', '=', req.params.id).where('user_id', '=', req.actor!.userId).executeTakeFirst();
    // Another account's notification is as absent as one that does not exist.
    if (!row) throw notFound({ zh: '通知不存在', en: 'No such notification' });
    const readAt = row.read_at ?? new Date().toISOString();
    if (!row.read_at) await db.updateTable('notifications').set({ read_at: readAt }).where('id', '=', row.id).where('read_at', 'is', null).execute();
    return { id: row.id, readAt };
  });

  app.post('/api/notifications/read-all', { config: mine, schema: { tags, summary: "Mark all the caller's notifications read", response: { 200: z.object({ marked: z.number() }) } } }, async (req) => {
    const result = await req.ctx.db.updateTable('notifications').set({ read_at: new Date().toISOString() }).where('user_id', '=', req.actor!.userId).where('read_at', 'is', null).executeTakeFirst();
    return { marked: Number(result.numUpdatedRows) };
  });

  const settingsOf = async (db: Trx, userId: number) => {
    const row = await db.selectFrom('notification_settings').selectAll().where('user_id', '=', userId).executeTakeFirst();
    return { email: row?.email ?? null, emailEnabled: !!row?.email_enabled, mailConfigured: !!config.smtpUrl };
  };
  app.get('/api/notifications/settings', { config: mine, schema: { tags, summary: 'Where the caller gets e-mail copies', response: { 200: s.settingsOut } } }, async (req) => settingsOf(req.ctx.db, req.actor!.userId));
  app.put('/api/notifications/settings', { config: mine, schema: { tags, body: s.settingsIn, response: { 200: s.settingsOut } } }, async (req) => {
    const userId = req.actor!.userId;
    const values = { email: req.body.email, email_enabled: req.body.emailEnabled && req.body.email ? 1 : 0 };
    await req.ctx.db.transaction().execute(async (trx) => {
      const before = await settingsOf(trx, userId);
      await trx.insertInto('notification_settings').values({ user_id: userId, ...values }).onConflict((oc) => oc.column('user_id').doUpdateSet(values)).execute();
      await audit(trx, req.ctx, { action: 'notification_settings', entityType: 'user', entityId: userId, organizationId: req.actor!.organizationId, before: { email: before.email, emailEnabled: before.emailEnabled }, after: { email: values.email, emailEnabled: !!values.email_enabled } });
    });
    return settingsOf(req.ctx.db, userId);
  });
}
