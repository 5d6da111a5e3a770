import { useState } from 'react';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { authApi } from '../../../api/auth';
import { setupApi } from '../../../api/setup';
import { ME_KEY } from '../../../app/session';
import { useT } from '../../../i18n/LocaleProvider';
import { AuthFrame } from '../components/AuthFrame';
import { ProblemAlert } from '../components/ProblemAlert';

interface Values {
  username: string;
  password: string;
}

/** Only paths inside the app may follow a login, never another site. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export default function LoginPage() {
  const t = useT('accounts');
  const ta = useT('app');
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const queryClient = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // An empty install has no account yet: say where the way in is, and nothing more.
  const setup = useQuery({ queryKey: ['setup-status'], queryFn: () => setupApi.status() });

  const submit = async ({ username, password }: Values) => {
    setBusy(true);
    setError(null);
    try {
      const { user } = await authApi.login(username.trim(), password);
      queryClient.clear();
      queryClient.setQueryData(ME_KEY, user);
      void navigate(user.mustChangePassword ? '/change-password' : safeNext(params.get('next')), { replace: true });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthFrame title={t('login.title')}>
      {setup.data?.open && <Alert type="warning" showIcon role="status" title={t('login.setupPending')} style={{ marginBottom: 16 }} />}
      <ProblemAlert error={error} />
      <Form layout="vertical" onFinish={(v: Values) => void submit(v)} requiredMark={false}>
        <Form.Item name="username" label={t('login.username')} rules={[{ required: true, message: ta('common.required') }]}>
          <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
        </Form.Item>
        <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: ta('common.required') }]}>
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy}>
          {t('login.submit')}
        </Button>
      </Form>
      <Typography.Paragraph style={{ marginTop: 16, marginBottom: 0, textAlign: 'center' }}>
        {t('login.noAccount')} <Link to="/register">{t('login.register')}</Link>
      </Typography.Paragraph>
    </AuthFrame>
  );
}
