// Fills a new database: the administrative divisions always, the demo CPPCC and its accounts
// when the database has no organization yet.
import fs from 'node:fs';
import type { Kysely } from 'kysely';
import type { Database, DivisionTable } from '../platform/db/types.js';

const divisionsFile = new URL('./data/jiaxing-divisions.json', import.meta.url);

export async function loadDivisions(db: Kysely<Database>): Promise<number> {
  const have = await db.selectFrom('divisions').select('code').limit(1).executeTakeFirst();
  if (have) return 0;
  const rows = (JSON.parse(fs.readFileSync(divisionsFile, 'utf8')) as { code: string; name: string; level: DivisionTable['level']; parentCode: string | null }[]).map((d) => ({
    code: d.code,
    name: d.name,
    level: d.level,
    parent_code: d.parentCode,
  }));
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('divisions').values(rows.slice(i, i + 500)).execute();
  return rows.length;
}
