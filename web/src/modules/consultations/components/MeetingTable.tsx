import { Flex, Tag } from 'antd';
import { Link, useNavigate } from 'react-router';
import type { MeetingSummary } from '../../../api/consultations';
import { useLocale, useT } from '../../../i18n/LocaleProvider';
import { ResponsiveTable, type Column } from '../../../shared/ResponsiveTable';
import { useIsPhone } from '../../../shared/useIsPhone';
import { formatTime } from '../../../shared/time';
import { MeetingStateTag } from './labels';

/** Meetings as a table, or as cards on a phone; the topic opens the meeting. */
export function MeetingTable({ items, loading, testId }: { items: MeetingSummary[]; loading?: boolean; testId?: string }) {
  const t = useT('consultations');
  const { lang } = useLocale();
  const navigate = useNavigate();
  const isPhone = useIsPhone();
  const columns: Column<MeetingSummary>[] = [
    {
      key: 'topic',
      title: t('field.topic'),
      dataIndex: 'topic',
      hideInCard: true,
      render: (v: string, m) => (
        <Flex gap={4} wrap align="center">
          {m.online && <Tag color="purple">{t('field.onlineTag')}</Tag>}
          <Link to={`/consultations/meetings/${m.id}`}>{v}</Link>
        </Flex>
      ),
    },
    { key: 'type', title: t('field.type'), dataIndex: 'type', render: (v: MeetingSummary['type']) => t(`type.${v}`) },
    { key: 'state', title: t('field.state'), dataIndex: 'state', render: (s: MeetingSummary['state']) => <MeetingStateTag state={s} t={t} /> },
    { key: 'startsAt', title: t('field.startsAt'), dataIndex: 'startsAt', render: (v: string) => formatTime(v, lang) },
    { key: 'place', title: t('field.place'), dataIndex: 'place' },
    { key: 'committee', title: t('field.committee'), dataIndex: 'committeeName', render: (v: string | null | undefined) => v ?? '' },
  ];
  return (
    <ResponsiveTable<MeetingSummary>
      testId={testId}
      columns={columns}
      keyColumns={['topic']}
      dataSource={items}
      rowKey="id"
      loading={loading}
      onRowClick={isPhone ? (m) => void navigate(`/consultations/meetings/${m.id}`) : undefined}
      cardTitle={(m) => (
        <span style={{ whiteSpace: 'normal' }}>
          {m.online && <Tag color="purple">{t('field.onlineTag')}</Tag>}
          {m.topic}
        </span>
      )}
    />
  );
}
