import { useState } from 'react';
import { Alert, Button, Divider, Flex, Form, Input, InputNumber, Radio, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { setupApi, type SetupLevel } from '../../../api/setup';
import { applyFieldErrors } from '../../../api/errors';
import { useLocale, useT } from '../../../i18n/LocaleProvider';
import { AuthFrame } from '../../accounts/components/AuthFrame';
import { policyRule, sameAsRule } from '../../accounts/passwordPolicy';
import { DivisionPicker, type Choice } from '../DivisionPicker';

interface Values {
  level: SetupLevel;
  name: string;
  termNumber: number;
  termStartsOn: string;
  sessions: { opensOn: string }[];
  username: string;
  displayName: string;
  password: string;
  confirm: string;
}
const FIELDS = ['name', 'termNumber', 'termStartsOn', 'username', 'displayName', 'password'] as const;

/** The first set-up of an empty install, opened from the link the server printed at start. */
export default function SetupPage() {
  const t = useT('setup');
  const ta = useT('app');
  const { lang } = useLocale();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const level = Form.useWatch('level', form) ?? 'city';
  const [choice, setChoice] = useState<Choice | null>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const status = useQuery({ queryKey: ['setup-status', token], queryFn: () => setupApi.status(token || undefined) });

  const choose = (c: Choice | null) => {
    setChoice(c);
    form.setFieldValue('name', c?.division.proposedName ?? '');
  };

  const submit = async (v: Values) => {
    if (!choice) return setErrors([t('org.choose')]);
    setBusy(true);
    setErrors([]);
    try {
      await setupApi.setUp({
        token, level: v.level, divisionCode: choice.division.code, name: v.name.trim(), termNumber: v.termNumber, termStartsOn: v.termStartsOn,
        sessions: v.sessions.map((s, i) => ({ number: i + 1, opensOn: s.opensOn })), username: v.username.trim(), displayName: v.displayName.trim(), password: v.password,
      });
      // The answer signed the admin in: the app loads them afresh.
      queryClient.clear();
      void navigate('/', { replace: true });
    } catch (e) {
      setErrors(applyFieldErrors(form, e, lang, FIELDS));
    } finally {
      setBusy(false);
    }
  };

  const blocked = !token ? t('token.missing') : status.data?.token && status.data.token !== 'valid' ? t(`token.${status.data.token}`) : null;
  const required = [{ required: true, message: ta('common.required') }];
  return (
    <AuthFrame title={t('title')}>
      {status.data && !status.data.open ? (
        <Alert type="success" showIcon title={t('done')} action={<Link to="/login">{t('toLogin')}</Link>} />
      ) : blocked ? (
        <Alert type="warning" showIcon role="alert" title={blocked} />
      ) : status.data ? (
        <Form form={form} layout="vertical" requiredMark={false} initialValues={{ level: 'city', sessions: [{ opensOn: '' }] }} onFinish={(v: Values) => void submit(v)}>
          <Typography.Paragraph type="secondary">{t('intro')}</Typography.Paragraph>
          {errors.length > 0 && <Alert type="error" showIcon role="alert" title={errors.join('；')} style={{ marginBottom: 16 }} />}
          <Divider titlePlacement="start">{t('org.section')}</Divider>
          <Form.Item name="level" label={t('org.level')}>
            <Radio.Group optionType="button" options={(['province', 'city', 'county'] as const).map((l) => ({ value: l, label: t(`level.${l}`) }))} />
          </Form.Item>
          <DivisionPicker level={level} onChange={choose} />
          <Form.Item name="name" label={t('org.name')} extra={t('org.nameHelp')} rules={required}>
            <Input maxLength={50} />
          </Form.Item>
          {choice && choice.counties.length > 0 && (
            <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('org.counties', { count: choice.counties.length, names: choice.counties.map((c) => c.name).join('、') })} />
          )}
          <Divider titlePlacement="start">{t('term.section')}</Divider>
          <Flex gap={12} wrap>
            <Form.Item name="termNumber" label={t('term.number')} rules={required} style={{ flex: '1 1 140px' }}>
              <InputNumber min={1} max={99} precision={0} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="termStartsOn" label={t('term.startsOn')} rules={required} style={{ flex: '1 1 160px' }}>
              <Input type="date" />
            </Form.Item>
          </Flex>
          <Form.List name="sessions">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f, i) => (
                  <Flex key={f.key} gap={8} align="flex-end">
                    <Form.Item name={[f.name, 'opensOn']} label={t('session.label', { n: i + 1 })} rules={required} style={{ flex: 1 }}>
                      <Input type="date" />
                    </Form.Item>
                    {i > 0 && i === fields.length - 1 && (
                      <Button onClick={() => remove(f.name)} style={{ marginBottom: 24 }}>
                        {t('session.remove')}
                      </Button>
                    )}
                  </Flex>
                ))}
                <Button type="dashed" block onClick={() => add({ opensOn: '' })} style={{ marginBottom: 16 }}>
                  {t('session.add')}
                </Button>
              </>
            )}
          </Form.List>
          <Divider titlePlacement="start">{t('admin.section')}</Divider>
          <Form.Item name="username" label={t('admin.username')} extra={t('admin.usernameHelp')} rules={required}>
            <Input autoComplete="username" />
          </Form.Item>
          <Form.Item name="displayName" label={t('admin.displayName')} rules={required}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('admin.password')}
            extra={t('admin.passwordHelp')}
            rules={[...required, policyRule(t('admin.weak'))]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label={t('admin.confirm')}
            dependencies={['password']}
            rules={[...required, sameAsRule('password', t('admin.mismatch'))]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('submit')}
          </Button>
        </Form>
      ) : null}
    </AuthFrame>
  );
}
