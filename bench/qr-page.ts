// npm run bench:qr: what a resident's phone loads and waits for after scanning a place's QR code.
// The target: the page /q/<code> fetches under 200 kB of JavaScript compressed as the browser
// receives it (kB = 1,000 bytes; Chromium asks for brotli, the server sends the build's .br), and
// shows a usable report form (text area and submit button visible and enabled) within 1.5 s
// on a throttled phone: Fast-4G-like network (9 Mbps down, 1.5 Mbps up, 150 ms round trip, set
// with CDP Network.emulateNetworkConditions) and the CPU slowed 4× (Emulation.setCPUThrottlingRate).
//
// The ceiling, measured in the same run under the same throttling: a static HTML page holding a
// plain <form> (no script), served by the same server through the same static files route. The
// page's time is reported as a multiple of it: what the app adds over the network's own cost.
//
// Each load is cold (a fresh browser context: empty cache, new connections), on a phone viewport.
// The real server runs on a fresh data directory with the demo data; the web app is built into a
// temporary folder (or --dist=<folder> measures a build already made), with the ceiling page
// added beside index.html. The office app's sign-in page is measured too, for reference (it shares
// its first files with the residents' app). Chromium: Debian's (/usr/bin/chromium, or CHROMIUM_PATH).
// Options (env or --flag=value): BENCH_RUNS / --runs (5), BENCH_DIST / --dist.
import crypto from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import zlib from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';
import { cleanUp, cleanups, login, startNode } from './procs.js';
import { placeCode } from './opinions-lib.js';

const { values: args } = parseArgs({ options: { runs: { type: 'string' }, dist: { type: 'string' } } });
const opt = (flag: string, env: string, fallback: string) => (args[flag as keyof typeof args] as string | undefined) ?? process.env[env] ?? fallback;
const runs = Number(opt('runs', 'BENCH_RUNS', '5'));
const givenDist = opt('dist', 'BENCH_DIST', '');
const root = path.resolve(import.meta.dirname, '..');
const resultsDir = path.join(root, 'bench', 'results');

