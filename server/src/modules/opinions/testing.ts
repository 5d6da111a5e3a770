// Test data for the opinions tests: members linked to accounts, places, and the QR form.
import crypto from 'node:crypto';
import { hostile, type TestServer } from '../../test/harness.js';

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
