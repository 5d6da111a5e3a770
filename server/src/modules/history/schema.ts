import { z } from 'zod';

export const importQuery = z.strictObject({
  organizationId: z.coerce.number().int().positive(),
  commit: z.enum(['true', 'false']).transform((v) => v === 'true').default(false),
});
