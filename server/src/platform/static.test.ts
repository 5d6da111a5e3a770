// The built web app is served precompressed, with hashed files cached for good and index.html
// checked on every load.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { testServer, type TestServer } from '../test/harness.js';

const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-dist-'));
const script = 'console.log("商量");'.repeat(200);
let t: TestServer;
before(async () => {
  fs.mkdirSync(path.join(dist, 'assets'));
  const files: [string, string][] = [['index.html', '<!doctype html><title>商量</title>'], ['assets/app-AbC123.js', script]];
  for (const [name, text] of files) {
    const full = path.join(dist, name);
    fs.writeFileSync(full, text);
    fs.writeFileSync(`${full}.br`, zlib.brotliCompressSync(text));
    fs.writeFileSync(`${full}.gz`, zlib.gzipSync(text));
  }
  t = await testServer({ webDist: dist });
});
after(async () => {
  await t.close();
  fs.rmSync(dist, { recursive: true, force: true });
});

describe('web assets', () => {
  it('sends a hashed asset as brotli or gzip as the client accepts, cached as immutable', async () => {
    const anon = t.anonymous();
    const br = await anon.request('GET', '/assets/app-AbC123.js', undefined, { 'accept-encoding': 'gzip, br' });
    assert.equal(br.statusCode, 200);
    assert.equal(br.headers['content-encoding'], 'br');
    assert.equal(br.headers['cache-control'], 'public, max-age=31536000, immutable');
    const gz = await anon.request('GET', '/assets/app-AbC123.js', undefined, { 'accept-encoding': 'gzip' });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.equal(gz.headers['cache-control'], 'public, max-age=31536000, immutable');
    const plain = await anon.request('GET', '/assets/app-AbC123.js', undefined, { 'accept-encoding': 'identity' });
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.equal(plain.body, script);
  });

  it('sends index.html to be revalidated on every load, never as immutable', async () => {
    for (const url of ['/', '/q/ABCDEF']) {
      const res = await t.anonymous().request('GET', url, undefined, { 'accept-encoding': 'br' });
      assert.equal(res.statusCode, 200, url);
      assert.equal(res.headers['cache-control'], 'no-cache', url);
    }
  });
});
