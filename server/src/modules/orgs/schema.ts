import { z } from 'zod';
import { queryRecordId, recordId } from '../../platform/ids.js';
import { pageQuery } from '../../platform/paging.js';

const id = recordId;
const queryId = queryRecordId;
const text = (max: number) => z.string().trim().min(1).max(max);
const date = z.iso.date({ error: '日期格式应为 YYYY-MM-DD|Dates are written YYYY-MM-DD' });
export const phoneSchema = z.string().regex(/^1[3-9][0-9]{9}$/, '手机号码应为 11 位数字|A mobile number has 11 digits starting with 1');
const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

export const orgLevel = z.enum(['national', 'province', 'city', 'county']);
export const placeKind = z.enum(['hall', 'station', 'studio', 'lounge', 'contact_point']);
export const partyGroupKind = z.enum(['democratic_party', 'federation', 'non_party', 'other']);

export const idParams = z.strictObject({ id: queryId });
export const orgFilter = z.strictObject({ organizationId: queryId.optional() });

export const organizationOut = z.object({ id: z.number(), name: z.string(), level: orgLevel, parentId: z.number().nullable(), divisionCode: z.string().nullable(), retiredAt: z.string().nullable() });
export const organizationQuery = z.strictObject({ includeRetired: flag.optional() });
export const organizationIn = z.strictObject({ name: text(50), level: orgLevel, parentId: id.nullable(), divisionCode: z.string().regex(/^[0-9]{6}$/).nullable().optional() });
export const organizationPatch = z.strictObject({ name: text(50).optional(), divisionCode: z.string().regex(/^[0-9]{6}$/).nullable().optional() });

export const divisionQuery = z.strictObject({ parent: z.string().regex(/^[0-9]{2,12}$/, '区划代码无效|Invalid division code') });
export const divisionOut = z.object({ code: z.string(), name: z.string(), level: z.string(), parentCode: z.string().nullable() });

export const termOut = z.object({
  id: z.number(),
  organizationId: z.number(),
  number: z.number(),
  name: z.string(),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  current: z.boolean(),
  closedAt: z.string().nullable(),
  sessions: z.array(z.object({ id: z.number(), number: z.number(), name: z.string(), opensOn: z.string(), closedAt: z.string().nullable() })),
});
const ordinal = z.number().int().min(1).max(99);
export const termIn = z.strictObject({ organizationId: id, number: ordinal, startsOn: date, endsOn: date.nullable().optional(), current: z.boolean().optional() });
export const termPatch = z.strictObject({ number: ordinal.optional(), startsOn: date.optional(), endsOn: date.nullable().optional() });
export const sessionIn = z.strictObject({ termId: id, number: ordinal.optional(), opensOn: date });
export const sessionPatch = z.strictObject({ number: ordinal.optional(), opensOn: date.optional() });

const memberFields = {
  organizationId: id,
  termId: id,
  name: text(30),
  gender: z.enum(['male', 'female']),
  birthYear: z.number().int().min(1900).max(2010),
  ethnicity: text(20),
  politicalAffiliation: text(30),
  sectorId: id,
  committeeIds: z.array(id).max(10).default([]),
  workplace: text(100),
  title: z.string().trim().max(50).default(''),
  phone: phoneSchema.nullable().optional(),
  standing: z.boolean().default(false),
};
export const memberIn = z.strictObject(memberFields);
const { organizationId: _org, ...editable } = memberFields;
export const memberPatch = z.strictObject({
  ...editable,
  committeeIds: editable.committeeIds.removeDefault(),
  title: editable.title.removeDefault(),
  standing: editable.standing.removeDefault(),
}).partial();
export const retireBody = z.strictObject({ exitedOn: date, reason: text(200) });

export const memberQuery = z.strictObject({
  q: z.string().trim().max(50).optional(),
  organizationId: queryId.optional(),
  termId: queryId.optional(),
  sectorId: queryId.optional(),
  committeeId: queryId.optional(),
  status: z.enum(['active', 'exited']).optional(),
  gender: z.enum(['male', 'female']).optional(),
  standing: flag.optional(),
  ...pageQuery,
});
export const memberExportQuery = memberQuery.omit({ cursor: true, limit: true });

export const memberOut = z.object({
  id: z.number(),
  organizationId: z.number(),
  organizationName: z.string(),
  termId: z.number(),
  name: z.string(),
  gender: z.enum(['male', 'female']),
  birthYear: z.number(),
  ethnicity: z.string(),
  politicalAffiliation: z.string(),
  sectorId: z.number(),
  sectorName: z.string(),
  committeeIds: z.array(z.number()),
  committeeNames: z.array(z.string()),
  workplace: z.string(),
  title: z.string(),
  phone: z.string().nullable(),
  standing: z.boolean(),
  status: z.enum(['active', 'exited']),
  exitedOn: z.string().nullable(),
  exitReason: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const importQuery = z.strictObject({
  organizationId: queryId,
  termId: queryId,
  commit: flag.default(false),
  skipInvalid: flag.default(false),
  /** Also create an account for each imported member, with an initial password. */
  accounts: flag.default(false),
});
export const unitImportQuery = z.strictObject({ organizationId: queryId, commit: flag.default(false), skipInvalid: flag.default(false), accounts: flag.default(false) });

export const placeIn = z.strictObject({
  organizationId: id,
  kind: placeKind,
  name: text(100),
  divisionCode: z.string().regex(/^[0-9]{9,12}$/, '请选择乡镇街道或村社区|Choose a town or a village'),
  address: z.string().trim().max(200).nullable().optional(),
  memberId: id.nullable().optional(),
  stars: z.number().int().min(1).max(5).nullable().optional(),
  active: z.boolean().default(true),
});
export const placePatch = placeIn.omit({ organizationId: true, kind: true }).extend({ active: z.boolean() }).partial();
export const placeQuery = z.strictObject({
  kind: placeKind.optional(),
  organizationId: queryId.optional(),
  q: z.string().trim().max(50).optional(),
  ...pageQuery,
});
export const placeOut = z.object({
  id: z.number(),
  organizationId: z.number(),
  organizationName: z.string(),
  kind: placeKind,
  name: z.string(),
  divisionCode: z.string(),
  divisionName: z.string(),
  townName: z.string().nullable(),
  address: z.string().nullable(),
  memberId: z.number().nullable(),
  memberName: z.string().nullable(),
  stars: z.number().nullable(),
  active: z.boolean(),
});

/** What any member may see of another: enough to name a co-signer or co-reporter, nothing personal. */
export const memberLookupQuery = z.strictObject({ q: z.string().trim().max(50).optional(), organizationId: queryId.optional() });
export const memberLookupOut = z.object({
  items: z.array(z.object({ id: z.number(), name: z.string(), sectorName: z.string(), organizationId: z.number(), organizationName: z.string() })),
});
