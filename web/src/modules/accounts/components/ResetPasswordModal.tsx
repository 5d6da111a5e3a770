import { useState } from 'react';
import { App, Form, Input, Modal, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { accountsApi } from '../../../api/accounts';
import { applyFieldErrors } from '../../../api/errors';
import type { Account } from '../../../api/types';
import { useLocale, useT } from '../../../i18n/LocaleProvider';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { policyRule } from '../passwordPolicy';

export function ResetPasswordModal({ account, onClose }: { account: Account; onClose: () => void }) {
  const t = useT('accounts');
  const ta = useT('app');
  const { lang } = useLocale();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ password: string }>();
  const [errors, setErrors] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);

  const submit = async ({ password }: { password: string }) => {
    setSaving(true);
    setErrors([]);
    try {
      await accountsApi.resetPassword(account.id, password);
      void queryClient.invalidateQueries({ queryKey: ['accounts'] });
      message.success(t('reset.done', { name: account.username }));
      onClose();
    } catch (e) {
      setErrors(applyFieldErrors(form, e, lang, ['password']));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t('reset.title', { name: account.username })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={ta('common.save')}
      cancelText={ta('common.cancel')}
      okButtonProps={{ loading: saving }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('reset.note')}</Typography.Paragraph>
      <ErrorAlert messages={errors} />
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item
          name="password"
          label={t('reset.newPassword')}
          extra={t('password.policy')}
          rules={[
            { required: true, message: ta('common.required') },
            policyRule(t('password.weak')),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
