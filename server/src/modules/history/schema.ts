import { z } from 'zod';
import { queryRecordId } from '../../platform/ids.js';

export const importQuery = z.strictObject({
  organizationId: queryRecordId,
  commit: z.enum(['true', 'false']).transform((v) => v === 'true').default(false),
});

export const importOut = z.object({
  committed: z.boolean(),
  total: z.number(),
  errors: z.number(),
  rows: z.array(z.object({
    row: z.number(),
    title: z.string(),
    state: z.enum(['new', 'warning', 'error']),
    errors: z.array(z.object({ column: z.string(), message: z.string(), message_en: z.string() })),
  })),
});
