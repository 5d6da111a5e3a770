// Past public-opinion reports: every row checked against the organization's members and contact
// points, against issue numbers already given, against the other rows of the same issue, and for
// dates in the order the workflow takes (received, compiled, forwarded, then adopted, instructed,
// answered), with only the results its final state allows.
import type { AdoptionLevel, ForwardRecipient } from '../../platform/db/types.js';
import type { Text } from '../../platform/errors.js';
import { insertImportedOpinion, opinionCategories, opinionImportLookups, OPINION_MAX_TEXT, type ImportedOpinion } from '../opinions/service.js';
import { OPINION_COLUMNS, type OpinionColumn } from './columns.js';
import { list, type HistoryKind } from './kind.js';

const STATES: Record<string, ImportedOpinion['state']> = {
  未采用: 'not_used', 不采用: 'not_used',
  已编报: 'compiled', 编报: 'compiled', 已采用: 'compiled', 采用: 'compiled',
  已转送: 'forwarded', 转送: 'forwarded', 已报送: 'forwarded', 已上报: 'forwarded', 转办: 'forwarded',
  已被采用: 'adopted', 被采用: 'adopted',
};
const RECIPIENTS: Record<string, ForwardRecipient> = { 市委: 'city_party_committee', 市政府: 'city_government', 省政协: 'province_cppcc', 全国政协: 'national_cppcc' };
const ADOPTIONS = [['全国政协采用日期', 'national', '全国政协'], ['省政协采用日期', 'province', '省政协'], ['市委市政府采用日期', 'city', '市委市政府']] as const;
const LEVELS: Record<string, AdoptionLevel> = { 全国: 'national', 国家级: 'national', 中央: 'national', 省级: 'province', 省: 'province', 市级: 'city', 市: 'city' };
const CATEGORY = new Map<string, keyof typeof opinionCategories>(Object.entries(opinionCategories).map(([key, label]) => [label.zh, key as keyof typeof opinionCategories]));
const ISSUE: OpinionColumn[] = ['编报年度', '期号', '编报日期'];
const FORWARDING: OpinionColumn[] = ['转送对象', '转送日期'];
const INSTRUCTION: OpinionColumn[] = ['批示领导', '批示层级', '批示日期', '批示内容'];
const FEEDBACK: OpinionColumn[] = ['反馈单位', '反馈日期', '反馈内容'];
const ADOPTED: OpinionColumn[] = ADOPTIONS.map(([column]) => column);

type Lookups = Awaited<ReturnType<typeof opinionImportLookups>>;

