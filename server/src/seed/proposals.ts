// Demo proposals of the demo city: a category tree, reject reasons, and a few dozen proposals in
// every state (drafts, co-signing, review, accepted, rejected, merged, in handling, replied,
// closed), so that every page and workbench has something to show. Written as the commands would
// write them, with their numbers, search text and timeline entries.
import type { Transaction } from 'kysely';
import type { AssignmentRole, Database, ProposalKind, ProposalState } from '../platform/db/types.js';
import { indexDocuments } from '../platform/search.js';
import { addDays, chinaDate, chinaYear } from '../platform/time.js';
import { nextNumber } from '../modules/proposals/numbering.js';
import type { AuditAction } from '../platform/audit.js';

const tree: [string, string[]][] = [
  ['经济建设', ['产业发展', '科技创新', '营商环境', '乡村振兴']],
  ['政治建设', ['法治建设', '基层治理']],
  ['文化建设', ['文化事业', '文旅融合']],
  ['社会建设', ['教育', '医疗卫生', '养老服务', '就业社保']],
  ['生态文明建设', ['环境保护', '城乡建设']],
];

const rejectReasons = ['不属于政协提案受理范围', '属于个人诉求或具体案件', '内容空泛，缺少具体建议', '涉及党和国家秘密', '已有明确政策规定或正在实施'];

