// Past proposals: every row checked against the organization's sessions, members, party groups,
// categories and units, and against numbers already given (in the database and earlier in the file).
import type { AssignmentRole, ProposalKind, ProposalState, ReplyClass } from '../../platform/db/types.js';
import { insertImportedProposal, proposalImportLookups, type ImportedProposal } from '../proposals/service.js';
import { PROPOSAL_COLUMNS, type ProposalColumn } from './columns.js';
import { instant, list, type HistoryKind } from './kind.js';

const KINDS: Record<string, ProposalKind> = { 个人: 'individual', 联名: 'joint', 集体: 'collective' };
const STATES: Record<string, ProposalState> = { 已答复: 'replied', 已办结: 'closed', 不立案: 'rejected', 并案: 'merged', 转社情民意: 'converted' };
const ANSWERED: ProposalState[] = ['replied', 'closed'];

type Lookups = Awaited<ReturnType<typeof proposalImportLookups>>;

export const proposals: HistoryKind<ProposalColumn, Lookups, ImportedProposal> = {
  name: 'proposals',
  sheet: '历史提案',
  columns: PROPOSAL_COLUMNS,
  changes: ['proposals'],
  lookups: proposalImportLookups,
  insert: async (trx, ctx, organizationId, input) => ({ entityType: 'proposal', entityId: await insertImportedProposal(trx, organizationId, ctx.actor!.userId, input) }),
  check: ({ cell, fail, date }, look) => {
    const taken = look.taken;
    const title = cell('标题');
    if (!title) fail('标题', { zh: '不能为空', en: 'required' });
    else if (title.length > 100) fail('标题', { zh: '不能超过 100 个字', en: 'at most 100 characters' });
    const sessionId = look.session.get(`${cell('届次')}-${cell('会议次数')}`);
    if (!sessionId) fail('会议次数', { zh: `本组织没有第${cell('届次')}届第${cell('会议次数')}次会议`, en: `no session ${cell('会议次数')} of term ${cell('届次')} in this organization` });
    const kind = KINDS[cell('提案类型')];
    if (!kind) fail('提案类型', { zh: '应为“个人”“联名”或“集体”', en: 'must be 个人, 联名 or 集体' });
    const state = STATES[cell('最终状态')];
    if (!state) fail('最终状态', { zh: `应为${Object.keys(STATES).join('、')}之一`, en: 'must be one of 已答复, 已办结, 不立案, 并案, 转社情民意' });
    const accepted = state === undefined || ANSWERED.includes(state);

    const names = list(cell('提案人'));
    let memberIds: number[] = [];
    let partyGroupId: number | null = null;
    if (names.length === 0) fail('提案人', { zh: '不能为空', en: 'required' });
    else if (kind === 'collective') {
      partyGroupId = look.partyGroup.get(names[0]!) ?? null;
      if (!partyGroupId) fail('提案人', { zh: `“${names[0]}”不是本组织的党派团体`, en: `"${names[0]}" is not a party group of this organization` });
    } else {
      const unknown = names.filter((n) => !look.member.get(n));
      if (unknown.length) fail('提案人', { zh: `本组织没有（或有重名的）委员：${unknown.join('、')}`, en: `no member (or more than one) of this organization named ${unknown.join(', ')}` });
      else memberIds = names.map((n) => look.member.get(n)!.id);
      if (kind === 'individual' && names.length > 1) fail('提案人', { zh: '个人提案只能有一位提案人', en: 'an individual proposal has one proposer' });
      if (kind === 'joint' && names.length < 2) fail('提案人', { zh: '联名提案至少有两位提案人', en: 'a joint proposal has two proposers or more' });
    }
    const categoryId = cell('分类') ? look.category.get(cell('分类')) ?? null : null;
    if (cell('分类') && !categoryId) fail('分类', { zh: `“${cell('分类')}”不是本组织的提案分类`, en: `"${cell('分类')}" is not a proposal category of this organization` });

    const units: { unitId: number; role: AssignmentRole }[] = [];
    for (const [column, role] of [['主办单位', 'lead'], ['协办单位', 'assisting'], ['分办单位', 'separate']] as const) {
      for (const name of list(cell(column))) {
        const unitId = look.unit.get(name);
        if (unitId) units.push({ unitId, role });
        else fail(column, { zh: `“${name}”不是本组织的承办单位`, en: `"${name}" is not a handling unit of this organization` });
      }
    }
    if (accepted && !units.some((u) => u.role !== 'assisting')) fail('主办单位', { zh: '已答复的提案至少有一个主办或分办单位', en: 'an answered proposal has a lead or separate unit' });
    if (!accepted && units.length) fail('主办单位', { zh: '未立案的提案没有承办单位', en: 'a proposal not accepted has no units' });

    const replyClass = cell('答复类别') as ReplyClass | '';
    if (replyClass && !['A', 'B', 'C'].includes(replyClass)) fail('答复类别', { zh: '应为 A、B 或 C', en: 'must be A, B or C' });
    if (accepted && !replyClass) fail('答复类别', { zh: '已答复的提案必填', en: 'required for an answered proposal' });

    const filed = date('提交日期', true);
    const reviewed = date('立案日期', accepted);
    const assigned = date('交办日期', accepted);
    const replied = date('答复日期', accepted);
    const evaluated = date('测评日期', false);
    const order = [filed, reviewed, assigned, replied, evaluated].filter(Boolean) as string[];
    if (order.some((d, i) => i > 0 && d < order[i - 1]!)) fail('答复日期', { zh: '日期应依次为提交、立案、交办、答复、测评', en: 'dates must follow filing, acceptance, assignment, reply and evaluation in order' });

    const numberText = cell('提案号');
    let number: number | null = null;
    if (numberText) {
      number = Number(numberText);
      if (!Number.isInteger(number) || number < 1 || number > 99999) fail('提案号', { zh: '应为正整数', en: 'must be a positive whole number' });
      else if (sessionId && taken.has(`${sessionId}-${number}`)) fail('提案号', { zh: `本次会议已有第 ${number} 号提案（或在表中重复）`, en: `number ${number} is already used in this session (or repeats in the sheet)` });
      else if (sessionId) taken.add(`${sessionId}-${number}`);
    } else if (accepted) fail('提案号', { zh: '立案的提案必填', en: 'required for an accepted proposal' });

    const finalState: ProposalState | undefined = state === 'replied' && evaluated ? 'closed' : state;
    const input: ImportedProposal = {
      sessionId: sessionId ?? 0, number, title, text: cell('内容'), kind: kind ?? 'individual', state: finalState ?? 'replied',
      memberId: kind === 'collective' ? null : memberIds[0] ?? null, cosignerIds: memberIds.slice(1), partyGroupId,
      proposerName: names[0] ?? '', sectorId: memberIds[0] ? look.member.get(names[0]!)?.sector_id ?? null : null, categoryId, units,
      replyClass: replyClass || null, filedAt: instant(filed ?? '2000-01-01'), reviewedAt: reviewed && instant(reviewed),
      assignedAt: assigned && instant(assigned), repliedAt: replied && instant(replied),
      closedAt: (evaluated && instant(evaluated)) ?? (!accepted && reviewed ? instant(reviewed) : null),
    };
    return { title, input };
  },
};
