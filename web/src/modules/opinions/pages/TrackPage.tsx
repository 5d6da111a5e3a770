import { Descriptions, Input, Steps } from 'antd';
import { opinionsApi, type OpinionState } from '../../../api/opinions';
import { problemMessage } from '../../../api/errors';
import { useLocale, useT } from '../../../i18n/LocaleProvider';
import { formatTime } from '../../../shared/time';
import { Loading } from '../components/Loading';
import { Notice } from '../components/Notice';
import { Outcome } from '../components/Outcome';
import { Panel } from '../components/Panel';
import { PublicFrame } from '../components/PublicFrame';
import { useAnswer } from '../components/useAnswer';
import { go } from '../residentNav';

// The way a report usually goes; duplicate and not used leave it and are shown as a status only.
const STEPS = ['received', 'accepted', 'compiled', 'forwarded', 'adopted'] as const;
const STEP_OF: Partial<Record<OpinionState, number>> = { new: 0, accepted: 1, compiled: 2, forwarded: 3, adopted: 4 };
const SECONDARY = 'rgba(0, 0, 0, 0.45)';
// antd's green Tag, drawn without it.
const ADOPTED_TAG = { display: 'inline-block', marginInlineEnd: 8, padding: '0 7px', fontSize: 12, lineHeight: '20px', color: '#389e0d', background: '#f6ffed', border: '1px solid #b7eb8f', borderRadius: 4 };

/**
 * Anyone with a tracking code sees where that one report stands, and its answer. A page of the
 * resident's small app (resident.tsx): plain elements where antd's Typography, Result and Tag
 * would only add to what a phone downloads.
 */
export default function TrackPage({ code }: { code: string }) {
  const t = useT('opinions');
  const { lang } = useLocale();
  const result = useAnswer(code ? () => opinionsApi.track(code) : null, code);
  const r = result.data;
  const step = r ? STEP_OF[r.state] : undefined;
  // A handling unit's answer to a hand-off is the answer too, when no other came.
  const answer = r?.answer ?? (r?.handoff?.answer ? { fromName: r.handoff.unitName, text: r.handoff.answer, receivedOn: r.handoff.answeredOn ?? '' } : null);

  return (
    <PublicFrame title={t('track.title')}>
      <h3 style={{ margin: '0 0 12px', fontSize: 24, fontWeight: 600, lineHeight: 1.33 }}>{t('track.title')}</h3>
      <Input.Search
        key={code}
        defaultValue={code}
        placeholder={t('track.inputPlaceholder')}
        enterButton={t('track.lookup')}
        size="large"
        maxLength={20}
        aria-label={t('track.code')}
        onSearch={(v) => v.trim() && go(`/track/${encodeURIComponent(v.trim().toUpperCase())}`)}
        style={{ marginBottom: 16 }}
      />
      {result.error !== undefined && <Notice type="error" lines={[problemMessage(result.error, lang)]} />}
      {result.loading && <Loading />}
      {r && (
        <Panel testId="track-result">
          <h4 style={{ margin: '0 0 12px', fontSize: 20, fontWeight: 600, lineHeight: 1.4 }} data-testid="track-status">
            {t(`resident.${r.progress}`, { unit: r.handoff?.unitName ?? '', date: r.handoff?.deadline ?? '', answer: r.handoff?.answer ?? '' })}
          </h4>
          {step !== undefined && (
            <Steps
              orientation="vertical"
              size="small"
              current={step}
              // The last step reached is done, not in progress.
              status={r.state === 'adopted' ? 'finish' : 'process'}
              items={STEPS.map((s) => ({ title: t(`step.${s}`) }))}
              style={{ marginBottom: 16 }}
            />
          )}
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('track.code')}>{r.trackingCode}</Descriptions.Item>
            <Descriptions.Item label={t('track.submittedAt')}>{formatTime(r.submittedAt, lang)}</Descriptions.Item>
            {r.placeName && <Descriptions.Item label={t('track.place')}>{r.placeName}</Descriptions.Item>}
            <Descriptions.Item label={t('track.category')}>{t(`category.${r.category}`)}</Descriptions.Item>
            {r.reason && <Descriptions.Item label={t('track.reason')}>{r.reason}</Descriptions.Item>}
            {r.adoptedLevels.length > 0 && (
              <Descriptions.Item label={t('track.adopted')}>
                {r.adoptedLevels.map((l) => (
                  <span key={l} style={ADOPTED_TAG}>
                    {t(`level.${l}`)}
                  </span>
                ))}
              </Descriptions.Item>
            )}
          </Descriptions>
          <section style={{ marginTop: 12, border: '1px solid #f0f0f0', borderRadius: 8, padding: '8px 12px' }} data-testid="track-answer">
            <h4 style={{ margin: '0 0 8px', fontSize: 14, fontWeight: 600 }}>{t('track.answer')}</h4>
            {answer ? (
              <>
                <span style={{ color: SECONDARY }}>{t('track.answerFrom', { from: answer.fromName, date: answer.receivedOn })}</span>
                <p style={{ whiteSpace: 'pre-wrap', margin: '8px 0 0' }}>{answer.text}</p>
              </>
            ) : (
              <span style={{ color: SECONDARY }}>{t('track.noAnswer')}</span>
            )}
          </section>
        </Panel>
      )}
      {!code && <Outcome status="info" title={t('track.inputPlaceholder')} />}
    </PublicFrame>
  );
}