export const opinions: HistoryKind<OpinionColumn, Lookups, ImportedOpinion> = {
  name: 'opinions',
  sheet: '历史社情民意',
  columns: OPINION_COLUMNS,
  // The opinions module keeps no answer cache: its lists and statistics are read afresh.
  changes: [],
  lookups: opinionImportLookups,
  insert: async (trx, ctx, organizationId, input) => ({ entityType: 'opinion', entityId: await insertImportedOpinion(trx, ctx, organizationId, input) }),
  check: ({ cell, fail, date }, look) => {
    const longer = (column: OpinionColumn, max: number) => cell(column).length > max && fail(column, { zh: `不能超过 ${max} 个字`, en: `at most ${max} characters` });
    const required = (column: OpinionColumn) => !cell(column) && fail(column, { zh: '不能为空', en: 'required' });
    const filled = (columns: OpinionColumn[]) => columns.filter((c) => cell(c));
    const refuse = (columns: OpinionColumn[], why: Text) => filled(columns).forEach((c) => fail(c, why));

    const title = cell('标题');
    required('标题');
    longer('标题', 100);
    longer('内容', OPINION_MAX_TEXT);

    let memberIds: number[] = [];
    let placeId: number | null = null;
    let credits = '';
    const names = list(cell('报送人'));
    const kind = cell('报送人类型');
    if (kind !== '委员' && kind !== '联系点') fail('报送人类型', { zh: '应为“委员”或“联系点”', en: 'must be 委员 or 联系点' });
    if (names.length === 0) required('报送人');
    else if (kind === '委员') {
      const unknown = names.filter((n) => !look.member.get(n));
      if (unknown.length) fail('报送人', { zh: `本组织没有（或有重名的）委员：${unknown.join('、')}`, en: `no member (or more than one) of this organization named ${unknown.join(', ')}` });
      else if (new Set(names).size !== names.length) fail('报送人', { zh: '同一位委员出现了两次', en: 'a member is named twice' });
      else memberIds = names.map((n) => look.member.get(n)!);
      credits = names.join('、');
    } else if (kind === '联系点') {
      const name = cell('报送人');
      placeId = look.contactPoint.get(name) ?? null;
      if (!placeId) fail('报送人', { zh: `“${name}”不是本组织的社情民意联系点（或有重名的）`, en: `"${name}" is not a contact point of this organization (or more than one is)` });
      credits = `${name}（群众反映）`;
    }
    const category = cell('分类') ? CATEGORY.get(cell('分类')) : 'other';
    if (!category) fail('分类', { zh: `应为${[...CATEGORY.keys()].join('、')}之一`, en: `must be one of ${[...CATEGORY.keys()].join(', ')}` });

    const state = STATES[cell('最终状态')];
    if (!state) fail('最终状态', { zh: '应为未采用、已编报、已转送或已被采用', en: 'must be 未采用, 已编报, 已转送 or 已被采用' });
    const sent = state === 'forwarded' || state === 'adopted';
    if (state === 'not_used') refuse([...ISSUE, ...FORWARDING, ...ADOPTED, ...INSTRUCTION, ...FEEDBACK], { zh: '未采用的信息不填此列', en: 'not for a report that was not used' });
    if (state && state !== 'not_used') refuse(['未采用原因'], { zh: '只有未采用的信息填写此列', en: 'only for a report that was not used' });
    longer('未采用原因', 500);
    if (state === 'compiled') refuse([...FORWARDING, ...INSTRUCTION, ...FEEDBACK], { zh: '已转送的信息，最终状态应填“已转送”或“已被采用”', en: 'for a forwarded report: set the final state to 已转送 or 已被采用' });
    if (state && state !== 'adopted') refuse(ADOPTED, { zh: '有采用日期的信息，最终状态应填“已被采用”', en: 'for an adopted report: set the final state to 已被采用' });

    const received = date('报送日期', true);
    // The steps a later date may not come before, with their dates once known.
    const steps: [string | null, Text][] = [[received, { zh: '报送日期', en: 'the received date' }]];
    const notBefore = (column: OpinionColumn, d: string | null, upTo = steps.length) => {
      const earlier = steps.slice(0, upTo).find(([e]) => d && e && d < e);
      if (earlier) fail(column, { zh: `不能早于${earlier[1].zh} ${earlier[0]}`, en: `cannot be earlier than ${earlier[1].en}, ${earlier[0]}` });
    };

    let issue: ImportedOpinion['issue'] = null;
    const inIssue = state === 'compiled' || (state !== 'not_used' && filled(ISSUE).length > 0);
    const compiledOn = date('编报日期', inIssue);
    if (inIssue) {
      ISSUE.forEach(required);
      const year = Number(cell('编报年度'));
      const number = Number(cell('期号'));
      const yearOk = Number.isInteger(year) && year >= 2000 && year <= 2100;
      const numberOk = Number.isInteger(number) && number >= 1 && number <= 9999;
      if (cell('编报年度') && !yearOk) fail('编报年度', { zh: '应为年份，如 2023', en: 'must be a year such as 2023' });
      if (cell('期号') && !numberOk) fail('期号', { zh: '应为正整数', en: 'must be a positive whole number' });
      notBefore('编报日期', compiledOn);
      if (compiledOn && yearOk && Number(compiledOn.slice(0, 4)) !== year) fail('编报日期', { zh: `应在编报年度 ${year} 年内`, en: `must fall in the issue year ${year}` });
      const key = `${year}-${number}`;
      if (yearOk && numberOk && compiledOn) {
        const sameIssue = look.fileIssue.get(key);
        if (look.takenIssue.has(key)) fail('期号', { zh: `系统中已有 ${year} 年第 ${number} 期`, en: `issue ${number} of ${year} already exists` });
        else if (sameIssue && sameIssue !== compiledOn) fail('编报日期', { zh: `与表中 ${year} 年第 ${number} 期其他行的编报日期（${sameIssue}）不同`, en: `differs from the date of issue ${number} of ${year} in other rows (${sameIssue})` });
        else {
          look.fileIssue.set(key, compiledOn);
          issue = { year, number, publishedOn: compiledOn, credits };
        }
      }
    }
    steps.push([compiledOn, { zh: '编报日期', en: 'the compilation date' }]);

    const forwardings: ImportedOpinion['forwardings'] = [];
    const forwardedOn = date('转送日期', sent);
    if (sent) {
      required('转送对象');
      for (const name of list(cell('转送对象'))) {
        if (name.length > 100) fail('转送对象', { zh: '部门名称不能超过 100 个字', en: 'a department name has at most 100 characters' });
        forwardings.push(RECIPIENTS[name] ? { recipient: RECIPIENTS[name]!, recipientName: null } : { recipient: 'department', recipientName: name });
      }
      notBefore('转送日期', forwardedOn);
    }
    steps.push([forwardedOn, { zh: '转送日期', en: 'the forwarding date' }]);

    const adoptions: ImportedOpinion['adoptions'] = [];
    for (const [column, level, adoptedBy] of ADOPTIONS) {
      const on = date(column, false);
      notBefore(column, on);
      if (on && state === 'adopted') adoptions.push({ level, adoptedBy, adoptedOn: on });
    }
    if (state === 'adopted' && filled(ADOPTED).length === 0) fail('全国政协采用日期', { zh: '已被采用的信息至少填写一个采用日期', en: 'an adopted report has at least one adoption date' });

    let instruction: ImportedOpinion['instruction'] = null;
    const instructedOn = date('批示日期', sent && filled(INSTRUCTION).length > 0);
    if (sent && filled(INSTRUCTION).length) {
      INSTRUCTION.forEach(required);
      longer('批示领导', 50);
      longer('批示内容', 2000);
      const level = LEVELS[cell('批示层级')];
      if (cell('批示层级') && !level) fail('批示层级', { zh: '应为全国、省级或市级', en: 'must be 全国, 省级 or 市级' });
      notBefore('批示日期', instructedOn);
      if (level && instructedOn) instruction = { leader: cell('批示领导'), level, instructedOn, text: cell('批示内容') };
    }

    let feedback: ImportedOpinion['feedback'] = null;
    const answeredOn = date('反馈日期', sent && filled(FEEDBACK).length > 0);
    if (sent && filled(FEEDBACK).length) {
      FEEDBACK.forEach(required);
      longer('反馈单位', 100);
      longer('反馈内容', 4000);
      // As live feedback: after the report was received and forwarded, whenever it was compiled.
      notBefore('反馈日期', answeredOn, 1);
      if (answeredOn && forwardedOn && answeredOn < forwardedOn) fail('反馈日期', { zh: `不能早于转送日期 ${forwardedOn}`, en: `cannot be earlier than the forwarding date, ${forwardedOn}` });
      if (answeredOn) feedback = { fromName: cell('反馈单位'), text: cell('反馈内容'), receivedOn: answeredOn };
    }

    const input: ImportedOpinion = {
      title, text: cell('内容'), category: category ?? 'other', memberIds, placeId, state: state ?? 'not_used', reason: cell('未采用原因') || null,
      receivedOn: received ?? '2000-01-01', issue, forwardings, forwardedOn, adoptions, instruction, feedback,
    };
    return { title, input };
  },
};
