import { z } from 'zod';
import { usernameSchema } from '../accounts/service.js';

const date = z.iso.date({ error: '日期格式应为 YYYY-MM-DD|Dates are written YYYY-MM-DD' });
const number = z.number().int().min(1).max(99);
export const setupLevel = z.enum(['province', 'city', 'county']);
const divisionCode = z.string().regex(/^[0-9]{6}$/, '请选择行政区划|Choose a division');

/** What set-up creates, as the page sends it and admin:create passes it. */
export const setupInput = z.strictObject({
  username: usernameSchema,
  displayName: z.string().trim().min(1).max(50),
  password: z.string().min(1).max(128),
  level: setupLevel,
  divisionCode,
  /** The organization's name; proposed from the division when left out. */
  name: z.string().trim().min(1).max(50).optional(),
  termNumber: number,
  termStartsOn: date,
  sessions: z.array(z.strictObject({ number, opensOn: date })).min(1, '至少填写第一次会议|Give at least the first session').max(10),
});
export type SetupInput = z.infer<typeof setupInput>;

export const setupBody = setupInput.extend({ token: z.string().min(1, '缺少设置链接中的令牌|The set-up link token is missing').max(200) });

export const statusQuery = z.strictObject({ token: z.string().max(200).optional() });
export const statusOut = z.object({
  open: z.boolean(),
  /** Only when a token was given: whether it can still be used, and if not why. */
  token: z.enum(['valid', 'expired', 'used', 'unknown']).optional(),
});

/** No parent: the provinces. */
export const divisionQuery = z.strictObject({ parent: divisionCode.optional() });
export const divisionOut = z.object({ code: z.string(), name: z.string(), level: z.string(), parentCode: z.string().nullable(), proposedName: z.string() });

export const setupOut = z.object({ organizationId: z.number(), userId: z.number(), countyOrganizations: z.number(), csrfToken: z.string() });
