// npm test: every test file of the project under node's own test runner, on SQLite, or on
// PostgreSQL when DATABASE_URL is set. Node 20's runner does not expand globs, so the files are
// listed here.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

const roots = process.argv.slice(2).length ? process.argv.slice(2) : ['server/src', 'tests/browser'];
const files = [];
const walk = (dir) => {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full);
    else if (entry.name.endsWith('.test.ts')) files.push(full);
  }
};
// Browser tests need Debian's Chromium. Outside CI a machine without it runs the rest and says
// so; in CI a missing browser fails the run.
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!fs.existsSync(chromium) && !process.env.CI && roots.includes('tests/browser')) {
  console.log(`Browser tests skipped: ${chromium} not found (apt-get install chromium fonts-wqy-microhei)`);
  roots.splice(roots.indexOf('tests/browser'), 1);
}
// A root may also be one test file.
roots.forEach((root) => (root.endsWith('.test.ts') && fs.existsSync(root) ? files.push(root) : walk(root)));
files.sort();
console.log(`Running ${files.length} test files on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'SQLite'}`);
// API tests run two files at a time; browser tests one at a time, each with its own server and
// Chromium, so that two of them never share the two cores.
const browser = files.filter((f) => f.startsWith('tests/browser'));
const groups = [
  [files.filter((f) => !browser.includes(f)), 2],
  [browser, 1],
].filter(([group]) => group.length > 0);
// The browser tests' servers start from one seeded demo year, made by the first that needs it
// (tests/browser/harness.ts); it is removed when the run ends.
const run = randomBytes(6).toString('hex');
const env = { ...process.env, SHANGLIANG_TEST_RUN: run };
let status = 0;
try {
  for (const [group, concurrency] of groups) {
    const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, ...group], { stdio: 'inherit', env });
    status = status || (result.status ?? 1);
  }
} finally {
  fs.rmSync(path.join(os.tmpdir(), `sl-demo-${run}`), { recursive: true, force: true });
  if (process.env.DATABASE_URL) {
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS sl_demo_${run} WITH (FORCE)`).finally(() => admin.end());
  }
}
process.exit(status);