// title, category, reasons, suggestions, units (lead first)
const topics: [string, string, string, string, string[]][] = [
  ['关于加快推进城乡公交一体化的建议', '城乡建设', '我市城乡公交线路覆盖不均衡，部分偏远村镇班次少、间隔长，群众出行不便。', '一、优化线路布局，加密偏远村镇班次；二、推广需求响应式公交；三、加快农村公交场站建设。', ['市交通运输局', '市财政局']],
  ['关于完善社区居家养老服务体系的建议', '养老服务', '人口老龄化加快，社区助餐、助浴、助医服务覆盖面窄，专业护理人员不足。', '一、扩大社区老年食堂覆盖；二、培育专业养老服务机构；三、完善护理人员培训和激励机制。', ['市民政局', '市卫生健康委员会']],
  ['关于优化营商环境、减轻中小企业负担的建议', '营商环境', '部分中小企业反映涉企检查多、融资难、惠企政策兑现慢。', '一、推行“综合查一次”；二、扩大政府性融资担保覆盖；三、惠企政策“免申即享”。', ['市发展和改革委员会', '市市场监督管理局']],
  ['关于加强中小学校园周边交通安全管理的建议', '教育', '上下学高峰期校园周边交通拥堵，接送车辆乱停乱放，学生安全隐患突出。', '一、设置限时停车区；二、高峰期增派警力疏导；三、建设学生安全接送通道。', ['市公安局', '市教育局']],
  ['关于推进数字乡村建设的建议', '乡村振兴', '农村数字基础设施薄弱，农产品电商、数字治理应用不足。', '一、推进农村千兆网络覆盖；二、培育农村电商带头人；三、推广村级数字治理平台。', ['市农业农村局', '市数据资源管理局']],
  ['关于加强运河文化遗产保护利用的建议', '文化事业', '大运河沿线文化遗产保护投入分散，展示利用方式单一。', '一、编制沿线遗产保护利用规划；二、建设运河文化展示馆；三、开发运河文化研学线路。', ['市文化广电旅游局', '市自然资源和规划局']],
  ['关于提升基层医疗卫生服务能力的建议', '医疗卫生', '乡镇卫生院人才流失严重，设备老化，群众看病仍往城里跑。', '一、落实基层医务人员待遇保障；二、推进医共体人才下沉；三、更新基层诊疗设备。', ['市卫生健康委员会', '市医疗保障局']],
  ['关于加强农村生活污水治理设施运维的建议', '环境保护', '部分农村污水处理设施建而不用、运维经费不足，出水水质不达标。', '一、建立长效运维机制；二、落实运维经费；三、引入第三方专业运维。', ['市生态环境局', '市住房和城乡建设局']],
  ['关于促进高校毕业生留嘉就业创业的建议', '就业社保', '本地高校毕业生留嘉比例不高，人才公寓、就业见习岗位供给不足。', '一、扩大人才公寓供给；二、增设就业见习基地；三、完善创业担保贷款政策。', ['市人力资源和社会保障局']],
  ['关于推动科技成果就地转化的建议', '科技创新', '高校院所科技成果在本地转化率偏低，中试平台和专业技术经理人缺乏。', '一、建设公共中试平台；二、培育技术经理人队伍；三、设立成果转化引导基金。', ['市科学技术局', '市经济和信息化局']],
  ['关于完善城市社区网格化治理的建议', '基层治理', '社区网格员任务繁重、职责交叉，基层减负成效不明显。', '一、厘清网格事项清单；二、整合各类网格；三、提高网格员待遇保障。', ['市民政局', '市委组织部']],
  ['关于推进老旧小区加装电梯的建议', '城乡建设', '老旧小区老年人上下楼困难，加装电梯协调难、资金筹措难。', '一、简化审批流程；二、加大财政补助；三、建立居民协商议事机制。', ['市住房和城乡建设局', '市自然资源和规划局']],
  ['关于发展全域旅游、打造红色旅游品牌的建议', '文旅融合', '红色旅游资源串联不够，配套服务不完善，游客停留时间短。', '一、串联红色旅游精品线路；二、完善游客服务设施；三、加强文旅宣传推广。', ['市文化广电旅游局']],
  ['关于加强法治宣传进农村的建议', '法治建设', '农村群众法治意识仍较薄弱，法律服务资源不足。', '一、推进“一村一法律顾问”；二、开展以案释法；三、培育农村学法用法示范户。', ['市司法局']],
  ['关于支持制造业企业数字化改造的建议', '产业发展', '中小制造企业数字化改造成本高、人才缺，改造意愿不强。', '一、提供“诊断+改造”补助；二、培育数字化服务商；三、推广行业改造样板。', ['市经济和信息化局', '市财政局']],
  ['关于加强未成年人心理健康教育的建议', '教育', '学生心理问题呈低龄化趋势，学校心理教师配备不足。', '一、按标准配齐心理教师；二、建立家校医协同机制；三、开通心理援助热线。', ['市教育局', '市卫生健康委员会']],
  ['关于加快发展托育服务的建议', '养老服务', '婴幼儿托育服务供给不足、价格偏高，双职工家庭照护压力大。', '一、发展普惠托育机构；二、支持用人单位办托；三、加强托育人员培训。', ['市卫生健康委员会', '市教育局']],
  ['关于推进垃圾分类提质增效的建议', '环境保护', '部分小区垃圾分类准确率不高，末端处理能力不足。', '一、完善分类投放设施；二、加强督导考核；三、提升末端处理能力。', ['市综合行政执法局', '市生态环境局']],
];

