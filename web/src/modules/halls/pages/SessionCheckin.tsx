// The office's check-in panel of a session: the QR code to show at the venue, and the list of who
// checked in, refreshed while the page is open so that staff see arrivals as they come.
import { Flex, Image, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { hallsApi, type SessionAttendance } from '../../../api/halls';
import { useLocale, useT } from '../../../i18n/LocaleProvider';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { formatTime } from '../../../shared/time';

const LIVE_MS = 5000;
const STATUS_COLOR = { present: 'green', leave: 'blue', absent: 'red', expected: 'default' } as const;

export function SessionCheckin({ sessionId }: { sessionId: number }) {
  const t = useT('halls');
  const { lang } = useLocale();
  const code = useQuery({ queryKey: ['halls', 'checkin-code', sessionId], queryFn: () => hallsApi.checkinCode(sessionId), staleTime: 5 * 60_000 });
  const list = useQuery({ queryKey: ['halls', 'attendance', sessionId], queryFn: () => hallsApi.attendance(sessionId), refetchInterval: LIVE_MS });
  const c = code.data;
  const totals = list.data?.totals;
  return (
    <div data-testid="hall-checkin-panel">
      <ErrorAlert error={code.error ?? list.error} />
      {c && (
        <Flex gap={16} wrap align="center" style={{ marginBottom: 16 }}>
          <Image src={c.png} alt={t('office.qrAlt')} width={160} height={160} preview={false} data-testid="checkin-qr" />
          <Flex vertical gap={8} style={{ minWidth: 0, flex: '1 1 220px' }}>
            <Typography.Text type="secondary">{t('office.checkinHint')}</Typography.Text>
            <Typography.Text>{t('checkin.window', { from: formatTime(c.opensAt, lang), to: formatTime(c.closesAt, lang) })}</Typography.Text>
            <Typography.Text copyable style={{ wordBreak: 'break-all' }} data-testid="checkin-url">{c.url}</Typography.Text>
          </Flex>
        </Flex>
      )}
      <h4 style={{ margin: '0 0 8px' }}>{t('office.attendance')}</h4>
      {totals && <Typography.Paragraph data-testid="hall-attendance-totals">{t('office.totals', { invited: totals.invited, present: totals.present, late: totals.late, absent: totals.absent, expected: totals.expected })}</Typography.Paragraph>}
      <Table<SessionAttendance['items'][number]> data-testid="hall-attendance" rowKey={(r) => `${r.kind}-${r.memberId ?? r.name}`} size="small" pagination={false} scroll={{ x: true }}
        dataSource={list.data?.items ?? []} loading={list.isLoading}
        columns={[
          { key: 'name', title: t('office.who'), dataIndex: 'name' },
          { key: 'kind', title: t('office.kind'), render: (_, r) => t(`office.kind.${r.kind}`) },
          { key: 'status', title: t('office.status'), render: (_, r) => (
            <>
              <Tag color={STATUS_COLOR[r.status]}>{t(`office.status.${r.status}`)}</Tag>
              {r.late && <Tag color="orange">{t('office.late')}</Tag>}
            </>
          ) },
          { key: 'at', title: t('office.checkedInAt'), render: (_, r) => (r.checkedInAt ? formatTime(r.checkedInAt, lang) : '—') },
        ]} />
    </div>
  );
}
