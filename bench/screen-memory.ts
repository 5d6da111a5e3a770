// The big screen's memory over many screens coming and going: a server (SQLite, or PostgreSQL when
// DATABASE_URL is set) on a fresh database, screens opened in rounds on the public stream, each
// round with a burst of writes while they are open, then closed. After every round the heap is
// measured after a full collection, and the hub's own count of screens and watches is read: both
// must come back to where they started, whatever the number of rounds.
//   node --expose-gc --import tsx bench/screen-memory.ts [rounds=40] [screens=100]
import assert from 'node:assert/strict';
import { chinaYear } from '../server/src/platform/time.js';
import { testServer } from '../server/src/test/harness.js';
import { Stream } from '../server/src/modules/consultations/room-testing.js';

const rounds = Number(process.argv[2] ?? 40);
const perRound = Number(process.argv[3] ?? 100);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

const t = await testServer({ challengeBits: 0 });
const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
const admin = await t.as('admin');
const path = `/api/dashboard/public/live?organizationId=${t.fixture.city}&year=${chinaYear()}`;
const heap = () => {
  gc();
  return process.memoryUsage().heapUsed;
};
const state = async () => (await admin.get('/api/dashboard/live/state')).data as { screens: number; watches: number; counts: number };
const settle = async () => {
  for (let i = 0; i < 200 && (await state()).screens > 0; i++) await new Promise((r) => setTimeout(r, 25));
};

const rows: string[] = [];
let first = 0;
for (let round = 1; round <= rounds; round++) {
  const screens = Array.from({ length: perRound }, () => new Stream(base, t.anonymous(), path));
  await Promise.all(screens.map((s) => s.waitFor((e) => e.event === 'figures', 30_000)));
  // A burst of writes while the screens look (each write announces; the screens share counts).
  await Promise.all(Array.from({ length: 5 }, (_, i) => admin.post('/api/proposals/categories', { organizationId: t.fixture.city, name: `类别${round}-${i}` })));
  for (const s of screens) s.close();
  await settle();
  const s = await state();
  assert.equal(s.screens, 0);
  assert.equal(s.watches, 0);
  const used = heap();
  if (round === 1) first = used;
  if (round === 1 || round % 10 === 0 || round === rounds) rows.push(`| ${round} | ${round * perRound} | ${(used / 1048576).toFixed(1)} MB | ${((used - first) / 1048576).toFixed(1)} MB | ${s.counts} |`);
}
console.log(`| round | screens so far | heap after GC | since round 1 | counts made |\n| --- | --- | --- | --- | --- |\n${rows.join('\n')}`);
await t.close();
