// Use cases of organizations and people: create, edit and retire members; places; organizations.
// Each checks who may act, changes and audits in one transaction, and keeps the search index in step.
import type { z } from 'zod';
import { audit, changes } from '../../platform/audit.js';
import { forbidden, invalid, notFound } from '../../platform/errors.js';
import { hasRoleAt, visibleOrgs, type Ctx, type Trx } from '../../platform/context.js';
import { indexDocuments } from '../../platform/search.js';
import { maySeeContact } from '../../platform/privacy.js';
import { notAfterToday, notBefore } from '../../platform/dates.js';
import type * as s from './schema.js';
import { divisionPrefix, findMember, findPlace, type Member } from './queries.js';

const now = () => new Date().toISOString();

export function requireOfficeAt(ctx: Ctx, organizationId: number) {
  if (!hasRoleAt(ctx, ctx.actor!, ['admin', 'staff'], organizationId))
    throw forbidden({ zh: '无权修改该组织的数据', en: 'You may not change records of this organization' });
}

/** Who sees a member's phone in full: platform/privacy.ts decides (the office and the member). */
export const phoneVisibleTo = (ctx: Ctx) => (organizationId: number, memberId: number) => maySeeContact(ctx, { kind: 'member', organizationId, memberId });

export function indexMember(trx: Trx, members: { id: number; name: string; workplace: string; title: string }[]) {
  return indexDocuments(trx, members.map((m) => ({ entityType: 'member', entityId: m.id, fields: [m.name, m.workplace, m.title] })));
}

type MemberRefs = { termId?: number; sectorId?: number; committeeIds?: number[]; phone?: string | null };

/** The rules a member's references must keep, for create, edit and import alike. */
export async function checkMemberRefs(trx: Trx, organizationId: number, input: MemberRefs, exceptMemberId?: number) {
  if (input.termId !== undefined) {
    const term = await trx.selectFrom('terms').select('id').where('id', '=', input.termId).where('organization_id', '=', organizationId).executeTakeFirst();
    if (!term) throw invalid('body.termId', { zh: '届次不属于该组织', en: 'This term does not belong to the organization' });
  }
  if (input.sectorId !== undefined) {
    const sector = await trx.selectFrom('sectors').select('id').where('id', '=', input.sectorId).where('organization_id', '=', organizationId).executeTakeFirst();
    if (!sector) throw invalid('body.sectorId', { zh: '界别不属于该组织', en: 'This sector does not belong to the organization' });
  }
  if (input.committeeIds?.length) {
    const found = await trx.selectFrom('committees').select('id').where('id', 'in', input.committeeIds).where('organization_id', '=', organizationId).execute();
    if (found.length !== new Set(input.committeeIds).size)
      throw invalid('body.committeeIds', { zh: '专门委员会不属于该组织', en: 'A committee does not belong to the organization' });
  }
  if (input.phone) {
    let q = trx.selectFrom('members').select('id').where('organization_id', '=', organizationId).where('phone', '=', input.phone);
    if (exceptMemberId) q = q.where('id', '!=', exceptMemberId);
    if (await q.executeTakeFirst()) throw invalid('body.phone', { zh: '该手机号码已属于本组织的另一位委员', en: 'Another member of this organization has this phone number' }, 'taken');
  }
}

export async function insertMembers(trx: Trx, organizationId: number, rows: z.infer<typeof s.memberIn>[]) {
  const at = now();
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += 100) {
    const chunk = rows.slice(i, i + 100);
    const inserted = await trx
      .insertInto('members')
      .values(
        chunk.map((m) => ({
          organization_id: organizationId,
          term_id: m.termId,
          name: m.name,
          gender: m.gender,
          birth_year: m.birthYear,
          ethnicity: m.ethnicity,
          political_affiliation: m.politicalAffiliation,
          sector_id: m.sectorId,
          workplace: m.workplace,
          title: m.title,
          phone: m.phone ?? null,
          standing: m.standing ? 1 : 0,
          status: 'active' as const,
          created_at: at,
          updated_at: at,
        })),
      )
      .returning(['id', 'organization_id', 'name', 'workplace', 'title'])
      .execute();
    const links = inserted.flatMap((row, k) => [...new Set(chunk[k]!.committeeIds)].map((committee_id) => ({ member_id: row.id, committee_id })));
    if (links.length) await trx.insertInto('member_committees').values(links).execute();
    await indexMember(trx, inserted);
    ids.push(...inserted.map((r) => r.id));
  }
  return ids;
}

