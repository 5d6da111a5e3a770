import { Tag } from 'antd';
import type { MeetingState, PlanState, SuggestionState } from '../../../api/consultations';
import type { Translate } from '../../../i18n/LocaleProvider';
import type zh from '../messages.zh-CN.json';

export type ConsultationsKey = keyof typeof zh & string;
export type T = Translate<ConsultationsKey>;

const MEETING_COLORS: Record<MeetingState, string> = { draft: 'default', published: 'blue', in_progress: 'red', ended: 'green', cancelled: 'default' };
const PLAN_COLORS: Record<PlanState, string> = { draft: 'default', submitted: 'blue', approved: 'cyan', published: 'green' };
const SUGGESTION_COLORS: Record<SuggestionState, string> = { open: 'gold', assigned: 'blue', answered: 'geekblue', adopted: 'green', not_adopted: 'default' };

export function MeetingStateTag({ state, t }: { state: MeetingState; t: T }) {
  return (
    <Tag color={MEETING_COLORS[state]} data-testid="meeting-state">
      {t(`meetingState.${state}`)}
    </Tag>
  );
}

export function PlanStateTag({ state, t }: { state: PlanState; t: T }) {
  return (
    <Tag color={PLAN_COLORS[state]} data-testid="plan-state">
      {t(`planState.${state}`)}
    </Tag>
  );
}

export function SuggestionStateTag({ state, t }: { state: SuggestionState; t: T }) {
  return (
    <Tag color={SUGGESTION_COLORS[state]} data-testid="suggestion-state">
      {t(`suggestionState.${state}`)}
    </Tag>
  );
}

export { chinaInputToIso, isoToChinaInput, thisYear, today } from '../../../shared/time';

/** "2026-05-12T02:00:00.000Z" → "05-12 10:00" in China's time zone, for a compact list cell. */
export function shortTime(iso: string, lang: 'zh-CN' | 'en'): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'zh-CN', { timeZone: 'Asia/Shanghai', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }).format(d);
}

