import { Button, Card, Flex, Image, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { consultationsApi } from '../../../api/consultations';
import { useLocale, useT } from '../../../i18n/LocaleProvider';
import { formatTime } from '../../../shared/time';
import { ErrorAlert } from '../../../shared/ErrorAlert';

/** The meeting's check-in QR code, to show at the venue or print; it only works in the meeting's window. */
export function CheckinCard({ meetingId }: { meetingId: number }) {
  const t = useT('consultations');
  const { lang } = useLocale();
  const code = useQuery({ queryKey: ['consultations', 'checkin-code', meetingId], queryFn: () => consultationsApi.checkinCode(meetingId), staleTime: 5 * 60_000 });
  const c = code.data;
  const svgHref = c ? `data:image/svg+xml;charset=utf-8,${encodeURIComponent(c.svg)}` : undefined;
  return (
    <Card title={t('checkin.qrTitle')} style={{ marginBottom: 16 }} data-testid="checkin-card">
      <ErrorAlert error={code.error} />
      {c && (
        <Flex gap={16} wrap align="center">
          <Image src={c.png} alt={t('checkin.qrAlt')} width={180} height={180} preview={false} data-testid="checkin-qr" />
          <Flex vertical gap={8} style={{ minWidth: 0, flex: '1 1 220px' }}>
            <Typography.Text type="secondary">{t('checkin.qrHint')}</Typography.Text>
            {c.opensAt && c.closesAt && <Typography.Text>{t('checkin.window', { from: formatTime(c.opensAt, lang), to: formatTime(c.closesAt, lang) })}</Typography.Text>}
            <Typography.Text copyable style={{ wordBreak: 'break-all' }} data-testid="checkin-url">
              {c.url}
            </Typography.Text>
            <a href={svgHref} download={`checkin-${meetingId}.svg`}>
              <Button icon={<DownloadOutlined />}>{t('checkin.downloadSvg')}</Button>
            </a>
          </Flex>
        </Flex>
      )}
    </Card>
  );
}
