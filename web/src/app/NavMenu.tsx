import { Menu, type MenuProps } from 'antd';
import { HomeOutlined } from '@ant-design/icons';
import { useLocation, useNavigate } from 'react-router';
import type { Me } from '../api/types';
import { useLocale, useT } from '../i18n/LocaleProvider';
import { translate } from '../i18n/translate';
import { webModules } from './modules';
import { hasAnyRole } from './session';

type Item = Required<MenuProps>['items'][number];

/** The menu shows only what the user's roles may open. */
export function NavMenu({ me, onNavigate }: { me: Me; onNavigate?: () => void }) {
  const t = useT('app');
  const { lang } = useLocale();
  const navigate = useNavigate();
  const { pathname } = useLocation();

  const items: Item[] = [{ key: '/', icon: <HomeOutlined />, label: t('menu.home') }];
  for (const m of webModules) {
    const children = m.menu
      .filter((e) => hasAnyRole(me, e.roles))
      .map((e) => ({ key: e.path, icon: e.icon, label: translate(m.namespace, e.labelKey, lang) }));
    if (children.length > 0) {
      items.push({ key: `group:${m.name}`, type: 'group', label: translate(m.namespace, m.menuLabelKey, lang), children });
    }
  }

  // Detail and edit pages keep their list's entry lit.
  const selected = webModules
    .flatMap((m) => m.menu.map((e) => e.path))
    .filter((p) => pathname === p || pathname.startsWith(`${p}/`))
    .sort((a, b) => b.length - a.length)[0] ?? (pathname === '/' ? '/' : '');

  return (
    <Menu
      mode="inline"
      items={items}
      selectedKeys={[selected]}
      style={{ borderInlineEnd: 'none' }}
      onClick={({ key }) => {
        void navigate(key);
        onNavigate?.();
      }}
    />
  );
}
