/**
 * Finds `solution` such that sha256(nonce + solution) starts with `bits` zero bits, in a Web
 * Worker. `onProgress` gets an estimate from 0 to 1 (the expected work is 2^bits digests).
 */
export function solveChallenge(challenge: { nonce: string; bits: number }, onProgress: (share: number) => void = () => {}): Promise<string> {
  if (challenge.bits <= 0) return Promise.resolve('0');
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./pow.worker.ts', import.meta.url), { type: 'module' });
    const expected = 2 ** challenge.bits;
    worker.onmessage = (e: MessageEvent<{ solution?: string; tried?: number }>) => {
      if (e.data.solution !== undefined) {
        worker.terminate();
        resolve(e.data.solution);
      } else if (e.data.tried) {
        // 1 - e^(-tried/expected) is the chance of having found it by now: a bar that slows but never stalls at 100%.
        onProgress(1 - Math.exp(-e.data.tried / expected));
      }
    };
    worker.onerror = (err) => {
      worker.terminate();
      reject(new Error(err.message || 'challenge worker failed'));
    };
    worker.postMessage({ nonce: challenge.nonce, bits: challenge.bits });
  });
}
