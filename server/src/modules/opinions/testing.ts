// Test data for the opinions tests: members linked to accounts, places, and the QR form.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { solveChallenge } from '../../platform/challenge.js';
import { hostile, type Agent, type TestServer } from '../../test/harness.js';

export async function aMember(t: TestServer, name: string, sector = '经济界', username?: string) {
  const at = new Date().toISOString();
  const { id } = await t.services.db
    .insertInto('members')
    .values({
      organization_id: t.fixture.city, term_id: t.fixture.cityTerm, name, gender: 'female', birth_year: 1970, ethnicity: '汉族',
      political_affiliation: '无党派人士', sector_id: t.fixture.sectors[sector]!, workplace: `嘉兴某单位${hostile}`, title: '', phone: null,
      standing: 0, status: 'active', exited_on: null, exit_reason: null, created_at: at, updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (username) await t.services.db.updateTable('users').set({ member_id: id }).where('username', '=', username).execute();
  return id;
}

export async function aPlace(t: TestServer, name: string, kind: 'hall' | 'contact_point' = 'hall', memberId: number | null = null, organizationId = t.fixture.city) {
  const at = new Date().toISOString();
  return (
    await t.services.db
      .insertInto('places')
      .values({ organization_id: organizationId, kind, name, division_code: '330481', address: null, member_id: memberId, stars: null, active: 1, created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}

export const png = (size = 64) => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), crypto.randomBytes(size)]);

/** A multipart/form-data body with text fields and any number of files. */
export function form(fields: Record<string, string>, files: { name: string; mime: string; data: Buffer; field?: string }[] = []) {
  const boundary = '----sl' + crypto.randomBytes(8).toString('hex');
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const f of files)
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.field ?? 'photos'}"; filename="${f.name}"\r\nContent-Type: ${f.mime}\r\n\r\n`), f.data, Buffer.from('\r\n'));
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export const count = async (t: TestServer, table: 'opinions' | 'files' | 'opinion_files' | 'opinion_issues') =>
  Number((await t.services.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

/**
 * A resident's concern raised through a place's QR code, as the scan page sends it (the challenge
 * solved); the server needs a publicBaseUrl. Returns the report's id and tracking code.
 */
export async function aResidentConcern(t: TestServer, staff: Agent, placeId: number, fields: { name?: string; phone?: string; text?: string } = {}, photos = 1) {
  const poster = await staff.get(`/api/orgs/places/${placeId}/qr-poster.svg`);
  assert.equal(poster.statusCode, 200, poster.body);
  const code = /\/q\/([0-9a-z]+)/.exec(poster.body)![1]!;
  const page = await t.anonymous().get(`/api/q/${code}`);
  const { token, nonce, bits } = page.data.challenge;
  const f = form(
    { text: '小区门口的公交站没有遮雨棚，建议增设候车亭。', category: 'transport', ...fields, challenge: token, solution: solveChallenge(nonce, bits) },
    Array.from({ length: photos }, (_, i) => ({ name: `站台${i + 1}.png`, mime: 'image/png', data: png() })),
  );
  const res = await t.anonymous().request('POST', `/api/q/${code}/opinions`, f.body, f.headers);
  assert.equal(res.statusCode, 201, res.body);
  const row = await t.services.db.selectFrom('opinions').select('id').where('tracking_code', '=', res.data.trackingCode).executeTakeFirstOrThrow();
  return { id: row.id, trackingCode: res.data.trackingCode as string, code };
}
