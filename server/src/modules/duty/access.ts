// Who may read and change duty records. Deny by default: a member reads only their own record;
// the office and leaders read the members of their organization and of those below it; units and
// residents read nothing.
import { hasRoleAt, type Ctx } from '../../platform/context.js';
import { forbidden } from '../../platform/errors.js';

export const READERS = ['admin', 'staff', 'leader'] as const;
export const EDITORS = ['admin', 'staff'] as const;

export function requireReader(ctx: Ctx, organizationId: number) {
  if (!hasRoleAt(ctx, ctx.actor!, READERS, organizationId))
    throw forbidden({ zh: '无权查看该政协组织的委员履职情况', en: 'You may not read the duty records of this organization' });
}

export function requireEditor(ctx: Ctx, organizationId: number) {
  if (!hasRoleAt(ctx, ctx.actor!, EDITORS, organizationId))
    throw forbidden({ zh: '只有该政协组织的管理员或机关工作人员可以修改履职积分', en: 'Only the admins and staff of this organization change duty points' });
}

export function requireMember(ctx: Ctx): number {
  const memberId = ctx.actor!.memberId;
  if (memberId === null) throw forbidden({ zh: '只有委员有本人的履职记录', en: 'Only members have a duty record of their own' });
  return memberId;
}
