import { useEffect, type ReactNode } from 'react';
import { Flex, Typography } from 'antd';
import { LanguageSwitch } from '../../../app/LanguageSwitch';
import { useT } from '../../../i18n/LocaleProvider';

/** The resident's pages: one narrow column, no menu, only the brand and the language switch. */
export function PublicFrame({ title, children }: { title: string; children: ReactNode }) {
  const ta = useT('app');
  useEffect(() => {
    document.title = `${title} · ${ta('app.name')}`;
  }, [title, ta]);
  return (
    <div style={{ minHeight: '100vh', background: '#f5f5f5' }}>
      <Flex justify="space-between" align="center" style={{ background: '#b4232a', padding: '10px 16px' }}>
        <Typography.Text strong style={{ color: '#fff', fontSize: 18 }}>
          {ta('app.name')}
        </Typography.Text>
        <LanguageSwitch />
      </Flex>
      <main style={{ maxWidth: 560, margin: '0 auto', padding: 16 }}>{children}</main>
    </div>
  );
}
