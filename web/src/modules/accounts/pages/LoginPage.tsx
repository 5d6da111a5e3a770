import { useState } from 'react';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { authApi } from '../../../api/auth';
import { ApiError } from '../../../api/client';
import { solveChallenge } from '../../../shared/pow';
import { setupApi } from '../../../api/setup';
import { ME_KEY } from '../../../app/session';
import { useT } from '../../../i18n/LocaleProvider';
import { AuthFrame } from '../components/AuthFrame';
import { ProblemAlert } from '../components/ProblemAlert';

interface Values {
  username: string;
  password: string;
}

/**
 * Signs in; after wrong passwords the server first asks for a solved challenge (challenge_required),
 * which the browser works out in the background and sends with the same password.
 */
async function signIn(username: string, password: string, onChallenge: () => void) {
  try {
    return await authApi.login({ username, password });
  } catch (e) {
    const challenge = e instanceof ApiError && e.problem.code === 'challenge_required' ? (e.body as { challenge?: { token: string; nonce: string; bits: number } }).challenge : undefined;
    if (!challenge) throw e;
    onChallenge();
    return authApi.login({ username, password, challenge: challenge.token, solution: await solveChallenge(challenge) });
  }
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
  const [checking, setChecking] = useState(false);
  // An empty install has no account yet: say where the way in is, and nothing more.
  const setup = useQuery({ queryKey: ['setup-status'], queryFn: () => setupApi.status() });

  const submit = async ({ username, password }: Values) => {
    setBusy(true);
    setError(null);
    try {
      const { user } = await signIn(username.trim(), password, () => setChecking(true));
      queryClient.clear();
      queryClient.setQueryData(ME_KEY, user);
      void navigate(user.mustChangePassword ? '/change-password' : safeNext(params.get('next')), { replace: true });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
      setChecking(false);
    }
  };

  return (
    <AuthFrame title={t('login.title')}>
      {setup.data?.open && <Alert type="warning" showIcon role="status" title={t('login.setupPending')} style={{ marginBottom: 16 }} />}
      <ProblemAlert error={error} />
      {checking && <Alert type="info" showIcon role="status" title={t('login.checking')} style={{ marginBottom: 16 }} />}
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
