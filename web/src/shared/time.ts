import type { Lang } from '../i18n/LocaleProvider';

// Times are stored in UTC and always shown in China's time zone, wherever the browser is.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(lang: Lang, withTime: boolean): Intl.DateTimeFormat {
  const key = `${lang}|${withTime}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'zh-CN', {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      ...(withTime ? { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false } : {}),
    });
    formatters.set(key, f);
  }
  return f;
}

export function formatTime(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : formatter(lang, true).format(d);
}

// "Today" is China's date for everyone, so that a page in another time zone (or a browser whose
// clock zone is UTC) offers and refuses the same days as the server (platform/time.ts).
const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The date in China, YYYY-MM-DD, as the API writes dates. */
export const today = (at: Date = new Date()): string => dayFormat.format(at);
/** The calendar year in China. */
export const thisYear = (): number => Number(today().slice(0, 4));

// Meeting times are typed as China time whatever the browser's zone, as they are shown.
/** "2026-05-12T10:00" (China time) → ISO UTC. */
export function chinaInputToIso(value: string): string {
  const d = new Date(`${value}:00+08:00`);
  return Number.isNaN(d.getTime()) ? value : d.toISOString();
}

/** ISO UTC → "2026-05-12T10:00" (China time), for a datetime-local field. */
export function isoToChinaInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16);
}
