// npm run openapi: prints the OpenAPI 3 document built from the route schemas, the same as
// GET /api/openapi.json, without starting a server (an empty embedded database in a temp folder).
//   npm run -s openapi > openapi.json
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../server/src/platform/config.js';
import { buildServer } from '../server/src/app.js';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-openapi-'));
try {
  const server = await buildServer({ ...loadConfig({ ...process.env, DATABASE_URL: '' }), dataDir, logLevel: 'warn', jobs: false });
  const res = await server.app.inject({ method: 'GET', url: '/api/openapi.json' });
  await server.close();
  if (res.statusCode !== 200) throw new Error(`GET /api/openapi.json answered ${res.statusCode}`);
  process.stdout.write(JSON.stringify(JSON.parse(res.body), null, 2) + '\n');
} finally {
  fs.rmSync(dataDir, { recursive: true, force: true });
}
