// Solves a proof-of-work challenge (the scan page's, the login's) off the main thread, so the form
// stays responsive on a slow phone. SHA-256 from @noble/hashes rather than crypto.subtle: the
// browser offers crypto.subtle only on HTTPS or localhost, and an office network serves plain HTTP.
import { sha256 } from '@noble/hashes/sha2.js';

const REPORT_EVERY = 4096;

function leadingZeroBits(hash: Uint8Array): number {
  let n = 0;
  for (const byte of hash) {
    if (byte === 0) {
      n += 8;
      continue;
    }
    return n + Math.clz32(byte) - 24;
  }
  return n;
}

self.onmessage = (e: MessageEvent<{ nonce: string; bits: number }>) => {
  const { nonce, bits } = e.data;
  const encoder = new TextEncoder();
  for (let i = 0; ; i++) {
    if (leadingZeroBits(sha256(encoder.encode(nonce + i))) >= bits) {
      self.postMessage({ solution: String(i) });
      return;
    }
    if (i % REPORT_EVERY === REPORT_EVERY - 1) self.postMessage({ tried: i + 1 });
  }
};
