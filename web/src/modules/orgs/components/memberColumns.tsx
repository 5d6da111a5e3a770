import { Space, Tag } from 'antd';
import type { Member } from '../../../api/types';
import type { Translate } from '../../../i18n/LocaleProvider';
import type { Column } from '../../../shared/ResponsiveTable';
import type { OrgsKey, AppKey } from '../../../i18n/keys';

export function StatusTag({ status, t }: { status: Member['status']; t: Translate<OrgsKey> }) {
  return <Tag color={status === 'active' ? 'green' : 'default'}>{t(`status.${status}`)}</Tag>;
}

export function memberColumns(t: Translate<OrgsKey>, ta: Translate<AppKey>): Column<Member>[] {
  return [
    {
      key: 'name',
      title: t('member.name'),
      dataIndex: 'name',
      fixed: 'left',
      hideInCard: true,
      render: (_: unknown, m: Member) => (
        <Space size={4}>
          <a>{m.name}</a>
          {m.standing && <Tag color="red">{t('member.standingShort')}</Tag>}
        </Space>
      ),
    },
    { key: 'gender', title: t('member.gender'), dataIndex: 'gender', render: (g: Member['gender']) => ta(`gender.${g}`) },
    { key: 'birthYear', title: t('member.birthYear'), dataIndex: 'birthYear' },
    { key: 'sector', title: t('member.sector'), dataIndex: 'sectorName' },
    { key: 'workplace', title: t('member.workplace'), dataIndex: 'workplace' },
    { key: 'title', title: t('member.title'), dataIndex: 'title' },
    { key: 'phone', title: t('member.phone'), dataIndex: 'phone' },
    { key: 'status', title: t('member.status'), dataIndex: 'status', render: (s: Member['status']) => <StatusTag status={s} t={t} /> },
  ];
}