/** What the audit log keeps of a member: the record as staff see it, phone in full. */
const auditView = (m: Member) => {
  const { createdAt: _c, updatedAt: _u, organizationName: _o, ...rest } = m;
  return rest;
};

export async function createMember(ctx: Ctx, input: z.infer<typeof s.memberIn>) {
  requireOfficeAt(ctx, input.organizationId);
  const id = await ctx.db.transaction().execute(async (trx) => {
    await checkMemberRefs(trx, input.organizationId, input);
    const [id] = await insertMembers(trx, input.organizationId, [input]);
    const created = (await findMember(trx, id!, () => true))!;
    await audit(trx, ctx, { action: 'create', entityType: 'member', entityId: id, organizationId: input.organizationId, after: auditView(created) });
    return id!;
  });
  return (await findMember(ctx.db, id, phoneVisibleTo(ctx)))!;
}

async function loadForChange(ctx: Ctx, trx: Trx, id: number) {
  const member = await findMember(trx, id, () => true);
  if (!member || !visibleOrgs(ctx, ctx.actor!).includes(member.organizationId)) throw notFound({ zh: '委员不存在', en: 'No such member' });
  requireOfficeAt(ctx, member.organizationId);
  return member;
}

export async function updateMember(ctx: Ctx, id: number, input: z.infer<typeof s.memberPatch>) {
  await ctx.db.transaction().execute(async (trx) => {
    const before = await loadForChange(ctx, trx, id);
    await checkMemberRefs(trx, before.organizationId, input, id);
    const set = {
      ...(input.termId !== undefined && { term_id: input.termId }),
      ...(input.name !== undefined && { name: input.name }),
      ...(input.gender !== undefined && { gender: input.gender }),
      ...(input.birthYear !== undefined && { birth_year: input.birthYear }),
      ...(input.ethnicity !== undefined && { ethnicity: input.ethnicity }),
      ...(input.politicalAffiliation !== undefined && { political_affiliation: input.politicalAffiliation }),
      ...(input.sectorId !== undefined && { sector_id: input.sectorId }),
      ...(input.workplace !== undefined && { workplace: input.workplace }),
      ...(input.title !== undefined && { title: input.title }),
      ...(input.phone !== undefined && { phone: input.phone }),
      ...(input.standing !== undefined && { standing: input.standing ? 1 : 0 }),
    };
    await trx.updateTable('members').set({ ...set, updated_at: now() }).where('id', '=', id).execute();
    if (input.committeeIds) {
      await trx.deleteFrom('member_committees').where('member_id', '=', id).execute();
      const links = [...new Set(input.committeeIds)].map((committee_id) => ({ member_id: id, committee_id }));
      if (links.length) await trx.insertInto('member_committees').values(links).execute();
    }
    const after = (await findMember(trx, id, () => true))!;
    await indexMember(trx, [{ id, name: after.name, workplace: after.workplace, title: after.title }]);
    const diff = changes(auditView(before), auditView(after));
    if (Object.keys(diff.after).length) await audit(trx, ctx, { action: 'update', entityType: 'member', entityId: id, organizationId: after.organizationId, ...diff });
  });
  return (await findMember(ctx.db, id, phoneVisibleTo(ctx)))!;
}

export async function retireMember(ctx: Ctx, id: number, input: z.infer<typeof s.retireBody>) {
  await ctx.db.transaction().execute((trx) => retireMemberIn(ctx, trx, id, input));
  return (await findMember(ctx.db, id, phoneVisibleTo(ctx)))!;
}

