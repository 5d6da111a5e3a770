import { z } from 'zod';
import { queryRecordId } from '../../platform/ids.js';

export const importQuery = z.strictObject({
  organizationId: queryRecordId,
  commit: z.enum(['true', 'false']).transform((v) => v === 'true').default(false),
});
