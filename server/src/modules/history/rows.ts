// What every kind of import answers: one state per row (new, warning, error) with each error
// named by column in Chinese and English.
import { hasRoleAt, type Ctx } from '../../platform/context.js';
import { forbidden } from '../../platform/errors.js';

export interface RowError {
  column: string;
  message: string;
  message_en: string;
}

export interface RowResult {
  row: number;
  title: string;
  state: 'new' | 'warning' | 'error';
  errors: RowError[];
}

export interface ImportReport {
  committed: boolean;
  total: number;
  errors: number;
  rows: RowResult[];
}

/** Office staff of the organization (or of one above it) bring in its past records. */
export function requireOffice(ctx: Ctx, organizationId: number) {
  if (!hasRoleAt(ctx, ctx.actor!, ['admin', 'staff'], organizationId))
    throw forbidden({ zh: '无权导入该组织的历史数据', en: 'You may not import records of this organization' });
}
