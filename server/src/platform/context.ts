// Who is acting, and the database they act through. Commands take a Ctx first.
import type { Kysely, Transaction } from 'kysely';
import type { Database, Role } from './db/types.js';
import type { Dialect } from './db/dialect.js';
import type { OpenCases } from './open-cases.js';
import type { EventBus } from './events.js';
import type { SessionCache } from './auth/sessions.js';

export interface Actor {
  userId: number;
  username: string;
  displayName: string;
  organizationId: number;
  roles: { role: Role; organizationId: number }[];
  memberId: number | null;
  handlingUnitId: number | null;
  department: string | null;
  sessionId: string;
  csrfToken: string;
  /** Signed in with an initial password: only changing it and signing out are allowed. */
  mustChangePassword: boolean;
}

export interface Services {
  db: Kysely<Database>;
  dialect: Dialect;
  bus: EventBus;
  /** Organization tree: id → parent id, loaded once and refreshed when organizations change. */
  orgTree: OrgTree;
  sessions: SessionCache;
  /** Open cases of an organization across the modules. */
  openCases: OpenCases;
}

export interface Ctx extends Services {
  actor: Actor | null;
  ip: string | null;
}

export type Trx = Transaction<Database> | Kysely<Database>;

export class OrgTree {
  private parents = new Map<number, number | null>();
  load(rows: { id: number; parent_id: number | null }[]): void {
    this.parents = new Map(rows.map((r) => [r.id, r.parent_id]));
  }
  entries(): { id: number; parent_id: number | null }[] {
    return [...this.parents].map(([id, parent_id]) => ({ id, parent_id }));
  }
  /** True when org is ancestor itself or below it. */
  within(org: number, ancestor: number): boolean {
    for (let at: number | null | undefined = org; at != null; at = this.parents.get(at)) if (at === ancestor) return true;
    return false;
  }
  /** An organization and every organization below it. */
  subtree(root: number): number[] {
    return [...this.parents.keys()].filter((id) => this.within(id, root));
  }
}

/** The organizations whose records the actor may see: those of their roles and everything below. */
export function visibleOrgs(ctx: Services, actor: Actor): number[] {
  const roots = new Set(actor.roles.map((r) => r.organizationId));
  return [...new Set([...roots].flatMap((r) => ctx.orgTree.subtree(r)))];
}

/** Whether the actor may see this organization's records: visibleOrgs' rule for one organization, without listing them all. */
export function seesOrg(ctx: Pick<Services, 'orgTree'>, actor: Actor, organizationId: number): boolean {
  return actor.roles.some((r) => ctx.orgTree.within(organizationId, r.organizationId));
}

/** Whether the actor holds one of these roles at the organization or at one above it. */
export function hasRoleAt(ctx: Pick<Services, 'orgTree'>, actor: Actor, roles: readonly Role[], organizationId: number): boolean {
  return actor.roles.some((r) => roles.includes(r.role) && ctx.orgTree.within(organizationId, r.organizationId));
}

export function hasRole(actor: Actor | null, roles: readonly Role[]): boolean {
  return !!actor && actor.roles.some((r) => roles.includes(r.role));
}

export async function loadOrgTree(services: Services): Promise<void> {
  services.orgTree.load(await services.db.selectFrom('organizations').select(['id', 'parent_id']).execute());
}
