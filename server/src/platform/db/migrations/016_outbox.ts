// The outbox: work that must follow a change exactly once (the notifications of a proposal's
// steps), written in the transaction of the change and done afterwards by whichever server
// process claims it (platform/outbox.ts). Unlike an event on the bus, it survives a database
// restart, a lost connection and a process that dies.
import type { Kysely } from 'kysely';
import { idColumn, type Dialect } from '../dialect.js';

export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const id = idColumn(dialect);
  await id(db.schema.createTable('outbox'))
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('available_at', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('lease_until', 'text')
    .addColumn('done_at', 'text')
    .addColumn('failed_at', 'text')
    .addColumn('last_error', 'text')
    .execute();
  // What is still to do, in order; done rows are left out of the index on both databases.
  await db.schema.createIndex('outbox_waiting').on('outbox').columns(['available_at', 'id']).where((eb: any) => eb.and([eb('done_at', 'is', null), eb('failed_at', 'is', null)])).execute();
}
