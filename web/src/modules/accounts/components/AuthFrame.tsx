import type { ReactNode } from 'react';
import { Card, Flex, Typography } from 'antd';
import { LanguageSwitch } from '../../../app/LanguageSwitch';
import { useT } from '../../../i18n/LocaleProvider';

/** The frame of the pages one sees before signing in. */
export function AuthFrame({ title, children }: { title: string; children: ReactNode }) {
  const ta = useT('app');
  return (
    <Flex vertical align="center" style={{ minHeight: '100vh', background: '#f5f5f5', padding: '16px 12px' }}>
      <Flex justify="flex-end" style={{ width: '100%', maxWidth: 420 }}>
        <LanguageSwitch />
      </Flex>
      <Typography.Title level={2} style={{ color: '#b4232a', marginBottom: 0, marginTop: 24 }}>
        {ta('app.name')}
      </Typography.Title>
      <Typography.Text type="secondary" style={{ marginBottom: 24 }}>
        {ta('app.tagline')}
      </Typography.Text>
      <Card title={title} style={{ width: '100%', maxWidth: 420 }}>
        {children}
      </Card>
    </Flex>
  );
}
