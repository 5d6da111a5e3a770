// The public list of cases: finished topics with what was before and what changed after.
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

export default function HallCasesPage() {
  const t = useT('halls');
  const { lang } = useLocale();
  const cases = useAnswer(() => hallsApi.cases(), 'cases');
  if (cases.loading) return <Loading />;
  if (!cases.data) return <PublicFrame title={t('cases.title')}><Notice type="error" lines={[problemMessage(cases.error, lang)]} /></PublicFrame>;
  return (
    <PublicFrame title={t('cases.title')}>
      <h3 style={{ margin: '0 0 12px', fontSize: 24, fontWeight: 600 }}>{t('cases.title')}</h3>
      {cases.data.length === 0 && <p style={{ color: SECONDARY }}>{t('cases.none')}</p>}
      {cases.data.map((c) => (
        <div key={c.id} style={{ marginBottom: 12 }} data-testid="hall-case">
          <Panel>
            <strong>{c.title}</strong>
            <div>
              <a href={`/hall/${c.placeId}`} onClick={(e) => { e.preventDefault(); go(`/hall/${c.placeId}`); }} style={{ color: SECONDARY }}>{c.placeName}</a>
            </div>
            <p style={{ margin: '8px 0 0', whiteSpace: 'pre-wrap' }}><strong>{t('cases.before')}：</strong>{c.before}</p>
            <p style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }}><strong>{t('cases.after')}：</strong>{c.after}</p>
          </Panel>
        </div>
      ))}
    </PublicFrame>
  );
}
