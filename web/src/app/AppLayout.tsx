import { Suspense, useEffect, useState } from 'react';
import { Button, Drawer, Flex, Layout, Typography } from 'antd';
import { MenuOutlined } from '@ant-design/icons';
import { Navigate, Outlet, useLocation } from 'react-router';
import { ApiError } from '../api/client';
import { ErrorAlert } from '../shared/ErrorAlert';
import { useIsPhone } from '../shared/useIsPhone';
import { useT } from '../i18n/LocaleProvider';
import { LanguageSwitch } from './LanguageSwitch';
import { NavMenu } from './NavMenu';
import { PageSpinner } from './PageSpinner';
import { UserBox } from './UserBox';
import { useMeQuery } from './session';

function Brand() {
  const t = useT('app');
  return (
    <Flex vertical style={{ padding: '16px 24px' }}>
      <Typography.Title level={4} style={{ margin: 0, color: '#b4232a' }}>
        {t('app.name')}
      </Typography.Title>
      <Typography.Text type="secondary">{t('app.tagline')}</Typography.Text>
    </Flex>
  );
}

export function AppLayout() {
  const t = useT('app');
  const isPhone = useIsPhone();
  const location = useLocation();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const me = useMeQuery();

  useEffect(() => {
    document.title = `${t('app.name')} · ${t('app.tagline')}`;
  }, [t]);

  if (me.isLoading) return <PageSpinner />;
  if (me.error instanceof ApiError && me.error.status === 401) {
    return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  }
  if (!me.data) return <ErrorAlert error={me.error} />;

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {!isPhone && (
        <Layout.Sider
          width={220}
          theme="light"
          // The menu stays in view while a long list scrolls.
          style={{ borderInlineEnd: '1px solid #f0f0f0', position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}
        >
          <Brand />
          <NavMenu me={me.data} />
        </Layout.Sider>
      )}
      <Layout>
        <Layout.Header
          style={{ background: '#fff', padding: isPhone ? '0 12px' : '0 24px', borderBottom: '1px solid #f0f0f0', display: 'flex', alignItems: 'center', gap: 12 }}
        >
          {isPhone && (
            <>
              <Button icon={<MenuOutlined />} aria-label={t('menu.open')} data-testid="menu-toggle" onClick={() => setDrawerOpen(true)} />
              <Typography.Text strong style={{ color: '#b4232a', fontSize: 18 }}>
                {t('app.name')}
              </Typography.Text>
            </>
          )}
          <div style={{ flex: 1 }} />
          <LanguageSwitch />
          {!isPhone && <UserBox me={me.data} />}
        </Layout.Header>
        <Layout.Content style={{ padding: isPhone ? 12 : 24, minWidth: 0 }}>
          <Suspense fallback={<PageSpinner />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
      {isPhone && (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={280}
          title={t('app.name')}
          data-testid="menu-drawer"
          styles={{ body: { padding: 0 } }}
        >
          <div style={{ padding: 16, borderBottom: '1px solid #f0f0f0' }}>
            <UserBox me={me.data} vertical />
          </div>
          <NavMenu me={me.data} onNavigate={() => setDrawerOpen(false)} />
        </Drawer>
      )}
    </Layout>
  );
}
