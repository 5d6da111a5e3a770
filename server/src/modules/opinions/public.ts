// The scan-to-consult channel (码上商): a place's QR code, the challenge its page solves, a
// resident's concern stored without an account, and the tracking page. Everything a resident
// sends is checked before anything is written; photos are written to disk first and recorded with
// the report in one transaction, and the photo files are removed again if that transaction fails.
// That transaction holds only what must be durable before the answer (the report, its photos,
// its audit entry, its intake entry), shared with the reports that arrive at the same moment
// (group-commit.ts); search, grouping and points follow in intake.ts.
import crypto from 'node:crypto';
import { audit } from '../../platform/audit.js';
import { issueChallenge, spendChallenge, verifyChallenge } from '../../platform/challenge.js';
import { isUniqueViolation } from '../../platform/db/dialect.js';
import { insertRow } from '../../platform/db/insert.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import { attachFiles, IMAGES, sniff, unsupportedFile, type FileStore, type WrittenFile } from '../../platform/files.js';
import { xmlSafe } from '../../platform/text.js';
import { encrypt } from '../../platform/secrets.js';
import { chinaYear } from '../../platform/time.js';
import { fieldErrors } from '../../platform/validation.js';
import type { Config } from '../../platform/config.js';
import type { Ctx, Trx } from '../../platform/context.js';
import type { EventBus } from '../../platform/events.js';
import { ORGANIZATION_CHANGED, ORGS_CHANGED } from '../orgs/service.js';
import { categories, MAX_TEXT, residentIn } from './schema.js';
import { now } from './commands.js';
import type { GroupCommit } from './group-commit.js';
import { enqueue } from './intake.js';
import type { Keys } from './keys.js';
import { handoffOf } from './handoffs.js';
import { residentLabels, type ResidentProgress } from './workflow.js';
import { autoTitle } from './title.js';

export const MAX_PHOTOS = 3;
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
// New codes leave out 0/O, 1/I and L, U (as Crockford does), so a code read aloud over the phone
// or copied by hand from a slip stays right: 30 characters.
export const ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
// Codes given before used Crockford's base32 with 0 and 1; they keep working on the tracking page.
const OLD_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const TRACKING_LENGTH = 12; // 58.9 bits: guessing one among millions of reports stays hopeless

/** A random code of this alphabet, each character equally likely (bytes above the last full multiple are drawn again). */
export function randomCode(length: number): string {
  const limit = 256 - (256 % ALPHABET.length);
  let out = '';
  while (out.length < length) {
    for (const b of crypto.randomBytes(length)) if (b < limit && out.length < length) out += ALPHABET[b % ALPHABET.length];
  }
  return out;
}

/** A tracking code as a resident types it: upper case, spaces and hyphens dropped. */
export const normalizeTrackingCode = (raw: string) => raw.toUpperCase().replace(/[\s-]/g, '');

/** The place's QR code, created on first use. */
export async function ensureQrCode(ctx: Ctx, trx: Trx, place: { id: number; organization_id: number }): Promise<string> {
  const existing = await trx.selectFrom('opinion_qr_codes').select('code').where('place_id', '=', place.id).executeTakeFirst();
  if (existing) return existing.code;
  const code = randomCode(8).toLowerCase();
  await trx
    .insertInto('opinion_qr_codes')
    .values({ organization_id: place.organization_id, place_id: place.id, code, created_at: now() })
    .onConflict((oc) => oc.column('place_id').doNothing())
    .execute();
  const saved = (await trx.selectFrom('opinion_qr_codes').select('code').where('place_id', '=', place.id).executeTakeFirstOrThrow()).code;
  if (saved === code) await audit(trx, ctx, { action: 'create', entityType: 'opinion_qr_code', entityId: place.id, organizationId: place.organization_id, after: { code } });
  return saved;
}

const unknownCode = () => notFound({ zh: '二维码无效或已停用', en: 'This QR code is unknown or no longer in use' });

/** The active place of a QR code, with its organization's name: one query, on every submission. */
export async function placeOfCode(db: Trx, code: string) {
  if (!/^[0-9a-z]{4,20}$/i.test(code)) throw unknownCode();
  const place = await db
    .selectFrom('opinion_qr_codes as q')
    .innerJoin('places', 'places.id', 'q.place_id')
    .innerJoin('organizations', 'organizations.id', 'places.organization_id')
    .select(['places.id', 'places.name', 'places.kind', 'places.organization_id', 'places.active', 'organizations.name as organization_name'])
    .where('q.code', '=', code.toLowerCase())
    .executeTakeFirst();
  if (!place || place.active !== 1) throw unknownCode();
  return place;
}

