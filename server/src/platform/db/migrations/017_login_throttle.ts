// Sign-in failures counted per username (whether or not such an account exists, so that an
// attacker learns nothing from the answers) and per source address, and the devices a user has
// signed in from before, which a lockout does not shut out. They replace the two counters on
// users, which could only count existing accounts.
import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.js';

export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('login_throttle')
    // 'account:<username in lower case>' or 'source:<address>'.
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('first_failure_at', 'text', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('known_devices')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('known_devices_user').on('known_devices').columns(['user_id', 'last_used_at']).execute();
  // A lock still running moves over; the old counters go.
  const locked = await db.selectFrom('users').select(['username', 'locked_until']).where('locked_until', 'is not', null).execute();
  const now = new Date().toISOString();
  for (const u of locked)
    await db.insertInto('login_throttle').values({ key: `account:${String(u.username).toLowerCase()}`, failures: 0, first_failure_at: now, locked_until: u.locked_until, updated_at: now }).execute();
  await db.schema.alterTable('users').dropColumn('failed_logins').execute();
  await db.schema.alterTable('users').dropColumn('locked_until').execute();
}
