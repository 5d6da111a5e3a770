// The year's figures as a standing committee's report quotes them: a .docx table in the report's
// order, grouped under Chinese headings, and the same rows as .xlsx.
import { AlignmentType, Paragraph, Table, TableCell, TableRow, WidthType } from 'docx';
import type { Readable } from 'node:stream';
import { officialDocx, textRun } from '../../platform/docx.js';
import type { Text } from '../../platform/errors.js';
import { writeSheet } from '../../platform/xlsx.js';
import { GROUPS } from './service.js';

const FONT = { ascii: 'Times New Roman', eastAsia: '仿宋' };
const HEADING = { ascii: 'Times New Roman', eastAsia: '方正小标宋简体' };
const BOLD = { ascii: 'Times New Roman', eastAsia: '黑体' };

export interface FigureRow {
  code: string;
  group: string;
  name: Text;
  definition: Text;
  value: number;
}

export interface Report {
  organizationName: string;
  scope: 'own' | 'system';
  /** 2026年, or 2026年1月1日至2026年6月30日 */
  periodLabel: string;
  figures: FigureRow[];
}

export const reportTitle = (r: Report) => `${r.organizationName}${r.scope === 'system' ? '（全系统）' : '（本级）'}${r.periodLabel}工作数字`;

const cell = (text: string, opts: { bold?: boolean; width: number; align?: (typeof AlignmentType)[keyof typeof AlignmentType] } = { width: 20 }) =>
  new TableCell({
    width: { size: opts.width, type: WidthType.PERCENTAGE },
    children: [new Paragraph({ alignment: opts.align, children: [textRun(text, { size: 24, font: opts.bold ? BOLD : FONT })] })],
  });

export function figuresDocx(r: Report): Promise<Buffer> {
  const rows = [
    new TableRow({ tableHeader: true, children: ['序号', '项目', '数值', '统计口径'].map((h, i) => cell(h, { bold: true, width: [8, 27, 12, 53][i]!, align: AlignmentType.CENTER })) }),
  ];
  let group = '';
  r.figures.forEach((f, i) => {
    if (f.group !== group) {
      group = f.group;
      rows.push(new TableRow({ children: [new TableCell({ columnSpan: 4, children: [new Paragraph({ children: [textRun(GROUPS[group]?.zh ?? group, { size: 24, font: BOLD })] })] })] }));
    }
    rows.push(new TableRow({ children: [cell(String(i + 1), { width: 8, align: AlignmentType.CENTER }), cell(f.name.zh, { width: 27 }), cell(String(f.value), { width: 12, align: AlignmentType.RIGHT }), cell(f.definition.zh, { width: 53 })] }));
  });
  const title = reportTitle(r);
  return officialDocx({ title, creator: r.organizationName }, [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 300 }, children: [textRun(title, { size: 40, font: HEADING })] }),
    new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows }),
  ]);
}

export function figuresXlsx(r: Report): Readable {
  async function* rows() {
    for (const f of r.figures) yield [GROUPS[f.group]?.zh ?? f.group, f.name.zh, f.value, f.definition.zh, f.code];
  }
  return writeSheet('工作数字', [{ header: '类别', width: 16 }, { header: '项目', width: 28 }, { header: '数值', width: 10 }, { header: '统计口径', width: 80 }, { header: '编号', width: 32 }], rows());
}
