// Starts the server: migrate, load the divisions, fill an empty database with the demo data (or,
// without it, print a one-time set-up link while no admin exists), listen.
import { loadConfig } from './platform/config.js';
import { configuredBaseUrl } from './platform/public-url.js';
import { buildServer } from './app.js';
import { loadDivisions, seedIfEmpty } from './seed/load.js';
import { setupLinkAtStart } from './modules/setup/service.js';
import { NewerDatabaseError } from './platform/db/migrate.js';
import { rebuildDuty, rebuildIfEmpty, totalsIfEmpty } from './modules/duty/service.js';
import { modules } from './modules/index.js';

const config = loadConfig();
const server = await buildServer(config).catch((error: unknown) => {
  // An operator's mistake, not a crash: say what to do without a stack trace.
  if (!(error instanceof NewerDatabaseError)) throw error;
  console.error(error.message);
  process.exit(1);
});
await loadDivisions(server.services.db);
let seeded = false;
if (config.seedDemo) {
  const demo = await seedIfEmpty(server.services, config);
  seeded = !!demo;
  if (demo) {
    const lines = demo.accounts.map((a) => `  ${a.username.padEnd(8)} ${a.role.padEnd(7)} ${a.displayName}`);
    console.log(
      [
        '',
        '商量 Shangliang: demo data created (演示数据已生成)',
        `  ${demo.summary}`,
        '  Demo accounts (演示账号), all at the city organization:',
        ...lines,
        `  Password (密码): ${demo.password}${config.demoPassword ? ' (from SHANGLIANG_DEMO_PASSWORD)' : ' (random; set SHANGLIANG_DEMO_PASSWORD to choose one)'}`,
        '',
      ].join('\n'),
    );
  }
}
// An install or upgrade whose records predate the duty module gets its members' duty events once;
// so does fresh demo data, some of which is dated into the past after its commands ran.
const dutyDecls = modules.flatMap((m) => m.duty ?? []);
const rebuilt = seeded ? await rebuildDuty(server.services.db, dutyDecls) : await rebuildIfEmpty(server.services.db, dutyDecls);
if (rebuilt) console.log(`履职记录已从现有记录生成 ${rebuilt} 条 (duty events derived from the records: ${rebuilt})`);
if (await totalsIfEmpty(server.services.db)) console.log('履职积分合计已生成 (duty totals scored from the events)');
const setupLines = await setupLinkAtStart(server.services, configuredBaseUrl(config));
if (setupLines) console.log(setupLines.join('\n'));
if (config.jobs) server.jobs.start();
await server.app.listen({ port: config.port, host: config.host });
console.log(`商量 Shangliang is serving on http://localhost:${config.port} (database: ${server.services.dialect})`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void server.close().finally(() => process.exit(0));
  });
}
