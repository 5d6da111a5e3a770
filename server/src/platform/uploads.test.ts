// Uploads: the type is read from the content for every accepted kind, and a full disk is a clear
// 507 that leaves neither a partial file nor a row behind. The full disk is a real one: a 1 MiB
// tmpfs (or, where tmpfs cannot be mounted, a loop-mounted ext4 image) as the server's files dir.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { Document, Packer, Paragraph } from 'docx';
import { multipart, testServer, type Agent, type TestServer } from '../test/harness.js';
import { aPlace, form, png } from '../modules/opinions/testing.js';

let t: TestServer;
let staff: Agent;
before(async () => {
  t = await testServer({ challengeBits: 0 });
  staff = await t.as('staff');
});
after(() => t.close());

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const riff = (form4: string) => {
  const head = Buffer.alloc(12);
  head.write('RIFF', 0, 'latin1');
  head.writeUInt32LE(1000, 4);
  head.write(form4, 8, 'latin1');
  return Buffer.concat([head, crypto.randomBytes(64)]);
};
const webp = () => Buffer.concat([riff('WEBP').subarray(0, 12), Buffer.from('VP8 '), crypto.randomBytes(60)]);
const wav = () => Buffer.concat([riff('WAVE').subarray(0, 12), Buffer.from('fmt '), crypto.randomBytes(60)]);
const docx = () => Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('会议材料')] }] }));
async function xlsx() {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('表').addRow(['姓名']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
async function zip(files: Record<string, string>) {
  const z = new JSZip();
  for (const [name, text] of Object.entries(files)) z.file(name, text);
  return z.generateAsync({ type: 'nodebuffer' });
}
const upload = (data: Buffer, name: string, mime: string) => {
  const m = multipart(data, name, mime);
  return staff.request('POST', '/api/files', m.body, m.headers);
};
const rows = async () => Number((await t.services.db.selectFrom('files').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
/** Every regular file under the files dir (directories left empty do not count). */
const filesOnDisk = (dir = path.join(t.config.dataDir, 'files')): string[] =>
  fs.existsSync(dir) ? (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(dir, f)).isFile()) : [];

describe('the type of an upload is read from its content', () => {
  it('accepts each kind by its own header, whatever it is called', async () => {
    const cases: [Buffer, string, string, string][] = [
      [png(), 'a.png', 'image/png', 'image/png'],
      [Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), crypto.randomBytes(32)]), 'a.jpg', 'image/jpeg', 'image/jpeg'],
      [Buffer.concat([Buffer.from('GIF89a'), crypto.randomBytes(32)]), 'a.gif', 'image/gif', 'image/gif'],
      [webp(), 'a.webp', 'image/webp', 'image/webp'],
      [Buffer.from('%PDF-1.7\n%\xe2\xe3\n1 0 obj'), 'a.pdf', 'application/pdf', 'application/pdf'],
      [await docx(), '材料.docx', DOCX, DOCX],
      [await xlsx(), '名单.xlsx', XLSX, XLSX],
      // A workbook sent as a Word file is stored as what it is.
      [await xlsx(), '名单.docx', DOCX, XLSX],
    ];
    for (const [data, name, mime, stored] of cases) {
      const res = await upload(data, name, mime);
      assert.equal(res.statusCode, 201, `${name}: ${res.body}`);
      assert.equal(res.data.mime, stored, name);
    }
  });

  it('refuses a WAV as WebP, a plain zip as .docx or .xlsx, and a package without its main part, with 415 naming the field', async () => {
    const before = [await rows(), filesOnDisk().length];
    const cases: [Buffer, string, string][] = [
      [wav(), 'voice.webp', 'image/webp'],
      [riff('AVI '), 'clip.webp', 'image/webp'],
      [await zip({ 'a.txt': 'hello' }), '报告.docx', DOCX],
      [await zip({ 'a.txt': 'hello' }), '名单.xlsx', XLSX],
      // The part list names a Word main part that is not in the archive.
      [await zip({ '[Content_Types].xml': `<Types><Override PartName="/word/document.xml" ContentType="${DOCX}.main+xml"/></Types>` }), 'a.docx', DOCX],
      [Buffer.from('PK\x03\x04 not really a zip'), 'a.docx', DOCX],
      [Buffer.from('MZ\x90\x00 a program'), 'a.png', 'image/png'],
    ];
    for (const [data, name, mime] of cases) {
      const res = await upload(data, name, mime);
      assert.equal(res.statusCode, 415, `${name}: ${res.body}`);
      assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
      assert.equal(res.data.code, 'unsupported_media_type');
      assert.equal(res.data.errors?.[0]?.field, 'body.file', res.body);
      assert.ok(res.data.errors[0].message && res.data.errors[0].message_en);
    }
    assert.deepEqual([await rows(), filesOnDisk().length], before);
  });

  it('refuses a WAV photo on the QR form naming its field', async () => {
    const at = new Date().toISOString();
    const placeId = await aPlace(t, '新兴街道议事堂');
    await t.services.db.insertInto('opinion_qr_codes').values({ organization_id: t.fixture.city, place_id: placeId, code: 'uploads1', created_at: at }).execute();
    const f = form({ text: '路灯坏了', category: 'other', challenge: 'x', solution: '1' }, [{ name: 'a.webp', mime: 'image/webp', data: wav(), field: 'photos' }]);
    const res = await t.anonymous().request('POST', '/api/q/uploads1/opinions', f.body, f.headers);
    assert.equal(res.statusCode, 415, res.body);
    assert.equal(res.data.errors?.[0]?.field, 'body.photos');
  });
});

