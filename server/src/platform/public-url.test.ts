// The address printed on QR codes: SHANGLIANG_PUBLIC_URL when set, otherwise the address the
// request came by, with X-Forwarded-* believed only behind a trusted proxy.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testServer, type TestServer } from '../test/harness.js';
import { aMeeting, P } from '../modules/consultations/testing.js';

const servers: TestServer[] = [];
after(() => Promise.all(servers.map((s) => s.close())));

async function checkinUrl(t: TestServer, headers: Record<string, string>) {
  const staff = await t.as('staff');
  const id = await aMeeting(staff);
  const res = await staff.request('GET', `${P}/meetings/${id}/checkin-code`, undefined, headers);
  assert.equal(res.statusCode, 200, res.body);
  return res.data.url as string;
}

describe('the public address of QR codes', () => {
  it('is the address the request came by when SHANGLIANG_PUBLIC_URL is not set, so a phone on the office network can open it', async () => {
    const t = await testServer();
    servers.push(t);
    assert.equal(t.config.publicBaseUrl, null);
    const url = await checkinUrl(t, { host: '192.168.1.20:3000' });
    assert.match(url, /^http:\/\/192\.168\.1\.20:3000\/consultations\/checkin\/[\w-]+$/);
  });

  it('ignores X-Forwarded-Host and -Proto unless the proxy is trusted', async () => {
    const t = await testServer();
    servers.push(t);
    const url = await checkinUrl(t, { host: '192.168.1.20:3000', 'x-forwarded-host': 'evil.example.org', 'x-forwarded-proto': 'https' });
    assert.match(url, /^http:\/\/192\.168\.1\.20:3000\//);
  });

  it('follows X-Forwarded-Host and -Proto behind a trusted proxy (SHANGLIANG_TRUST_PROXY=1)', async () => {
    process.env.SHANGLIANG_TRUST_PROXY = '1';
    try {
      const t = await testServer();
      servers.push(t);
      const url = await checkinUrl(t, { host: '127.0.0.1:3000', 'x-forwarded-host': 'zx.example.cn', 'x-forwarded-proto': 'https' });
      assert.match(url, /^https:\/\/zx\.example\.cn\/consultations\/checkin\//);
    } finally {
      delete process.env.SHANGLIANG_TRUST_PROXY;
    }
  });

  it('is SHANGLIANG_PUBLIC_URL, whatever the request says, when it is set', async () => {
    const t = await testServer({ publicBaseUrl: 'https://zx.example.cn' });
    servers.push(t);
    const url = await checkinUrl(t, { host: '192.168.1.20:3000', 'x-forwarded-host': 'evil.example.org' });
    assert.match(url, /^https:\/\/zx\.example\.cn\/consultations\/checkin\//);
  });
});
