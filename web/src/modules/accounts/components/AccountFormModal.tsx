import { useState } from 'react';
import { App, Form, Input, Modal, Select } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { orgsApi } from '../../../api/orgs';
import { MemberPicker } from '../../orgs/components/MemberPicker';
import { accountsApi } from '../../../api/accounts';
import { applyFieldErrors } from '../../../api/errors';
import { ROLES, type Account, type AccountInput } from '../../../api/types';
import { useMe } from '../../../app/session';
import { useLocale, useT } from '../../../i18n/LocaleProvider';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { OrganizationSelect } from '../../../shared/OrganizationSelect';
import { policyRule } from '../passwordPolicy';

const FIELDS = ['username', 'displayName', 'password', 'organizationId', 'roles', 'memberId', 'handlingUnitId', 'department'] as const;

/** Creates an account, or edits the name, roles, linked member or unit and department of one (null: a new account). */
export function AccountFormModal({ account, onClose }: { account: Account | null; onClose: () => void }) {
  const t = useT('accounts');
  const ta = useT('app');
  const { lang } = useLocale();
  const { message } = App.useApp();
  const me = useMe();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<AccountInput>();
  const [errors, setErrors] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const required = { required: true, message: ta('common.required') };
  const organizationId = Form.useWatch('organizationId', form) ?? account?.organizationId ?? me.organization.id;
  const roles = Form.useWatch('roles', form) ?? account?.roles ?? [];
  const units = useQuery({
    queryKey: ['orgs', 'handling-units', organizationId],
    queryFn: () => orgsApi.catalog('handling-units', organizationId),
    enabled: roles.includes('unit'),
  });

  const submit = async (values: AccountInput) => {
    setSaving(true);
    setErrors([]);
    try {
      const department = values.department?.trim() ? values.department.trim() : null;
      // A link only goes with its role: dropping the role drops the link.
      const memberId = values.roles.includes('member') ? (values.memberId ?? null) : null;
      const handlingUnitId = values.roles.includes('unit') ? (values.handlingUnitId ?? null) : null;
      if (account) await accountsApi.update(account.id, { displayName: values.displayName, roles: values.roles, department, memberId, handlingUnitId });
      else await accountsApi.create({ ...values, department, memberId, handlingUnitId });
      void queryClient.invalidateQueries({ queryKey: ['accounts'] });
      message.success(ta('common.saved'));
      onClose();
    } catch (e) {
      setErrors(applyFieldErrors(form, e, lang, FIELDS));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={account ? t('accounts.editTitle', { name: account.username }) : t('accounts.createTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={ta('common.save')}
      cancelText={ta('common.cancel')}
      okButtonProps={{ loading: saving }}
      destroyOnHidden
    >
      <ErrorAlert messages={errors} />
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        initialValues={account ? { ...account, department: account.department ?? undefined } : { organizationId: me.organization.id, roles: [] }}
        data-testid="account-form"
      >
        <Form.Item name="username" label={t('login.username')} rules={[required]} extra={account ? undefined : t('register.usernameHelp')}>
          <Input disabled={!!account} autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label={t('register.displayName')} rules={[required]}>
          <Input maxLength={50} />
        </Form.Item>
        {!account && (
          <Form.Item
            name="password"
            label={t('login.password')}
            extra={t('password.policy')}
            rules={[required, policyRule(t('password.weak'))]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
        <Form.Item name="organizationId" label={ta('common.organization')} rules={[required]}>
          <OrganizationSelect disabled={!!account} />
        </Form.Item>
        <Form.Item name="roles" label={t('accounts.roles')} rules={[required]}>
          <Select mode="multiple" options={ROLES.map((r) => ({ value: r, label: ta(`role.${r}`) }))} />
        </Form.Item>
        {roles.includes('member') && (
          <Form.Item name="memberId" label={t('accounts.member')} extra={t('accounts.memberHelp')}>
            <MemberPicker organizationId={organizationId} currentName={account?.memberName ?? null} />
          </Form.Item>
        )}
        {roles.includes('unit') && (
          <Form.Item name="handlingUnitId" label={t('accounts.unit')} extra={t('accounts.unitHelp')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              loading={units.isFetching}
              options={(units.data ?? []).filter((u) => u.organizationId === organizationId).map((u) => ({ value: u.id, label: u.name }))}
            />
          </Form.Item>
        )}
        <Form.Item name="department" label={t('accounts.department')}>
          <Input maxLength={100} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
