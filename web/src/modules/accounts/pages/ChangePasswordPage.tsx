import { useState } from 'react';
import { App, Button, Form, Input, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { authApi } from '../../../api/auth';
import { ME_KEY } from '../../../app/session';
import { useT } from '../../../i18n/LocaleProvider';
import { AuthFrame } from '../components/AuthFrame';
import { ProblemAlert } from '../components/ProblemAlert';
import { policyRule, sameAsRule } from '../passwordPolicy';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** Where a user signed in with an initial password is sent: every other page is closed until it is changed. */
export default function ChangePasswordPage() {
  const t = useT('accounts');
  const ta = useT('app');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const required = { required: true, message: ta('common.required') };

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      await authApi.changePassword(v.currentPassword, v.newPassword);
      queryClient.clear();
      message.success(t('changePassword.done'));
      void navigate('/', { replace: true });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const logout = async () => {
    await authApi.logout().catch(() => undefined);
    queryClient.removeQueries({ queryKey: ME_KEY });
    void navigate('/login', { replace: true });
  };

  return (
    <AuthFrame title={t('changePassword.title')}>
      <Typography.Paragraph type="secondary">{t('changePassword.intro')}</Typography.Paragraph>
      <ProblemAlert error={error} />
      <Form layout="vertical" onFinish={(v: Values) => void submit(v)} requiredMark={false} data-testid="change-password-form">
        <Form.Item name="currentPassword" label={t('changePassword.current')} rules={[required]}>
          <Input.Password autoComplete="current-password" autoFocus />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('changePassword.new')}
          extra={t('password.policy')}
          rules={[required, policyRule(t('password.weak'))]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('changePassword.confirm')}
          dependencies={['newPassword']}
          rules={[required, sameAsRule('newPassword', t('register.mismatch'))]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy}>
          {t('changePassword.submit')}
        </Button>
      </Form>
      <Button type="link" block style={{ marginTop: 8 }} onClick={() => void logout()}>
        {t('changePassword.logout')}
      </Button>
    </AuthFrame>
  );
}
