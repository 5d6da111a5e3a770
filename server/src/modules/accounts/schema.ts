import { z } from 'zod';
import { queryRecordId, recordId } from '../../platform/ids.js';
import { pageQuery } from '../../platform/paging.js';
import { usernameSchema } from './service.js';

export { usernameSchema };

export const roleSchema = z.enum(['admin', 'staff', 'leader', 'member', 'unit', 'public']);

const passwordSchema = z.string().min(1).max(128);
const displayName = z.string().trim().min(1).max(50);
const id = recordId;

export const loginBody = z.strictObject({
  username: z.string().min(1).max(64),
  password: passwordSchema,
  // A solved proof-of-work challenge, once the server asked for one (challenge_required).
  challenge: z.string().max(1000).optional(),
  solution: z.string().max(20).optional(),
});

export const registerBody = z.strictObject({
  username: usernameSchema,
  password: passwordSchema,
  displayName,
  phone: z.string().regex(/^1[3-9][0-9]{9}$/, '手机号码格式不正确|Invalid mobile number').optional(),
  organizationId: id,
});

export const changePasswordBody = z.strictObject({ currentPassword: passwordSchema, newPassword: passwordSchema });

export const userOut = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.object({ role: roleSchema, organizationId: z.number() })),
  organization: z.object({ id: z.number(), name: z.string(), level: z.string() }),
  memberId: z.number().nullable(),
  handlingUnitId: z.number().nullable(),
  department: z.string().nullable(),
  mustChangePassword: z.boolean(),
});

export const loginOut = z.object({ user: userOut, csrfToken: z.string() });

export const accountOut = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  organizationId: z.number(),
  organizationName: z.string(),
  roles: z.array(roleSchema),
  status: z.enum(['active', 'disabled']),
  lockedUntil: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  memberId: z.number().nullable(),
  memberName: z.string().nullable(),
  handlingUnitId: z.number().nullable(),
  handlingUnitName: z.string().nullable(),
  department: z.string().nullable(),
  mustChangePassword: z.boolean(),
  createdAt: z.string(),
});

export const accountQuery = z.strictObject({
  q: z.string().max(50).optional(),
  role: roleSchema.optional(),
  organizationId: queryRecordId.optional(),
  status: z.enum(['active', 'disabled']).optional(),
  /** Only accounts locked now by repeated wrong passwords. */
  locked: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  ...pageQuery,
});

export const createAccountBody = z.strictObject({
  username: usernameSchema,
  displayName,
  password: passwordSchema,
  organizationId: id,
  roles: z.array(roleSchema).min(1).max(6),
  memberId: id.nullable().optional(),
  handlingUnitId: id.nullable().optional(),
  department: z.string().trim().max(100).nullable().optional(),
});

export const updateAccountBody = z.strictObject({
  displayName: displayName.optional(),
  roles: z.array(roleSchema).min(1).max(6).optional(),
  memberId: id.nullable().optional(),
  handlingUnitId: id.nullable().optional(),
  department: z.string().trim().max(100).nullable().optional(),
});

export const resetPasswordBody = z.strictObject({ password: passwordSchema });

export const idParams = z.strictObject({ id: queryRecordId });

const isoTime = z.iso.datetime({ offset: true }).or(z.iso.date());

export const auditQuery = z.strictObject({
  actorId: queryRecordId.optional(),
  action: z.string().max(40).optional(),
  entityType: z.string().max(40).optional(),
  entityId: z.string().max(40).optional(),
  from: isoTime.optional(),
  to: isoTime.optional(),
  ...pageQuery,
});

export const auditOut = z.object({
  id: z.number(),
  at: z.string(),
  actorId: z.number().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  /** What the record is called (a proposal's number and title, a member's name), where it still exists. */
  subject: z.object({ name: z.string(), name_en: z.string().nullable() }).nullable(),
  organizationId: z.number().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  ip: z.string().nullable(),
});
