// Past suggestions of consultations (历史意见建议): every row names a meeting of the organization
// already held (by its title and date, e.g. brought in first by the meetings import), the handling
// units it went to, their answer and what became of it. Dates follow the meeting, the assignment
// and the answer in order; a title repeated within a meeting (in the database or the file) is an error.
import type { SuggestionState } from '../../platform/db/suggestion-types.js';
import { insertImportedSuggestion, meetingKey, suggestionImportLookups, suggestionStateByLabel, type ImportedSuggestion } from '../consultations/service.js';
import { SUGGESTION_COLUMNS, type SuggestionColumn } from './columns.js';
import { instant, list, type HistoryKind } from './kind.js';
import { counted } from '../../platform/plural.js';

type Lookups = Awaited<ReturnType<typeof suggestionImportLookups>>;
const ANSWERED: SuggestionState[] = ['answered', 'adopted', 'not_adopted'];
const DECIDED: SuggestionState[] = ['adopted', 'not_adopted'];
const later = (a: string, b: string) => (a > b ? a : b);

export const suggestions: HistoryKind<SuggestionColumn, Lookups, ImportedSuggestion> = {
  name: 'suggestions',
  sheet: '历史意见建议',
  columns: SUGGESTION_COLUMNS,
  // The consultations module keeps no answer cache.
  changes: [],
  lookups: suggestionImportLookups,
  insert: async (trx, ctx, organizationId, input) => ({ entityType: 'suggestion', entityId: await insertImportedSuggestion(trx, ctx, organizationId, input) }),
  check: ({ cell, fail, date }, look) => {
    const topic = cell('协商活动');
    const meetingDate = date('活动日期', true);
    if (!topic) fail('协商活动', { zh: '不能为空', en: 'required' });
    const found = topic && meetingDate ? look.meeting.get(meetingKey(topic, meetingDate)) ?? [] : [];
    const meeting = found.length === 1 ? found[0]! : null;
    if (topic && meetingDate && found.length === 0) fail('协商活动', { zh: `本组织 ${meetingDate} 没有名为“${topic}”的协商活动`, en: `no meeting of this organization named "${topic}" on ${meetingDate}` });
    else if (found.length > 1) fail('协商活动', { zh: `本组织 ${meetingDate} 有 ${found.length} 场名为“${topic}”的协商活动，无法确定`, en: `${counted(found.length, 'meeting')} named "${topic}" on ${meetingDate}: ambiguous` });
    else if (meeting && meeting.state !== 'ended' && meeting.state !== 'in_progress') fail('协商活动', { zh: '该协商活动尚未举行或已取消', en: 'the meeting has not been held or was cancelled' });

    const title = cell('标题');
    if (!title) fail('标题', { zh: '不能为空', en: 'required' });
    else if (title.length > 200) fail('标题', { zh: '不能超过 200 个字', en: 'at most 200 characters' });
    else if (meeting) {
      const key = `${meeting.id}\u0000${title}`;
      if (look.taken.has(key)) fail('标题', { zh: '该协商活动已有同名的意见建议（或在表中重复）', en: 'the meeting already has a suggestion of this title (or it repeats in the sheet)' });
      else look.taken.add(key);
    }
    const text = cell('内容');
    if (!text) fail('内容', { zh: '不能为空', en: 'required' });
    else if (text.length > 5000) fail('内容', { zh: '不能超过 5000 个字', en: 'at most 5000 characters' });
    const author = cell('提出人');
    if (author.length > 100) fail('提出人', { zh: '不能超过 100 个字', en: 'at most 100 characters' });

    const state = suggestionStateByLabel.get(cell('状态'));
    if (!state) fail('状态', { zh: `应为${[...suggestionStateByLabel.keys()].join('、')}之一`, en: `must be one of ${[...suggestionStateByLabel.keys()].join(', ')}` });
    const answered = !!state && ANSWERED.includes(state);

    const unitIds: number[] = [];
    for (const name of new Set(list(cell('承办单位')))) {
      const unitId = look.unit.get(name);
      if (unitId) unitIds.push(unitId);
      else fail('承办单位', { zh: `“${name}”不是本组织的承办单位`, en: `"${name}" is not a handling unit of this organization` });
    }
    if (state === 'open' && cell('承办单位')) fail('承办单位', { zh: '待交办的意见建议没有承办单位', en: 'an open suggestion has no units' });
    if (state && state !== 'open' && !cell('承办单位')) fail('承办单位', { zh: '已交办的意见建议必填', en: 'required for an assigned suggestion' });

    const answer = cell('答复内容');
    if (answered && !answer) fail('答复内容', { zh: '已答复的意见建议必填', en: 'required for an answered suggestion' });
    else if (state && !answered && answer) fail('答复内容', { zh: '尚未答复的意见建议不填', en: 'left empty for a suggestion not answered' });
    else if (answer.length > 5000) fail('答复内容', { zh: '不能超过 5000 个字', en: 'at most 5000 characters' });
    const note = cell('采纳说明');
    if (note && !(state && DECIDED.includes(state))) fail('采纳说明', { zh: '仅已采纳、未采纳的意见建议可填', en: 'only for a suggestion adopted or not adopted' });
    else if (note.length > 1000) fail('采纳说明', { zh: '不能超过 1000 个字', en: 'at most 1000 characters' });

    const assignedOn = date('交办日期', false);
    const answeredOn = date('答复日期', answered);
    if (state === 'open' && assignedOn) fail('交办日期', { zh: '待交办的意见建议不填', en: 'left empty for an open suggestion' });
    if (state && !answered && answeredOn) fail('答复日期', { zh: '尚未答复的意见建议不填', en: 'left empty for a suggestion not answered' });
    if (meetingDate && assignedOn && assignedOn < meetingDate) fail('交办日期', { zh: `不能早于协商活动日期（${meetingDate}）`, en: `cannot be earlier than the meeting (${meetingDate})` });
    if (meetingDate && answeredOn && answeredOn < (assignedOn ?? meetingDate))
      fail('答复日期', { zh: `不能早于${assignedOn ? '交办' : '协商活动'}日期（${assignedOn ?? meetingDate}）`, en: `cannot be earlier than the ${assignedOn ? 'assignment' : 'meeting'} (${assignedOn ?? meetingDate})` });

    // Made when the meeting ended, assigned and answered on their days (never before the meeting's end).
    const createdAt = meeting?.endsAt ?? instant(meetingDate ?? '2000-01-01');
    const assignedAt = state && state !== 'open' ? later(assignedOn ? instant(assignedOn) : createdAt, createdAt) : null;
    const input: ImportedSuggestion = {
      meetingId: meeting?.id ?? 0, title, text, sourceAuthor: author || null, state: state ?? 'open', unitIds, answer: answered ? answer : null,
      createdAt, assignedAt, answeredAt: answered && answeredOn && assignedAt ? later(instant(answeredOn), assignedAt) : null, adoptionNote: note || null,
    };
    return { title, input };
  },
};
