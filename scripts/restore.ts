// npm run restore -- <archive> [--force]: checks the archive's checksums, then restores it into an
// empty data folder (SHANGLIANG_DATA_DIR) or an empty database (DATABASE_URL); --force replaces a
// non-empty one. Stop the server first when replacing.
import { parseArgs } from 'node:util';
import { loadConfig } from '../server/src/platform/config.js';
import { migrationNames } from '../server/src/platform/db/migrate.js';
import { BackupError, restore } from './backup-lib.js';

const { values, positionals } = parseArgs({ options: { force: { type: 'boolean', default: false } }, allowPositionals: true });
if (positionals.length !== 1) {
  console.error('Usage: npm run restore -- <archive.tar.gz> [--force]');
  process.exit(2);
}
const config = loadConfig();
try {
  const manifest = await restore({ archive: positionals[0]!, dataDir: config.dataDir, databaseUrl: config.databaseUrl, force: values.force });
  console.log(`Restored the backup of ${manifest.createdAt} (${manifest.platform.name} ${manifest.platform.version}, ${manifest.dialect}): ${Object.keys(manifest.tables).length} tables and ${manifest.files.length} files match the manifest.`);
  // The data is back either way; the server of this version will refuse it until the newer one is installed.
  const unknown = manifest.migrations.filter((name) => !migrationNames().includes(name));
  if (unknown.length) console.warn(`This backup was made by a newer version (migrations ${unknown.join(', ')}): install version ${manifest.platform.version} or later before starting the server.`);
} catch (error) {
  if (!(error instanceof BackupError)) throw error;
  console.error(error.message);
  process.exit(1);
}
