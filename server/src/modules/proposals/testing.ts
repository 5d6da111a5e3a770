// Test data for the proposals tests: members with accounts, units with accounts, a category tree
// and reject reasons, and proposals brought to a given state through the real routes.
import assert from 'node:assert/strict';
import { hostile, type Agent, type TestServer } from '../../test/harness.js';
import { anAccount, aUnit, insertMember, type MemberProfile } from '../../test/people.js';


const PROFILE: MemberProfile = { gender: 'male', birthYear: 1968, affiliation: '中国民主同盟', sector: '经济界', workplace: `嘉兴某研究院${hostile}`, title: '研究员' };

export const aMember = (t: TestServer, name: string, organizationId = t.fixture.city) => insertMember(t, name, organizationId, PROFILE);
export { anAccount, aUnit };

export async function count(t: TestServer, table: 'proposals' | 'proposal_assignments' | 'proposal_replies' | 'proposal_cosigners' | 'opinions' | 'proposal_categories') {
  return Number((await t.services.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
}

export const draft = (categoryId: number, over: Record<string, unknown> = {}) => ({
  kind: 'individual',
  title: `关于加快推进城乡公交一体化的建议${hostile}`,
  reasons: '当前我市城乡公交线路覆盖不均衡，部分偏远村镇班次少、间隔长，群众出行不便，公交场站等基础设施建设滞后。',
  suggestions: '一、优化线路布局，增加偏远村镇班次；二、加快公交场站建设；三、推广需求响应式公交服务。',
  categoryId,
  ...over,
});

/** A draft written and filed by `author`; returns its id. */
export async function filed(author: Agent, categoryId: number, over: Record<string, unknown> = {}) {
  const made = await author.post('/api/proposals', draft(categoryId, over));
  assert.equal(made.statusCode, 201, made.body);
  const res = await author.post(`/api/proposals/${made.data.id}/file`, {});
  assert.equal(res.statusCode, 200, res.body);
  return made.data.id as number;
}

export async function accepted(author: Agent, staff: Agent, categoryId: number, over: Record<string, unknown> = {}) {
  const id = await filed(author, categoryId, over);
  const res = await staff.post(`/api/proposals/${id}/accept`, {});
  assert.equal(res.statusCode, 200, res.body);
  return id;
}
