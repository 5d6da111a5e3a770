import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { homeApi } from '../api/home';
import type { Role } from '../api/types';
import { useLocale, useT } from '../i18n/LocaleProvider';
import { translate } from '../i18n/translate';
import { ErrorAlert } from '../shared/ErrorAlert';
import { webModules } from './modules';
import { LeaderFigures } from './home/LeaderFigures';
import { WorkCard } from './home/WorkCard';
import { hasAnyRole, roleSet, useMe } from './session';

export function HomePage() {
  const me = useMe();
  const t = useT('app');
  const { lang } = useLocale();
  const roles = [...roleSet(me)];
  // What waits on each of the account's roles today, counted by the server (GET /api/home).
  const work = useQuery({ queryKey: ['home'], queryFn: homeApi.work });
  const items = work.data?.items ?? [];
  const shortcuts = webModules.flatMap((m) =>
    m.menu.filter((e) => hasAnyRole(me, e.roles)).map((e) => ({ ...e, label: translate(m.namespace, e.labelKey, lang) })),
  );

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t('home.welcome', { name: me.displayName })}
        </Typography.Title>
        <Typography.Paragraph>{t('home.motto')}</Typography.Paragraph>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {t('home.organization', { org: me.organization.name })}
        </Typography.Paragraph>
        <Space wrap>
          {roles.map((r) => (
            <Tag key={r} color="red">
              {t(`role.${r}` as `role.${Role}`)}
            </Tag>
          ))}
        </Space>
      </Card>
      <ErrorAlert error={work.error} />
      <Row gutter={[16, 16]}>
        {roles.map((r) => (
          <Col key={r} xs={24} md={12}>
            <WorkCard role={r} items={items.filter((i) => i.role === r)} loading={work.isLoading} extra={r === 'leader' ? <LeaderFigures /> : r === 'unit' ? <Link to="/dashboard/unit" data-testid="unit-figures-link">{t('home.unitFigures')}</Link> : undefined} />
          </Col>
        ))}
      </Row>
      {shortcuts.length > 0 && (
        <Card title={t('home.shortcuts')}>
          <Space wrap>
            {shortcuts.map((s) => (
              <Link key={s.path} to={s.path}>
                <Card size="small" hoverable>
                  <Space>
                    {s.icon}
                    {s.label}
                  </Space>
                </Card>
              </Link>
            ))}
          </Space>
        </Card>
      )}
    </Space>
  );
}
