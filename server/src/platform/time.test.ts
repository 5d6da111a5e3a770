// Years, months and dates as counted in China, whatever the server's own time zone.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { addDays, addMonths, chinaDate, chinaMinute, chinaMonth, chinaYear, monthRanges, yearRange } from './time.js';

describe('time in China', () => {
  it("puts 07:00 on New Year's Day in Jiaxing (23:00 UTC the day before) in the new year", () => {
    const at = '2025-12-31T23:00:00.000Z';
    assert.equal(chinaYear(at), 2026);
    assert.equal(chinaMonth(at), 0);
    assert.equal(chinaDate(at), '2026-01-01');
    assert.equal(chinaYear('2025-12-31T15:59:59.999Z'), 2025);
  });

  it('gives a year and its twelve months as [from, to) in UTC, each month ending where the next begins', () => {
    assert.deepEqual(yearRange(2026), { from: '2025-12-31T16:00:00.000Z', to: '2026-12-31T16:00:00.000Z' });
    const months = monthRanges(2024);
    assert.equal(months.length, 12);
    assert.equal(months[0]!.from, yearRange(2024).from);
    assert.equal(months[11]!.to, yearRange(2024).to);
    for (let i = 1; i < 12; i++) assert.equal(months[i]!.from, months[i - 1]!.to);
    assert.equal(months[1]!.to, '2024-02-29T16:00:00.000Z', 'a leap February ends on the 29th');
  });
});

describe('calendar arithmetic', () => {
  it('adds days and months to a date, keeping to the end of a shorter month', () => {
    assert.equal(addDays('2026-02-28', 1), '2026-03-01');
    assert.equal(addDays('2026-01-01', -1), '2025-12-31');
    assert.equal(addMonths('2026-11-30', 3), '2027-02-28');
    assert.equal(addMonths('2027-11-30', 3), '2028-02-29');
    assert.equal(addMonths('2026-01-15', 12), '2027-01-15');
    assert.equal(chinaMinute('2025-12-31T16:30:00.000Z'), '2026-01-01T00:30');
  });
});

// What the lint rule in eslint.config.js cannot see: a time zone left out of a formatter, and
// dayjs on the server (it reads the machine's zone). Each is a calendar date that is not China's.
describe("calendar dates are China's everywhere", () => {
  const root = path.resolve(import.meta.dirname, '../../..');
  const files = (dir: string): string[] =>
    fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
      const rel = path.join(dir, e.name);
      if (e.isDirectory()) return files(rel);
      return /\.tsx?$/.test(e.name) ? [rel] : [];
    });
  const sources = ['server/src', 'web/src', 'tests', 'bench'].flatMap(files).filter((f) => !f.endsWith('time.test.ts')).map((f) => ({ f, text: fs.readFileSync(path.join(root, f), 'utf8') }));

  it('formats dates only with an explicit time zone', () => {
    const bad = sources.flatMap(({ f, text }) =>
      [...text.matchAll(/new Intl\.DateTimeFormat\([^)]*\)|\.toLocale(Date|Time)String\([^)]*\)/g)].filter((m) => !m[0].includes('timeZone')).map((m) => `${f}: ${m[0]}`),
    );
    assert.deepEqual(bad, []);
  });

  it('never uses dayjs on the server, nor dayjs() for today in the browser', () => {
    const bad = sources.filter(({ f, text }) => (f.startsWith('server/') && /from 'dayjs'/.test(text)) || (!f.endsWith('shared/time.ts') && /\bdayjs\(\s*\)/.test(text)));
    assert.deepEqual(bad.map((s) => s.f), []);
  });

  it('finds the files it checks', () => assert.ok(sources.length > 100 && sources.some((s) => s.f.endsWith('shared/time.ts'))));
});
