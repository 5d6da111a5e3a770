import { Button, Card, Flex, Tag } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { consultationsApi, type AttendanceRow, type AttendanceStatus } from '../../../api/consultations';
import { useLocale, useT } from '../../../i18n/LocaleProvider';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { ResponsiveTable, type Column } from '../../../shared/ResponsiveTable';
import { formatTime } from '../../../shared/time';
import { GuestsCard } from './GuestsCard';

const STATUS_COLORS: Record<AttendanceStatus, string> = { present: 'green', leave: 'gold', absent: 'red', expected: 'default' };
const STATUSES: AttendanceStatus[] = ['present', 'leave', 'absent', 'expected'];

/** Who came, who asked for leave and who was absent (the members' duty record), and the invited guests beside them. */
export function AttendanceCard({ meetingId, manage }: { meetingId: number; manage: boolean }) {
  const t = useT('consultations');
  const { lang } = useLocale();
  const attendance = useQuery({ queryKey: ['consultations', 'attendance', meetingId], queryFn: () => consultationsApi.attendance(meetingId) });
  const rows = attendance.data?.items ?? [];
  const totals = attendance.data?.totals ?? {};
  const columns: Column<AttendanceRow>[] = [
    { key: 'name', title: t('field.member'), dataIndex: 'name', hideInCard: true },
    { key: 'sector', title: t('field.sector'), dataIndex: 'sector', render: (v: string | null) => v ?? '' },
    { key: 'answer', title: t('invitation.answer'), dataIndex: 'answer', render: (a: AttendanceRow['answer'], r) => `${t(`answer.${a}`)}${r.reason ? `（${r.reason}）` : ''}` },
    { key: 'status', title: t('field.attendance'), dataIndex: 'status', render: (s: AttendanceStatus) => <Tag color={STATUS_COLORS[s]}>{t(`attendance.${s}`)}</Tag> },
    { key: 'checkedInAt', title: t('field.checkedInAt'), dataIndex: 'checkedInAt', render: (v: string | null) => formatTime(v, lang) },
  ];
  return (
    <>
      <Card
        title={t('attendance.title')}
        style={{ marginBottom: 16 }}
        data-testid="attendance"
        extra={
          <a href={consultationsApi.attendanceXlsxUrl(meetingId)}>
            <Button size="small" icon={<DownloadOutlined />}>
              {t('attendance.xlsx')}
            </Button>
          </a>
        }
      >
        <ErrorAlert error={attendance.error} />
        <Flex gap={8} wrap style={{ marginBottom: 8 }} data-testid="attendance-totals">
          {STATUSES.map((s) => (
            <Tag key={s} color={STATUS_COLORS[s]}>
              {t(`attendance.${s}`)} {totals[s] ?? rows.filter((r) => r.status === s).length}
            </Tag>
          ))}
          <Tag color="blue">{t('attendance.guests')} {totals.guests ?? 0}</Tag>
          <Tag color="purple">{t('attendance.attendees')} {totals.attendees ?? 0}</Tag>
        </Flex>
        <ResponsiveTable<AttendanceRow> columns={columns} dataSource={rows} rowKey="memberId" loading={attendance.isLoading} cardTitle={(r) => r.name} />
      </Card>
      <GuestsCard meetingId={meetingId} guests={attendance.data?.guests ?? []} manage={manage} />
    </>
  );
}
