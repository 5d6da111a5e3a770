import { useEffect, type ReactNode } from 'react';
import { LanguageSwitch } from '../../../app/LanguageSwitch';
import { useT } from '../../../i18n/LocaleProvider';

/**
 * The resident's pages: one narrow column, no menu, only the brand and the language switch. Plain
 * elements set in antd's type (14 px, 88% black), without antd's Typography and Flex, which a phone
 * would download only for that.
 */
export function PublicFrame({ title, children }: { title: string; children: ReactNode }) {
  const ta = useT('app');
  useEffect(() => {
    document.title = `${title} · ${ta('app.name')}`;
  }, [title, ta]);
  return (
    <div style={{ minHeight: '100vh', background: '#f5f5f5' }}>
      <header style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', background: '#b4232a', padding: '10px 16px' }}>
        <strong style={{ color: '#fff', fontSize: 18, fontWeight: 600 }}>{ta('app.name')}</strong>
        <LanguageSwitch />
      </header>
      <main style={{ maxWidth: 560, margin: '0 auto', padding: 16, fontSize: 14, lineHeight: 1.5715, color: 'rgba(0, 0, 0, 0.88)' }}>{children}</main>
    </div>
  );
}
