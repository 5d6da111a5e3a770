// The people who act in the demo year, each with an account of their own: every serving city
// member, each handling unit, each party group's collective account, the chair's leaders and the
// office. Their acts go through the modules' commands with a context of that account, so audit
// entries and timelines name them, and abilities are computed from who they are.
import type { Actor, Ctx, Services } from '../platform/context.js';
import type { EventBus } from '../platform/events.js';
import type { Role } from '../platform/db/types.js';
import { insertUser } from '../modules/accounts/service.js';
import { linkCollectiveAccount } from '../modules/proposals/settings.js';
import { personName } from './names.js';
import type { Rng } from './random.js';

export interface Person {
  userId: number;
  ctx: Ctx;
}
export interface Cast {
  admin: Ctx;
  staff: Ctx;
  /** Serving members of the city with their accounts, the demo member's first. */
  members: { id: number; name: string; sectorId: number; committeeIds: number[]; ctx: Ctx }[];
  member: (id: number) => Ctx;
  units: Map<number, { name: string; ctx: Ctx }>;
  unitByName: (name: string) => number | undefined;
  groups: { id: number; name: string; ctx: Ctx }[];
  leaders: { userId: number; ctx: Ctx }[];
}

/**
 * Events of the seed's acts are not published: no process serves pages yet, and a nudge per act
 * would have the outbox worker drain beside the seed. load.ts nudges once at the end.
 */
function quiet(bus: EventBus): EventBus {
  return { publish: async () => {}, subscribe: (t, h) => bus.subscribe(t, h), onReconnected: (h) => bus.onReconnected(h), state: () => bus.state(), close: async () => {} };
}

async function actorOf(services: Services, userId: number): Promise<Actor> {
  const u = await services.db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow();
  const roles = await services.db.selectFrom('user_roles').select(['role', 'organization_id']).where('user_id', '=', userId).execute();
  return {
    userId, username: u.username, displayName: u.display_name, organizationId: u.organization_id, roles: roles.map((r) => ({ role: r.role, organizationId: r.organization_id })),
    memberId: u.member_id, handlingUnitId: u.handling_unit_id, department: u.department, sessionId: 'seed', csrfToken: '', mustChangePassword: false,
  };
}

export async function castOf(services: Services, city: number, passwordHash: string, rng: Rng): Promise<Cast> {
  const s: Services = { ...services, bus: quiet(services.bus) };
  const { db } = s;
  const demo = await db.selectFrom('users').select(['id', 'username', 'member_id', 'handling_unit_id']).where('organization_id', '=', city).execute();
  const byName = (n: string) => demo.find((u) => u.username === n)!;
  // New accounts' actors are known without reading them back.
  const known = new Map<number, Actor>();
  const add = async (username: string, displayName: string, roles: Role[], extra: { memberId?: number; handlingUnitId?: number } = {}) => {
    const userId = await insertUser(db, { username, displayName, passwordHash, organizationId: city, roles, ...extra });
    known.set(userId, {
      userId, username, displayName, organizationId: city, roles: roles.map((role) => ({ role, organizationId: city })), memberId: extra.memberId ?? null,
      handlingUnitId: extra.handlingUnitId ?? null, department: null, sessionId: 'seed', csrfToken: '', mustChangePassword: false,
    });
    return userId;
  };

  // Members: the demo member keeps the account the README documents; the others get m<id>.
  const rows = await db.selectFrom('members').select(['id', 'name', 'sector_id']).where('organization_id', '=', city).where('status', '=', 'active').orderBy('id').execute();
  const committees = await db.selectFrom('member_committees').select(['member_id', 'committee_id']).execute();
  const ctxOf = async (userId: number): Promise<Ctx> => ({ ...s, actor: known.get(userId) ?? (await actorOf(s, userId)), ip: null });
  const own = byName('member');
  const members: Cast['members'] = [];
  const memberCtx = new Map<number, Ctx>();
  for (const m of rows) {
    const userId = m.id === own.member_id ? own.id : await add(`m${m.id}`, m.name, ['member'], { memberId: m.id });
    const ctx = await ctxOf(userId);
    memberCtx.set(m.id, ctx);
    const entry = { id: m.id, name: m.name, sectorId: m.sector_id, committeeIds: committees.filter((c) => c.member_id === m.id).map((c) => c.committee_id), ctx };
    if (m.id === own.member_id) members.unshift(entry);
    else members.push(entry);
  }

  const units = new Map<number, { name: string; ctx: Ctx }>();
  const unitRows = await db.selectFrom('handling_units').select(['id', 'name']).where('organization_id', '=', city).where('active', '=', 1).orderBy('sort').execute();
  const ownUnit = byName('unit');
  for (const u of unitRows) {
    const userId = u.id === ownUnit.handling_unit_id ? ownUnit.id : await add(`unit${u.id}`, u.name, ['unit'], { handlingUnitId: u.id });
    units.set(u.id, { name: u.name, ctx: await ctxOf(userId) });
  }

  const admin = await ctxOf(byName('admin').id);
  // Each party group files its collective proposals from an account the admin links to it.
  const groups: Cast['groups'] = [];
  for (const g of await db.selectFrom('party_groups').select(['id', 'name']).where('organization_id', '=', city).orderBy('sort').execute()) {
    const userId = await add(`group${g.id}`, g.name, ['member']);
    await linkCollectiveAccount(admin, { userId, bodyKind: 'party_group', bodyId: g.id });
    groups.push({ id: g.id, name: g.name, ctx: await ctxOf(userId) });
  }

  // The chair (the demo leader), vice-chairs, and the city's party secretary and mayor, who sponsor key proposals.
  const leaders = [{ userId: byName('leader').id, ctx: await ctxOf(byName('leader').id) }];
  for (let i = 0; i < 6; i++) {
    const userId = await add(`leader${i + 2}`, personName(rng, rng() < 0.3 ? 'female' : 'male'), ['leader']);
    leaders.push({ userId, ctx: await ctxOf(userId) });
  }
  return {
    admin, staff: await ctxOf(byName('staff').id), members,
    member: (id) => memberCtx.get(id)!,
    units, unitByName: (name) => [...units].find(([, u]) => u.name === name)?.[0],
    groups, leaders,
  };
}
