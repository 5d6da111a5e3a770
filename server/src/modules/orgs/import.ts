// Member import from the .xlsx sheet a CPPCC office keeps. Every row is checked first and the
// answer names each bad row and column; nothing is written when a row is wrong, unless the user
// asks to skip the bad rows.
import type { z } from 'zod';
import { AppError, type Text } from '../../platform/errors.js';
import { audit } from '../../platform/audit.js';
import type { Ctx } from '../../platform/context.js';
import { readSheet } from '../../platform/xlsx.js';
import type { Progress } from '../../platform/import-jobs.js';
import { ORGS_CHANGED } from './list-cache.js';
import type * as s from './schema.js';
import { insertMembers, requireOfficeAt } from './commands.js';
import type { Config } from '../../platform/config.js';
import { createInitialAccounts, preparePasswords } from '../accounts/initial.js';

export const COLUMNS = ['姓名', '性别', '出生年份', '民族', '政治面貌', '界别', '专门委员会', '工作单位', '职务', '手机号码', '是否常委'] as const;
const EN: Record<(typeof COLUMNS)[number], string> = {
  姓名: 'name', 性别: 'gender', 出生年份: 'birth year', 民族: 'ethnicity', 政治面貌: 'political affiliation', 界别: 'sector',
  专门委员会: 'committees', 工作单位: 'workplace', 职务: 'title', 手机号码: 'mobile', 是否常委: 'standing member',
};

/** Rows one import may hold: the reader stops there, so a larger file costs no more. */
const MAX_ROWS = 20_000;

type Made = { memberIds: number[]; accountIds: number[]; credentials: ReturnType<typeof credentialsLink> };

export const credentialsLink = (c: { id: string; expiresAt: string; accounts: number } | null) =>
  c && { url: `/api/accounts/credentials/${c.id}`, expiresAt: c.expiresAt, accounts: c.accounts };

type RowError = { column: string; message: string; message_en: string };
type MemberInput = z.infer<typeof s.memberIn>;

/** What refuses a member import at once, before its job starts. */
export async function checkMemberImport(ctx: Ctx, q: z.infer<typeof s.importQuery>) {
  requireOfficeAt(ctx, q.organizationId);
  const term = await ctx.db.selectFrom('terms').select('id').where('id', '=', q.termId).where('organization_id', '=', q.organizationId).executeTakeFirst();
  if (!term) throw new AppError('validation_failed', { zh: '届次不属于该组织', en: 'This term does not belong to the organization' }, [{ field: 'querystring.termId', code: 'invalid', message: '届次不属于该组织', message_en: 'This term does not belong to the organization' }]);
}

