// The duty file (履职档案) of a member and year as .docx, for the office's records: who the member
// is, the year's total, points by kind with their caps, every act with its date in China, and who
// entered the offline ones. Built from memberRecord, so the file shows what the member's page shows.
import { AlignmentType, Paragraph, Table, TableCell, TableRow, WidthType } from 'docx';
import type { Ctx } from '../../platform/context.js';
import { visibleOrgs } from '../../platform/context.js';
import type { DutyDeclaration } from '../../platform/duty.js';
import { officialDocx, textRun } from '../../platform/docx.js';
import { notFound } from '../../platform/errors.js';
import { chinaDate } from '../../platform/time.js';
import { requireReader } from './access.js';
import { memberRecord } from './queries.js';

const FONT = { ascii: 'Times New Roman', eastAsia: '仿宋' };
const HEADING = { ascii: 'Times New Roman', eastAsia: '方正小标宋简体' };
const BOLD = { ascii: 'Times New Roman', eastAsia: '黑体' };
const TABLE_SIZE = 24; // 小四 in tables, so that a row of four columns fits the page

const line = (label: string, value: string) => new Paragraph({ spacing: { line: 480 }, children: [textRun(label, { font: BOLD }), textRun(value, { font: FONT })] });
const heading = (text: string) => new Paragraph({ spacing: { before: 300, after: 120, line: 480 }, children: [textRun(text, { font: BOLD })] });
const cell = (text: string, bold = false) => new TableCell({ children: [new Paragraph({ children: [textRun(text, { font: bold ? BOLD : FONT, size: TABLE_SIZE, bold })] })] });
const table = (header: string[], rows: string[][]) =>
  new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [new TableRow({ tableHeader: true, children: header.map((h) => cell(h, true)) }), ...rows.map((r) => new TableRow({ children: r.map((c) => cell(c)) }))] });
/** An entered act has a date; a recorded one a moment, shown as its day in China. */
const day = (at: string) => (at.length === 10 ? at : chinaDate(at));
const fmt = (n: number) => String(Math.round(n * 10) / 10);

/** The file of a member's year: the caller's own, or (asOffice) a member of an organization the caller reads. */
export async function dutyFile(ctx: Ctx, decls: DutyDeclaration[], memberId: number, year: number, asOffice: boolean) {
  if (asOffice) {
    const m = await ctx.db.selectFrom('members').select('organization_id').where('id', '=', memberId).executeTakeFirst();
    // A member of an organization the caller cannot see is not there for them, as elsewhere in the module.
    if (!m || !visibleOrgs(ctx, ctx.actor!).includes(m.organization_id)) throw notFound({ zh: '委员不存在', en: 'No such member' });
    requireReader(ctx, m.organization_id);
  }
  const record = await memberRecord(ctx.db, decls, memberId, year);
  const org = await ctx.db.selectFrom('organizations').select('name').where('id', '=', record.member.organizationId).executeTakeFirstOrThrow();
  const enteredBy = new Map(
    (await ctx.db.selectFrom('duty_events as e').innerJoin('users as u', 'u.id', 'e.entered_by').select(['e.id', 'u.display_name']).where('e.member_id', '=', memberId).where('e.year', '=', year).where('e.origin', '=', 'entered').execute())
      .map((r) => [r.id, r.display_name]),
  );
  const title = `${record.member.name}${year}年度履职档案`;
  const entered = record.events.filter((e) => e.origin === 'entered');
  const children = [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 300 }, children: [textRun('委员履职档案', { size: 44, font: HEADING })] }),
    line('姓名：', record.member.name),
    line('界别：', record.member.sector),
    line('政协组织：', org.name),
    line('年度：', `${year}年`),
    line('年度总积分：', `${fmt(record.total)}分`),
    heading('一、分类积分'),
    record.kinds.length
      ? table(['履职类型', '次数', '积分', '年度上限'], record.kinds.map((k) => [k.label.zh, String(k.count), fmt(k.points), k.rule.cap === null ? '不设上限' : fmt(k.rule.cap)]))
      : new Paragraph({ children: [textRun('本年度尚无履职记录。', { font: FONT })] }),
    heading('二、履职记录'),
    record.events.length
      ? table(['日期', '履职类型', '事项', '积分'], record.events.map((e) => [day(e.occurredAt), e.label.zh, e.source.title ?? e.source.link ?? `${e.source.type} ${e.source.id}`, fmt(e.points)]))
      : new Paragraph({ children: [textRun('本年度尚无履职记录。', { font: FONT })] }),
    heading('三、线下履职录入'),
    entered.length
      ? table(['日期', '履职类型', '事项及理由', '录入人'], entered.map((e) => [day(e.occurredAt), e.label.zh, [e.source.title, e.note].filter(Boolean).join('：'), enteredBy.get(e.id) ?? '']))
      : new Paragraph({ children: [textRun('本年度无线下录入。', { font: FONT })] }),
    new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { before: 600 }, children: [textRun(org.name, { font: FONT })] }),
    new Paragraph({ alignment: AlignmentType.RIGHT, children: [textRun(`${chinaDate()}导出`, { font: FONT })] }),
  ];
  return { name: `${title}.docx`, data: await officialDocx({ title, creator: org.name }, children) };
}
