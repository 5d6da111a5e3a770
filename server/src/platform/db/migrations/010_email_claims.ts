// When an e-mail copy was claimed for sending: a copy left claimed by a process that died before
// it could record how the send went is tried again once the claim is old (notifications/service.ts).
import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.js';

export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema.alterTable('notifications').addColumn('email_claimed_at', 'text').execute();
}
