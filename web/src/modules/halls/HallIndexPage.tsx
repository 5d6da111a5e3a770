// The public index of halls, by county and town, with each hall's sessions this year, topics
// closed and residents' average rating. No sign-in; part of the resident's small app.
import { useState } from 'react';
import { hallsApi, type HallFigures } from '../../api/halls';
import { problemMessage } from '../../api/errors';
import { useLocale, useT } from '../../i18n/LocaleProvider';
import { Loading } from '../opinions/components/Loading';
import { Notice } from '../opinions/components/Notice';
import { Panel } from '../opinions/components/Panel';
import { PublicFrame } from '../opinions/components/PublicFrame';
import { useAnswer } from '../opinions/components/useAnswer';
import { go } from '../opinions/residentNav';

const SECONDARY = 'rgba(0, 0, 0, 0.45)';

export default function HallIndexPage() {
  const t = useT('halls');
  const { lang } = useLocale();
  const halls = useAnswer(() => hallsApi.index(), 'index');
  const [county, setCounty] = useState('');
  if (halls.loading) return <Loading />;
  if (!halls.data) return <PublicFrame title={t('index.title')}><Notice type="error" lines={[problemMessage(halls.error, lang)]} /></PublicFrame>;
  const counties = [...new Set(halls.data.map((h) => h.county ?? ''))].filter(Boolean).sort();
  const shown = halls.data.filter((h) => !county || h.county === county);
  const byTown = new Map<string, HallFigures[]>();
  for (const h of shown) {
    const key = [h.county, h.town].filter(Boolean).join(' · ');
    byTown.set(key, [...(byTown.get(key) ?? []), h]);
  }
  return (
    <PublicFrame title={t('index.title')}>
      <h3 style={{ margin: '0 0 12px', fontSize: 24, fontWeight: 600 }}>{t('index.title')}</h3>
      <p style={{ margin: '0 0 12px' }}>
        <a href="/hall/cases" onClick={(e) => { e.preventDefault(); go('/hall/cases'); }}>{t('index.cases')}</a>
        {' · '}
        <a href="/hall/directory" onClick={(e) => { e.preventDefault(); go('/hall/directory'); }}>{t('index.directory')}</a>
      </p>
      <label style={{ display: 'block', marginBottom: 12 }}>
        {t('index.filter')}{' '}
        <select value={county} onChange={(e) => setCounty(e.target.value)}>
          <option value="">{t('index.all')}</option>
          {counties.map((c) => <option key={c} value={c}>{c}</option>)}
        </select>
      </label>
      {[...byTown].map(([where, rows]) => (
        <section key={where} style={{ marginBottom: 16 }}>
          <h4 style={{ margin: '0 0 6px', fontSize: 16 }}>{where}</h4>
          <Panel>
            {rows.map((h) => (
              <div key={h.id} style={{ padding: '6px 0' }} data-testid="hall-index-row">
                <a href={`/hall/${h.id}`} onClick={(e) => { e.preventDefault(); go(`/hall/${h.id}`); }}>{h.name}</a>
                <span style={{ color: SECONDARY }}> · {t(`index.kind.${h.kind}`)}</span>
                <div style={{ color: SECONDARY }}>
                  {t('index.figures', { sessions: h.sessions, closed: h.closedTopics, answered: h.suggestionsAnswered })}
                  {h.rating !== null && t('index.rating', { stars: h.rating })}
                </div>
              </div>
            ))}
          </Panel>
        </section>
      ))}
    </PublicFrame>
  );
}
