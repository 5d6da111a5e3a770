import assert from 'node:assert/strict';
import { it } from 'node:test';
import { counted } from './plural.js';

it('English counts take their plural form', () => {
  assert.equal(counted(0, 'comment'), '0 comments');
  assert.equal(counted(1, 'comment'), '1 comment');
  assert.equal(counted(2, 'comment'), '2 comments');
  assert.equal(counted(1200, 'proposal'), '1,200 proposals');
  assert.equal(counted(1, 'reply', 'replies'), '1 reply');
  assert.equal(counted(3, 'reply', 'replies'), '3 replies');
});
