// SSE clients of the live-room benchmark, in a process of their own (started by
// bench/consultations.ts with an IPC channel): opens `count` plain http.get streams to a room,
// reads every event, and keeps a histogram of how late each comment arrived (its body carries
// the time it was sent), with gaps and repeats in the event numbers of each stream.
import http from 'node:http';

interface Start {
  urls: string[];
  meetingId: number;
  cookies: string[];
  count: number;
}

const MAX_MS = 60_000;
const hist = new Uint32Array(MAX_MS + 1);
let delivered = 0;
let gaps = 0;
let repeats = 0;
let connected = 0;
let failed = 0;
let closed = 0;
const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });

function open(url: string, path: string, cookie: string): Promise<void> {
  return new Promise((resolve) => {
    let rest = '';
    let last = -1;
    let counted = false;
    const req = http.get(url + path, { agent, headers: { cookie, accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) {
        failed++;
        res.resume();
        return resolve();
      }
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        if (!counted) {
          counted = true;
          connected++;
          resolve();
        }
        const text = rest + chunk;
        const end = text.lastIndexOf('\n\n');
        if (end < 0) {
          rest = text;
          return;
        }
        rest = text.slice(end + 2);
        const now = Date.now();
        // Scanned, not split: the clients share the machine with the server they measure.
        for (let at = text.indexOf('id: '); at >= 0 && at < end; at = text.indexOf('id: ', at + 4)) {
          if (at > 0 && text[at - 1] !== '\n') continue;
          const id = Number(text.slice(at + 4, text.indexOf('\n', at)));
          if (last >= 0 && id <= last) repeats++;
          else if (last >= 0 && id !== last + 1) gaps++;
          last = Math.max(last, id);
          const stop = text.indexOf('\n\n', at);
          const mark = text.indexOf('#t=', at);
          if (mark < 0 || mark > stop || text.startsWith('event: comment', text.indexOf('\n', at) + 1) === false) continue;
          const sent = Number(text.slice(mark + 3, text.indexOf('#', mark + 3)));
          delivered++;
          hist[Math.min(MAX_MS, Math.max(0, now - sent))]!++;
        }
      });
      res.on('close', () => closed++);
    });
    req.on('error', () => {
      failed++;
      resolve();
    });
  });
}

process.on('message', (msg: { start?: Start; report?: true; stop?: true }) => {
  if (msg.start) {
    const { urls, meetingId, cookies, count } = msg.start;
    void (async () => {
      // Opened in waves: a crowd arriving over a few seconds rather than in one instant.
      for (let i = 0; i < count; i += 250) {
        const wave = [];
        for (let j = i; j < Math.min(count, i + 250); j++) wave.push(open(urls[j % urls.length]!, `/api/consultations/meetings/${meetingId}/live`, cookies[j % cookies.length]!));
        await Promise.all(wave);
      }
      process.send!({ connected, failed });
    })();
  }
  if (msg.report) process.send!({ hist: Array.from(hist), delivered, gaps, repeats, connected, failed, closed });
  if (msg.stop) process.exit(0);
});
