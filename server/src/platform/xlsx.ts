// .xlsx import and export. Reading streams the first sheet of an upload into plain strings with
// bounded memory (sizes checked from the zip's directory first, rows stopped at the caller's
// limit); writing streams rows so that a large export never sits in memory whole.
import { PassThrough, type Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import ExcelJS from 'exceljs';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { AppError } from './errors.js';
import { xmlSafe } from './text.js';
import { bareDate } from './time.js';
import { centralDirectory, entryChunks, entryText, type ZipEntry, type ZipLimits } from './zip.js';

export interface SheetRow {
  /** The row number as the spreadsheet shows it (the header is row 1). */
  row: number;
  cells: string[];
}

/**
 * What an uploaded workbook may unpack to. A sheet of 100,000 rows of a dozen columns is about
 * 60 MiB of XML; real sheets compress 5 to 20 times, a zip bomb a thousand.
 */
/** Columns and characters of one cell a sheet may have (Excel's own cell limit is 32,767). */
const MAX_COLUMNS = 200;
const MAX_CELL_CHARS = 32_767;

export const XLSX_LIMITS: ZipLimits = { maxEntryBytes: 100 * 2 ** 20, maxTotalBytes: 150 * 2 ** 20, maxRatio: 100 };
const DEFAULT_MAX_ROWS = 20_000;

const notXlsx = () => new AppError('unsupported_media_type', { zh: '文件不是有效的 .xlsx 表格', en: 'The file is not a valid .xlsx workbook' });

/** Feeds an entry's XML through a SAX parser, chunk by chunk. */
async function parseXml(data: Buffer, entry: ZipEntry, on: (p: SaxesParser) => void) {
  const parser = new SaxesParser();
  on(parser);
  const decoder = new StringDecoder('utf8');
  try {
    for await (const chunk of entryChunks(data, entry)) parser.write(decoder.write(chunk));
    parser.write(decoder.end()).close();
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw notXlsx();
  }
}

/** The text of every shared string, in order; phonetic runs (rPh) left out as Excel shows them. */
async function sharedStrings(data: Buffer, entry: ZipEntry | undefined): Promise<string[]> {
  const strings: string[] = [];
  if (!entry) return strings;
  let current = '';
  let inText = false;
  let inPhonetic = false;
  await parseXml(data, entry, (p) => {
    p.on('opentag', (tag) => {
      if (tag.name === 'si') current = '';
      else if (tag.name === 'rPh') inPhonetic = true;
      else if (tag.name === 't') inText = !inPhonetic;
    });
    p.on('closetag', (tag) => {
      if (tag.name === 'si') strings.push(current);
      else if (tag.name === 'rPh') inPhonetic = false;
      else if (tag.name === 't') inText = false;
    });
    const add = (t: string) => inText && (current += t);
    p.on('text', add);
    p.on('cdata', add);
  });
  return strings;
}

// Built-in number formats that show dates (Excel's list, with the Chinese ones 27–36 and 50–58).
const DATE_FORMAT_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);
const isDateCode = (code: string) => /[ymdhs]/i.test(code.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '')) && !/^general$/i.test(code);

/** For each cell style index, whether it shows a date: such numbers are read as dates. */
async function dateStyles(data: Buffer, entry: ZipEntry | undefined): Promise<boolean[]> {
  if (!entry) return [];
  const xml = await entryText(data, entry);
  const custom = new Map<number, string>();
  for (const m of xml.matchAll(/<numFmt\b[^>]*>/g)) {
    const id = /numFmtId="(\d+)"/.exec(m[0]);
    const code = /formatCode="([^"]*)"/.exec(m[0]);
    if (id && code) custom.set(Number(id[1]), code[1]!.replace(/&quot;/g, '"').replace(/&amp;/g, '&'));
  }
  const xfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(xml)?.[1] ?? '';
  return [...xfs.matchAll(/<xf\b[^>]*>/g)].map((m) => {
    const id = Number(/numFmtId="(\d+)"/.exec(m[0])?.[1] ?? 0);
    return DATE_FORMAT_IDS.has(id) || (custom.has(id) && isDateCode(custom.get(id)!));
  });
}

/** The path of the workbook's first sheet, from workbook.xml and its relations. */
async function firstSheetPath(data: Buffer, entries: Map<string, ZipEntry>): Promise<string> {
  const book = entries.get('xl/workbook.xml');
  if (!book) throw notXlsx();
  const xml = await entryText(data, book);
  const sheet = /<(?:\w+:)?sheet\b[^>]*>/.exec(xml)?.[0];
  if (!sheet) throw new AppError('validation_failed', { zh: '表格中没有工作表', en: 'The workbook has no sheet' });
  const rid = /\br:id="([^"]+)"/.exec(sheet)?.[1];
  const rels = entries.get('xl/_rels/workbook.xml.rels');
  const relsXml = rels ? await entryText(data, rels) : '';
  const rel = [...relsXml.matchAll(/<Relationship\b[^>]*>/g)].map((m) => m[0]).find((r) => r.includes(`Id="${rid}"`));
  const target = rel && /Target="([^"]+)"/.exec(rel)?.[1];
  if (!target) return 'xl/worksheets/sheet1.xml';
  return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
}

