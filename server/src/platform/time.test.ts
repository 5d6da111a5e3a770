// Years, months and dates as counted in China, whatever the server's own time zone.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chinaDate, chinaMonth, chinaYear, monthRanges, yearRange } from './time.js';

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
