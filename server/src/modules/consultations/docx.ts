// The outcome report (协商成果) as .docx in the layout of official documents (GB/T 9704 page,
// 仿宋 body, 小标宋 title): title, meeting and date, summary, then the numbered suggestions with
// the departments' answers and whether each was adopted.
import { AlignmentType, BorderStyle, Paragraph } from 'docx';
import { officialDocx, textRun } from '../../platform/docx.js';
import { chinaDate } from '../../platform/time.js';

const FONT = { ascii: 'Times New Roman', eastAsia: '仿宋' };
const HEADING = { ascii: 'Times New Roman', eastAsia: '方正小标宋简体' };
const BOLD = { ascii: 'Times New Roman', eastAsia: '黑体' };
const KAI = { ascii: 'Times New Roman', eastAsia: '楷体' };
const run = (text: string, opts: { size?: number; bold?: boolean; font?: typeof FONT; color?: string } = {}) => textRun(text, { ...opts, font: opts.font ?? FONT });
const body = (text: string, font = FONT) => text.split(/\n+/).filter(Boolean).map((p) => new Paragraph({ indent: { firstLine: 640 }, spacing: { line: 560 }, children: [run(p, { font })] }));
const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
export const chineseNumber = (n: number): string => {
  if (n <= 10) return NUMERALS[n - 1]!;
  if (n < 20) return `十${NUMERALS[n - 11]}`;
  const tens = Math.floor(n / 10);
  return `${NUMERALS[tens - 1]}十${n % 10 ? NUMERALS[(n % 10) - 1] : ''}`;
};
export const zhDate = (iso: string) => {
  const [y, m, d] = chinaDate(iso).split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

export { DOCX_MIME } from '../../platform/docx.js';

export interface OutcomeDoc {
  organizationName: string;
  title: string;
  meetingTopic: string;
  meetingType: string;
  meetingDate: string; // ISO
  place: string;
  summary: string;
  suggestions: { title: string; text: string; answers: { unitName: string; answer: string | null }[]; adopted: boolean | null; adoptionNote: string | null }[];
  compiledOn: string; // ISO
}

export function outcomeDocx(o: OutcomeDoc): Promise<Buffer> {
  const children: Paragraph[] = [
    new Paragraph({ alignment: AlignmentType.CENTER, children: [run(o.organizationName, { size: 44, font: HEADING, color: 'C00000' })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 200 }, children: [run('协商成果', { size: 72, bold: true, font: HEADING, color: 'C00000' })] }),
    new Paragraph({ spacing: { after: 300 }, border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: 'C00000', space: 4 } }, children: [] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 200, after: 300 }, children: [run(o.title, { size: 44, font: HEADING })] }),
    new Paragraph({ spacing: { line: 560 }, children: [run('协商活动：', { font: BOLD }), run(`${o.meetingTopic}（${o.meetingType}）`)] }),
    new Paragraph({ spacing: { line: 560 }, children: [run('时间地点：', { font: BOLD }), run(`${zhDate(o.meetingDate)}，${o.place}`)] }),
    new Paragraph({ spacing: { before: 300, line: 560 }, children: [run('一、综述', { font: BOLD })] }),
    ...body(o.summary),
    new Paragraph({ spacing: { before: 300, line: 560 }, children: [run('二、意见建议及办理情况', { font: BOLD })] }),
  ];
  o.suggestions.forEach((sg, i) => {
    children.push(new Paragraph({ spacing: { before: 200, line: 560 }, indent: { firstLine: 640 }, children: [run(`（${chineseNumber(i + 1)}）${sg.title}`, { font: KAI })] }));
    children.push(...body(sg.text));
    for (const a of sg.answers) children.push(...body(`${a.unitName}答复：${a.answer ?? '尚未答复。'}`));
    const adopted = sg.adopted === true ? '已采纳' : sg.adopted === false ? '未采纳' : '办理中';
    children.push(...body(`采纳情况：${adopted}${sg.adoptionNote ? `（${sg.adoptionNote}）` : ''}`));
  });
  children.push(new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { before: 600 }, children: [run(o.organizationName)] }));
  children.push(new Paragraph({ alignment: AlignmentType.RIGHT, children: [run(zhDate(o.compiledOn))] }));
  return officialDocx({ title: o.title, creator: o.organizationName }, children);
}