// state, kind, at the demo member's account, unit handling mode
type Plan = { state: ProposalState; kind: ProposalKind; mine: boolean; mode?: 'led' | 'separate'; reply?: 'A' | 'B' | 'C'; overdue?: boolean; reassign?: boolean };
const plans: Plan[] = [
  { state: 'draft', kind: 'individual', mine: true },
  { state: 'draft', kind: 'joint', mine: true },
  { state: 'cosigning', kind: 'joint', mine: true },
  { state: 'submitted', kind: 'individual', mine: true },
  { state: 'submitted', kind: 'individual', mine: false },
  { state: 'submitted', kind: 'joint', mine: false },
  { state: 'submitted', kind: 'collective', mine: false },
  { state: 'submitted', kind: 'individual', mine: false },
  { state: 'accepted', kind: 'individual', mine: false },
  { state: 'accepted', kind: 'joint', mine: true },
  { state: 'accepted', kind: 'collective', mine: false },
  { state: 'rejected', kind: 'individual', mine: true },
  { state: 'rejected', kind: 'individual', mine: false },
  { state: 'merged', kind: 'individual', mine: false },
  { state: 'handling', kind: 'individual', mine: true, mode: 'led' },
  { state: 'handling', kind: 'joint', mine: false, mode: 'led' },
  { state: 'handling', kind: 'individual', mine: false, mode: 'separate' },
  { state: 'handling', kind: 'collective', mine: false, mode: 'led', overdue: true },
  { state: 'handling', kind: 'individual', mine: false, mode: 'led' },
  { state: 'handling', kind: 'joint', mine: false, mode: 'led' },
  { state: 'replied', kind: 'individual', mine: true, mode: 'led', reply: 'A' },
  { state: 'replied', kind: 'joint', mine: true, mode: 'separate', reply: 'B' },
  { state: 'closed', kind: 'individual', mine: true, mode: 'led', reply: 'A' },
  { state: 'closed', kind: 'individual', mine: false, mode: 'led', reply: 'B' },
  { state: 'closed', kind: 'collective', mine: false, mode: 'led', reply: 'A' },
  { state: 'closed', kind: 'joint', mine: false, mode: 'separate', reply: 'C' },
  { state: 'closed', kind: 'individual', mine: false, mode: 'led', reply: 'A' },
  { state: 'closed', kind: 'individual', mine: false, mode: 'led', reply: 'B' },
  { state: 'closed', kind: 'individual', mine: false, mode: 'led', reply: 'A' },
  { state: 'closed', kind: 'joint', mine: false, mode: 'led', reply: 'A' },
  { state: 'closed', kind: 'individual', mine: false, mode: 'led', reply: 'B' },
  { state: 'closed', kind: 'collective', mine: false, mode: 'led', reply: 'A' },
  { state: 'evaluated', kind: 'individual', mine: false, mode: 'led', reply: 'C' },
  { state: 'handling', kind: 'individual', mine: false, mode: 'led', reassign: true },
  { state: 'submitted', kind: 'individual', mine: false },
  { state: 'accepted', kind: 'individual', mine: false },
  { state: 'cosigning', kind: 'joint', mine: false },
];

const day = (offset: number) => addDays(chinaDate(), offset);
const moment = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString();

