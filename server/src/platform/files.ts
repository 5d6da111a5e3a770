// Attachment storage on local disk, with size and type limits. The bytes are checked, not only
// the declared type: a .exe renamed to .png is refused, and so is a WAV named .webp or a plain
// zip named .docx. A file is written under a temporary name beside its final one and takes that
// name only once it is complete and its row is written, so no reader ever sees half a file; on a
// full disk the upload is refused with 507 and nothing is left behind.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type FieldError } from './errors.js';
import { hasRoleAt, type Ctx, type Trx } from './context.js';
import { xmlSafe } from './text.js';
import type { JobDef } from './jobs.js';
import { attachment } from './xlsx.js';
import { centralDirectory, entryText, type ZipLimits } from './zip.js';

export interface FileKind {
  mime: string;
  ext: string;
  /** Whether the bytes are a file of this kind. */
  is(data: Buffer): boolean | Promise<boolean>;
}

const startsWith = (data: Buffer, text: string, at = 0) => data.subarray(at, at + text.length).equals(Buffer.from(text, 'latin1'));
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// What the zip directory of an Office document may declare before its part list is read.
const OOXML_LIMITS: ZipLimits = { maxEntryBytes: 200 * 2 ** 20, maxTotalBytes: 500 * 2 ** 20, maxRatio: 200 };

const attribute = (tag: string, name: string) => new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(tag)?.slice(1).find((v) => v !== undefined);

/**
 * Whether a zip is an Office Open XML package whose main part has this content type: its
 * [Content_Types].xml overrides a part with it, and that part is in the archive.
 */
