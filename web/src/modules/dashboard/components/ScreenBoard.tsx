// The big screen's face (驾驶舱), laid out for a 1920×1080 wall display in a dark theme and without
// the office's navigation: a heading with the organization, the period, whether the figures are
// live and when they last came; then each module's figures as big numbers, named in Chinese with
// the English below (visitors read both), and gauges of two shares. A figure that changed glows for
// a moment. At 1920 px the four modules and the gauges stand in five columns and fit 1080 px of
// height; on a narrow screen the same tiles flow into fewer columns.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { ConfigProvider, theme, Typography } from 'antd';
import type { Figures, PublicFigures } from '../../../api/dashboard';
import { useLocale, useT } from '../../../i18n/LocaleProvider';
import { formatTime } from '../../../shared/time';
import { ScreenGauge } from './ScreenGauge';
import type { Connection } from './useFiguresStream';

const GROUPS = ['proposals', 'opinions', 'consultations', 'halls'] as const;
const FLASH_MS = 2500;
const BACKGROUND = '#0b1424';

const CSS = `
.sl-screen-tile { background: #13213a; border: 1px solid #22385e; border-radius: 8px; padding: 12px 14px; min-width: 0; }
.sl-screen-value { font-size: clamp(30px, 2.4vw, 52px); font-weight: 700; line-height: 1.1; color: #fff; font-variant-numeric: tabular-nums; }
.sl-screen-flash { animation: sl-screen-flash ${FLASH_MS}ms ease-out; }
@keyframes sl-screen-flash { 0% { background: #b4232a; border-color: #ff6b6b; } 100% { background: #13213a; border-color: #22385e; } }
@media (prefers-reduced-motion: reduce) { .sl-screen-flash { animation: none; outline: 2px solid #ff6b6b; } }
`;

type Answer = Figures | PublicFigures;

/** The codes whose value differs from the one seen before. */
function useChanged(data: Answer | null) {
  const seen = useRef(new Map<string, number>());
  const [changed, setChanged] = useState<Set<string>>(new Set());
  // Kept apart from the effect: figures that come again unchanged must not cancel the end of a flash.
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(timer.current), []);
  useEffect(() => {
    if (!data) return;
    const now = new Set<string>();
    for (const f of data.figures) {
      const before = seen.current.get(f.code);
      if (before !== undefined && before !== f.value) now.add(f.code);
      seen.current.set(f.code, f.value);
    }
    if (!now.size) return;
    setChanged(now);
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => setChanged(new Set()), FLASH_MS);
  }, [data]);
  return changed;
}

const percent = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0);

export function ScreenBoard({ data, connection, updatedAt, badge }: { data: Answer | null; connection: Connection; updatedAt: string | null; badge: string }) {
  const t = useT('dashboard');
  const { lang } = useLocale();
  const changed = useChanged(data);
  const value = (code: string) => data?.figures.find((f) => f.code === code)?.value;
  const sum = (suffix: string) => (data?.figures ?? []).filter((f) => f.code.endsWith(suffix)).reduce((n, f) => n + f.value, 0);
  const groups = data ? [...GROUPS, ...new Set(data.figures.map((f) => f.group).filter((g) => !(GROUPS as readonly string[]).includes(g)))] : [];
  const answered = value('proposals.answered');
  const accepted = value('proposals.accepted');
  const suggested = sum('.suggestions_made');

  let title: ReactNode = null;
  if (data) title = data.year !== null ? t('screen.title', { year: data.year }) : t('screen.periodTitle', { from: data.from, to: data.to });
  const dot = connection === 'live' ? '#52c41a' : connection === 'lost' ? '#ff4d4f' : '#faad14';

  return (
    <ConfigProvider theme={{ algorithm: theme.darkAlgorithm, token: { colorPrimary: '#e0454c' } }}>
      <style>{CSS}</style>
      <main data-testid="screen" style={{ minHeight: '100vh', background: BACKGROUND, color: '#e6ebf5', padding: 'clamp(12px, 1.6vw, 32px)', boxSizing: 'border-box' }}>
        <header style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', gap: '8px 24px', marginBottom: 20 }}>
          <Typography.Title level={1} style={{ margin: 0, fontSize: 'clamp(22px, 2.2vw, 44px)', color: '#fff' }} data-testid="screen-title">
            {data?.organizationName} {title}
          </Typography.Title>
          <span style={{ fontSize: 18, color: '#9fb0cc' }}>{badge}</span>
          <span style={{ marginInlineStart: 'auto', display: 'flex', alignItems: 'center', gap: 16, fontSize: 18 }}>
            <span data-testid="screen-connection" data-state={connection} role="status" style={{ display: 'inline-flex', alignItems: 'center', gap: 8, color: connection === 'lost' ? '#ff7875' : '#e6ebf5' }}>
              <span aria-hidden style={{ width: 12, height: 12, borderRadius: 6, background: dot, display: 'inline-block' }} />
              {t(`screen.${connection}`)}
            </span>
            {updatedAt && <span data-testid="screen-updated" style={{ color: '#9fb0cc' }}>{t('screen.updatedAt', { time: formatTime(updatedAt, lang) })}</span>}
          </span>
        </header>
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 300px), 1fr))', gap: 20 }}>
          {groups.map((g) => {
            const rows = data!.figures.filter((f) => f.group === g);
            if (!rows.length) return null;
            return (
              <section key={g} data-testid={`screen-group-${g}`} aria-label={GROUPS.includes(g as (typeof GROUPS)[number]) ? t(`group.${g as (typeof GROUPS)[number]}`) : g}>
                <h2 style={{ fontSize: 'clamp(18px, 1.4vw, 28px)', margin: '0 0 12px', color: '#fff', borderInlineStart: '4px solid #e0454c', paddingInlineStart: 10 }}>
                  {GROUPS.includes(g as (typeof GROUPS)[number]) ? t(`group.${g as (typeof GROUPS)[number]}`) : g}
                </h2>
                <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 150px), 1fr))', gap: 10 }}>
                  {rows.map((f) => (
                    <div key={f.code} className={`sl-screen-tile${changed.has(f.code) ? ' sl-screen-flash' : ''}`} data-testid={`screen-figure-${f.code}`} data-changed={changed.has(f.code) ? 'yes' : undefined}>
                      <div className="sl-screen-value" data-testid={`screen-value-${f.code}`}>{f.value.toLocaleString()}</div>
                      <div lang="zh-CN" style={{ fontSize: 16, color: '#e6ebf5', marginTop: 4 }}>{f.name.zh}</div>
                      <div lang="en" style={{ fontSize: 13, color: '#8ea0bf' }}>{f.name.en}</div>
                    </div>
                  ))}
                </div>
              </section>
            );
          })}
          {data && (accepted !== undefined || suggested > 0) && (
            <section style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(200px, 1fr))', gap: 12, alignContent: 'start' }}>
              {accepted !== undefined && answered !== undefined && <ScreenGauge label={t('screen.answeredRate')} percent={percent(answered, accepted)} testId="screen-gauge-answered" />}
              {suggested > 0 && <ScreenGauge label={t('screen.adoptedRate')} percent={percent(sum('.suggestions_adopted'), suggested)} testId="screen-gauge-adopted" />}
            </section>
          )}
        </div>
      </main>
    </ConfigProvider>
  );
}