/** Mounts a 1 MiB filesystem at `dir`: tmpfs, else a loop-mounted ext4 image; the reason it could not, else. */
function mountTiny(dir: string): { unmount(): void } | string {
  fs.mkdirSync(dir, { recursive: true });
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir], { stdio: 'pipe' });
    return { unmount: () => execFileSync('umount', [dir]) };
  } catch (tmpfs) {
    const image = `${dir}.img`;
    try {
      execFileSync('truncate', ['-s', '2M', image]);
      execFileSync('mkfs.ext4', ['-q', '-F', image], { stdio: 'pipe' });
      execFileSync('mount', ['-o', 'loop', image, dir], { stdio: 'pipe' });
      return { unmount: () => (execFileSync('umount', [dir]), fs.rmSync(image, { force: true })) };
    } catch (loop) {
      fs.rmSync(image, { force: true });
      return `neither a tmpfs nor a loop device could be mounted here (${String((tmpfs as Error).message).trim()}; ${String((loop as Error).message).trim()})`;
    }
  }
}

describe('a full disk', () => {
  let mounted: { unmount(): void } | string;
  let dir: string;
  before(async () => {
    dir = path.join(t.config.dataDir, 'files');
    if (fs.existsSync(dir)) fs.rmSync(dir, { recursive: true });
    mounted = mountTiny(dir);
  });
  after(() => {
    if (typeof mounted !== 'string') mounted.unmount();
  });

  it('answers an upload with 507 in both languages, and keeps no partial file and no row', async (ctx) => {
    if (typeof mounted === 'string') return ctx.skip(mounted);
    const before = await rows();
    const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), crypto.randomBytes(2 * 1024 * 1024)]);
    const res = await upload(big, '年度报告.pdf', 'application/pdf');
    assert.equal(res.statusCode, 507, res.body);
    assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
    assert.equal(res.data.code, 'insufficient_storage');
    assert.match(res.data.detail, /存储空间已满/);
    assert.match(res.data.detail_en, /out of storage space/);
    assert.deepEqual(filesOnDisk(dir), [], 'no partial file');
    assert.equal(await rows(), before, 'no row');
    // Space enough for a small file: it is stored under its final name, with no temporary left.
    const small = await upload(Buffer.from('%PDF-1.7\nsmall'), '通知.pdf', 'application/pdf');
    assert.equal(small.statusCode, 201, small.body);
    assert.deepEqual(filesOnDisk(dir).map((f) => path.basename(f)), [small.data.id]);
  });

  it('answers a resident whose photo does not fit with 507, and stores no report', async (ctx) => {
    if (typeof mounted === 'string') return ctx.skip(mounted);
    const at = new Date().toISOString();
    const placeId = await aPlace(t, '王店镇协商驿站');
    await t.services.db.insertInto('opinion_qr_codes').values({ organization_id: t.fixture.city, place_id: placeId, code: 'fulldisk1', created_at: at }).execute();
    const page = await t.anonymous().get('/api/q/fulldisk1');
    const before = [Number((await t.services.db.selectFrom('opinions').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n), await rows(), filesOnDisk(dir).length];
    const f = form({ text: '路灯坏了', category: 'other', challenge: page.data.challenge.token, solution: '0' }, [
      { name: 'a.png', mime: 'image/png', data: png(100) },
      { name: 'b.png', mime: 'image/png', data: png(2 * 1024 * 1024) },
    ]);
    const res = await t.anonymous().request('POST', '/api/q/fulldisk1/opinions', f.body, f.headers);
    assert.equal(res.statusCode, 507, res.body);
    assert.equal(res.data.code, 'insufficient_storage');
    const now = [Number((await t.services.db.selectFrom('opinions').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n), await rows(), filesOnDisk(dir).length];
    assert.deepEqual(now, before, 'no report, no row, no file (the first photo is taken away again)');
  });
});