async function isOoxml(data: Buffer, mainType: string): Promise<boolean> {
  if (!startsWith(data, 'PK\x03\x04')) return false;
  try {
    const entries = centralDirectory(data, OOXML_LIMITS);
    const types = entries.get('[Content_Types].xml');
    if (!types || types.size > 2 ** 20) return false;
    const xml = await entryText(data, types);
    for (const m of xml.matchAll(/<Override\b[^>]*>/g)) {
      const part = attribute(m[0], 'PartName');
      if (part && attribute(m[0], 'ContentType') === mainType && entries.has(decodeURI(part.replace(/^\//, '')))) return true;
    }
    return false;
  } catch {
    return false;
  }
}

const kinds: FileKind[] = [
  { mime: 'image/png', ext: 'png', is: (d) => startsWith(d, '\x89PNG\r\n\x1a\n') },
  { mime: 'image/jpeg', ext: 'jpg', is: (d) => d.length > 3 && d[0] === 0xff && d[1] === 0xd8 && d[2] === 0xff },
  { mime: 'image/gif', ext: 'gif', is: (d) => startsWith(d, 'GIF87a') || startsWith(d, 'GIF89a') },
  // RIFF is also WAV and AVI: WebP names itself at byte 8.
  { mime: 'image/webp', ext: 'webp', is: (d) => startsWith(d, 'RIFF') && startsWith(d, 'WEBP', 8) },
  { mime: 'application/pdf', ext: 'pdf', is: (d) => startsWith(d, '%PDF-') },
  // Office documents are zip archives: the part list says which.
  { mime: DOCX, ext: 'docx', is: (d) => isOoxml(d, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml') },
  { mime: XLSX, ext: 'xlsx', is: (d) => isOoxml(d, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml') },
];

export const IMAGES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];
export const DOCUMENTS = [...IMAGES, 'application/pdf', DOCX, XLSX];
/** A speech as its speaker wrote it: Word or PDF. */
export const SPEECH_FILES = ['application/pdf', DOCX];

/** The kind of file the bytes are, whatever name or type they were sent with; null when none we accept. */
export async function sniff(data: Buffer): Promise<FileKind | null> {
  for (const kind of kinds) if (await kind.is(data)) return kind;
  return null;
}

const TYPE_NAMES: Record<string, string> = { 'image/png': 'PNG', 'image/jpeg': 'JPEG', 'image/gif': 'GIF', 'image/webp': 'WebP', 'application/pdf': 'PDF', [DOCX]: 'Word (.docx)', [XLSX]: 'Excel (.xlsx)' };

/** The 415 for a file whose bytes are none of the allowed kinds, naming its form field. */
export function unsupportedFile(field: string, allowed: string[]): AppError {
  const names = allowed.map((m) => TYPE_NAMES[m] ?? m);
  const error: FieldError = { field, code: 'unsupported_type', message: `文件内容不是所接受的类型：${names.join('、')}`, message_en: `The file's content is none of the accepted types: ${names.join(', ')}` };
  return new AppError('unsupported_media_type', { zh: `不支持此文件类型，只接受 ${names.join('、')}`, en: `This type of file is not accepted; only ${names.join(', ')}` }, [error]);
}

const DISK_FULL = new Set(['ENOSPC', 'EDQUOT']);
/** The 507 for a write that found the disk (or the quota) full; other errors as they are. */
export function storageError(err: unknown): unknown {
  const code = (err as { code?: string } | null)?.code;
  if (code && DISK_FULL.has(code))
    return new AppError('insufficient_storage', { zh: '服务器存储空间已满，文件未保存。请联系管理员清理空间后重试', en: 'The server has run out of storage space and the file was not saved. Ask the administrator to free space, then try again' });
  return err;
}

export interface StoredFile {
  id: string;
  name: string;
  mime: string;
  size: number;
}

export interface WrittenFile extends StoredFile {
  organizationId: number | null;
  ownerId: number | null;
  sha256: string;
}

export interface UploadInput {
  name: string;
  declaredMime: string;
  data: Buffer;
  organizationId: number | null;
  ownerId: number | null;
  /** The form field it came in, named in a refusal (body.<field>); "file" when not said. */
  field?: string;
}

export class FileStore {
  constructor(private readonly root: string) {}

  private pathOf(id: string): string {
    return path.join(this.root, id.slice(0, 2), id);
  }

  /** Where a file is written until it is complete and recorded: beside its final name, on the same disk. */
  private partOf(id: string): string {
    return `${this.pathOf(id)}.part`;
  }

  /** Writes and records a file at once, in its own transaction unless given one. */
  async save(trx: Trx, input: UploadInput, limits: { maxBytes: number; allowed: string[] }): Promise<StoredFile> {
    const file = await this.write(input, limits);
    try {
      if (trx.isTransaction) await this.record(trx, file);
      else await trx.transaction().execute((t) => this.record(t, file));
    } catch (err) {
      await this.remove(file.id);
      throw storageError(err);
    }
    return { id: file.id, name: file.name, mime: file.mime, size: file.size };
  }

  /**
   * Checks the bytes and writes them, synced, under a temporary name, before any transaction:
   * `record` writes the row and gives the file its name. On a full disk: 507, nothing kept.
   */
  async write(input: UploadInput, limits: { maxBytes: number; allowed: string[] }): Promise<WrittenFile> {
    const field = `body.${xmlSafe(input.field ?? 'file')}`;
    if (input.data.length === 0) throw new AppError('validation_failed', { zh: '文件为空', en: 'The file is empty' }, [{ field, code: 'too_small', message: '文件为空', message_en: 'The file is empty' }]);
    if (input.data.length > limits.maxBytes)
      throw new AppError('payload_too_large', {
        zh: `文件不能超过 ${Math.round(limits.maxBytes / 1048576)} MB`,
        en: `Files may be at most ${Math.round(limits.maxBytes / 1048576)} MB`,
      });
    const kind = await sniff(input.data);
    if (!kind || !limits.allowed.includes(kind.mime)) throw unsupportedFile(field, limits.allowed);
    const id = crypto.randomUUID().replace(/-/g, '');
    const part = this.partOf(id);
    try {
      await fs.promises.mkdir(path.dirname(part), { recursive: true });
      const handle = await fs.promises.open(part, 'wx');
      try {
        await handle.writeFile(input.data);
        await handle.sync();
      } finally {
        await handle.close();
      }
    } catch (err) {
      await fs.promises.rm(part, { force: true }).catch(() => {});
      throw storageError(err);
    }
    // A file name is what the uploader's system called it: characters no database can store are
    // dropped from it rather than refusing the file.
    const name = xmlSafe(path.basename(input.name)).slice(0, 200) || `file.${kind.ext}`;
    const sha256 = crypto.createHash('sha256').update(input.data).digest('hex');
    return { id, name, mime: kind.mime, size: input.data.length, organizationId: input.organizationId, ownerId: input.ownerId, sha256 };
  }

  /**
   * The row of a file written with `write`, inside the transaction that uses it; `owner`, the record
   * it belongs to. The file takes its name after the row is written; should the transaction then
   * fail, `remove` takes it away.
   */
  async record(trx: Trx, file: WrittenFile, owner?: OwnerRecord): Promise<void> {
    await trx
      .insertInto('files')
      .values({
        id: file.id, organization_id: file.organizationId, owner_id: file.ownerId, name: file.name, mime: file.mime, size: file.size, sha256: file.sha256, created_at: new Date().toISOString(),
        record_kind: owner?.kind ?? null, record_id: owner?.id ?? null,
      })
      .execute();
    await fs.promises.rename(this.partOf(file.id), this.pathOf(file.id));
  }

  async find(trx: Trx, id: string) {
    if (!/^[0-9a-f]{32}$/.test(id)) return null;
    return (await trx.selectFrom('files').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
  }

  /** Removes a file whose row was never committed (its transaction failed), under either name. */
  async remove(id: string): Promise<void> {
    if (!/^[0-9a-f]{32}$/.test(id)) return;
    await Promise.all([fs.promises.rm(this.pathOf(id), { force: true }), fs.promises.rm(this.partOf(id), { force: true })]);
  }

  /**
   * Removes `.part` files older than `olderThanMs`: what a server stopped in the middle of an upload
   * left behind. A write takes seconds, so an hour-old part belongs to no request. Returns how many.
   */
  async sweepParts(olderThanMs = 3_600_000, now = Date.now()): Promise<number> {
    let removed = 0;
    const shards = await fs.promises.readdir(this.root, { withFileTypes: true }).catch(() => []);
    for (const shard of shards) {
      if (!shard.isDirectory()) continue;
      const dir = path.join(this.root, shard.name);
      for (const name of await fs.promises.readdir(dir).catch(() => [] as string[])) {
        if (!name.endsWith('.part')) continue;
        const full = path.join(dir, name);
        const stat = await fs.promises.stat(full).catch(() => null);
        if (stat && now - stat.mtimeMs > olderThanMs) {
          await fs.promises.rm(full, { force: true });
          removed++;
        }
      }
    }
    return removed;
  }

  open(id: string): fs.ReadStream {
    return fs.createReadStream(this.pathOf(id));
  }
}

/** The hourly job that clears parts left by a server stopped mid-upload. */
export function partSweeper(files: FileStore): JobDef {
  return { name: 'platform.file-parts', everyMs: 3_600_000, run: async () => `${await files.sweepParts()} removed` };
}

/** The record a file belongs to: a kind its module registers a read check for, and the record's id. */
export interface OwnerRecord {
  kind: string;
  id: number;
}

/**
 * Who may read a file of a record of this kind: the module owning the record answers, from the
 * same rule as for the record itself. Modules declare theirs in their manifest (`fileAccess`).
 */
export type FileReadCheck = (ctx: Ctx, recordId: number) => Promise<boolean>;
export type FileAccess = Record<string, FileReadCheck>;

/**
 * Attaches uploaded files to their record, inside the record's transaction. A file already
 * attached to another record is refused: every file has one owner record, whose readers read it.
 * Returns false when one of them cannot be attached.
 */
export async function attachFiles(trx: Trx, ids: string[], owner: OwnerRecord): Promise<boolean> {
  if (ids.length === 0) return true;
  const result = await trx
    .updateTable('files')
    .set({ record_kind: owner.kind, record_id: owner.id })
    .where('id', 'in', ids)
    .where((eb) => eb.or([eb('record_kind', 'is', null), eb.and([eb('record_kind', '=', owner.kind), eb('record_id', '=', owner.id)])]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === new Set(ids).size;
}

/** Files taken off their record (a draft's attachment removed) go back to their uploader alone. */
export async function detachFiles(trx: Trx, owner: OwnerRecord, keep: string[]): Promise<void> {
  let q = trx.updateTable('files').set({ record_kind: null, record_id: null }).where('record_kind', '=', owner.kind).where('record_id', '=', owner.id);
  if (keep.length) q = q.where('id', 'not in', keep);
  await q.execute();
}

/**
 * Whether the caller may read a file. Attached to a record, the check its record's module
 * registered decides; not attached yet, its uploader reads it. Deny by default: a file of a kind
 * no module registered is read by an admin of its organization (or above) only, as is an
 * unattached file by anyone but its uploader.
 */
export async function mayReadFile(ctx: Ctx, access: FileAccess, row: { owner_id: number | null; organization_id: number | null; record_kind: string | null; record_id: number | null }): Promise<boolean> {
  const actor = ctx.actor;
  if (!actor) return false;
  if (row.record_kind === null && row.owner_id !== null && row.owner_id === actor.userId) return true;
  const check = row.record_kind !== null && row.record_id !== null && Object.hasOwn(access, row.record_kind) ? access[row.record_kind] : undefined;
  if (check) return check(ctx, row.record_id!);
  return row.organization_id !== null && hasRoleAt(ctx, actor, ['admin'], row.organization_id);
}

/** The one file of a multipart upload (field "file"), read whole: the limits are checked on the bytes. */
export async function uploadedFile(req: FastifyRequest): Promise<{ name: string; declaredMime: string; data: Buffer; field: string }> {
  if (!req.isMultipart()) throw new AppError('unsupported_media_type', { zh: '请以 multipart/form-data 上传文件', en: 'Upload the file as multipart/form-data' });
  const file = await req.file();
  if (!file) throw new AppError('validation_failed', { zh: '请选择文件', en: 'Choose a file' }, [{ field: 'body.file', code: 'required', message: '请选择文件', message_en: 'Choose a file' }]);
  return { name: file.filename, declaredMime: file.mimetype, data: await file.toBuffer(), field: file.fieldname };
}

/** Sends a stored file as a download under its own name; never rendered as a page of this site. */
export function sendFile(reply: FastifyReply, files: FileStore, row: { id: string; name: string; mime: string }) {
  return reply.type(row.mime).header('content-disposition', attachment(row.name)).header('x-content-type-options', 'nosniff').send(files.open(row.id));
}
