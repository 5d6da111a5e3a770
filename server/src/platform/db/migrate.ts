// Migrations in order; each runs once, recorded in schema_migrations. One set for both dialects.
import { sql, type Kysely } from 'kysely';
import type { Dialect } from './dialect.js';
import * as m001 from './migrations/001_foundation.js';
import * as m002 from './migrations/002_opinions.js';
import * as m003 from './migrations/003_proposals.js';
import * as m004 from './migrations/004_proposals_followup.js';
import * as m005 from './migrations/005_opinions_intake.js';
import * as m006 from './migrations/006_consultations.js';
import * as m007 from './migrations/007_consultation_room.js';
import * as m008 from './migrations/008_spent_challenges.js';
import * as m009 from './migrations/009_opinion_search_file.js';
import * as m010 from './migrations/010_email_claims.js';
import * as m011 from './migrations/011_speech_files.js';
import * as m012 from './migrations/012_setup.js';
import * as m013 from './migrations/013_org_structure.js';
import * as m014 from './migrations/014_accounts_bulk.js';
import * as m015 from './migrations/015_history_meetings.js';
import * as m016 from './migrations/016_outbox.js';
import * as m017 from './migrations/017_login_throttle.js';
import * as m018 from './migrations/018_file_owners.js';
import * as m019 from './migrations/019_import_jobs.js';
import * as m020 from './migrations/020_opinion_handoffs.js';
import * as m022 from './migrations/022_halls.js';
import * as m023 from './migrations/023_halls_network.js';
import * as m024 from './migrations/024_suggestions.js';
import * as m025 from './migrations/025_attendance.js';
import * as m026 from './migrations/026_duty.js';
import * as m027 from './migrations/027_lounges.js';
import * as m028 from './migrations/028_duty_evaluation.js';
import * as m029 from './migrations/029_duty_totals.js';
import * as m030 from './migrations/030_duty_versions.js';
import * as m031 from './migrations/031_reminders.js';
import * as m032 from './migrations/032_figure_dates.js';
import * as m033 from './migrations/033_duty_total_kinds.js';

interface Migration {
  up(db: Kysely<any>, dialect: Dialect): Promise<void>;
}

const migrations: [string, Migration][] = [
  ['001_foundation', m001],
  ['002_opinions', m002],
  ['003_proposals', m003],
  ['004_proposals_followup', m004],
  ['005_opinions_intake', m005],
  ['006_consultations', m006],
  ['007_consultation_room', m007],
  ['008_spent_challenges', m008],
  ['009_opinion_search_file', m009],
  ['010_email_claims', m010],
  ['011_speech_files', m011],
  ['012_setup', m012],
  ['013_org_structure', m013],
  ['014_accounts_bulk', m014],
  ['015_history_meetings', m015],
  ['016_outbox', m016],
  ['017_login_throttle', m017],
  ['018_file_owners', m018],
  ['019_import_jobs', m019],
  ['020_opinion_handoffs', m020],
  ['022_halls', m022],
  ['023_halls_network', m023],
  ['024_suggestions', m024],
  ['025_attendance', m025],
  ['026_duty', m026],
  ['027_lounges', m027],
  ['028_duty_evaluation', m028],
  ['029_duty_totals', m029],
  ['030_duty_versions', m030],
  ['031_reminders', m031],
  ['032_figure_dates', m032],
  ['033_duty_total_kinds', m033],
];

/** The names of every migration this version knows, in order. */
export const migrationNames = () => migrations.map(([name]) => name);

/**
 * A database migrated by a newer version has tables and columns this code does not know; serving
 * it could write rows the newer code cannot read, so the server refuses to start.
 */
export class NewerDatabaseError extends Error {
  constructor(readonly unknown: string[]) {
    super(
      `The database was migrated by a newer version of Shangliang: unknown migrations ${unknown.join(', ')}. ` +
        'Install that newer version (or a later one), or restore a backup made by this version (npm run restore). ' +
        `数据库已由更新版本的商量迁移（未知迁移：${unknown.join('、')}），请安装该版本或更新版本，或恢复本版本制作的备份。`,
    );
    this.name = 'NewerDatabaseError';
  }
}

function refuseNewerDatabase(applied: Set<string>) {
  const known = new Set(migrationNames());
  const unknown = [...applied].filter((name) => !known.has(name)).sort();
  if (unknown.length > 0) throw new NewerDatabaseError(unknown);
}

/** Applies every migration not yet applied, in order; `until` stops after the one of that name (upgrade tests build older databases with it). */
export async function migrate(db: Kysely<any>, dialect: Dialect, opts: { until?: string } = {}): Promise<string[]> {
  await db.schema
    .createTable('schema_migrations')
    .ifNotExists()
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('applied_at', 'text', (c) => c.notNull())
    .execute();
  const applied = new Set((await db.selectFrom('schema_migrations').select('name').execute()).map((r) => r.name));
  refuseNewerDatabase(applied);
  const ran: string[] = [];
  for (const [name, migration] of migrations) {
    if (applied.has(name)) continue;
    await db.transaction().execute(async (trx) => {
      // Two servers starting at once on PostgreSQL: the second waits here, then finds the row.
      if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(4201)`.execute(trx);
      const done = await trx.selectFrom('schema_migrations').select('name').where('name', '=', name).executeTakeFirst();
      if (done) return;
      await migration.up(trx, dialect);
      await trx.insertInto('schema_migrations').values({ name, applied_at: new Date().toISOString() }).execute();
      ran.push(name);
    });
    if (name === opts.until) break;
  }
  return ran;
}
