// Shapes of the notification routes.
import { z } from 'zod';
import { queryRecordId } from '../../platform/ids.js';
import { pageQuery } from '../../platform/paging.js';

export const listQuery = z.strictObject({ ...pageQuery, unread: z.enum(['0', '1']).optional() });
export const idParams = z.strictObject({ id: queryRecordId });

export const notificationOut = z.object({
  id: z.number(),
  kind: z.string(),
  title: z.string(),
  titleEn: z.string(),
  body: z.string(),
  bodyEn: z.string(),
  link: z.string().nullable(),
  entityType: z.string().nullable(),
  entityId: z.number().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export const listOut = z.object({ items: z.array(notificationOut), nextCursor: z.string().nullable(), total: z.number(), unread: z.number() });

export const settingsIn = z.strictObject({
  email: z.email('电子邮箱格式不正确|Not a valid e-mail address').max(200).nullable(),
  emailEnabled: z.boolean(),
});
export const settingsOut = z.object({ email: z.string().nullable(), emailEnabled: z.boolean(), mailConfigured: z.boolean() });
