import { Segmented } from 'antd';
import type { OrgScope } from '../api/types';
import { useMe } from '../app/session';
import { useT } from '../i18n/LocaleProvider';
import { useOrganizations } from './OrganizationSelect';

/**
 * Whether yearly figures are the organization's own (本级) or its whole system with every CPPCC
 * below it (全系统). Shown only for an organization that has some below it.
 */
export function ScopeSwitch({ value, onChange, organizationId }: { value: OrgScope; onChange: (scope: OrgScope) => void; organizationId?: number }) {
  const t = useT('app');
  const me = useMe();
  const orgs = useOrganizations();
  const at = organizationId ?? me.organization.id;
  if (!orgs.data?.some((o) => o.parentId === at)) return null;
  return (
    <Segmented<OrgScope>
      value={value}
      onChange={onChange}
      aria-label={t('scope.label')}
      data-testid="scope-switch"
      options={[
        { value: 'own', label: t('scope.own') },
        { value: 'system', label: t('scope.system') },
      ]}
    />
  );
}
