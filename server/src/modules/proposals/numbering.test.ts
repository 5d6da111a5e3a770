// Proposal numbers as people write them: 第九届第五次会议 第0037号; No. 37, 5th Session of the 9th Term.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chineseNumber, numberLabel, numberLabelEn, numberOnly, ordinal, sessionLabel, sessionLabelEn } from './numbering.js';

describe('proposal numbers', () => {
  it('English ordinals', () => {
    const cases: [number, string][] = [
      [1, '1st'], [2, '2nd'], [3, '3rd'], [4, '4th'], [9, '9th'], [10, '10th'], [11, '11th'], [12, '12th'], [13, '13th'],
      [14, '14th'], [21, '21st'], [22, '22nd'], [23, '23rd'], [101, '101st'], [111, '111th'], [112, '112th'], [113, '113th'],
    ];
    for (const [n, text] of cases) assert.equal(ordinal(n), text);
  });
  it('Chinese numerals of terms and sessions', () => {
    assert.equal(chineseNumber(9), '九');
    assert.equal(chineseNumber(10), '十');
    assert.equal(chineseNumber(12), '十二');
    assert.equal(chineseNumber(21), '二十一');
  });
  it('a number in both languages', () => {
    assert.equal(numberOnly(37), '第0037号');
    assert.equal(sessionLabel(9, 5), '第九届第五次会议');
    assert.equal(numberLabel(9, 5, 37), '第九届第五次会议 第0037号');
    assert.equal(sessionLabelEn(9, 5), '5th Session of the 9th Term');
    assert.equal(numberLabelEn(9, 5, 37), 'No. 37, 5th Session of the 9th Term');
    assert.equal(numberLabelEn(11, 2, 1), 'No. 1, 2nd Session of the 11th Term');
    assert.equal(numberLabelEn(21, 3, 1204), 'No. 1204, 3rd Session of the 21st Term');
  });
});
