// Organization, term and session rows, one small function each, so that set-up and the office's
// own commands create them the same way. They take the transaction; the caller checks and audits.
import type { Trx } from '../../platform/context.js';
import type { OrgLevel } from '../../platform/db/types.js';

export async function insertOrganization(trx: Trx, o: { name: string; level: OrgLevel; parentId: number | null; divisionCode: string | null }): Promise<number> {
  const at = new Date().toISOString();
  const row = await trx
    .insertInto('organizations')
    .values({ name: o.name, level: o.level, parent_id: o.parentId, division_code: o.divisionCode, created_at: at, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertTerm(trx: Trx, t: { organizationId: number; number: number; startsOn: string; endsOn?: string | null; current: boolean }): Promise<number> {
  const row = await trx
    .insertInto('terms')
    .values({ organization_id: t.organizationId, number: t.number, starts_on: t.startsOn, ends_on: t.endsOn ?? null, current: t.current ? 1 : 0 })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertSession(trx: Trx, s: { termId: number; number: number; opensOn: string }): Promise<number> {
  const row = await trx.insertInto('sessions').values({ term_id: s.termId, number: s.number, opens_on: s.opensOn }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}
