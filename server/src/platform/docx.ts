// The one way the modules write .docx: text runs and the official-document page (GB/T 9704: A4
// with margins of 37/35/28/26 mm). Every text passes through `xmlSafe`, so a stored value with a
// control character or U+FFFE still gives a document Word opens; lint refuses TextRun, Document
// and Packer imported from 'docx' anywhere else.
import { Document, Packer, TextRun, type Paragraph, type Table } from 'docx';
import { xmlSafe } from './text.js';

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export interface Font {
  ascii: string;
  eastAsia: string;
}

/** A run of text (three-point-five 仿宋 by default, as official documents are set). */
export function textRun(text: string, opts: { size?: number; bold?: boolean; font: Font; color?: string }): TextRun {
  return new TextRun({ text: xmlSafe(text), size: opts.size ?? 32, bold: opts.bold, font: opts.font, color: opts.color });
}

/** A document on the official A4 page, as the bytes of a .docx. */
export function officialDocx(meta: { title: string; creator: string }, children: (Paragraph | Table)[]): Promise<Buffer> {
  const doc = new Document({
    creator: xmlSafe(meta.creator),
    title: xmlSafe(meta.title),
    sections: [{ properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 2098, bottom: 1984, left: 1587, right: 1474 } } }, children }],
  });
  return Packer.toBuffer(doc);
}
