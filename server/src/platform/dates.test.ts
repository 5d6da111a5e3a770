// The shared checks of typed dates: today is China's, and a date may not precede its record.
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from './errors.js';
import { notAfterToday, notBefore } from './dates.js';
import { clock } from './time.js';

const real = clock.now;
afterEach(() => {
  clock.now = real;
});

/** The field error a check threw, or null when it let the date pass. */
function refusal(check: () => void) {
  try {
    check();
    return null;
  } catch (e) {
    assert.ok(e instanceof AppError);
    assert.equal(e.status, 400);
    return e.errors![0]!;
  }
}

describe('typed dates', () => {
  it('takes today in China: at 00:30 there (16:30 UTC the day before) that new day is not in the future', () => {
    clock.now = () => new Date('2026-03-01T16:30:00.000Z');
    assert.equal(refusal(() => notAfterToday('body.contactedOn', '2026-03-02')), null);
    const late = refusal(() => notAfterToday('body.contactedOn', '2026-03-03'));
    assert.deepEqual(late, { field: 'body.contactedOn', code: 'future_date', message: '日期不能晚于今天（2026-03-02）', message_en: 'The date cannot be later than today (2026-03-02)' });
  });

  it('says which date of the record a date may not precede, reading stored instants in China', () => {
    const what = { zh: '该信息的编报日期', en: "the report's compilation date" };
    const early = refusal(() => notBefore('body.adoptedOn', '2026-03-01', '2026-03-02', what));
    assert.deepEqual(early, { field: 'body.adoptedOn', code: 'too_early', message: '不能早于该信息的编报日期 2026-03-02', message_en: "Cannot be earlier than the report's compilation date, 2026-03-02" });
    assert.equal(refusal(() => notBefore('body.adoptedOn', '2026-03-02', '2026-03-02', what)), null, 'the same day is allowed');
    // Assigned at 07:00 on 2 March in China (23:00 UTC on 1 March): a contact on 1 March is too early.
    assert.equal(refusal(() => notBefore('body.contactedOn', '2026-03-01', '2026-03-01T23:00:00.000Z', what))?.message, '不能早于该信息的编报日期 2026-03-02');
    assert.equal(refusal(() => notBefore('body.contactedOn', '2026-03-02', '2026-03-01T23:00:00.000Z', what)), null);
    assert.equal(refusal(() => notBefore('body.sentOn', '1999-01-01', null, what)), null, 'no earlier step, nothing to compare with');
  });
});