/** The work of a member import job (platform/import-jobs.ts), after checkMemberImport. */
export async function importMembers(ctx: Ctx, config: Config, q: z.infer<typeof s.importQuery>, data: Buffer, progress: Progress = () => {}, signal?: AbortSignal) {
  const { db } = ctx;
  const sheet = await readSheet(data, { maxRows: MAX_ROWS, onRow: (rowsRead) => progress({ rowsRead }), signal });
  const missing = COLUMNS.filter((c) => !sheet.header.includes(c));
  if (missing.length)
    throw new AppError('validation_failed', { zh: `表头缺少列：${missing.join('、')}`, en: `The header lacks the columns: ${missing.map((c) => EN[c]).join(', ')}` });
  if (sheet.rows.length === 0) throw new AppError('validation_failed', { zh: '表格中没有委员数据', en: 'The sheet has no members' });

  const [sectors, committees, phones] = await Promise.all([
    db.selectFrom('sectors').select(['id', 'name']).where('organization_id', '=', q.organizationId).execute(),
    db.selectFrom('committees').select(['id', 'name']).where('organization_id', '=', q.organizationId).execute(),
    db.selectFrom('members').select('phone').where('organization_id', '=', q.organizationId).where('phone', 'is not', null).execute(),
  ]);
  const sectorId = new Map(sectors.map((r) => [r.name, r.id]));
  const committeeId = new Map(committees.map((r) => [r.name, r.id]));
  const takenPhones = new Set(phones.map((p) => p.phone));
  const at = Object.fromEntries(COLUMNS.map((c) => [c, sheet.header.indexOf(c)])) as Record<(typeof COLUMNS)[number], number>;

  const results = sheet.rows.map(({ row, cells }) => {
    const cell = (c: (typeof COLUMNS)[number]) => cells[at[c]] ?? '';
    const errors: RowError[] = [];
    const fail = (column: (typeof COLUMNS)[number], m: Text) => errors.push({ column, message: m.zh, message_en: `${EN[column]}: ${m.en}` });
    const required = (c: (typeof COLUMNS)[number], max: number) => {
      const v = cell(c);
      if (!v) fail(c, { zh: '不能为空', en: 'required' });
      else if (v.length > max) fail(c, { zh: `不能超过 ${max} 个字符`, en: `at most ${max} characters` });
      return v;
    };
    const name = required('姓名', 30);
    const gender = ({ 男: 'male', 女: 'female' } as const)[cell('性别') as '男' | '女'];
    if (!gender) fail('性别', { zh: '应为“男”或“女”', en: 'must be 男 or 女' });
    const birthYear = Number(cell('出生年份'));
    if (!Number.isInteger(birthYear) || birthYear < 1900 || birthYear > 2010) fail('出生年份', { zh: '应为 1900 至 2010 之间的年份', en: 'must be a year between 1900 and 2010' });
    const ethnicity = required('民族', 20);
    const political = required('政治面貌', 30);
    const sector = sectorId.get(cell('界别'));
    if (!sector) fail('界别', { zh: `“${cell('界别')}”不是本组织的界别`, en: `"${cell('界别')}" is not a sector of this organization` });
    const committeeNames = cell('专门委员会').split(/[、，,;；\s]+/).filter(Boolean);
    const unknown = committeeNames.filter((n) => !committeeId.has(n));
    if (unknown.length) fail('专门委员会', { zh: `没有专门委员会：${unknown.join('、')}`, en: `no such committee: ${unknown.join(', ')}` });
    const workplace = required('工作单位', 100);
    const title = cell('职务');
    if (title.length > 50) fail('职务', { zh: '不能超过 50 个字符', en: 'at most 50 characters' });
    const phone = cell('手机号码').replace(/[\s-]/g, '') || null;
    if (phone && !/^1[3-9][0-9]{9}$/.test(phone)) fail('手机号码', { zh: '应为 11 位手机号码', en: 'must be an 11-digit mobile number' });
    else if (phone && takenPhones.has(phone)) fail('手机号码', { zh: '该号码已属于另一位委员（或在表中重复）', en: 'belongs to another member (or repeats in the sheet)' });
    else if (phone) takenPhones.add(phone);
    const standingText = cell('是否常委');
    if (standingText && standingText !== '是' && standingText !== '否') fail('是否常委', { zh: '应为“是”或“否”', en: 'must be 是 or 否' });
    const member: MemberInput = {
      organizationId: q.organizationId,
      termId: q.termId,
      name,
      gender: gender ?? 'male',
      birthYear,
      ethnicity,
      politicalAffiliation: political,
      sectorId: sector ?? 0,
      committeeIds: committeeNames.map((n) => committeeId.get(n)!).filter(Boolean),
      workplace,
      title,
      phone,
      standing: standingText === '是',
    };
    return { row, name, errors, member };
  });

  const good = results.filter((r) => r.errors.length === 0);
  progress({ rowsValid: good.length });
  const report = (committed: boolean, imported: number, made: Made = { memberIds: [], accountIds: [], credentials: null }) => ({
    committed,
    imported,
    ...made,
    total: results.length,
    valid: good.length,
    invalid: results.length - good.length,
    rows: results.map((r) => ({ row: r.row, name: r.name, status: r.errors.length ? ('error' as const) : ('ok' as const), errors: r.errors })),
  });
  if (!q.commit) return report(false, 0);
  if (good.length < results.length && !q.skipInvalid) throw new AppError('import_invalid', undefined, undefined, report(false, 0));
  const passwords = q.accounts ? await preparePasswords(good.length) : [];
  progress({ writing: true });
  const made = await db.transaction().execute(async (trx) => {
    const ids = await insertMembers(trx, q.organizationId, good.map((r) => r.member));
    for (const [k, id] of ids.entries()) {
      const { organizationId: _o, ...after } = good[k]!.member;
      await audit(trx, ctx, { action: 'create', entityType: 'member', entityId: id, organizationId: q.organizationId, after: { ...after, source: 'import' } });
    }
    const people = q.accounts ? ids.map((memberId, k) => ({ displayName: good[k]!.name, organizationId: q.organizationId, memberId })) : [];
    const { accountIds, credentials } = await createInitialAccounts(trx, ctx, config, people, passwords);
    await audit(trx, ctx, { action: 'import', entityType: 'member', organizationId: q.organizationId, after: { imported: ids.length, skipped: results.length - good.length, accounts: accountIds.length } });
    return { memberIds: ids, accountIds, credentials: credentialsLink(credentials) };
  });
  await ctx.bus.publish(ORGS_CHANGED, {});
  return report(true, good.length, made);
}
