// Message formatting without a browser: plural forms by the language's rules, and English count
// messages that use them (no "1 members").
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { format } from '../../web/src/i18n/format.js';
import { ROOT } from './harness.js';

describe('message format', () => {
  const votes = '{n, plural, one {# vote} other {# votes}}';
  it('picks the English plural form', () => {
    assert.equal(format(votes, { n: 0 }, 'en'), '0 votes');
    assert.equal(format(votes, { n: 1 }, 'en'), '1 vote');
    assert.equal(format(votes, { n: 2 }, 'en'), '2 votes');
    assert.equal(format(votes, { n: 21 }, 'en'), '21 votes');
  });
  it('takes an exact form before the rule', () => {
    assert.equal(format('{n, plural, =0 {no comments} one {# comment} other {# comments}}', { n: 0 }, 'en'), 'no comments');
  });
  it('keeps other placeholders, inside and outside the forms', () => {
    assert.equal(format('{n, plural, one {# vote} other {# votes}} each, from {from}', { n: 1, from: '9:00' }, 'en'), '1 vote each, from 9:00');
    assert.equal(format('{count, plural, one {its county: {names}} other {its # counties: {names}}}', { count: 2, names: 'A、B' }, 'en'), 'its 2 counties: A、B');
    assert.equal(format('{name} and {missing}', { name: 'x' }, 'en'), 'x and {missing}');
  });
  it('Chinese has one form', () => {
    assert.equal(format('{n, plural, other {#条}}', { n: 1 }, 'zh-CN'), '1条');
    assert.equal(format('共{n}条', { n: 1 }, 'zh-CN'), '共1条');
  });
});

describe('English count messages', () => {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === 'messages.en.json') files.push(full);
    }
  };
  walk(path.join(ROOT, 'web/src'));
  it('say "1 member", "2 members" with plural forms', () => {
    const wrong: string[] = [];
    for (const file of files) {
      const table = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
      for (const [key, text] of Object.entries(table)) {
        // A bare count before a plural noun ("{n} members") reads "1 members" for one.
        if (/\{(n|count|total|valid|invalid|read|errors|months|days|shown|imported)\} (?!of\b|in\b|with\b)(past |handling |public-opinion )?[a-z]+s\b/.test(text)) wrong.push(`${path.relative(ROOT, file)}: ${key}`);
      }
    }
    assert.deepEqual(wrong, []);
  });
  it('every plural form has an "other"', () => {
    const wrong: string[] = [];
    for (const file of files) {
      const table = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
      for (const [key, text] of Object.entries(table)) if (/, plural,/.test(text) && !/other \{/.test(text)) wrong.push(key);
    }
    assert.deepEqual(wrong, []);
  });
});

describe('the values the server sends have labels', async () => {
  const proposals = await import('../../server/src/modules/proposals/schema.js');
  const opinions = await import('../../server/src/modules/opinions/schema.js');
  const consultations = await import('../../server/src/modules/consultations/schema.js');
  const flows = await import('../../server/src/modules/consultations/workflow.js');
  const messages = (module: string, lang: string) =>
    JSON.parse(fs.readFileSync(path.join(ROOT, `web/src/modules/${module}/messages.${lang}.json`), 'utf8')) as Record<string, string>;
  // [web module, message prefix, the values the server may send]
  const sets: [string, string, readonly string[]][] = [
    ['proposals', 'state', proposals.state.options],
    ['proposals', 'kind', proposals.kind.options],
    ['proposals', 'assignment', proposals.assignmentState.options],
    ['proposals', 'role', proposals.assignmentRole.options],
    ['proposals', 'way', proposals.contactWay.options],
    ['opinions', 'state', opinions.state.options],
    ['opinions', 'source', opinions.source.options],
    ['opinions', 'category', opinions.category.options],
    ['consultations', 'type', consultations.meetingType.options],
    ['consultations', 'meetingState', consultations.meetingState.options],
    ['consultations', 'suggestionState', consultations.suggestionState.options],
    ['consultations', 'planState', Object.keys(flows.planFlow.states)],
    ['consultations', 'speechState', Object.keys(flows.speechFlow.states)],
    ['consultations', 'level', consultations.level.options],
  ];
  for (const lang of ['zh-CN', 'en']) {
    it(`in ${lang}`, () => {
      const missing: string[] = [];
      for (const [module, prefix, values] of sets) {
        const table = messages(module, lang);
        for (const v of values) if (!table[`${prefix}.${v}`]?.trim()) missing.push(`${module}: ${prefix}.${v}`);
      }
      assert.deepEqual(missing, []);
    });
  }
});
