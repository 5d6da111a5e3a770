// Past consultation meetings (历史协商活动): every row checked against the organization's members
// and committees and against meetings already held on the same day under the same title (in the
// database and earlier in the file). Attendance is given as counts (应到/实到) and, where the record
// names them, as members present, on leave and absent.
import { clock } from '../../platform/time.js';
import { insertImportedMeeting, meetingImportLookups, meetingKey, meetingTypeByLabel, type ImportedMeeting } from '../consultations/service.js';
import { MEETING_COLUMNS, type MeetingColumn } from './columns.js';
import { instant, list, type HistoryKind, type RowCheck } from './kind.js';
import { counted } from '../../platform/plural.js';

type Lookups = Awaited<ReturnType<typeof meetingImportLookups>>;
const MAX_PEOPLE = 100000;

/** A time of day in China, HH:MM: written as text, or an Excel time (a fraction of a day). */
function timeOf(check: RowCheck<MeetingColumn>, column: MeetingColumn): string | null {
  const v = check.cell(column);
  if (!v) return null;
  let m = /^(\d{1,2})[:：](\d{2})(?::\d{2})?$/.exec(v);
  const n = Number(v);
  if (!m && /^0?\.\d+$/.test(v) && n < 1) {
    const minutes = Math.round(n * 24 * 60);
    m = ['', String(Math.floor(minutes / 60)), String(minutes % 60).padStart(2, '0')] as unknown as RegExpExecArray;
  }
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) {
    check.fail(column, { zh: '应为时间，如 09:00（请以文本格式填写）', en: 'must be a time such as 09:00 (written as text)' });
    return null;
  }
  return `${m[1]!.padStart(2, '0')}:${m[2]}`;
}

/** A count of people: a whole number, or null when empty (or wrong, and then failed). */
function countOf(check: RowCheck<MeetingColumn>, column: MeetingColumn): number | null {
  const v = check.cell(column);
  if (!v) return null;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > MAX_PEOPLE) {
    check.fail(column, { zh: '应为不小于 0 的整数', en: 'must be a whole number, 0 or more' });
    return null;
  }
  return n;
}

export const meetings: HistoryKind<MeetingColumn, Lookups, ImportedMeeting> = {
  name: 'meetings',
  sheet: '历史协商活动',
  columns: MEETING_COLUMNS,
  // The consultations module keeps no answer cache.
  changes: [],
  lookups: meetingImportLookups,
  insert: async (trx, ctx, organizationId, input) => ({ entityType: 'consultation_meeting', entityId: await insertImportedMeeting(trx, organizationId, ctx.actor!.userId, input) }),
  check: (check, look) => {
    const { cell, fail, date } = check;
    const title = cell('标题');
    if (!title) fail('标题', { zh: '不能为空', en: 'required' });
    else if (title.length > 200) fail('标题', { zh: '不能超过 200 个字', en: 'at most 200 characters' });
    const type = meetingTypeByLabel.get(cell('会议类型'));
    if (!type) fail('会议类型', { zh: `应为${[...meetingTypeByLabel.keys()].join('、')}之一`, en: `must be one of ${[...meetingTypeByLabel.keys()].join(', ')}` });

    const day = date('日期', true);
    const start = timeOf(check, '开始时间');
    const end = timeOf(check, '结束时间');
    if (end && !cell('开始时间')) fail('开始时间', { zh: '填写结束时间时必填', en: 'required when the end time is given' });
    else if (start && end && end <= start) fail('结束时间', { zh: '应晚于开始时间', en: 'must be later than the start time' });
    const at = (time: string | null) => (day && time ? new Date(`${day}T${time}:00+08:00`).toISOString() : instant(day ?? '2000-01-01'));
    const startsAt = at(start);
    const endsAt = end ? at(end) : startsAt;
    if (day && start && startsAt > clock.now().toISOString()) fail('开始时间', { zh: '不能晚于现在', en: 'cannot be later than now' });
    if (title && day) {
      const key = meetingKey(title, day);
      if (look.taken.has(key)) fail('标题', { zh: `本组织 ${day} 已有同名的协商活动（或在表中重复）`, en: `a meeting of this title is already recorded on ${day} (or repeats in the sheet)` });
      else look.taken.add(key);
    }

    const place = cell('地点');
    if (!place) fail('地点', { zh: '不能为空', en: 'required' });
    else if (place.length > 200) fail('地点', { zh: '不能超过 200 个字', en: 'at most 200 characters' });
    const online = cell('网络议政');
    if (online && online !== '是' && online !== '否') fail('网络议政', { zh: '应为“是”或“否”', en: 'must be 是 or 否' });
    const committeeId = cell('组织专委会') ? look.committee.get(cell('组织专委会')) ?? null : null;
    if (cell('组织专委会') && !committeeId) fail('组织专委会', { zh: `“${cell('组织专委会')}”不是本组织的专委会`, en: `"${cell('组织专委会')}" is not a committee of this organization` });

    // Named members: each a member of the organization with a name of their own, named once.
    const seen = new Set<string>();
    const named = (column: '出席委员' | '请假委员' | '缺席委员') => {
      const names = list(cell(column));
      const unknown = names.filter((n) => !look.member.get(n));
      const twice = names.filter((n) => seen.has(n) || names.indexOf(n) !== names.lastIndexOf(n));
      names.forEach((n) => seen.add(n));
      if (unknown.length) fail(column, { zh: `本组织没有（或有重名的）委员：${unknown.join('、')}`, en: `no member (or more than one) of this organization named ${unknown.join(', ')}` });
      if (twice.length) fail(column, { zh: `委员重复列出：${[...new Set(twice)].join('、')}`, en: `named more than once: ${[...new Set(twice)].join(', ')}` });
      return [...new Set(names)].map((n) => look.member.get(n)).filter((id): id is number => !!id);
    };
    const attendeeIds = named('出席委员');
    const leaveIds = named('请假委员');
    const absentIds = named('缺席委员');

    const reportedInvited = countOf(check, '应到人数');
    const reportedPresent = countOf(check, '实到人数');
    const present = reportedPresent ?? attendeeIds.length;
    const invited = reportedInvited ?? present + leaveIds.length + absentIds.length;
    if (attendeeIds.length > present) fail('出席委员', { zh: `出席委员 ${attendeeIds.length} 人，超过实到人数 ${present}`, en: `${counted(attendeeIds.length, 'attendee')} named, more than the ${present} attended` });
    if (present > invited) fail('实到人数', { zh: `不能超过应到人数 ${invited}`, en: `cannot exceed the ${invited} invited` });
    else if (leaveIds.length + absentIds.length > invited - present)
      fail('应到人数', { zh: `请假、缺席委员 ${leaveIds.length + absentIds.length} 人，超过应到与实到人数之差`, en: `${leaveIds.length + absentIds.length} named on leave or absent, more than invited minus attended` });

    const input: ImportedMeeting = {
      type: type ?? 'thematic', topic: title, startsAt, endsAt, place, online: online === '是', committeeId, invited, present, attendeeIds, leaveIds, absentIds,
    };
    return { title, input };
  },
};