/** A member's exit inside the caller's transaction: the duty module's exit decision retires through this. */
export async function retireMemberIn(ctx: Ctx, trx: Trx, id: number, input: z.infer<typeof s.retireBody>) {
  const before = await loadForChange(ctx, trx, id);
  if (before.status === 'exited') throw invalid('body', { zh: '该委员已退出', en: 'This member has already exited' }, 'already_exited');
  notAfterToday('body.exitedOn', input.exitedOn);
  const term = await trx.selectFrom('terms').select('starts_on').where('id', '=', before.termId).executeTakeFirst();
  notBefore('body.exitedOn', input.exitedOn, term?.starts_on, { zh: '其所在届次的开始日期', en: "the start of the member's term" });
  await trx.updateTable('members').set({ status: 'exited', exited_on: input.exitedOn, exit_reason: input.reason, updated_at: now() }).where('id', '=', id).execute();
  await audit(trx, ctx, {
    action: 'retire',
    entityType: 'member',
    entityId: id,
    organizationId: before.organizationId,
    before: { status: before.status, exitedOn: null, exitReason: null },
    after: { status: 'exited', exitedOn: input.exitedOn, exitReason: input.reason },
  });
}

async function checkPlace(trx: Trx, organizationId: number, input: { kind?: string; divisionCode?: string; memberId?: number | null; stars?: number | null }) {
  if (input.divisionCode !== undefined) {
    const [org, division] = await Promise.all([
      trx.selectFrom('organizations').select('division_code').where('id', '=', organizationId).executeTakeFirst(),
      trx.selectFrom('divisions').select(['code', 'level']).where('code', '=', input.divisionCode).executeTakeFirst(),
    ]);
    const inside = !!division && !!org?.division_code && division.code.startsWith(divisionPrefix(org.division_code));
    if (!division || (division.level !== 'town' && division.level !== 'village') || !inside)
      throw invalid('body.divisionCode', { zh: '请选择本组织辖区内的乡镇街道或村社区', en: "Choose a town or village in the organization's area" });
  }
  if (input.memberId) {
    const member = await trx.selectFrom('members').select('organization_id').where('id', '=', input.memberId).executeTakeFirst();
    if (!member) throw invalid('body.memberId', { zh: '委员不存在', en: 'No such member' });
  }
  if (input.stars != null && input.kind !== 'lounge') throw invalid('body.stars', { zh: '只有委员会客厅评定星级', en: 'Only lounges are rated by stars' });
}

export async function createPlace(ctx: Ctx, input: z.infer<typeof s.placeIn>) {
  requireOfficeAt(ctx, input.organizationId);
  const id = await ctx.db.transaction().execute(async (trx) => {
    await checkPlace(trx, input.organizationId, input);
    const row = await trx
      .insertInto('places')
      .values({
        organization_id: input.organizationId,
        kind: input.kind,
        name: input.name,
        division_code: input.divisionCode,
        address: input.address ?? null,
        member_id: input.memberId ?? null,
        stars: input.stars ?? null,
        active: input.active ? 1 : 0,
        created_at: now(),
        updated_at: now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, ctx, { action: 'create', entityType: 'place', entityId: row.id, organizationId: input.organizationId, after: input });
    return row.id;
  });
  return (await findPlace(ctx.db, visibleOrgs(ctx, ctx.actor!), id))!;
}

export async function updatePlace(ctx: Ctx, id: number, input: z.infer<typeof s.placePatch>) {
  const orgIds = visibleOrgs(ctx, ctx.actor!);
  await ctx.db.transaction().execute(async (trx) => {
    const before = await findPlace(trx, orgIds, id);
    if (!before) throw notFound({ zh: '场所不存在', en: 'No such place' });
    requireOfficeAt(ctx, before.organizationId);
    await checkPlace(trx, before.organizationId, { ...input, kind: before.kind });
    await trx
      .updateTable('places')
      .set({
        ...(input.name !== undefined && { name: input.name }),
        ...(input.divisionCode !== undefined && { division_code: input.divisionCode }),
        ...(input.address !== undefined && { address: input.address }),
        ...(input.memberId !== undefined && { member_id: input.memberId }),
        ...(input.stars !== undefined && { stars: input.stars }),
        ...(input.active !== undefined && { active: input.active ? 1 : 0 }),
        updated_at: now(),
      })
      .where('id', '=', id)
      .execute();
    const after = (await findPlace(trx, orgIds, id))!;
    await audit(trx, ctx, { action: 'update', entityType: 'place', entityId: id, organizationId: before.organizationId, ...changes(before, after) });
  });
  return (await findPlace(ctx.db, orgIds, id))!;
}
