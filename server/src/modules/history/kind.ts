// One kind of past record (proposals, public-opinion reports, meetings, suggestions): its template
// columns, how a row is checked, and how a checked row is written. The import itself (header,
// limits, preview, all-or-nothing commit, audit) is the same for every kind: see import.ts.
import type { Ctx, Trx } from '../../platform/context.js';
import type { Text } from '../../platform/errors.js';
import type { ColumnDef } from './columns.js';
import type { AuditEntityType } from '../../platform/audit.js';

export interface RowCheck<C extends string> {
  /** The cell of a column, trimmed; '' when empty. */
  cell: (column: C) => string;
  /** Records an error of the row, named by its column. */
  fail: (column: C, message: Text) => void;
  /** A date cell (YYYY-MM-DD), checked; null when empty or wrong (and then failed). */
  date: (column: C, required: boolean) => string | null;
  /** The 1-based sheet row, for messages. */
  row: number;
}

export interface HistoryKind<C extends string = string, L = unknown, I = unknown> {
  /** The path segment: /api/history/<name>/import and /api/history/templates/<name>.xlsx. */
  name: string;
  /** The template's sheet name and file name, e.g. 历史提案. */
  sheet: string;
  columns: readonly (ColumnDef & { header: C })[];
  /** Modules whose kept answers a commit makes stale: '<module>.changed' is raised after it. */
  changes: string[];
  /** What the rows are checked against, read once per import. */
  lookups: (db: Trx, organizationId: number) => Promise<L>;
  /** Checks one row; the title is what the preview shows of it. */
  check: (row: RowCheck<C>, look: L) => { title: string; input: I };
  /** Writes one checked row with its original dates, no notification: the audited entity. */
  insert: (trx: Trx, ctx: Ctx, organizationId: number, input: I) => Promise<{ entityType: AuditEntityType; entityId: number }>;
}

/** A date in China, kept as noon of that day in UTC text so that its year and date stay China's. */
export const instant = (date: string) => `${date}T04:00:00.000Z`;
/** A list cell: names separated by 、，, ; or spaces. */
export const list = (v: string) => v.split(/[、，,;；\s]+/).filter(Boolean);