export type CodePlace = Awaited<ReturnType<typeof placeOfCode>>;

/**
 * The places of QR codes as every submission looks them up, kept a second: at a thousand reports
 * a second the lookup was a fair part of the server's work, and a place changes seldom. A change
 * of places or organizations (bus events of the orgs module) forgets them at once; one in another
 * process takes effect here within that second.
 */
export class PlacesByCode {
  private readonly kept = new Map<string, { at: number; place: CodePlace }>();

  constructor(private readonly db: Trx, bus: EventBus) {
    for (const topic of [ORGS_CHANGED, ORGANIZATION_CHANGED]) bus.subscribe(topic, () => this.kept.clear());
  }

  async get(code: string): Promise<CodePlace> {
    const key = code.toLowerCase();
    const hit = this.kept.get(key);
    if (hit && Date.now() - hit.at < 1000) return hit.place;
    const place = await placeOfCode(this.db, key);
    if (this.kept.size >= 10_000) this.kept.clear();
    this.kept.set(key, { at: Date.now(), place });
    return place;
  }
}

export async function qrPage(ctx: Ctx, keys: Keys, config: Config, code: string) {
  const place = await placeOfCode(ctx.db, code);
  return {
    place: { id: place.id, name: place.name, kind: place.kind, organizationName: place.organization_name },
    categories: Object.entries(categories).map(([value, t]) => ({ value, ...t })),
    limits: { maxText: MAX_TEXT, maxPhotos: MAX_PHOTOS, maxPhotoBytes: MAX_PHOTO_BYTES },
    challenge: issueChallenge(keys.challenge, config.challengeBits, `q:${code.toLowerCase()}`),
  };
}

export interface Photo {
  /** The form field it came in. */
  field?: string;
  name: string;
  mime: string;
  data: Buffer;
}

/** Checks and stores a resident's report; the caller then sets the intake to work. */
export async function submitResident(ctx: Ctx, deps: { keys: Keys; files: FileStore; config: Config; commits: GroupCommit }, code: string, place: CodePlace, fields: Record<string, string>, photos: Photo[]) {
  const { keys, files, commits } = deps;
  const parsed = residentIn.safeParse(fields);
  if (!parsed.success) throw new AppError('validation_failed', undefined, fieldErrors(parsed.error.issues, 'body'));
  const input = parsed.data;
  if (photos.length > MAX_PHOTOS) throw invalid('body.photos', { zh: `最多上传 ${MAX_PHOTOS} 张照片`, en: `At most ${MAX_PHOTOS} photos` }, 'too_big');
  for (const p of photos) {
    if (p.data.length === 0) throw invalid('body.photos', { zh: '照片文件为空', en: 'A photo is empty' });
    if (p.data.length > MAX_PHOTO_BYTES) throw photoTooLarge();
    const kind = await sniff(p.data);
    if (!kind || !IMAGES.includes(kind.mime)) throw unsupportedFile(`body.${xmlSafe(p.field ?? 'photos')}`, IMAGES);
  }
  // Last of the checks: a solved challenge is spent here, so it is not wasted on a typo above.
  const failure = verifyChallenge(keys.challenge, input.challenge, input.solution, `q:${code.toLowerCase()}`);
  if (failure) throw challengeRefused(failure);

  const trackingCode = randomCode(TRACKING_LENGTH);
  const at = now();
  const text = input.text;
  const report = {
    organization_id: place.organization_id, year: chinaYear(at), source_kind: 'resident' as const, member_id: null, place_id: place.id, user_id: null,
    title: autoTitle(text), text, category: input.category, state: 'new' as const, tracking_code: trackingCode,
    resident_name_enc: input.name ? encrypt(keys.data, input.name) : null,
    resident_phone_enc: input.phone ? encrypt(keys.data, input.phone) : null,
    device_hash: input.deviceId ? crypto.createHmac('sha256', keys.device).update(input.deviceId).digest('hex').slice(0, 32) : null,
    duplicate_of: null, screening_reason: null, screened_at: null, screened_by: null, similar_group: null, submitted_at: at, updated_at: at,
  };
  const written: WrittenFile[] = [];
  let id: number;
  try {
    // Photos go to disk first, so that the shared transaction never waits for a disk sync.
    for (const p of photos)
      written.push(await files.write({ field: p.field, name: p.name, declaredMime: p.mime, data: p.data, organizationId: place.organization_id, ownerId: null }, { maxBytes: MAX_PHOTO_BYTES, allowed: IMAGES }));
    id = await commits.run(async (trx) => {
      await spendChallenge(trx, input.challenge);
      for (const f of written) await files.record(trx, f);
      const opinionId = await insertRow(trx, 'opinions', report, true);
      if (written.length) await trx.insertInto('opinion_files').values(written.map((f) => ({ opinion_id: opinionId, file_id: f.id, kind: 'photo' as const }))).execute();
      await attachFiles(trx, written.map((f) => f.id), { kind: 'opinion', id: opinionId });
      // The audit entry names the place, never the resident.
      await audit(trx, ctx, { action: 'submit', entityType: 'opinion', entityId: opinionId, organizationId: place.organization_id, after: { state: 'new', source: 'resident', placeId: place.id, photos: written.length } });
      await enqueue(trx, opinionId);
      return opinionId;
    });
  } catch (err) {
    await Promise.all(written.map((f) => files.remove(f.id)));
    // Spent through another server process, or before a restart.
    if (isUniqueViolation(err)) throw challengeRefused('reused');
    throw err;
  }
  return { id, trackingCode };
}

