// The reference lists each CPPCC keeps: sectors, committees, party groups and handling units.
// They differ only in a few columns, so one description per list drives the same list, create
// and edit code and routes.
import { z } from 'zod';
import { recordId } from '../../platform/ids.js';
import { audit, changes } from '../../platform/audit.js';
import { conflict, forbidden, notFound } from '../../platform/errors.js';
import { hasRoleAt, type Ctx, type Trx } from '../../platform/context.js';
import { maskName, maskPhone, maySeeContact, type ContactOf } from '../../platform/privacy.js';
import { partyGroupKind } from './schema.js';
import type { AuditEntityType } from '../../platform/audit.js';

/**
 * A column of a catalog; `required` when a new entry must give it (its column has no default);
 * `contact`: a person's contact data, shown in full only to those platform/privacy.ts lets see it.
 */
type Field = { column: string; schema: z.ZodType; flag?: boolean; required?: boolean; contact?: 'name' | 'phone' };

export interface Catalog {
  path: string;
  table: 'sectors' | 'committees' | 'party_groups' | 'handling_units';
  entity: AuditEntityType;
  label: { zh: string; en: string };
  fields: Record<string, Field>;
  /** Whose contact data the `contact` fields of a row are. */
  contactOf?: (row: Record<string, unknown>) => ContactOf;
}

const name: Field = { column: 'name', schema: z.string().trim().min(1).max(60), required: true };
const sort: Field = { column: 'sort', schema: z.number().int().min(0).max(9999) };
const optionalText = (max: number) => z.string().trim().max(max).nullable();

export const catalogs: Catalog[] = [
  { path: 'sectors', table: 'sectors', entity: 'sector', label: { zh: '界别', en: 'sector' }, fields: { name, sort } },
  { path: 'committees', table: 'committees', entity: 'committee', label: { zh: '专门委员会', en: 'committee' }, fields: { name, sort } },
  {
    path: 'party-groups',
    table: 'party_groups',
    entity: 'party_group',
    label: { zh: '党派团体', en: 'party group' },
    fields: { name, kind: { column: 'kind', schema: partyGroupKind, required: true }, sort },
  },
  {
    path: 'handling-units',
    table: 'handling_units',
    entity: 'handling_unit',
    label: { zh: '承办单位', en: 'handling unit' },
    fields: {
      name,
      contactName: { column: 'contact_name', schema: optionalText(30), contact: 'name' },
      contactPhone: { column: 'contact_phone', schema: optionalText(30), contact: 'phone' },
      active: { column: 'active', schema: z.boolean(), flag: true },
      sort,
    },
    contactOf: (row) => ({ kind: 'unit', organizationId: row.organization_id as number, unitId: row.id as number }),
  },
];

export function schemas(c: Catalog) {
  const shape = Object.fromEntries(Object.entries(c.fields).map(([k, f]) => [k, f.schema]));
  const required = Object.fromEntries(Object.entries(c.fields).map(([k, f]) => [k, f.required ? f.schema : f.schema.optional()]));
  return {
    create: z.strictObject({ organizationId: recordId, ...required }),
    patch: z.strictObject(shape).partial(),
    out: z.object({ id: z.number(), organizationId: z.number(), ...shape }),
  };
}

type Entry = Record<string, unknown> & { id: number; organizationId: number };

/** A row as the caller sees it; without a caller (the audit log), in full. */
function present(c: Catalog, row: Record<string, unknown>, caller?: Ctx): Entry {
  const out: Entry = { id: row.id as number, organizationId: row.organization_id as number };
  const full = !caller || !c.contactOf || maySeeContact(caller, c.contactOf(row));
  for (const [key, f] of Object.entries(c.fields)) {
    const value = f.flag ? row[f.column] === 1 : row[f.column];
    out[key] = full || !f.contact || typeof value !== 'string' ? value : f.contact === 'phone' ? maskPhone(value) : maskName(value);
  }
  return out;
}

function toRow(c: Catalog, input: Record<string, unknown>) {
  const row: Record<string, unknown> = {};
  for (const [key, f] of Object.entries(c.fields)) if (input[key] !== undefined) row[f.column] = f.flag ? (input[key] ? 1 : 0) : input[key];
  return row;
}

export async function listCatalog(ctx: Ctx, c: Catalog, orgIds: number[]) {
  const rows = await ctx.db.selectFrom(c.table).selectAll().where('organization_id', 'in', orgIds).orderBy('organization_id').orderBy('sort').orderBy('id').execute();
  return rows.map((r) => present(c, r as Record<string, unknown>, ctx));
}

async function assertNameFree(trx: Trx, c: Catalog, organizationId: number, name: string, except?: number) {
  let query = trx.selectFrom(c.table).select('id').where('organization_id', '=', organizationId).where('name', '=', name);
  if (except) query = query.where('id', '!=', except);
  if (await query.executeTakeFirst())
    throw conflict({ zh: `该组织已有同名${c.label.zh}`, en: `The organization already has a ${c.label.en} of this name` });
}

export async function createCatalogEntry(ctx: Ctx, c: Catalog, input: Record<string, unknown> & { organizationId: number; name: string }) {
  if (!hasRoleAt(ctx, ctx.actor!, ['admin', 'staff'], input.organizationId)) throw forbidden();
  return ctx.db.transaction().execute(async (trx) => {
    await assertNameFree(trx, c, input.organizationId, input.name);
    const row = await trx
      .insertInto(c.table)
      .values({ sort: 0, ...toRow(c, input), organization_id: input.organizationId } as never)
      .returningAll()
      .executeTakeFirstOrThrow();
    const shown = present(c, row as Record<string, unknown>);
    await audit(trx, ctx, { action: 'create', entityType: c.entity, entityId: shown.id, organizationId: input.organizationId, after: shown });
    return present(c, row as Record<string, unknown>, ctx);
  });
}

export async function updateCatalogEntry(ctx: Ctx, c: Catalog, id: number, input: Record<string, unknown>) {
  return ctx.db.transaction().execute(async (trx) => {
    const row = (await trx.selectFrom(c.table).selectAll().where('id', '=', id).executeTakeFirst()) as Record<string, unknown> | undefined;
    const orgId = row?.organization_id as number;
    if (!row || !hasRoleAt(ctx, ctx.actor!, ['admin', 'staff', 'leader'], orgId)) throw notFound();
    if (!hasRoleAt(ctx, ctx.actor!, ['admin', 'staff'], orgId)) throw forbidden();
    if (typeof input.name === 'string') await assertNameFree(trx, c, orgId, input.name, id);
    const before = present(c, row);
    const set = toRow(c, input);
    if (Object.keys(set).length === 0) return present(c, row, ctx);
    const updated = await trx.updateTable(c.table).set(set as never).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    const after = present(c, updated as Record<string, unknown>);
    await audit(trx, ctx, { action: 'update', entityType: c.entity, entityId: id, organizationId: orgId, ...changes(before, after) });
    return present(c, updated as Record<string, unknown>, ctx);
  });
}
