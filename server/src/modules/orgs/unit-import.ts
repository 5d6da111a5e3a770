// Handling-unit import: an .xlsx of units (name, contact, phone) creates the units that are new
// and, when asked, one account for each unit that has none. Rows are checked first, as in the
// member import; nothing is written while a row is wrong unless bad rows are skipped.
import type { z } from 'zod';
import { AppError, type Text } from '../../platform/errors.js';
import { audit } from '../../platform/audit.js';
import type { Ctx } from '../../platform/context.js';
import type { Config } from '../../platform/config.js';
import { readSheet } from '../../platform/xlsx.js';
import type { Progress } from '../../platform/import-jobs.js';
import { ORGS_CHANGED } from './list-cache.js';
import type * as s from './schema.js';
import { requireOfficeAt } from './commands.js';
import { credentialsLink } from './import.js';
import { createInitialAccounts, preparePasswords, unitsWithAccounts } from '../accounts/initial.js';

export const UNIT_COLUMNS = ['单位名称', '联系人', '联系电话'] as const;
const EN: Record<(typeof UNIT_COLUMNS)[number], string> = { 单位名称: 'unit name', 联系人: 'contact', 联系电话: 'contact phone' };
const MAX_ROWS = 2_000;

/** The work of a unit import job (platform/import-jobs.ts); requireOfficeAt was checked when it started. */
export async function importUnits(ctx: Ctx, config: Config, q: z.infer<typeof s.unitImportQuery>, data: Buffer, progress: Progress = () => {}, signal?: AbortSignal) {
  requireOfficeAt(ctx, q.organizationId);
  const { db } = ctx;
  const sheet = await readSheet(data, { maxRows: MAX_ROWS, onRow: (rowsRead) => progress({ rowsRead }), signal });
  const missing = UNIT_COLUMNS.filter((c) => !sheet.header.includes(c));
  if (missing.length) throw new AppError('validation_failed', { zh: `表头缺少列：${missing.join('、')}`, en: `The header lacks the columns: ${missing.map((c) => EN[c]).join(', ')}` });
  if (sheet.rows.length === 0) throw new AppError('validation_failed', { zh: '表格中没有承办单位', en: 'The sheet has no handling units' });

  const existing = await db.selectFrom('handling_units').select(['id', 'name']).where('organization_id', '=', q.organizationId).execute();
  const unitId = new Map(existing.map((u) => [u.name, u.id]));
  const withAccount = await unitsWithAccounts(db, existing.map((u) => u.id));
  const seen = new Set<string>();
  const at = Object.fromEntries(UNIT_COLUMNS.map((c) => [c, sheet.header.indexOf(c)])) as Record<(typeof UNIT_COLUMNS)[number], number>;

  const results = sheet.rows.map(({ row, cells }) => {
    const cell = (c: (typeof UNIT_COLUMNS)[number]) => cells[at[c]] ?? '';
    const errors: { column: string; message: string; message_en: string }[] = [];
    const fail = (column: (typeof UNIT_COLUMNS)[number], m: Text) => errors.push({ column, message: m.zh, message_en: `${EN[column]}: ${m.en}` });
    const name = cell('单位名称');
    if (!name) fail('单位名称', { zh: '不能为空', en: 'required' });
    else if (name.length > 60) fail('单位名称', { zh: '不能超过 60 个字符', en: 'at most 60 characters' });
    else if (seen.has(name)) fail('单位名称', { zh: '在表中重复', en: 'repeats in the sheet' });
    seen.add(name);
    const existingId = unitId.get(name) ?? null;
    // An existing unit is only worth a row when it is to get its first account.
    if (existingId && !q.accounts) fail('单位名称', { zh: '该单位已存在', en: 'this unit exists already' });
    if (existingId && q.accounts && withAccount.has(existingId)) fail('单位名称', { zh: '该单位已存在且已有账号', en: 'this unit exists and has an account already' });
    const contactName = cell('联系人') || null;
    if (contactName && contactName.length > 30) fail('联系人', { zh: '不能超过 30 个字符', en: 'at most 30 characters' });
    const contactPhone = cell('联系电话') || null;
    if (contactPhone && !/^[0-9+\-() ]{5,30}$/.test(contactPhone)) fail('联系电话', { zh: '应为电话号码', en: 'must be a phone number' });
    return { row, name, errors, existingId, contactName, contactPhone };
  });

  const good = results.filter((r) => r.errors.length === 0);
  const report = (committed: boolean, made = { unitIds: [] as number[], accountIds: [] as number[], credentials: null as ReturnType<typeof credentialsLink> }) => ({
    committed,
    imported: committed ? good.length : 0,
    ...made,
    total: results.length,
    valid: good.length,
    invalid: results.length - good.length,
    rows: results.map((r) => ({ row: r.row, name: r.name, status: r.errors.length ? ('error' as const) : ('ok' as const), errors: r.errors })),
  });
  progress({ rowsValid: good.length });
  if (!q.commit) return report(false);
  if (good.length < results.length && !q.skipInvalid) throw new AppError('import_invalid', undefined, undefined, report(false));
  const passwords = q.accounts ? await preparePasswords(good.length) : [];
  progress({ writing: true });
  const made = await db.transaction().execute(async (trx) => {
    const unitIds: number[] = [];
    for (const r of good) {
      if (r.existingId) {
        unitIds.push(r.existingId);
        continue;
      }
      const row = { organization_id: q.organizationId, name: r.name, contact_name: r.contactName, contact_phone: r.contactPhone, active: 1, sort: 0 };
      const id = (await trx.insertInto('handling_units').values(row).returning('id').executeTakeFirstOrThrow()).id;
      await audit(trx, ctx, { action: 'create', entityType: 'handling_unit', entityId: id, organizationId: q.organizationId, after: { name: r.name, contactName: r.contactName, contactPhone: r.contactPhone, source: 'import' } });
      unitIds.push(id);
    }
    const people = q.accounts ? good.map((r, k) => ({ displayName: r.name, organizationId: q.organizationId, handlingUnitId: unitIds[k]! })) : [];
    const { accountIds, credentials } = await createInitialAccounts(trx, ctx, config, people, passwords);
    await audit(trx, ctx, { action: 'import', entityType: 'handling_unit', organizationId: q.organizationId, after: { units: unitIds.length, accounts: accountIds.length, skipped: results.length - good.length } });
    return { unitIds, accountIds, credentials: credentialsLink(credentials) };
  });
  await ctx.bus.publish(ORGS_CHANGED, {});
  return report(true, made);
}