const TARGET = { jsCompressedBytes: 200_000, usableMs: 1500 };
// Fast-4G-like, in the units CDP takes (bytes per second, milliseconds).
const NETWORK = { offline: false, latency: 150, downloadThroughput: (9_000_000 / 8) | 0, uploadThroughput: (1_500_000 / 8) | 0 };
const CPU_SLOWDOWN = 4;
const PHONE = { viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' };
const CEILING_PAGE = 'bench-ceiling.html';

// What a resident needs to report, and nothing else: the ceiling's form.
const CEILING_HTML = `<!doctype html>
<html lang="zh-CN">
<head><meta charset="UTF-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>扫码说事</title></head>
<body>
<form method="post" action="/api/q/code/opinions" enctype="multipart/form-data">
<label>您想反映的事<br><textarea name="text" rows="6" maxlength="2000" required></textarea></label><br>
<label>类别 <select name="category" required><option value="livelihood">民生保障</option><option value="transport">交通出行</option><option value="other">其他</option></select></label><br>
<label>照片 <input type="file" name="photo" accept="image/*" multiple></label><br>
<label>姓名（选填） <input name="name" maxlength="30"></label><br>
<label>手机号码（选填） <input name="phone" inputmode="numeric" maxlength="11"></label><br>
<button type="submit">提交</button>
</form>
</body>
</html>
`;

/**
 * Runs in the page before its own scripts: notes the moment (ms since navigation start) the first
 * `field` (the report's text area; the user name on the office app's sign-in page) and the submit
 * button are both on screen and enabled, and hands it to the benchmark. Kept as text: tsx would
 * wrap a function's inner helpers in a __name() the page does not have.
 */
const watchForUsableForm = (field: string) => `(() => {
  const shown = (el) => el instanceof HTMLElement && !el.disabled && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  let done = false;
  const check = () => {
    const button = document.querySelector('button[type=submit]');
    if (done || !shown(document.querySelector(${JSON.stringify(field)})) || !shown(button) || button.classList.contains('ant-btn-loading')) return;
    done = true;
    observer.disconnect();
    window.__formUsable(performance.now());
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { subtree: true, childList: true, attributes: true });
  document.addEventListener('DOMContentLoaded', check);
})();`;

interface Script {
  url: string;
  encoding: string;
  /** The body as sent: the size of the build's file in that encoding (.br, .gz or as built). */
  compressed: number;
  /** Bytes on the wire, headers included (as DevTools' "transferred"). */
  transferred: number;
  /** Bytes of the body once decoded: the JavaScript itself. */
  decoded: number;
}

interface Load {
  usableMs: number;
  domContentLoadedMs: number;
  jsRequests: number;
  /** The scripts' bodies as received, in the encoding the server chose: what the budget is about. */
  jsCompressedBytes: number;
  jsTransferredBytes: number;
  jsDecodedBytes: number;
  /** The same files' brotli and gzip sizes from the build: what a client asking for either receives
   *  (browsers ask for brotli over https:// and from localhost, for gzip only over plain http://). */
  jsBrotliBytes: number;
  jsGzipBytes: number;
  encodings: string[];
  scripts: Script[];
}

/** One cold load of `url` under throttling, until the form is usable and the network is quiet. */
async function loadOnce(browser: Browser, url: string, dist: string, field = 'textarea'): Promise<Load> {
  const context = await browser.newContext(PHONE);
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', NETWORK);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    const seen = new Map<string, Script>();
    cdp.on('Network.responseReceived', (e) => {
      const h = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
      if (e.response.mimeType.includes('javascript')) seen.set(e.requestId, { url: e.response.url, encoding: h['content-encoding'] ?? 'identity', compressed: 0, transferred: 0, decoded: 0 });
    });
    cdp.on('Network.dataReceived', (e) => {
      const s = seen.get(e.requestId);
      if (s) s.decoded += e.dataLength;
    });
    cdp.on('Network.loadingFinished', (e) => {
      const s = seen.get(e.requestId);
      if (s) s.transferred = e.encodedDataLength;
    });
    let formUsable: (ms: number) => void = () => {};
    const usable = new Promise<number>((resolve) => (formUsable = resolve));
    await page.exposeFunction('__formUsable', (ms: number) => formUsable(ms));
    await page.addInitScript(watchForUsableForm(field));
    await page.goto(url, { waitUntil: 'commit', timeout: 60_000 });
    const usableMs = await Promise.race([usable, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${url}: no usable form within 60 s`)), 60_000))]);
    // Scripts fetched after the form showed count too (a page that loads the rest later still pays for it).
    await page.waitForLoadState('networkidle');
    const domContentLoadedMs = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventEnd);
    const scripts = [...seen.values()];
    const fileSize = (s: Script, ext: string) => fs.statSync(path.join(dist, new URL(s.url).pathname + ext)).size;
    for (const s of scripts) s.compressed = fileSize(s, ({ br: '.br', gzip: '.gz' } as Record<string, string>)[s.encoding] ?? '');
    return {
      usableMs,
      domContentLoadedMs,
      jsRequests: scripts.length,
      jsCompressedBytes: sum(scripts.map((s) => s.compressed)),
      jsTransferredBytes: sum(scripts.map((s) => s.transferred)),
      jsDecodedBytes: sum(scripts.map((s) => s.decoded)),
      jsBrotliBytes: sum(scripts.map((s) => fileSize(s, '.br'))),
      jsGzipBytes: sum(scripts.map((s) => fileSize(s, '.gz'))),
      encodings: [...new Set(scripts.map((s) => s.encoding))],
      scripts,
    };
  } finally {
    await context.close();
  }
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const medians = (loads: Load[]) => {
  const keys = ['usableMs', 'domContentLoadedMs', 'jsRequests', 'jsCompressedBytes', 'jsTransferredBytes', 'jsDecodedBytes', 'jsBrotliBytes', 'jsGzipBytes'] as const;
  return Object.fromEntries(keys.map((k) => [k, median(loads.map((l) => l[k]))])) as Record<(typeof keys)[number], number>;
};
const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

/** The web app as built for production, with .br and .gz beside each file, plus the ceiling page. */
function prepareDist(work: string): string {
  const dist = path.join(work, 'dist');
  if (givenDist) {
    fs.cpSync(path.resolve(givenDist), dist, { recursive: true });
  } else {
    console.log('Building the web app…');
    const vite = path.join(root, 'node_modules/vite/bin/vite.js');
    const out = spawnSync(process.execPath, [vite, 'build', '--config', 'web/vite.config.ts', '--outDir', dist, '--emptyOutDir', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
    if (out.status !== 0) throw new Error('web build failed');
  }
  const page = path.join(dist, CEILING_PAGE);
  fs.writeFileSync(page, CEILING_HTML);
  fs.writeFileSync(`${page}.br`, zlib.brotliCompressSync(CEILING_HTML));
  fs.writeFileSync(`${page}.gz`, zlib.gzipSync(CEILING_HTML));
  return dist;
}

const loadAtStart = os.loadavg()[0] ?? 0;
console.log(`Load average ${loadAtStart.toFixed(2)} on ${os.cpus().length} cores before starting${loadAtStart > 0.5 ? ': something else is running, figures will be noisy' : ''}.`);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-bench-qr-'));
cleanups.push(async () => fs.rmSync(work, { recursive: true, force: true }));
fs.mkdirSync(resultsDir, { recursive: true });
try {
  const dist = prepareDist(work);
  const dataDir = path.join(work, 'data');
  fs.mkdirSync(dataDir);
  const password = `Bench-${crypto.randomBytes(9).toString('hex')}`;
  const env = { SHANGLIANG_DATA_DIR: dataDir, SHANGLIANG_WEB_DIST: dist, SHANGLIANG_DEMO_PASSWORD: password, SHANGLIANG_RATE_LIMITS: 'off', SHANGLIANG_JOBS: 'off', LOG_LEVEL: 'warn' };
  console.log('Starting the server on a fresh data directory with the demo data…');
  const server = await startNode(path.join(root, 'server/src/main.ts'), env, path.join(work, 'server.log'), '/api/health', 5 * 60_000);
  cleanups.push(server.stop);
  const { code, placeName } = await placeCode(server.url, await login(server.url, password));
  console.log(`Place ${placeName}, QR code ${code}`);

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  cleanups.push(() => browser.close());
  const pageUrl = `${server.url}/q/${code}`;
  const ceilingUrl = `${server.url}/${CEILING_PAGE}`;
  // One load of each first, not counted: the server's first answers (file lookups, JIT) are not a phone's concern.
  // The office app's sign-in page, for reference: it shares the first files with the residents'
  // app, so a change made for residents that slows the office app down shows here.
  const officeUrl = `${server.url}/login`;
  await loadOnce(browser, ceilingUrl, dist);
  await loadOnce(browser, pageUrl, dist);
  await loadOnce(browser, officeUrl, dist, 'input');
  const page: Load[] = [];
  const office: Load[] = [];
  const ceiling: Load[] = [];
  for (let i = 0; i < runs; i++) {
    ceiling.push(await loadOnce(browser, ceilingUrl, dist));
    page.push(await loadOnce(browser, pageUrl, dist));
    office.push(await loadOnce(browser, officeUrl, dist, 'input'));
    const p = page[i]!;
    console.log(`run ${i + 1}: /q/<code> usable at ${p.usableMs.toFixed(0)} ms (ceiling ${ceiling[i]!.usableMs.toFixed(0)} ms), ${p.jsRequests} scripts, ${kB(p.jsCompressedBytes)} compressed (${p.encodings.join(', ')}), ${kB(p.jsDecodedBytes)} uncompressed`);
  }
  const m = medians(page);
  const c = medians(ceiling);
  const o = medians(office);
  const ratio = m.usableMs / c.usableMs;
  const line = (cells: string[]) => console.log(cells.map((x, i) => (i === 0 ? x.padEnd(22) : x.padStart(12))).join(' '));
  console.log(`\nMedians of ${runs} cold loads, phone viewport, ${NETWORK.latency} ms RTT, 9 Mbps down, CPU ${CPU_SLOWDOWN}× slower`);
  line(['page', 'usable ms', '× ceiling', 'DCL ms', 'JS requests', 'compressed', 'transferred', 'if gzip', 'uncompressed']);
  line(['ceiling (static form)', c.usableMs.toFixed(0), '1.00', c.domContentLoadedMs.toFixed(0), String(c.jsRequests), kB(c.jsCompressedBytes), kB(c.jsTransferredBytes), kB(c.jsGzipBytes), kB(c.jsDecodedBytes)]);
  line(['/q/<code>', m.usableMs.toFixed(0), ratio.toFixed(2), m.domContentLoadedMs.toFixed(0), String(m.jsRequests), kB(m.jsCompressedBytes), kB(m.jsTransferredBytes), kB(m.jsGzipBytes), kB(m.jsDecodedBytes)]);
  line(['/login (office app)', o.usableMs.toFixed(0), (o.usableMs / c.usableMs).toFixed(2), o.domContentLoadedMs.toFixed(0), String(o.jsRequests), kB(o.jsCompressedBytes), kB(o.jsTransferredBytes), kB(o.jsGzipBytes), kB(o.jsDecodedBytes)]);
  const encodings = [...new Set(page.flatMap((l) => l.encodings))].join(', ');
  const checks = [
    { target: `JavaScript compressed < ${kB(TARGET.jsCompressedBytes)} (${kB(m.jsCompressedBytes)} as received, ${encodings}; ${kB(m.jsGzipBytes)} as gzip)`, pass: m.jsCompressedBytes < TARGET.jsCompressedBytes },
    { target: `usable form < ${TARGET.usableMs} ms (${m.usableMs.toFixed(0)} ms)`, pass: m.usableMs < TARGET.usableMs },
  ];
  for (const x of checks) console.log(`  ${x.pass ? 'PASS' : 'FAIL'}  ${x.target}`);
  console.log(`  Scripts of the last load: ${page[page.length - 1]!.scripts.map((s) => new URL(s.url).pathname.replace('/assets/', '')).join(', ')}`);

  const at = new Date().toISOString();
  // The page's time is mostly CPU (4× slowed), the ceiling's mostly network: a busy machine
  // stretches the first more than the second, so the load is kept with the figures.
  const loadAtEnd = os.loadavg()[0] ?? 0;
  console.log(`Load average ${loadAtEnd.toFixed(2)} at the end${loadAtEnd > os.cpus().length ? ': the machine was busy, the times are longer than on a quiet one' : ''}.`);
  const machine = { cores: os.cpus().length, cpu: os.cpus()[0]?.model ?? '', node: process.version, platform: `${os.platform()} ${os.release()}`, loadAverageAtStart: loadAtStart, loadAverageAtEnd: loadAtEnd, chromium: browser.version() };
  const json = JSON.stringify({ at, machine, runs, network: NETWORK, cpuSlowdown: CPU_SLOWDOWN, viewport: PHONE.viewport, code, placeName, median: m, ceilingMedian: c, usableRatioToCeiling: ratio, officeMedian: o, targets: checks, page, ceiling, office }, null, 2);
  fs.writeFileSync(path.join(resultsDir, `qr-page-${at.replace(/[:.]/g, '-')}.json`), json + '\n');
  fs.writeFileSync(path.join(resultsDir, 'latest-qr-page.json'), json + '\n');
  console.log(`\nResults written to ${path.relative(process.cwd(), resultsDir)}/. A benchmark measures; it does not gate: exit 0.`);
} finally {
  await cleanUp();
}
