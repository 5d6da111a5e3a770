// Reading an uploaded zip (an .xlsx is one) from its central directory, with every size bounded:
// the declared sizes are checked before anything is inflated, and an entry that inflates beyond
// what it declared is cut off, so a zip bomb or a lying header never costs more than the limits.
import zlib from 'node:zlib';
import { Readable } from 'node:stream';
import { AppError } from './errors.js';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
  flags: number;
}

export interface ZipLimits {
  /** Largest declared (uncompressed) size of one entry. */
  maxEntryBytes: number;
  /** Largest declared size of all entries together. */
  maxTotalBytes: number;
  /** Largest ratio of uncompressed to compressed size, for entries above 1 MiB. */
  maxRatio: number;
}

const notZip = () => new AppError('unsupported_media_type', { zh: '文件不是有效的 .xlsx 表格', en: 'The file is not a valid .xlsx workbook' });
const mib = (n: number) => `${Math.round(n / 2 ** 20)} MiB`;

/** The entries of the central directory, refused with 413 when a declared size passes the limits. */
export function centralDirectory(data: Buffer, limits: ZipLimits): Map<string, ZipEntry> {
  // The end record is in the last 22 bytes plus a comment of at most 65,535.
  let end = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 22 - 65_535); i--)
    if (data.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  if (end < 0) throw notZip();
  const count = data.readUInt16LE(end + 10);
  let at = data.readUInt32LE(end + 16);
  const entries = new Map<string, ZipEntry>();
  let total = 0;
  for (let k = 0; k < count; k++) {
    if (at + 46 > data.length || data.readUInt32LE(at) !== 0x02014b50) throw notZip();
    const nameLength = data.readUInt16LE(at + 28);
    const entry: ZipEntry = {
      flags: data.readUInt16LE(at + 8),
      method: data.readUInt16LE(at + 10),
      compressedSize: data.readUInt32LE(at + 20),
      size: data.readUInt32LE(at + 24),
      localOffset: data.readUInt32LE(at + 42),
      name: data.toString('utf8', at + 46, at + 46 + nameLength),
    };
    at += 46 + nameLength + data.readUInt16LE(at + 30) + data.readUInt16LE(at + 32);
    // 0xFFFFFFFF means a ZIP64 size: 4 GiB or more, beyond any limit here.
    if (entry.size > limits.maxEntryBytes || entry.size === 0xffffffff)
      throw new AppError('payload_too_large', {
        zh: `表格文件中的“${entry.name}”解压后过大（上限 ${mib(limits.maxEntryBytes)}）`,
        en: `"${entry.name}" in the workbook is too large when unpacked (the limit is ${mib(limits.maxEntryBytes)})`,
      });
    if (entry.size > 2 ** 20 && entry.size > entry.compressedSize * limits.maxRatio)
      throw new AppError('payload_too_large', {
        zh: `表格文件中的“${entry.name}”压缩比异常（上限 ${limits.maxRatio} 倍）`,
        en: `"${entry.name}" in the workbook is compressed beyond a sane ratio (the limit is ${limits.maxRatio} to 1)`,
      });
    total += entry.size;
    entries.set(entry.name, entry);
  }
  if (total > limits.maxTotalBytes)
    throw new AppError('payload_too_large', {
      zh: `表格文件解压后过大（上限 ${mib(limits.maxTotalBytes)}）`,
      en: `The workbook is too large when unpacked (the limit is ${mib(limits.maxTotalBytes)})`,
    });
  return entries;
}

const corrupt = (name: string) =>
  new AppError('validation_failed', {
    zh: `表格文件已损坏：“${name}”解压后的大小与声明不符`,
    en: `The workbook is damaged: "${name}" unpacks to another size than it declares`,
  });

/** An entry's bytes as a stream of chunks, stopped with an error once it passes its declared size. */
export async function* entryChunks(data: Buffer, entry: ZipEntry): AsyncGenerator<Buffer> {
  const at = entry.localOffset;
  if (at + 30 > data.length || data.readUInt32LE(at) !== 0x04034b50 || entry.flags & 1) throw notZip();
  const start = at + 30 + data.readUInt16LE(at + 26) + data.readUInt16LE(at + 28);
  const raw = data.subarray(start, start + entry.compressedSize);
  if (raw.length !== entry.compressedSize) throw notZip();
  let source: AsyncIterable<Buffer>;
  if (entry.method === 0) source = [raw] as unknown as AsyncIterable<Buffer>;
  else if (entry.method === 8) source = Readable.from([raw]).pipe(zlib.createInflateRaw({ chunkSize: 64 * 1024 }));
  else throw notZip();
  let seen = 0;
  try {
    for await (const chunk of source) {
      seen += chunk.length;
      if (seen > entry.size) throw corrupt(entry.name);
      yield chunk;
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw notZip();
  } finally {
    if ('destroy' in source) (source as unknown as zlib.InflateRaw).destroy();
  }
  if (seen !== entry.size) throw corrupt(entry.name);
}

/** A small entry (workbook, relations, styles) read whole; its size is already bounded. */
export async function entryText(data: Buffer, entry: ZipEntry): Promise<string> {
  const parts: Buffer[] = [];
  for await (const chunk of entryChunks(data, entry)) parts.push(chunk);
  return Buffer.concat(parts).toString('utf8');
}
