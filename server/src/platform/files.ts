// Attachment storage on local disk, with size and type limits. The bytes are checked, not only
// the declared type: a .exe renamed to .png is refused.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './errors.js';
import { hasRoleAt, type Ctx, type Trx } from './context.js';
import { attachment } from './xlsx.js';

export interface FileKind {
  mime: string;
  ext: string;
  /** Leading bytes that every file of this kind starts with. */
  magic: number[];
}

const kinds: FileKind[] = [
  { mime: 'image/png', ext: 'png', magic: [0x89, 0x50, 0x4e, 0x47] },
  { mime: 'image/jpeg', ext: 'jpg', magic: [0xff, 0xd8, 0xff] },
  { mime: 'image/gif', ext: 'gif', magic: [0x47, 0x49, 0x46, 0x38] },
  { mime: 'image/webp', ext: 'webp', magic: [0x52, 0x49, 0x46, 0x46] },
  { mime: 'application/pdf', ext: 'pdf', magic: [0x25, 0x50, 0x44, 0x46] },
  // Office documents are zip archives.
  { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', ext: 'docx', magic: [0x50, 0x4b, 0x03, 0x04] },
  { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ext: 'xlsx', magic: [0x50, 0x4b, 0x03, 0x04] },
];

export const IMAGES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];
export const DOCUMENTS = [...IMAGES, 'application/pdf', kinds[5]!.mime, kinds[6]!.mime];
/** A speech as its speaker wrote it: Word or PDF. */
export const SPEECH_FILES = ['application/pdf', kinds[5]!.mime];

export function sniff(data: Buffer, declared: string, name: string): FileKind | null {
  const ext = path.extname(name).slice(1).toLowerCase();
  const matches = kinds.filter((k) => k.magic.every((b, i) => data[i] === b));
  // Zip-based kinds share their magic: the declared type or the extension tells them apart.
  return matches.find((k) => k.mime === declared) ?? matches.find((k) => k.ext === ext || (ext === 'jpeg' && k.ext === 'jpg')) ?? matches[0] ?? null;
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

export class FileStore {
  constructor(private readonly root: string) {}

  private pathOf(id: string): string {
    return path.join(this.root, id.slice(0, 2), id);
  }

  async save(
    trx: Trx,
    input: { name: string; declaredMime: string; data: Buffer; organizationId: number | null; ownerId: number | null },
    limits: { maxBytes: number; allowed: string[] },
  ): Promise<StoredFile> {
    const file = await this.write(input, limits);
    await this.record(trx, file);
    return file;
  }

  /** Checks and writes the bytes (synced), before any transaction: the row follows with `record`. */
  async write(
    input: { name: string; declaredMime: string; data: Buffer; organizationId: number | null; ownerId: number | null },
    limits: { maxBytes: number; allowed: string[] },
  ): Promise<WrittenFile> {
    if (input.data.length === 0) throw new AppError('validation_failed', { zh: '文件为空', en: 'The file is empty' });
    if (input.data.length > limits.maxBytes)
      throw new AppError('payload_too_large', {
        zh: `文件不能超过 ${Math.round(limits.maxBytes / 1048576)} MB`,
        en: `Files may be at most ${Math.round(limits.maxBytes / 1048576)} MB`,
      });
    const kind = sniff(input.data, input.declaredMime, input.name);
    if (!kind || !limits.allowed.includes(kind.mime))
      throw new AppError('unsupported_media_type', { zh: '不支持此文件类型', en: 'This type of file is not accepted' });
    const id = crypto.randomUUID().replace(/-/g, '');
    const file = this.pathOf(id);
    await fs.promises.mkdir(path.dirname(file), { recursive: true });
    // Written and synced before the row exists: a row never points at a missing file.
    const handle = await fs.promises.open(file, 'wx');
    try {
      await handle.writeFile(input.data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    const name = path.basename(input.name).slice(0, 200) || `file.${kind.ext}`;
    const sha256 = crypto.createHash('sha256').update(input.data).digest('hex');
    return { id, name, mime: kind.mime, size: input.data.length, organizationId: input.organizationId, ownerId: input.ownerId, sha256 };
  }

  /** The row of a file written with `write`, inside the transaction that uses it; `owner`, the record it belongs to. */
  async record(trx: Trx, file: WrittenFile, owner?: OwnerRecord): Promise<void> {
    await trx
      .insertInto('files')
      .values({
        id: file.id, organization_id: file.organizationId, owner_id: file.ownerId, name: file.name, mime: file.mime, size: file.size, sha256: file.sha256, created_at: new Date().toISOString(),
        record_kind: owner?.kind ?? null, record_id: owner?.id ?? null,
      })
      .execute();
  }

  async find(trx: Trx, id: string) {
    if (!/^[0-9a-f]{32}$/.test(id)) return null;
    return (await trx.selectFrom('files').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
  }

  /** Removes a file whose row was never committed (its transaction failed). */
  async remove(id: string): Promise<void> {
    if (/^[0-9a-f]{32}$/.test(id)) await fs.promises.rm(this.pathOf(id), { force: true });
  }

  open(id: string): fs.ReadStream {
    return fs.createReadStream(this.pathOf(id));
  }
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
export async function uploadedFile(req: FastifyRequest): Promise<{ name: string; declaredMime: string; data: Buffer }> {
  if (!req.isMultipart()) throw new AppError('unsupported_media_type', { zh: '请以 multipart/form-data 上传文件', en: 'Upload the file as multipart/form-data' });
  const file = await req.file();
  if (!file) throw new AppError('validation_failed', { zh: '请选择文件', en: 'Choose a file' });
  return { name: file.filename, declaredMime: file.mimetype, data: await file.toBuffer() };
}

/** Sends a stored file as a download under its own name; never rendered as a page of this site. */
export function sendFile(reply: FastifyReply, files: FileStore, row: { id: string; name: string; mime: string }) {
  return reply.type(row.mime).header('content-disposition', attachment(row.name)).header('x-content-type-options', 'nosniff').send(files.open(row.id));
}
