import { useState } from 'react';
import { App, Form, Input, Modal, Select } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { accountsApi } from '../../../api/accounts';
import { applyFieldErrors } from '../../../api/errors';
import { ROLES, type Account, type AccountInput } from '../../../api/types';
import { useMe } from '../../../app/session';
import { useLocale, useT } from '../../../i18n/LocaleProvider';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { OrganizationSelect } from '../../../shared/OrganizationSelect';
import { meetsPasswordPolicy } from '../passwordPolicy';

const FIELDS = ['username', 'displayName', 'password', 'organizationId', 'roles', 'department'] as const;

/** Creates an account, or edits the name, roles and department of one (null: a new account). */
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

  const submit = async (values: AccountInput) => {
    setSaving(true);
    setErrors([]);
    try {
      const department = values.department?.trim() ? values.department.trim() : null;
      if (account) await accountsApi.update(account.id, { displayName: values.displayName, roles: values.roles, department });
      else await accountsApi.create({ ...values, department });
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
            rules={[required, { validator: async (_, v: string) => { if (v && !meetsPasswordPolicy(v)) throw new Error(t('password.weak')); } }]}
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
        <Form.Item name="department" label={t('accounts.department')}>
          <Input maxLength={100} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
