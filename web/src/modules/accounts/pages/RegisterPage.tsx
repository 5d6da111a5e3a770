import { useState } from 'react';
import { Button, Form, Input, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { authApi } from '../../../api/auth';
import { applyFieldErrors } from '../../../api/errors';
import { ME_KEY } from '../../../app/session';
import { useLocale, useT } from '../../../i18n/LocaleProvider';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { OrganizationSelect } from '../../../shared/OrganizationSelect';
import { AuthFrame } from '../components/AuthFrame';
import { policyRule, sameAsRule } from '../passwordPolicy';

interface Values {
  username: string;
  displayName: string;
  password: string;
  confirm: string;
  phone?: string;
  organizationId: number;
}

const FIELDS = ['username', 'displayName', 'password', 'phone', 'organizationId'] as const;

export default function RegisterPage() {
  const t = useT('accounts');
  const ta = useT('app');
  const { lang } = useLocale();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const organizations = useQuery({ queryKey: ['public', 'organizations'], queryFn: authApi.publicOrganizations });
  const required = { required: true, message: ta('common.required') };

  const submit = async ({ confirm: _c, phone, ...values }: Values) => {
    setBusy(true);
    setErrors([]);
    try {
      const user = await authApi.register({ ...values, username: values.username.trim(), ...(phone ? { phone } : {}) });
      queryClient.clear();
      queryClient.setQueryData(ME_KEY, user);
      void navigate('/', { replace: true });
    } catch (e) {
      setErrors(applyFieldErrors(form, e, lang, FIELDS));
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthFrame title={t('register.title')}>
      <ErrorAlert messages={errors} error={organizations.error} />
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
        <Form.Item name="username" label={t('login.username')} rules={[required]} extra={t('register.usernameHelp')}>
          <Input autoComplete="username" />
        </Form.Item>
        <Form.Item name="displayName" label={t('register.displayName')} rules={[required]}>
          <Input autoComplete="name" maxLength={50} />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('login.password')}
          extra={t('password.policy')}
          rules={[required, policyRule(t('password.weak'))]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('register.confirm')}
          dependencies={['password']}
          rules={[required, sameAsRule('password', t('register.mismatch'))]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="phone" label={t('register.phone')}>
          <Input inputMode="tel" maxLength={11} autoComplete="tel" />
        </Form.Item>
        <Form.Item name="organizationId" label={t('register.organization')} rules={[required]}>
          <OrganizationSelect organizations={organizations.data ?? []} placeholder={ta('common.choose')} />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy}>
          {t('register.submit')}
        </Button>
      </Form>
      <Typography.Paragraph style={{ marginTop: 16, marginBottom: 0, textAlign: 'center' }}>
        {t('register.haveAccount')} <Link to="/login">{t('register.login')}</Link>
      </Typography.Paragraph>
    </AuthFrame>
  );
}
