import { Button, Card, Descriptions, Result } from 'antd';
import { CheckCircleOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { consultationsApi } from '../../../api/consultations';
import { useLocale, useT } from '../../../i18n/LocaleProvider';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { PageHeader } from '../../../shared/PageHeader';
import { formatTime } from '../../../shared/time';

/** Where a member lands after scanning the meeting's QR code at the venue: one button, then the result. */
export default function CheckinPage() {
  const token = useParams().token ?? '';
  const t = useT('consultations');
  const { lang } = useLocale();
  const queryClient = useQueryClient();
  // The preview is a courtesy: when it is not available the button still works and the server says why.
  const preview = useQuery({ queryKey: ['consultations', 'checkin-preview', token], queryFn: () => consultationsApi.checkinPreview(token), retry: false });
  const checkin = useMutation({
    mutationFn: () => consultationsApi.checkin(token),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['consultations'] }),
  });
  const p = preview.data;
  const done = checkin.data;
  const meetingId = done?.meetingId ?? p?.meetingId;
  const checkedInAt = done?.checkedInAt ?? p?.checkedInAt ?? null;
  return (
    <>
      <PageHeader title={t('checkin.title')} />
      <Card style={{ maxWidth: 560 }}>
        {(done?.topic ?? p?.topic) && (
          <Descriptions column={1} size="small" style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('field.topic')}>
              <span data-testid="checkin-topic">{done?.topic ?? p?.topic}</span>
            </Descriptions.Item>
            {p && (
              <>
                <Descriptions.Item label={t('field.time')}>
                  {formatTime(p.startsAt, lang)} – {formatTime(p.endsAt, lang)}
                </Descriptions.Item>
                <Descriptions.Item label={t('field.place')}>{p.place}</Descriptions.Item>
              </>
            )}
          </Descriptions>
        )}
        {checkedInAt ? (
          <Result
            status="success"
            icon={<CheckCircleOutlined />}
            title={<span data-testid="checkin-done">{done?.already ? t('checkin.already') : t('checkin.done')}</span>}
            subTitle={t('checkin.at', { at: formatTime(checkedInAt, lang) })}
            extra={
              meetingId && (
                <Link to={`/consultations/meetings/${meetingId}`}>
                  <Button>{t('checkin.openMeeting')}</Button>
                </Link>
              )
            }
          />
        ) : (
          <>
            <ErrorAlert error={checkin.error} />
            <Button type="primary" size="large" block loading={checkin.isPending} onClick={() => checkin.mutate()} data-testid="checkin-button">
              {t('checkin.button')}
            </Button>
          </>
        )}
      </Card>
    </>
  );
}
