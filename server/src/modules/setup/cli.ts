// What the set-up scripts share: the database named by the environment (DATABASE_URL or
// SHANGLIANG_DATA_DIR), migrated, with its divisions, as the server would open it; and errors
// printed for an operator.
import { loadConfig, type Config } from '../../platform/config.js';
import { connect } from '../../platform/db/connect.js';
import { migrate } from '../../platform/db/migrate.js';
import { inProcessBus, postgresBus } from '../../platform/events.js';
import { loadOrgTree, OrgTree, type Ctx } from '../../platform/context.js';
import { SessionCache } from '../../platform/auth/sessions.js';
import { AppError, type FieldError } from '../../platform/errors.js';
import { loadDivisions } from '../../seed/load.js';

export async function openDatabase(): Promise<{ config: Config; ctx: Ctx; close: () => Promise<void> }> {
  const config = loadConfig();
  const database = connect({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await migrate(database.db, database.dialect);
  await loadDivisions(database.db);
  // On PostgreSQL the running servers hear of new organizations as they do from each other.
  const bus = database.pool ? await postgresBus(database.pool) : inProcessBus();
  const ctx: Ctx = { db: database.db, dialect: database.dialect, bus, orgTree: new OrgTree(), sessions: new SessionCache(bus), openCases: async () => [], actor: null, ip: null };
  await loadOrgTree(ctx);
  return {
    config,
    ctx,
    async close() {
      await bus.close();
      await database.close();
    },
  };
}

/** An error as one line per problem, in Chinese and English; `option` names the flag a field came from. */
export function describeError(e: unknown, option: (field: string) => string = (f) => f): string {
  if (!(e instanceof AppError)) return e instanceof Error ? e.message : String(e);
  const lines = (e.errors ?? []).map((f: FieldError) => `  ${option(f.field)}: ${f.message} (${f.message_en})`);
  const head = e.detail ? `${e.detail.zh} (${e.detail.en})` : e.code;
  return [head, ...lines].join('\n');
}
