// Solves the scan page's proof-of-work off the main thread, so the form stays responsive on a
// slow phone. Digests run in parallel batches: one awaited digest at a time would be far slower.
const BATCH = 256;

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

self.onmessage = async (e: MessageEvent<{ nonce: string; bits: number }>) => {
  const { nonce, bits } = e.data;
  const encoder = new TextEncoder();
  for (let start = 0; ; start += BATCH) {
    const hashes = await Promise.all(
      Array.from({ length: BATCH }, (_, i) => crypto.subtle.digest('SHA-256', encoder.encode(nonce + (start + i)))),
    );
    const hit = hashes.findIndex((h) => leadingZeroBits(new Uint8Array(h)) >= bits);
    if (hit >= 0) {
      self.postMessage({ solution: String(start + hit) });
      return;
    }
    self.postMessage({ tried: start + BATCH });
  }
};
