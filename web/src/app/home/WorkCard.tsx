import type { ReactNode } from 'react';
import { Card, List, Space, Typography } from 'antd';
import { Link } from 'react-router';
import type { WorkItem } from '../../api/home';
import type { Role } from '../../api/types';
import { useLocale, useT } from '../../i18n/LocaleProvider';

interface Props {
  role: Role;
  items: WorkItem[];
  loading: boolean;
  /** More for the card below its items (a leader's figures). */
  extra?: ReactNode;
}

/** One role's work today: each item's count links to the list that shows those records; overdue in red. */
export function WorkCard({ role, items, loading, extra }: Props) {
  const t = useT('app');
  const { lang } = useLocale();
  return (
    <Card size="small" title={t(`role.${role}` as `role.${Role}`)} data-testid={`work-${role}`} loading={loading}>
      <Typography.Paragraph type="secondary">{t(`home.role.${role}` as `home.role.${Role}`)}</Typography.Paragraph>
      {items.length > 0 && (
        <List
          size="small"
          dataSource={items}
          renderItem={(item) => (
            <List.Item data-testid={`work-item-${item.code}`} style={{ flexWrap: 'wrap', gap: 4 }}>
              <Space orientation="vertical" size={0} style={{ minWidth: 0, flex: 1 }}>
                <span>{lang === 'en' ? item.name_en : item.name}</span>
                {(item.overdue || item.dueSoon) && (
                  <Space size="small" wrap>
                    {item.overdue && (
                      <Link to={item.overdue.link} data-testid="overdue" style={item.overdue.count ? { color: '#cf1322', fontWeight: 600 } : { color: '#999' }}>
                        {t('home.overdue', { count: item.overdue.count })}
                      </Link>
                    )}
                    {item.dueSoon && (
                      <Link to={item.dueSoon.link} data-testid="due-soon" style={item.dueSoon.count ? { color: '#d46b08' } : { color: '#999' }}>
                        {t('home.dueSoon', { count: item.dueSoon.count })}
                      </Link>
                    )}
                  </Space>
                )}
              </Space>
              {/* A zero is shown quietly: grey and small, still a way to the list. */}
              <Link to={item.link} data-testid="count" aria-label={`${lang === 'en' ? item.name_en : item.name} ${item.count}`} style={item.count ? { fontSize: 22, fontWeight: 600 } : { fontSize: 16, color: '#bbb' }}>
                {item.count}
              </Link>
            </List.Item>
          )}
        />
      )}
      {extra}
    </Card>
  );
}
