// The bounded .xlsx reader against hostile uploads, through the member import route of a server
// running in this process, so that the memory it takes shows in this process's figures.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { multipart, testServer, type Agent, type TestServer } from '../test/harness.js';
import { blanks, manyRows, workbook } from '../test/zip-files.js';
import { readSheet } from './xlsx.js';

let t: TestServer;
let staff: Agent;
before(async () => {
  t = await testServer();
  staff = await t.as('staff');
});
after(() => t.close());

const COLUMNS = ['姓名', '性别', '出生年份', '民族', '政治面貌', '界别', '专门委员会', '工作单位', '职务', '手机号码', '是否常委'];
const memberRow = (n: number) => [n, 1, 1970];

/** Posts a file to the member import and reports the answer and the process's memory growth. */
async function upload(file: Buffer) {
  const { body, headers } = multipart(file);
  const url = `/api/orgs/members/import?organizationId=${t.fixture.city}&termId=${t.fixture.cityTerm}`;
  const base = process.memoryUsage();
  let peakRss = base.rss;
  let peakHeap = base.heapUsed;
  const sample = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 5);
  const started = Date.now();
  // Another request while the file is read: the server keeps answering.
  const [res, me] = await Promise.all([staff.importFile(url, { body, headers }), staff.get('/api/me')]);
  clearInterval(sample);
  const end = process.memoryUsage();
  const mb = (n: number) => Math.round(n / 2 ** 20);
  return { res, me, ms: Date.now() - started, rssMb: mb(Math.max(peakRss, end.rss) - base.rss), heapMb: mb(Math.max(peakHeap, end.heapUsed) - base.heapUsed) };
}

const countMembers = async () => Number((await t.services.db.selectFrom('members').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('bounded .xlsx reading', () => {
  it('stops a sheet of 1,000,000 rows at the row limit with a 413, in bounded memory', async (test) => {
    const file = await workbook({ chunks: manyRows(COLUMNS, 1_000_000, memberRow), level: 1 });
    assert.ok(file.length < 10 * 2 ** 20, `a ${file.length}-byte upload`);
    const before = await countMembers();
    const { res, me, rssMb, heapMb, ms } = await upload(file);
    test.diagnostic(`1,000,000 rows, ${file.length} bytes: ${res.statusCode} in ${ms} ms, +${rssMb} MB RSS, +${heapMb} MB heap`);
    assert.equal(res.statusCode, 413, res.body);
    assert.equal(res.data.code, 'payload_too_large');
    assert.match(res.data.detail, /20000 行/);
    assert.match(res.data.detail_en, /20,000/);
    assert.equal(me.statusCode, 200);
    assert.ok(rssMb < 200 && heapMb < 200, `grew by ${rssMb} MB RSS, ${heapMb} MB heap`);
    assert.ok(ms < 10_000, `${ms} ms`);
    assert.equal(await countMembers(), before);
  });

  it('refuses a zip bomb (a 2 MB file whose sheet unpacks to 2 GiB) from its directory, before inflating', async (test) => {
    const file = await workbook({ chunks: blanks(2 * 2 ** 30), level: 9 });
    assert.ok(file.length < 3 * 2 ** 20, `a ${file.length}-byte upload`);
    const { res, rssMb, heapMb, ms } = await upload(file);
    test.diagnostic(`zip bomb, ${file.length} bytes: ${res.statusCode} in ${ms} ms, +${rssMb} MB RSS, +${heapMb} MB heap`);
    assert.equal(res.statusCode, 413, res.body);
    assert.match(res.data.detail, /上限 100 MiB/);
    assert.match(res.data.detail_en, /the limit is 100 MiB/);
    assert.ok(rssMb < 200 && heapMb < 200, `grew by ${rssMb} MB RSS, ${heapMb} MB heap`);
    assert.ok(ms < 2_000, `${ms} ms`);
  });

  it('refuses a sheet compressed beyond a sane ratio, and a workbook too large as a whole', async () => {
    const ratio = await workbook({ chunks: blanks(50 * 2 ** 20), level: 9 });
    const { res } = await upload(ratio);
    assert.equal(res.statusCode, 413);
    assert.match(res.data.detail, /压缩比异常（上限 100 倍）/);
    // Each entry under the limit, but 4 × 60 MiB declared in all: refused before any is read.
    const { zip } = await import('../test/zip-files.js');
    const random = (n: number) => [Buffer.from(Array.from({ length: n }, () => Math.floor(Math.random() * 256)))];
    const big = await zip([1, 2, 3, 4].map((k) => ({ name: `xl/media/image${k}.png`, chunks: random(2 ** 20), declaredSize: 60 * 2 ** 20 })));
    await assert.rejects(readSheet(big), (err: { code: string; detail: { zh: string } }) => err.code === 'payload_too_large' && /上限 150 MiB/.test(err.detail.zh));
  });

  it('cuts off a sheet that unpacks to more than its directory declares (400), without reading the rest', async (test) => {
    const file = await workbook({ chunks: blanks(500 * 2 ** 20), declaredSize: 64 * 1024, level: 9 });
    const { res, rssMb, heapMb, ms } = await upload(file);
    test.diagnostic(`lying sizes, ${file.length} bytes: ${res.statusCode} in ${ms} ms, +${rssMb} MB RSS, +${heapMb} MB heap`);
    assert.equal(res.statusCode, 400, res.body);
    assert.equal(res.data.code, 'validation_failed');
    assert.match(res.data.detail, /解压后的大小与声明不符/);
    assert.ok(rssMb < 200 && heapMb < 200, `grew by ${rssMb} MB RSS, ${heapMb} MB heap`);
    assert.ok(ms < 2_000, `${ms} ms`);
  });

  it('reads what the office writes: shared and rich text, numbers, dates, formulas, blank rows', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名单');
    ws.addRow(['姓名', '出生年份', '任职日期', '合计', '备注']);
    ws.addRow([{ richText: [{ text: '王' }, { text: '小伟' }] }, 1975, new Date(Date.UTC(2022, 0, 15)), { formula: 'B2+1', result: 1976 }, ' 前后空格 ']);
    ws.getCell('C2').numFmt = 'yyyy"年"m"月"d"日"';
    ws.addRow([]);
    ws.addRow(['沈建华', 1980, null, null, '<b>&amp;</b>']);
    const sheet = await readSheet(Buffer.from(await wb.xlsx.writeBuffer()));
    assert.deepEqual(sheet.header, ['姓名', '出生年份', '任职日期', '合计', '备注']);
    assert.deepEqual(sheet.rows, [
      { row: 2, cells: ['王小伟', '1975', '2022-01-15', '1976', '前后空格'] },
      { row: 4, cells: ['沈建华', '1980', '', '', '<b>&amp;</b>'] },
    ]);
    await assert.rejects(readSheet(Buffer.from(await wb.xlsx.writeBuffer()), { maxRows: 1 }), (err: { code: string; detail: { zh: string } }) => err.code === 'payload_too_large' && /最多 1 行/.test(err.detail.zh));
  });
});
