import type { ReactNode } from 'react';
import { Button, Result } from 'antd';
import { Link } from 'react-router';
import type { Role } from '../api/types';
import { useT } from '../i18n/LocaleProvider';
import { hasAnyRole, useMe } from './session';

/** The server refuses the data anyway; this only spares the user a page of errors. */
export function RequireRole({ roles, children }: { roles?: readonly Role[]; children: ReactNode }) {
  const me = useMe();
  const t = useT('app');
  if (hasAnyRole(me, roles)) return <>{children}</>;
  return (
    <Result status="403" title="403" subTitle={t('common.forbidden')} extra={<Link to="/"><Button type="primary">{t('common.backHome')}</Button></Link>} />
  );
}
