import { Descriptions, Space, Tag } from 'antd';
import type { Member, Term } from '../../../api/types';
import { useLocale, useT } from '../../../i18n/LocaleProvider';
import { formatTime } from '../../../shared/time';
import { StatusTag } from './memberColumns';

export function MemberDescriptions({ member: m, terms }: { member: Member; terms?: Term[] }) {
  const t = useT('orgs');
  const ta = useT('app');
  const { lang } = useLocale();
  const term = terms?.find((x) => x.id === m.termId);
  const items = [
    { key: 'name', label: t('member.name'), children: m.name },
    { key: 'gender', label: t('member.gender'), children: ta(`gender.${m.gender}`) },
    { key: 'birthYear', label: t('member.birthYear'), children: m.birthYear },
    { key: 'ethnicity', label: t('member.ethnicity'), children: m.ethnicity },
    { key: 'politicalAffiliation', label: t('member.politicalAffiliation'), children: m.politicalAffiliation },
    { key: 'organization', label: ta('common.organization'), children: m.organizationName },
    { key: 'term', label: t('member.term'), children: term?.name ?? m.termId },
    { key: 'sector', label: t('member.sector'), children: m.sectorName },
    {
      key: 'committees',
      label: t('member.committees'),
      children: (
        <Space wrap size={4}>
          {m.committeeNames.map((c) => (
            <Tag key={c}>{c}</Tag>
          ))}
        </Space>
      ),
    },
    { key: 'workplace', label: t('member.workplace'), children: <span data-testid="member-workplace">{m.workplace}</span> },
    { key: 'title', label: t('member.title'), children: m.title },
    { key: 'phone', label: t('member.phone'), children: m.phone ?? '' },
    { key: 'standing', label: t('member.standing'), children: m.standing ? ta('common.yes') : ta('common.no') },
    { key: 'status', label: t('member.status'), children: <StatusTag status={m.status} t={t} /> },
    ...(m.status === 'exited'
      ? [
          { key: 'exitedOn', label: t('member.exitedOn'), children: m.exitedOn ?? '' },
          { key: 'exitReason', label: t('member.exitReason'), children: m.exitReason ?? '' },
        ]
      : []),
    { key: 'updatedAt', label: t('member.updatedAt'), children: formatTime(m.updatedAt, lang) },
  ];
  return <Descriptions bordered size="small" column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 3, xxl: 3 }} items={items} />;
}
