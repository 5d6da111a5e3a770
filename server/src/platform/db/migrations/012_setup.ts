// One-time set-up links of an empty install: only a hash of each token is kept, with its expiry
// and the moment it was used (modules/setup/tokens.ts).
import type { Kysely } from 'kysely';
import { idColumn, type Dialect } from '../dialect.js';

export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await idColumn(dialect)(db.schema.createTable('setup_tokens'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
}
