// Reads of set-up: whether it is done, and the division tree it chooses from.
import type { Trx } from '../../platform/context.js';
import type { DivisionTable } from '../../platform/db/types.js';

/** Set-up is done once any account holds the admin role; until then the install has no way in. */
export async function setupDone(trx: Trx): Promise<boolean> {
  return !!(await trx.selectFrom('user_roles').select('user_id').where('role', '=', 'admin').limit(1).executeTakeFirst());
}

/**
 * The formal name of a division's CPPCC: 政协嘉兴市委员会, 政协海宁市委员会. A district takes its
 * city's name first, as its CPPCC is named: 政协嘉兴市南湖区委员会, 政协上海市黄浦区委员会.
 */
export function proposedName(division: Pick<DivisionTable, 'name' | 'level'>, parent?: Pick<DivisionTable, 'name'> | null): string {
  const district = division.level === 'county' && division.name.endsWith('区') && parent;
  return `政协${district ? parent.name : ''}${division.name}委员会`;
}

export async function findDivision(trx: Trx, code: string) {
  return trx.selectFrom('divisions').selectAll().where('code', '=', code).executeTakeFirst();
}

/** Provinces (no parent), or the cities and county-level divisions right under one division. */
export async function listDivisions(trx: Trx, parent: string | undefined) {
  const parentRow = parent ? await findDivision(trx, parent) : null;
  const q = trx.selectFrom('divisions').selectAll().where('level', 'in', ['province', 'city', 'county']);
  const rows = await (parent ? q.where('parent_code', '=', parent) : q.where('level', '=', 'province')).orderBy('code').execute();
  return rows.map((r) => ({ code: r.code, name: r.name, level: r.level, parentCode: r.parent_code, proposedName: proposedName(r, parentRow) }));
}

/** The county-level divisions under a city, each to get a CPPCC of its own when the city is set up. */
export async function countiesOf(trx: Trx, cityCode: string) {
  return trx.selectFrom('divisions').selectAll().where('parent_code', '=', cityCode).where('level', '=', 'county').orderBy('code').execute();
}
