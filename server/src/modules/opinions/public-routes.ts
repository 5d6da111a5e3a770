// HTTP routes of the scan-to-consult channel: the public QR page data, a resident's submission,
// the tracking page; and, for the office, each place's QR code as PNG, SVG and A4 poster.
import type { FastifyRequest } from 'fastify';
import { AppError, notFound } from '../../platform/errors.js';
import { visibleOrgs } from '../../platform/context.js';
import type { App, ModuleDeps } from '../../platform/manifest.js';
import { attachment } from '../../platform/xlsx.js';
import { requestBaseUrl } from '../../platform/public-url.js';
import { refuseIllegalText, xmlSafe } from '../../platform/text.js';
import * as s from './schema.js';
import { placeById } from '../orgs/service.js';
import { GroupCommit } from './group-commit.js';
import type { Intake } from './intake.js';
import type { Keys } from './keys.js';
import { ensureQrCode, PlacesByCode, MAX_PHOTO_BYTES, MAX_PHOTOS, photoTooLarge, qrPage, submitResident, track, type Photo } from './public.js';
import { qrPng, qrPoster, qrSvg } from './qr.js';

const tags = ['opinions'];
/**
 * What one form field may carry before it is cut off (413 naming it). Well above what any field's
 * schema allows (2,000 characters of text are at most 8 KB of UTF-8), so that a text merely too
 * long reaches validation and is answered with a 400 naming it; only a field too large to be a
 * mistake is cut off unread.
 */
const MAX_FIELD_BYTES = 512 * 1024;

const deviceOf = (req: FastifyRequest) => String(req.headers['x-device-id'] ?? '').trim().slice(0, 100);

/** Reads the whole form into memory (at most three 5 MB photos) so that it is checked before anything is written. */
async function readForm(req: FastifyRequest) {
  if (!req.isMultipart()) throw new AppError('unsupported_media_type', { zh: '请以 multipart/form-data 提交', en: 'Send the form as multipart/form-data' });
  const fields: Record<string, string> = {};
  const photos: Photo[] = [];
  try {
    for await (const part of req.parts({ limits: { files: MAX_PHOTOS, fileSize: MAX_PHOTO_BYTES, fields: 12, fieldSize: MAX_FIELD_BYTES } })) {
      if (part.type === 'file') photos.push({ field: part.fieldname, name: part.filename, mime: part.mimetype, data: await part.toBuffer() });
      else if (part.valueTruncated) throw fieldTooLarge(part.fieldname);
      else fields[part.fieldname] = String(part.value);
    }
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw photoTooLarge();
    if (code === 'FST_FILES_LIMIT') throw new AppError('payload_too_large', { zh: `最多上传 ${MAX_PHOTOS} 张照片`, en: `At most ${MAX_PHOTOS} photos` });
    if (code === 'FST_FIELDS_LIMIT' || code === 'FST_PARTS_LIMIT') throw new AppError('payload_too_large', { zh: '表单字段过多', en: 'Too many form fields' });
    if (err instanceof AppError || (err as { statusCode?: number }).statusCode) throw err;
    // Busboy's own errors (a truncated or malformed body) are the client's, not ours.
    throw new AppError('validation_failed', { zh: '表单格式无效', en: 'The form is malformed' });
  }
  refuseIllegalText(fields, 'body');
  return { fields, photos };
}

const fieldTooLarge = (name: string) => {
  const field = `body.${xmlSafe(name)}`;
  const limit = `${MAX_FIELD_BYTES / 1024} KB`;
  return new AppError('payload_too_large', { zh: `字段 ${field} 过长（上限 ${limit}）`, en: `The field ${field} is too long (the limit is ${limit})` }, [
    { field, code: 'too_big', message: `内容过长，超过 ${limit}`, message_en: `Too long: more than ${limit}` },
  ]);
};