const challengeRefused = (failure: string) =>
  invalid('body.solution', failure === 'expired'
    ? { zh: '验证已过期，请刷新页面重试', en: 'The check has expired; reload the page and try again' }
    : { zh: '验证未通过，请刷新页面重试', en: 'The check failed; reload the page and try again' }, `challenge_${failure}`);

export const photoTooLarge = () => new AppError('payload_too_large', { zh: `每张照片不能超过 ${MAX_PHOTO_BYTES / 1048576} MB`, en: `Each photo may be at most ${MAX_PHOTO_BYTES / 1048576} MB` });

/** What a tracking code reveals: the status of that one report and its answer, nothing else. */
export async function track(db: Trx, rawCode: string) {
  const code = normalizeTrackingCode(rawCode);
  const notKnown = notFound({ zh: '查询码不存在，请核对后重试', en: 'No report has this tracking code; check it and try again' });
  if (code.length !== TRACKING_LENGTH || [...code].some((c) => !OLD_ALPHABET.includes(c))) throw notKnown;
  const row = await db.selectFrom('opinions as o').leftJoin('places as p', 'p.id', 'o.place_id')
    .select(['o.id', 'o.state', 'o.submitted_at', 'o.category', 'o.screening_reason', 'o.duplicate_of', 'o.tracking_code', 'p.name as place_name'])
    .where('o.tracking_code', '=', code).executeTakeFirst();
  if (!row) throw notKnown;
  // A duplicate is answered with the earlier report it was merged into.
  const answeredBy = row.state === 'duplicate' && row.duplicate_of ? row.duplicate_of : row.id;
  const answer = await db.selectFrom('opinion_feedback').select(['from_name', 'text', 'received_on']).where('opinion_id', '=', answeredBy).where('final', '=', 1).orderBy('id', 'desc').executeTakeFirst();
  const levels = await db.selectFrom('opinion_adoptions').select('level').distinct().where('opinion_id', '=', answeredBy).execute();
  // A hand-off to a unit is what the resident waits for, once there is one: it speaks for the report.
  const handoff = await handoffOf(db, answeredBy);
  const progress: ResidentProgress = handoff ? (handoff.answeredAt ? 'answered' : 'handed_off') : row.state;
  const words = (t: string) => t.replace('{unit}', handoff?.unitName ?? '').replace('{date}', handoff?.deadline ?? '').replace('{answer}', handoff?.answer ?? '');
  return {
    trackingCode: row.tracking_code!, state: row.state, status: words(residentLabels[progress].zh), status_en: words(residentLabels[progress].en), progress,
    handoff: handoff ? { unitName: handoff.unitName, deadline: handoff.deadline, answer: handoff.answer, answeredOn: handoff.answeredOn } : null,
    submittedAt: row.submitted_at, placeName: row.place_name, category: row.category as never,
    reason: row.state === 'not_used' ? row.screening_reason : null,
    adoptedLevels: levels.map((l) => l.level),
    answer: answer ? { fromName: answer.from_name, text: answer.text, receivedOn: answer.received_on } : null,
  };
}
