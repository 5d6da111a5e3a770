// Every action and kind of record the server can write to the audit log has a label in the audit
// page's message files, in Chinese and in English: the page shows labels, never codes. `audit()`
// accepts only the codes listed in audit-codes.ts, so a new code is listed there and checked here.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { AUDIT_ACTIONS, AUDIT_ENTITY_TYPES } from './audit-codes.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const messages = (lang: string) =>
  JSON.parse(fs.readFileSync(path.join(root, `web/src/modules/accounts/messages.${lang}.json`), 'utf8')) as Record<string, string>;

for (const lang of ['zh-CN', 'en']) {
  describe(`audit labels in ${lang}`, () => {
    const table = messages(lang);
    it('names every action the server writes', () => {
      const missing = AUDIT_ACTIONS.filter((a) => !table[`action.${a}`]?.trim() || table[`action.${a}`] === a);
      assert.deepEqual(missing, [], `actions without a ${lang} label in web/src/modules/accounts/messages.${lang}.json`);
    });
    it('names every kind of record the server writes', () => {
      const missing = AUDIT_ENTITY_TYPES.filter((e) => !table[`entity.${e}`]?.trim() || table[`entity.${e}`] === e);
      assert.deepEqual(missing, [], `record kinds without a ${lang} label in web/src/modules/accounts/messages.${lang}.json`);
    });
  });
}

describe('audit codes', () => {
  it('are each listed once', () => {
    assert.equal(new Set(AUDIT_ACTIONS).size, AUDIT_ACTIONS.length);
    assert.equal(new Set(AUDIT_ENTITY_TYPES).size, AUDIT_ENTITY_TYPES.length);
  });
  it('are the only way into the audit log', () => {
    // audit() takes only listed codes; the few places that insert rows themselves (a batch of
    // live comments, the demo data) type theirs the same way (satisfies AuditAction).
    const direct: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
          const text = fs.readFileSync(full, 'utf8');
          if (text.includes("insertInto('audit_log')") && !text.includes('AuditAction')) direct.push(path.relative(root, full));
        }
      }
    };
    walk(path.join(root, 'server/src'));
    assert.deepEqual(direct, []);
  });
});
