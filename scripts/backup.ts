// npm run backup [-- --out <file>]: one archive of the database and the attachments, made while
// the server runs (scripts/backup-lib.ts). Reads DATABASE_URL and SHANGLIANG_DATA_DIR as the server does.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../server/src/platform/config.js';
import { backup, BackupError } from './backup-lib.js';

const { values } = parseArgs({ options: { out: { type: 'string' } } });
const config = loadConfig();
const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '');
const out = path.resolve(values.out ?? path.join('backups', `shangliang-${stamp}.tar.gz`));
try {
  const manifest = await backup({ dataDir: config.dataDir, databaseUrl: config.databaseUrl, out });
  const rows = Object.values(manifest.tables).reduce((n, t) => n + t.rows, 0);
  console.log(`Backup written to ${out}: ${manifest.dialect}, ${manifest.migrations.length} migrations, ${Object.keys(manifest.tables).length} tables, ${rows} rows, ${manifest.files.length} files.`);
} catch (error) {
  if (!(error instanceof BackupError)) throw error;
  console.error(error.message);
  process.exit(1);
}
