// Hand-made .xlsx files for tests of the bounded reader: huge sheets, zip bombs and zips whose
// directory lies, written without ever holding the unpacked sheet in memory.
import { once } from 'node:events';
import zlib from 'node:zlib';

export interface Part {
  name: string;
  /** The unpacked bytes, as chunks (so that gigabytes can pass without being held). */
  chunks: Iterable<Buffer>;
  /** Overrides the size the directory declares. */
  declaredSize?: number;
  /** Deflate level: 9 packs blanks a thousand to one, 1 packs rows of text quickly. */
  level?: number;
}

async function deflate(chunks: Iterable<Buffer>, level = 6) {
  const d = zlib.createDeflateRaw({ level });
  const out: Buffer[] = [];
  d.on('data', (c: Buffer) => out.push(c));
  let size = 0;
  let crc = 0;
  for (const c of chunks) {
    size += c.length;
    crc = zlib.crc32(c, crc);
    if (!d.write(c)) await once(d, 'drain');
  }
  d.end();
  await once(d, 'end');
  return { data: Buffer.concat(out), size, crc };
}

/** A zip of deflated parts, with local headers, a central directory and its end record. */
export async function zip(parts: Part[]): Promise<Buffer> {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const { data, size, crc } = await deflate(part.chunks, part.level);
    const name = Buffer.from(part.name);
    const declared = part.declaredSize ?? size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x0800, 8);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt32LE(crc >>> 0, 16);
    dir.writeUInt32LE(data.length, 20);
    dir.writeUInt32LE(declared, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    central.push(dir, name);
    offset += 30 + name.length + data.length;
  }
  const dirSize = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(dirSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...central, end]);
}

const text = (s: string) => [Buffer.from(s)];

/** The parts every workbook has, around one sheet. */
export function workbook(sheet: Omit<Part, 'name'>): Promise<Buffer> {
  return zip([
    { name: '[Content_Types].xml', chunks: text('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>') },
    { name: '_rels/.rels', chunks: text('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>') },
    { name: 'xl/workbook.xml', chunks: text('<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="名单" sheetId="1" r:id="rId1"/></sheets></workbook>') },
    { name: 'xl/_rels/workbook.xml.rels', chunks: text('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>') },
    { name: 'xl/worksheets/sheet1.xml', ...sheet },
  ]);
}

const HEAD = '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const TAIL = '</sheetData></worksheet>';
// Numbers as plain values, text inline; cells without a reference take the next column.
const cell = (v: string | number) => (typeof v === 'number' ? `<c><v>${v}</v></c>` : `<c t="inlineStr"><is><t>${v}</t></is></c>`);

/** A sheet with the given header and `rows` generated rows, produced 10,000 rows at a time. */
export function* manyRows(header: string[], rows: number, row: (n: number) => (string | number)[]): Generator<Buffer> {
  yield Buffer.from(HEAD + `<row r="1">${header.map(cell).join('')}</row>`);
  for (let start = 2; start < rows + 2; start += 10_000) {
    let xml = '';
    for (let n = start; n < Math.min(start + 10_000, rows + 2); n++) xml += `<row r="${n}">${row(n).map(cell).join('')}</row>`;
    yield Buffer.from(xml);
  }
  yield Buffer.from(TAIL);
}

/** A sheet of `bytes` bytes that are nearly all blanks: deflated, a thousandth of its size. */
export function* blanks(bytes: number): Generator<Buffer> {
  yield Buffer.from(HEAD);
  const mib = Buffer.alloc(2 ** 20, 0x20);
  for (let left = bytes - HEAD.length - TAIL.length; left > 0; left -= mib.length) yield left >= mib.length ? mib : mib.subarray(0, left);
  yield Buffer.from(TAIL);
}
