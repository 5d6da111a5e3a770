import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Progress, Result, Select, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { deviceId, opinionsApi } from '../../../api/opinions';
import { applyFieldErrors } from '../../../api/errors';
import { pickLang, useLocale, useT } from '../../../i18n/LocaleProvider';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { PageSpinner } from '../../../app/PageSpinner';
import { PhotoPicker } from '../components/PhotoPicker';
import { PublicFrame } from '../components/PublicFrame';
import { solveChallenge } from '../../../shared/pow';

interface Values {
  text: string;
  category: string;
  name?: string;
  phone?: string;
}
type Phase = { kind: 'form' } | { kind: 'verifying'; share: number } | { kind: 'sending' } | { kind: 'done'; trackingCode: string };

const FIELDS = ['text', 'category', 'name', 'phone'];

/** The page a resident's phone opens from a place's QR code: no account, one column. */
export default function ScanPage() {
  const { code = '' } = useParams();
  const t = useT('opinions');
  const ta = useT('app');
  const { lang } = useLocale();
  const [form] = Form.useForm<Values>();
  const [photos, setPhotos] = useState<File[]>([]);
  const [phase, setPhase] = useState<Phase>({ kind: 'form' });
  const [errors, setErrors] = useState<string[]>([]);
  // A challenge is spent once and expires: each attempt fetches the page data afresh.
  const page = useQuery({ queryKey: ['q', code], queryFn: () => opinionsApi.qr(code), staleTime: 0, gcTime: 0 });

  if (page.isLoading) return <PageSpinner />;
  if (!page.data)
    return (
      <PublicFrame title={t('scan.unknown')}>
        <Result status="warning" title={t('scan.unknown')} subTitle={<ErrorAlert error={page.error} />} />
      </PublicFrame>
    );
  const { place, categories, limits } = page.data;

  const submit = async (values: Values) => {
    setErrors([]);
    try {
      const fresh = (await page.refetch()).data ?? page.data!;
      setPhase({ kind: 'verifying', share: 0 });
      const solution = await solveChallenge(fresh.challenge, (share) => setPhase({ kind: 'verifying', share }));
      setPhase({ kind: 'sending' });
      const body = new FormData();
      body.append('text', values.text);
      body.append('category', values.category);
      if (values.name?.trim()) body.append('name', values.name.trim());
      if (values.phone?.trim()) body.append('phone', values.phone.trim());
      body.append('deviceId', deviceId());
      body.append('challenge', fresh.challenge.token);
      body.append('solution', solution);
      photos.forEach((p) => body.append('photo', p, p.name));
      const { trackingCode } = await opinionsApi.submitResident(code, body);
      setPhase({ kind: 'done', trackingCode });
    } catch (e) {
      setErrors(applyFieldErrors(form, e, lang, FIELDS));
      setPhase({ kind: 'form' });
    }
  };

  if (phase.kind === 'done')
    return (
      <PublicFrame title={place.name}>
        <Card>
          <Result
            status="success"
            title={t('scan.done')}
            subTitle={t('scan.codeHelp')}
            extra={[
              <Typography.Text key="label" type="secondary" style={{ display: 'block' }}>
                {t('scan.codeLabel')}
              </Typography.Text>,
              <Typography.Text key="code" copyable strong data-testid="tracking-code" style={{ fontSize: 30, letterSpacing: 2, display: 'block', margin: '8px 0 16px' }}>
                {phase.trackingCode}
              </Typography.Text>,
              <Link key="track" to={`/track/${phase.trackingCode}`}>
                <Button type="primary" size="large" block>
                  {t('scan.track')}
                </Button>
              </Link>,
              <Button key="again" type="link" onClick={() => { form.resetFields(); setPhotos([]); setPhase({ kind: 'form' }); }}>
                {t('scan.another')}
              </Button>,
            ]}
          />
        </Card>
      </PublicFrame>
    );

  const busy = phase.kind !== 'form';
  return (
    <PublicFrame title={place.name}>
      <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>
        {place.name}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {place.organizationName} · {t('scan.slogan')}
      </Typography.Paragraph>
      <Card>
        <ErrorAlert messages={errors} />
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} disabled={busy} requiredMark={false}>
          <Form.Item name="text" label={t('scan.text')} rules={[{ required: true, whitespace: true, message: ta('common.required') }]}>
            <Input.TextArea rows={6} maxLength={limits.maxText} showCount placeholder={t('scan.textPlaceholder')} />
          </Form.Item>
          <Form.Item name="category" label={t('scan.category')} rules={[{ required: true, message: ta('common.required') }]}>
            <Select options={categories.map((c) => ({ value: c.value, label: pickLang(lang, c.zh, c.en) }))} placeholder={t('scan.category')} />
          </Form.Item>
          <Form.Item label={t('scan.photos', { n: limits.maxPhotos })}>
            <PhotoPicker value={photos} onChange={setPhotos} max={limits.maxPhotos} maxBytes={limits.maxPhotoBytes} />
          </Form.Item>
          <Form.Item name="name" label={t('scan.name')}>
            <Input maxLength={30} autoComplete="name" />
          </Form.Item>
          <Form.Item name="phone" label={t('scan.phone')} rules={[{ pattern: /^1[3-9][0-9]{9}$/, message: t('scan.phoneInvalid') }]}>
            <Input inputMode="numeric" maxLength={11} autoComplete="tel" />
          </Form.Item>
          <Alert type="info" showIcon title={t('scan.privacy')} style={{ marginBottom: 16 }} />
          {phase.kind === 'verifying' && (
            <div role="status" style={{ marginBottom: 12 }}>
              <Typography.Text>{t('scan.verifying')}</Typography.Text>
              <Progress percent={Math.round(phase.share * 100)} size="small" />
            </div>
          )}
          {phase.kind === 'sending' && (
            <Typography.Paragraph role="status">{t('scan.sending')}</Typography.Paragraph>
          )}
          <Button type="primary" htmlType="submit" size="large" block loading={busy}>
            {t('scan.submit')}
          </Button>
        </Form>
      </Card>
    </PublicFrame>
  );
}
