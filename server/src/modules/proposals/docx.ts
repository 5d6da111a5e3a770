// A proposal and a reply letter as .docx in the layout of official documents (GB/T 9704 page,
// 仿宋 body, 小标宋 headings): the proposal with its number, title, proposers, reasons,
// suggestions and units; the reply letter with its class, salutation, text, unit and date.
import { AlignmentType, BorderStyle, Paragraph } from 'docx';
import { officialDocx, textRun } from '../../platform/docx.js';
import { numberOnly } from './numbering.js';

const FONT = { ascii: 'Times New Roman', eastAsia: '仿宋' };
const HEADING = { ascii: 'Times New Roman', eastAsia: '方正小标宋简体' };
const BOLD = { ascii: 'Times New Roman', eastAsia: '黑体' };
const run = (text: string, opts: { size?: number; bold?: boolean; font?: typeof FONT; color?: string } = {}) => textRun(text, { ...opts, font: opts.font ?? FONT });
const body = (text: string) => text.split(/\n+/).filter(Boolean).map((p) => new Paragraph({ indent: { firstLine: 640 }, spacing: { line: 560 }, children: [run(p)] }));
const field = (label: string, value: string) => new Paragraph({ spacing: { line: 560 }, children: [run(`${label}：`, { font: BOLD }), run(value)] });
const zhDate = (date: string) => {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

export { DOCX_MIME } from '../../platform/docx.js';

export interface ProposalDoc {
  organizationName: string;
  sessionLabel: string | null;
  numberLabel: string | null;
  /** The number within its session (37 → 第0037号). */
  number: number | null;
  title: string;
  kind: string;
  proposers: { name: string; sector: string | null }[];
  category: string | null;
  filedOn: string | null;
  reasons: string;
  suggestions: string;
  units: { name: string; role: 'lead' | 'assisting' | 'separate' }[];
}

const ROLE = { lead: '主办', assisting: '协办', separate: '分办' } as const;

export function proposalDocx(p: ProposalDoc): Promise<Buffer> {
  const byRole = (role: keyof typeof ROLE) => p.units.filter((u) => u.role === role).map((u) => u.name).join('、');
  const units = (['lead', 'assisting', 'separate'] as const).filter((r) => byRole(r)).map((r) => `${ROLE[r]}：${byRole(r)}`).join('；');
  const children = [
    new Paragraph({ alignment: AlignmentType.CENTER, children: [run(p.organizationName, { size: 44, font: HEADING, color: 'C00000' })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 200 }, children: [run('提　案', { size: 72, bold: true, font: HEADING, color: 'C00000' })] }),
    new Paragraph({
      spacing: { after: 300 },
      border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: 'C00000', space: 4 } },
      tabStops: [{ type: 'right', position: 9000 }],
      children: [run(p.sessionLabel ?? ''), run(`\t${p.number !== null ? numberOnly(p.number) : '（未编号）'}`)],
    }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 200, after: 300 }, children: [run(p.title, { size: 44, font: HEADING })] }),
    field('提案人', p.proposers.map((x) => x.name).join('、')),
    field('界别', [...new Set(p.proposers.map((x) => x.sector).filter(Boolean))].join('、') || '—'),
    field('提案类型', p.kind),
    field('类别', p.category ?? '—'),
    ...(p.filedOn ? [field('提交日期', zhDate(p.filedOn))] : []),
    field('承办单位', units || '—'),
    new Paragraph({ spacing: { before: 300, line: 560 }, children: [run('案由', { font: BOLD })] }),
    ...body(p.reasons),
    new Paragraph({ spacing: { before: 300, line: 560 }, children: [run('建议', { font: BOLD })] }),
    ...body(p.suggestions),
  ];
  return officialDocx({ title: `${p.numberLabel ?? ''} ${p.title}`.trim(), creator: p.organizationName }, children);
}

export interface ReplyDoc {
  unitName: string;
  organizationName: string;
  numberLabel: string | null;
  title: string;
  class: 'A' | 'B' | 'C';
  classReason: string | null;
  salutation: string;
  letterText: string;
  repliedOn: string;
}

const CLASS = { A: '解决采纳', B: '正在解决或列入计划', C: '留作参考' } as const;

export function replyDocx(r: ReplyDoc): Promise<Buffer> {
  const about = r.numberLabel ? `关于政协${r.organizationName.replace(/政协$/, '')}${r.numberLabel}提案的答复` : `关于《${r.title}》提案的答复`;
  const children = [
    new Paragraph({ children: [run(`${r.class}类（${CLASS[r.class]}）`, { font: BOLD })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 300 }, children: [run(r.unitName, { size: 44, font: HEADING })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 300 }, children: [run(about, { size: 36, font: HEADING })] }),
    new Paragraph({ spacing: { line: 560 }, children: [run(`${r.salutation}：`)] }),
    new Paragraph({ indent: { firstLine: 640 }, spacing: { line: 560 }, children: [run(`您提出的《${r.title}》提案收悉，现答复如下：`)] }),
    ...body(r.letterText),
    ...(r.class === 'C' && r.classReason ? body(`留作参考的理由：${r.classReason}`) : []),
    new Paragraph({ indent: { firstLine: 640 }, spacing: { line: 560 }, children: [run('感谢您对我们工作的关心和支持。')] }),
    new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { before: 600 }, children: [run(r.unitName)] }),
    new Paragraph({ alignment: AlignmentType.RIGHT, children: [run(zhDate(r.repliedOn))] }),
  ];
  return officialDocx({ title: about, creator: r.unitName }, children);
}
