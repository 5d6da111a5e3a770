import { useEffect, type ReactNode } from 'react';
import { Flex, Typography } from 'antd';
import { Link } from 'react-router';
import { LanguageSwitch } from '../../../app/LanguageSwitch';
import { useT } from '../../../i18n/LocaleProvider';

/** The public pages: the brand, the language switch and one column, no menu and no account. */
export function PublicFrame({ title, children }: { title: string; children: ReactNode }) {
  const ta = useT('app');
  useEffect(() => {
    document.title = `${title} · ${ta('app.name')}`;
  }, [title, ta]);
  return (
    <div style={{ minHeight: '100vh', background: '#f5f5f5' }}>
      <Flex justify="space-between" align="center" style={{ background: '#b4232a', padding: '10px 16px' }}>
        <Link to="/disclosure/proposals">
          <Typography.Text strong style={{ color: '#fff', fontSize: 18 }}>
            {ta('app.name')}
          </Typography.Text>
        </Link>
        <LanguageSwitch />
      </Flex>
      <main style={{ maxWidth: 860, margin: '0 auto', padding: 16 }}>{children}</main>
    </div>
  );
}