export function publicRoutes(app: App, { config, services, files }: ModuleDeps, keys: Keys, intake: Intake) {
  const commits = new GroupCommit(services.db);
  const places = new PlacesByCode(services.db, services.bus);
  const limits = config.rateLimits;
  const perIp = limits ? { max: limits.publicWrite.max, timeWindow: limits.publicWrite.windowMs } : false;
  // A second limit keyed on the device id the page keeps in local storage: one phone behind a
  // shared address (a hall's Wi-Fi) does not use up everyone's allowance, and one device cannot
  // flood from many addresses.
  const deviceLimit = limits
    ? app.createRateLimit({ max: limits.publicWrite.max, timeWindow: limits.publicWrite.windowMs, keyGenerator: (req) => `device:${deviceOf(req)}` })
    : null;
  const perDevice = async (req: FastifyRequest) => {
    if (!deviceLimit || !deviceOf(req)) return;
    const result = await deviceLimit(req);
    if (!result.isAllowed && result.isExceeded)
      throw new AppError('rate_limited', { zh: '该设备提交过于频繁，请稍后再试', en: 'Too many reports from this device; try again later' });
  };
  const reads = limits ? { max: limits.publicWrite.max * 4, timeWindow: limits.publicWrite.windowMs } : false;

  app.get('/api/q/:code', { config: { access: 'anyone', rateLimit: reads }, schema: { tags, summary: 'A place by its QR code, with the categories and a fresh challenge', params: s.codeParams, response: { 200: s.qrOut } } }, async (req) =>
    qrPage(req.ctx, keys, config, req.params.code),
  );

  app.post(
    '/api/q/:code/opinions',
    {
      config: { access: 'anyone', rateLimit: perIp },
      onRequest: perDevice,
      schema: { tags, summary: "A resident's concern (multipart: text, category, name?, phone?, deviceId?, challenge, solution, up to 3 photos)", params: s.codeParams, response: { 201: s.residentOut } },
    },
    async (req, reply) => {
      // An unknown code is refused before the body is read.
      const place = await places.get(req.params.code);
      const { fields, photos } = await readForm(req);
      const { trackingCode } = await submitResident(req.ctx, { keys, files, config, commits }, req.params.code, place, fields, photos);
      const trackingUrl = `${requestBaseUrl(req, config)}/track/${trackingCode}`;
      intake.kick();
      return reply.code(201).send({ trackingCode, trackingUrl });
    },
  );

  app.get('/api/track/:trackingCode', { config: { access: 'anyone', rateLimit: reads }, schema: { tags, summary: 'Status and answer of one report, by its tracking code', params: s.trackingParams, response: { 200: s.trackOut } } }, async (req) =>
    track(services.db, req.params.trackingCode),
  );

  const office = { access: ['admin', 'staff'] as const };
  async function placeCode(req: FastifyRequest, id: number) {
    const ctx = req.ctx;
    const place = await placeById(ctx.db, id);
    if (!place || !visibleOrgs(ctx, ctx.actor!).includes(place.organization_id)) throw notFound({ zh: '场所不存在', en: 'No such place' });
    const code = await ensureQrCode(ctx, ctx.db, place);
    return { place, code, url: `${requestBaseUrl(req, config)}/q/${code}` };
  }
  app.get('/api/orgs/places/:id/qr.png', { config: office, schema: { tags, summary: "The place's QR code as PNG", params: s.idParams } }, async (req, reply) => {
    const { place, url } = await placeCode(req, req.params.id);
    return reply.type('image/png').header('content-disposition', attachment(`${place.name}.png`)).send(await qrPng(url));
  });
  app.get('/api/orgs/places/:id/qr.svg', { config: office, schema: { tags, summary: "The place's QR code as SVG", params: s.idParams } }, async (req, reply) => {
    const { place, url } = await placeCode(req, req.params.id);
    return reply.type('image/svg+xml').header('content-disposition', attachment(`${place.name}.svg`)).send(await qrSvg(url));
  });
  app.get('/api/orgs/places/:id/qr-poster.svg', { config: office, schema: { tags, summary: 'A printable A4 poster with the QR code and the place name', params: s.idParams } }, async (req, reply) => {
    const { place, url, code } = await placeCode(req, req.params.id);
    return reply
      .type('image/svg+xml')
      .header('content-disposition', attachment(`${place.name}-海报.svg`))
      .send(qrPoster({ url, code, placeName: place.name, organizationName: place.organization_name }));
  });
}
