import { Card, Descriptions, Input, Result, Steps, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { opinionsApi, type OpinionState } from '../../../api/opinions';
import { useLocale, useT } from '../../../i18n/LocaleProvider';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { formatTime } from '../../../shared/time';
import { PublicFrame } from '../components/PublicFrame';

// The way a report usually goes; duplicate and not used leave it and are shown as a status only.
const STEPS = ['received', 'accepted', 'compiled', 'forwarded', 'adopted'] as const;
const STEP_OF: Partial<Record<OpinionState, number>> = { new: 0, accepted: 1, compiled: 2, forwarded: 3, adopted: 4 };

/** Anyone with a tracking code sees where that one report stands, and its answer. */
export default function TrackPage() {
  const { code = '' } = useParams();
  const t = useT('opinions');
  const { lang } = useLocale();
  const navigate = useNavigate();
  const result = useQuery({ queryKey: ['track', code], queryFn: () => opinionsApi.track(code), enabled: !!code });
  const r = result.data;
  const step = r ? STEP_OF[r.state] : undefined;
  // A handling unit's answer to a hand-off is the answer too, when no other came.
  const answer = r?.answer ?? (r?.handoff?.answer ? { fromName: r.handoff.unitName, text: r.handoff.answer, receivedOn: r.handoff.answeredOn ?? '' } : null);

  return (
    <PublicFrame title={t('track.title')}>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('track.title')}
      </Typography.Title>
      <Input.Search
        key={code}
        defaultValue={code}
        placeholder={t('track.inputPlaceholder')}
        enterButton={t('track.lookup')}
        size="large"
        maxLength={20}
        aria-label={t('track.code')}
        onSearch={(v) => v.trim() && void navigate(`/track/${encodeURIComponent(v.trim().toUpperCase())}`)}
        style={{ marginBottom: 16 }}
      />
      {result.isError && <ErrorAlert error={result.error} />}
      {result.isLoading && <Card loading />}
      {r && (
        <Card data-testid="track-result">
          <Typography.Title level={4} style={{ marginTop: 0 }} data-testid="track-status">
            {t(`resident.${r.progress}`, { unit: r.handoff?.unitName ?? '', date: r.handoff?.deadline ?? '', answer: r.handoff?.answer ?? '' })}
          </Typography.Title>
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
                  <Tag key={l} color="green">
                    {t(`level.${l}`)}
                  </Tag>
                ))}
              </Descriptions.Item>
            )}
          </Descriptions>
          <Card type="inner" size="small" title={t('track.answer')} style={{ marginTop: 12 }} data-testid="track-answer">
            {answer ? (
              <>
                <Typography.Text type="secondary">{t('track.answerFrom', { from: answer.fromName, date: answer.receivedOn })}</Typography.Text>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 8, marginBottom: 0 }}>{answer.text}</Typography.Paragraph>
              </>
            ) : (
              <Typography.Text type="secondary">{t('track.noAnswer')}</Typography.Text>
            )}
          </Card>
        </Card>
      )}
      {!code && <Result status="info" title={t('track.inputPlaceholder')} />}
    </PublicFrame>
  );
}