const columnOf = (ref: string) => {
  let n = 0;
  for (const ch of ref) {
    const c = ch.charCodeAt(0);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n;
};

// A serial day number is a calendar date with no time zone: read it as a bare date.
const excelDate = (serial: number) => bareDate(new Date(Math.round((serial - 25569) * 86_400_000)));

function cellText(type: string, raw: string, inline: string, isDate: boolean, strings: string[]): string {
  switch (type) {
    case 's':
      return (strings[Number(raw)] ?? '').trim();
    case 'inlineStr':
      return inline.trim();
    case 'str':
      return raw.trim();
    case 'b':
      return raw === '1' ? 'true' : raw === '0' ? 'false' : '';
    case 'e':
      return '';
    default: {
      if (raw.trim() === '') return '';
      const n = Number(raw);
      if (Number.isNaN(n)) return raw.trim();
      return isDate ? excelDate(n) : String(n);
    }
  }
}

/**
 * The first sheet of an uploaded workbook: its header (row 1) and the rows below that have any
 * text, each cut to the header's width. Refused with 413 when the file unpacks beyond
 * XLSX_LIMITS or has more than `maxRows` rows, before more of it is read.
 */
export async function readSheet(
  data: Buffer,
  opts: { maxRows?: number; onRow?: (rowsRead: number) => void; signal?: AbortSignal } = {},
): Promise<{ header: string[]; rows: SheetRow[] }> {
  const maxRows = opts.maxRows ?? DEFAULT_MAX_ROWS;
  const entries = centralDirectory(data, XLSX_LIMITS);
  const path = await firstSheetPath(data, entries);
  const sheet = entries.get(path);
  if (!sheet) throw notXlsx();
  const strings = await sharedStrings(data, entries.get('xl/sharedStrings.xml'));
  const dates = await dateStyles(data, entries.get('xl/styles.xml'));

  const header: string[] = [];
  const rows: SheetRow[] = [];
  let rowNumber = 0;
  let values: string[] = [];
  let col = 0;
  let type = '';
  let isDate = false;
  let raw = '';
  let inline = '';
  let into: 'v' | 't' | null = null;
  const attr = (tag: SaxesTagPlain, name: string) => tag.attributes[name] as string | undefined;
  await parseXml(data, sheet, (p) => {
    p.on('opentag', (tag) => {
      switch (tag.name) {
        case 'row':
          rowNumber = Number(attr(tag, 'r')) || rowNumber + 1;
          values = [];
          col = 0;
          break;
        case 'c': {
          const ref = attr(tag, 'r');
          col = ref ? columnOf(ref) : col + 1;
          if (col > MAX_COLUMNS)
            throw new AppError('payload_too_large', { zh: `表格列数超过上限：最多 ${MAX_COLUMNS} 列`, en: `The sheet has too many columns: at most ${MAX_COLUMNS}` });
          type = attr(tag, 't') ?? 'n';
          isDate = dates[Number(attr(tag, 's') ?? 0)] === true;
          raw = '';
          inline = '';
          break;
        }
        case 'v':
          into = 'v';
          break;
        case 't':
          into = 't';
          break;
        case 'rPh':
          into = null;
          break;
      }
    });
    const add = (text: string) => {
      if (into === 'v') raw += text;
      else if (into === 't') inline += text;
      if (raw.length + inline.length > MAX_CELL_CHARS)
        throw new AppError('payload_too_large', { zh: `单元格内容超过上限：最多 ${MAX_CELL_CHARS} 个字符`, en: `A cell is too long: at most ${MAX_CELL_CHARS.toLocaleString('en')} characters` });
    };
    p.on('text', add);
    p.on('cdata', add);
    p.on('closetag', (tag) => {
      if (tag.name === 'v' || tag.name === 't') into = null;
      else if (tag.name === 'c' && col > 0) values[col - 1] = cellText(type, raw, inline, isDate, strings);
      else if (tag.name === 'row') {
        if (rowNumber === 1) for (let i = 0; i < values.length; i++) header[i] = values[i] ?? '';
        else if (rowNumber > 1) {
          const cells = header.map((_, i) => values[i] ?? '');
          if (cells.some(Boolean)) rows.push({ row: rowNumber, cells });
          opts.onRow?.(rows.length);
          if (opts.signal?.aborted) throw new Error('the import passed its time limit');
          if (rows.length > maxRows)
            throw new AppError('payload_too_large', {
              zh: `表格行数超过上限：一次最多 ${maxRows} 行`,
              en: `The sheet has too many rows: at most ${maxRows.toLocaleString('en')} per file`,
            });
        }
      }
    });
  });
  return { header, rows };
}

export interface Column {
  header: string;
  width?: number;
}

type Cell = string | number | null;
/** A cell as XML can hold it: text without the characters XML forbids (platform/text.ts). */
const safeCell = (v: Cell): Cell => (typeof v === 'string' ? xmlSafe(v) : v);

/**
 * Streams a one-sheet workbook: rows come from an async iterable (a cursor or pages). Every text
 * goes through `xmlSafe`, so a stored value with a control character or U+FFFE still gives a
 * workbook that opens.
 */
export function writeSheet(sheetName: string, columns: Column[], rows: AsyncIterable<Cell[]>): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const sheet = workbook.addWorksheet(xmlSafe(sheetName));
  sheet.columns = columns.map((c) => ({ header: xmlSafe(c.header), width: c.width ?? 16 }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  void (async () => {
    try {
      for await (const row of rows) sheet.addRow(row.map(safeCell)).commit();
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
