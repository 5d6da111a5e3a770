// .xlsx import and export. Reading parses one uploaded sheet into plain strings; writing streams
// rows so that a large export never sits in memory whole.
import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { AppError } from './errors.js';
import { bareDate } from './time.js';

export interface SheetRow {
  /** The row number as the spreadsheet shows it (the header is row 1). */
  row: number;
  cells: string[];
}

function text(value: ExcelJS.CellValue): string {
  if (value == null) return '';
  if (value instanceof Date) return bareDate(value);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('').trim();
    if ('text' in value) return String(value.text).trim();
    if ('result' in value) return text(value.result as ExcelJS.CellValue);
    return '';
  }
  return String(value).trim();
}

export async function readSheet(data: Buffer): Promise<{ header: string[]; rows: SheetRow[] }> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    throw new AppError('unsupported_media_type', { zh: '文件不是有效的 .xlsx 表格', en: 'The file is not a valid .xlsx workbook' });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new AppError('validation_failed', { zh: '表格中没有工作表', en: 'The workbook has no sheet' });
  const header: string[] = [];
  sheet.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => (header[col - 1] = text(cell.value)));
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    if (number === 1) return;
    const cells = header.map((_, i) => text(row.getCell(i + 1).value));
    if (cells.some(Boolean)) rows.push({ row: number, cells });
  });
  return { header, rows };
}

export interface Column {
  header: string;
  width?: number;
}

/** Streams a one-sheet workbook: rows come from an async iterable (a cursor or pages). */
export function writeSheet(sheetName: string, columns: Column[], rows: AsyncIterable<(string | number | null)[]>): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const sheet = workbook.addWorksheet(sheetName);
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width ?? 16 }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  void (async () => {
    try {
      for await (const row of rows) sheet.addRow(row).commit();
      sheet.commit();
      await workbook.commit();
    } catch (err) {
      out.destroy(err as Error);
    }
  })();
  return out;
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A Content-Disposition value that keeps a Chinese file name intact (RFC 6266 / 5987). */
export function attachment(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
