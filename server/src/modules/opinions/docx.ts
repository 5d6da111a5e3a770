// An issue as a .docx in the bulletin layout: the masthead 《社情民意》, the number, the
// organization and date, then each item's title, text and credited sources.
import { AlignmentType, BorderStyle, Paragraph } from 'docx';
import { officialDocx, textRun } from '../../platform/docx.js';

interface IssueDoc {
  organizationName: string;
  year: number;
  number: number;
  publishedOn: string;
  items: { title: string; text: string; credits: string }[];
}

const FONT = { ascii: 'Times New Roman', eastAsia: '仿宋' };
const run = (text: string, opts: { size?: number; bold?: boolean; font?: typeof FONT; color?: string } = {}) => textRun(text, { ...opts, font: opts.font ?? FONT });

export { DOCX_MIME } from '../../platform/docx.js';

export function issueDocx(issue: IssueDoc): Promise<Buffer> {
  const [y, m, d] = issue.publishedOn.split('-').map(Number);
  const heading = { ascii: 'Times New Roman', eastAsia: '方正小标宋简体' };
  const children = [
    new Paragraph({ alignment: AlignmentType.CENTER, children: [run('社情民意', { size: 72, bold: true, font: heading, color: 'C00000' })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 200 }, children: [run(`${issue.year}年第${issue.number}期`)] }),
    new Paragraph({
      spacing: { after: 400 },
      border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: 'C00000', space: 4 } },
      children: [run(issue.organizationName), run(`\t${y}年${m}月${d}日`)],
      tabStops: [{ type: 'right', position: 9000 }],
    }),
    ...issue.items.flatMap((item) => [
      new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 300, after: 200 }, children: [run(item.title, { size: 36, bold: true, font: heading })] }),
      ...item.text.split(/\n+/).filter(Boolean).map((p) => new Paragraph({ indent: { firstLine: 640 }, spacing: { line: 560 }, children: [run(p)] })),
      new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { after: 300 }, children: [run(`（${item.credits}）`)] }),
    ]),
  ];
  return officialDocx({ title: `《社情民意》${issue.year}年第${issue.number}期`, creator: issue.organizationName }, children);
}
