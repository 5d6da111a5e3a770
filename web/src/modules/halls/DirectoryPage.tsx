// The network in public: halls, stations, studios and lounges by county → town → village, with
// members on duty, opening hours and this year's activities; filterable by kind.
import { useState } from 'react';
import { problemMessage } from '../../api/errors';
import { hallsApi } from '../../api/halls';
import { useLocale, useT } from '../../i18n/LocaleProvider';
import { Loading } from '../opinions/components/Loading';
import { Notice } from '../opinions/components/Notice';
import { Panel } from '../opinions/components/Panel';
import { PublicFrame } from '../opinions/components/PublicFrame';
import { useAnswer } from '../opinions/components/useAnswer';
import { go } from '../opinions/residentNav';

const SECONDARY = 'rgba(0, 0, 0, 0.45)';
const KINDS = ['hall', 'station', 'studio', 'lounge'] as const;

export default function DirectoryPage() {
  const t = useT('halls');
  const { lang } = useLocale();
  const [kind, setKind] = useState('');
  const places = useAnswer(() => hallsApi.directory(kind || undefined), `directory-${kind}`);
  const groups = new Map<string, NonNullable<typeof places.data>>();
  for (const p of places.data ?? []) {
    const key = [p.county, p.town].filter(Boolean).join(' · ');
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  return (
    <PublicFrame title={t('dir.title')}>
      <h3 style={{ margin: '0 0 12px', fontSize: 24, fontWeight: 600 }}>{t('dir.title')}</h3>
      <label style={{ display: 'block', marginBottom: 12 }}>
        {t('dir.kind')}{' '}
        <select value={kind} onChange={(e) => setKind(e.target.value)}>
          <option value="">{t('index.all')}</option>
          {KINDS.map((k) => <option key={k} value={k}>{t(`index.kind.${k}`)}</option>)}
        </select>
      </label>
      {places.loading && <Loading />}
      {places.error !== undefined && <Notice type="error" lines={[problemMessage(places.error, lang)]} />}
      {[...groups].map(([where, rows]) => (
        <section key={where} style={{ marginBottom: 16 }}>
          <h4 style={{ margin: '0 0 6px', fontSize: 16 }}>{where}</h4>
          <Panel>
            {rows.map((p) => (
              <div key={p.id} style={{ padding: '6px 0' }} data-testid="directory-row">
                <a href={`/hall/${p.id}`} onClick={(e) => { e.preventDefault(); go(`/hall/${p.id}`); }}>{p.name}</a>
                <span style={{ color: SECONDARY }}> · {t(`index.kind.${p.kind}`)}{p.village && ` · ${p.village}`}</span>
                <div style={{ color: SECONDARY }}>
                  {[p.openingHours && t('dir.hours', { hours: p.openingHours }), p.onDuty.length > 0 && t('dir.duty', { names: p.onDuty.join('、') }), t('dir.activities', { n: p.activities })].filter(Boolean).join(' · ')}
                </div>
              </div>
            ))}
          </Panel>
        </section>
      ))}
    </PublicFrame>
  );
}
