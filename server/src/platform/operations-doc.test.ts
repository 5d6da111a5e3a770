// Every command in docs/operations.md's shell blocks is run by a test or by CI, or is one of the
// commands that change a machine itself, which no test machine may run (the doc says which).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');
const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;

/** The commands of the ```sh blocks, continuation lines joined, comments and the `sl` helper's prefix dropped. */
function docCommands(): string[] {
  const blocks = [...read('docs/operations.md').matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
  return blocks
    .flatMap((b) => b.replace(/\\\n/g, ' ').split('\n'))
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => line.replace(/^sl /, ''));
}

/** Commands run by a test or by CI: where, and the text there that runs them. */
const RUN: { command: RegExp; by: string; runs: string }[] = [
  { command: /^npm ci$/, by: '.ci/run', runs: 'npm ci' },
  { command: /^npm run build:web$/, by: '.ci/run', runs: 'npm run build:web' },
  { command: /^npm run backup -- --out \S+$/, by: 'server/src/platform/backup.test.ts', runs: "npm('backup', ['--out', archive]" },
  { command: /^npm run restore -- \S+ --force$/, by: 'server/src/platform/backup.test.ts', runs: "npm('restore', [archive, '--force']" },
  { command: /^nginx -t$/, by: 'scripts/check-deploy.sh', runs: '"$nginx_bin" -t' },
  { command: /^cp deploy\/nginx.conf /, by: 'scripts/check-deploy.sh', runs: 'deploy/nginx.conf' },
  { command: /^cp deploy\/shangliang@.service deploy\/shangliang-backup.service deploy\/shangliang-backup.timer /, by: 'scripts/check-deploy.sh', runs: 'systemd-analyze verify' },
];

/** The set-up commands come with the set-up of a new CPPCC and are tested there. */
const SETUP = /^npm run (setup:token|admin:create)\b/;

/** Commands that change the machine itself (users, files in /etc, services) or need its folders. */
const NOT_RUN = [/^cd \/opt\/shangliang$/, /^useradd /, /^install /, /^sl\(\) /, /^sudo -u postgres /, /^systemctl /, /^journalctl /, /^ln -s /];

describe('docs/operations.md', () => {
  const commands = docCommands();

  it('has shell blocks to check', () => {
    assert.ok(commands.length >= 20, `found ${commands.length} commands`);
  });

  it('names only commands that a test or CI runs, or that change a machine, which the doc says are not run', () => {
    const unaccounted = commands.filter((c) => !RUN.some((r) => r.command.test(c)) && !SETUP.test(c) && !NOT_RUN.some((n) => n.test(c)));
    assert.deepEqual(unaccounted, []);
    const doc = read('docs/operations.md');
    for (const word of ['useradd', 'systemctl', 'journalctl', 'createuser', 'the `sl` helper']) assert.ok(doc.includes(`Not run`) && doc.slice(doc.indexOf('Not run')).includes(word), word);
  });

  it('points each command that is run to a test or CI step that still runs it', () => {
    for (const r of RUN) {
      assert.ok(commands.some((c) => r.command.test(c)), `${r.command} is in the doc`);
      assert.ok(read(r.by).includes(r.runs), `${r.by} runs ${r.runs}`);
    }
    assert.ok(read('.ci/run').includes('bash scripts/check-deploy.sh'));
    for (const c of commands) {
      const script = /^npm run (\S+)/.exec(c)?.[1];
      if (script && !SETUP.test(c)) assert.ok(scripts[script], `package.json has the script ${script}`);
    }
  });

  it('names the set-up commands that a test of theirs runs', (t) => {
    const named = commands.filter((c) => SETUP.test(c)).map((c) => SETUP.exec(c)![1]!);
    assert.deepEqual(named.sort(), ['admin:create', 'setup:token']);
    const missing = named.filter((s) => !scripts[s]);
    if (missing.length) return t.todo(`package.json has no ${missing.join(', ')} yet`);
    // Each script's file (or its name) appears in a test file.
    const tests: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
        if (e.isDirectory()) walk(path.join(dir, e.name));
        else if (e.name.endsWith('.test.ts') && e.name !== 'operations-doc.test.ts') tests.push(read(path.join(dir, e.name)));
      }
    };
    walk('server/src');
    walk('tests');
    for (const s of named) {
      const file = /(\S+\.[mc]?[jt]s)\b/.exec(scripts[s]!)?.[1];
      const needles = [s, ...(file ? [path.basename(file).replace(/\.[mc]?[jt]s$/, '')] : [])];
      assert.ok(tests.some((text) => needles.some((n) => text.includes(n))), `a test runs ${s} (${needles.join(' or ')})`);
    }
  });

  it('ships the files it installs', () => {
    for (const file of ['deploy/shangliang@.service', 'deploy/shangliang-backup.service', 'deploy/shangliang-backup.timer', 'deploy/nginx.conf', 'deploy/shangliang.env']) assert.ok(fs.existsSync(path.join(ROOT, file)), file);
    const env = read('deploy/shangliang.env');
    for (const setting of ['SHANGLIANG_SECURE_COOKIES=1', 'SHANGLIANG_TRUST_PROXY=1', 'SHANGLIANG_PUBLIC_URL=https://']) assert.ok(env.includes(setting), setting);
  });
});