export async function seedProposals(trx: Transaction<Database>, city: number): Promise<void> {
  const at = moment(0);
  const categoryId = new Map<string, number>();
  for (const [sort, [name, children]] of tree.entries()) {
    const top = await trx.insertInto('proposal_categories').values({ organization_id: city, parent_id: null, name, sort, active: 1 }).returning('id').executeTakeFirstOrThrow();
    for (const [i, child] of children.entries()) {
      const row = await trx.insertInto('proposal_categories').values({ organization_id: city, parent_id: top.id, name: child, sort: i, active: 1 }).returning('id').executeTakeFirstOrThrow();
      categoryId.set(child, row.id);
    }
  }
  const reasons = await trx.insertInto('proposal_reject_reasons').values(rejectReasons.map((text, sort) => ({ organization_id: city, text, sort, active: 1 }))).returning('id').execute();
  await trx.insertInto('proposal_settings').values({ organization_id: city, deadline_months: 3, updated_at: at }).execute();

  const session = await trx
    .selectFrom('sessions as s')
    .innerJoin('terms as t', 't.id', 's.term_id')
    .select('s.id')
    .where('t.organization_id', '=', city)
    .where('t.current', '=', 1)
    .orderBy('s.opens_on', 'desc')
    .executeTakeFirst();
  if (!session) return;
  const users = await trx.selectFrom('users').select(['id', 'username', 'display_name', 'member_id', 'handling_unit_id']).where('organization_id', '=', city).execute();
  const user = (name: string) => users.find((u) => u.username === name)!;
  const [staff, me, unitUser] = [user('staff'), user('member'), user('unit')];
  const members = await trx.selectFrom('members').select(['id', 'name', 'sector_id']).where('organization_id', '=', city).where('status', '=', 'active').orderBy('id').limit(60).execute();
  const self = members.find((m) => m.id === me.member_id) ?? members[0]!;
  const others = members.filter((m) => m.id !== self.id);
  const units = await trx.selectFrom('handling_units').select(['id', 'name']).where('organization_id', '=', city).execute();
  const unitId = (name: string) => units.find((u) => u.name === name)?.id;
  const groups = await trx.selectFrom('party_groups').select(['id', 'name']).where('organization_id', '=', city).orderBy('sort').execute();

  const log = (proposalId: number, action: AuditAction, actor: { id: number; display_name: string } | null, when: string, after: Record<string, unknown>) =>
    trx.insertInto('audit_log').values({ at: when, actor_id: actor?.id ?? null, actor_name: actor?.display_name ?? null, action, entity_type: 'proposal', entity_id: String(proposalId), organization_id: city, before: null, after: JSON.stringify(after), ip: null }).execute();

  let mergeTarget: number | null = null;
  for (const [i, plan] of plans.entries()) {
    const [title, category, reasonsText, suggestions, unitNames] = topics[i % topics.length]!;
    const member = plan.mine ? self : others[i % others.length]!;
    const group = plan.kind === 'collective' ? groups[i % Math.max(groups.length, 1)] : undefined;
    if (plan.kind === 'collective' && !group) continue;
    const filedAt = moment(-60 + i);
    const numbered = !['draft', 'cosigning', 'submitted', 'rejected', 'merged'].includes(plan.state);
    const row = await trx
      .insertInto('proposals')
      .values({
        organization_id: city, session_id: plan.state === 'draft' ? null : session.id, year: chinaYear(), kind: plan.kind, state: plan.state,
        // Proposals of members without an account were entered by the office, as paper ones are.
        author_user_id: plan.mine ? me.id : staff.id, member_id: group ? null : member.id,
        collective_kind: group ? 'party_group' : null, collective_id: group?.id ?? null, proposer_name: group?.name ?? member.name, sector_id: group ? null : member.sector_id,
        category_id: categoryId.get(category) ?? null, title: i >= topics.length ? title.replace('的建议', '的再建议') : title, reasons: reasonsText, suggestions,
        number: null, round: 1, is_key: i % 9 === 4 ? 1 : 0, is_public: plan.state === 'closed' ? 1 : 0,
        reject_reason_id: plan.state === 'rejected' ? reasons[i % reasons.length]!.id : null, reject_text: plan.state === 'rejected' ? '建议通过社情民意信息渠道反映。' : null,
        filed_at: plan.state === 'draft' ? null : filedAt, reviewed_at: plan.state === 'draft' || plan.state === 'cosigning' || plan.state === 'submitted' ? null : moment(-55 + i),
        reviewed_by: null, assigned_at: plan.mode ? moment(-50 + i) : null, closed_at: plan.state === 'closed' ? moment(-2) : null, created_at: moment(-65 + i), updated_at: at,
      })
      .returning(['id', 'title', 'reasons', 'suggestions'])
      .executeTakeFirstOrThrow();
    const id = row.id;
    if (plan.kind === 'joint') {
      const co = plan.mine ? others.slice(i, i + 2) : [self, others[(i + 7) % others.length]!].filter((m) => m.id !== member.id);
      const pending = plan.state === 'cosigning' || plan.state === 'draft';
      await trx.insertInto('proposal_cosigners').values(co.map((m) => ({ proposal_id: id, member_id: m.id, state: pending ? ('pending' as const) : ('confirmed' as const), answered_at: pending ? null : filedAt }))).execute();
    }
    if (plan.state === 'draft') continue;
    await indexDocuments(trx, [{ entityType: 'proposal', entityId: id, fields: [row.title, row.reasons, row.suggestions] }]);
    await log(id, 'file', plan.mine ? me : staff, filedAt, { state: plan.state === 'cosigning' ? 'cosigning' : 'submitted' });
    if (numbered) {
      const number = await nextNumber(trx, session.id);
      await trx.updateTable('proposals').set({ number }).where('id', '=', id).execute();
      await log(id, 'accept', staff, moment(-55 + i), { state: 'accepted' });
    }
    if (plan.state === 'rejected') await log(id, 'reject', staff, moment(-55 + i), { state: 'rejected', reason: rejectReasons[i % reasons.length] });
    if (plan.state === 'merged') {
      mergeTarget ??= (await trx.selectFrom('proposals').select('id').where('organization_id', '=', city).where('state', '=', 'accepted').orderBy('id').executeTakeFirst())?.id ?? null;
      if (mergeTarget) {
        await trx.insertInto('proposal_merges').values({ target_id: mergeTarget, source_id: id, merged_by: staff.id, merged_at: moment(-50) }).execute();
        await log(id, 'merge', staff, moment(-50), { state: 'merged', into: mergeTarget });
      }
    }
    if (!plan.mode) continue;
    // The demo unit gets the first proposals in handling, so its workbench is not empty.
    const named = unitNames.map(unitId).filter((u): u is number => !!u);
    const chosen = plan.state === 'handling' && i < 17 && unitUser.handling_unit_id ? [unitUser.handling_unit_id, ...named.filter((u) => u !== unitUser.handling_unit_id)] : named;
    if (chosen.length === 0) continue;
    const roles: AssignmentRole[] = chosen.map((_, k) => (plan.mode === 'separate' ? 'separate' : k === 0 ? 'lead' : 'assisting'));
    const done = plan.state !== 'handling';
    const deadline = plan.overdue ? day(-5) : done ? day(30) : day(i % 2 ? 20 : 75);
    for (const [k, unit] of chosen.entries()) {
      const replying = roles[k] !== 'assisting';
      const signed = done || i % 3 !== 0;
      const a = await trx
        .insertInto('proposal_assignments')
        .values({
          proposal_id: id, organization_id: city, unit_id: unit, role: roles[k]!, round: 1, deadline,
          state: done ? 'replied' : plan.reassign && k === 0 ? 'reassign_requested' : signed ? 'signed' : 'assigned',
          reassign_reason: plan.reassign && k === 0 ? '该事项主要职责不在本单位，建议调整主办单位。' : null, assigned_by: staff.id, assigned_at: moment(-50 + i), signed_at: signed ? moment(-48 + i) : null, replied_at: done ? moment(-10) : null, updated_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (!done) continue;
      if (!replying) {
        await trx.insertInto('proposal_assist_opinions').values({ assignment_id: a.id, proposal_id: id, round: 1, text: '我单位同意主办单位的办理意见，并将在职责范围内配合落实。', file_id: null, created_by: null, created_at: moment(-15) }).execute();
        continue;
      }
      const cls = k === 0 ? plan.reply! : 'B';
      await trx.insertInto('proposal_contacts').values({ assignment_id: a.id, proposal_id: id, contacted_on: day(-20), way: 'visit', summary: '登门走访提案人，听取意见建议，通报办理思路。', created_by: null, created_at: moment(-20) }).execute();
      await trx
        .insertInto('proposal_replies')
        .values({
          assignment_id: a.id, proposal_id: id, round: 1, class: cls, class_reason: cls === 'C' ? '受当前财力所限，暂难实施，留作今后工作参考。' : null,
          letter_text: `${group?.name ?? member.name}委员：\n您提出的《${row.title}》收悉。我单位高度重视，经认真研究，现答复如下：……\n感谢您对我市工作的关心和支持。`,
          letter_file_id: null, replied_by: null, replied_at: moment(-10),
        })
        .execute();
      if (plan.state === 'closed' || plan.state === 'evaluated') {
        const result = plan.state === 'evaluated' ? 'unsatisfied' : k === 0 ? 'satisfied' : 'basically_satisfied';
        await trx.insertInto('proposal_evaluations').values({ assignment_id: a.id, proposal_id: id, round: 1, user_id: plan.mine ? me.id : staff.id, result, comment: null, created_at: moment(-3) }).execute();
      }
    }
    await log(id, 'assign', staff, moment(-50 + i), { state: 'handling', units: chosen });
    if (done) await log(id, 'all_replied', null, moment(-10), { state: 'replied' });
    if (plan.state === 'closed') await log(id, 'evaluation_complete', null, moment(-2), { state: 'closed' });
    if (plan.state === 'evaluated') await log(id, 'evaluation_unsatisfied', null, moment(-3), { state: 'evaluated' });
  }
}
