import { useState } from 'react';
import { App, Button, Card, Form, Input, Select, Upload, type UploadFile } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { applyFieldErrors } from '../../../api/errors';
import { CATEGORIES, opinionsApi, type Category } from '../../../api/opinions';
import { orgsApi } from '../../../api/orgs';
import { useMe } from '../../../app/session';
import { useLocale, useT } from '../../../i18n/LocaleProvider';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { PageHeader } from '../../../shared/PageHeader';

interface Values {
  title: string;
  text: string;
  category: Category;
  coReporterIds?: number[];
  contactPointId?: number;
}
const FIELDS = ['title', 'text', 'category', 'coReporterIds', 'contactPointId', 'attachmentIds'];

/** A member (or a contact point's person in charge, or the office) submits a report. */
export default function ReportFormPage() {
  const t = useT('opinions');
  const ta = useT('app');
  const { lang } = useLocale();
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [memberQ, setMemberQ] = useState('');
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  // The roster search is open to the office; for others it answers 403 and the list stays empty.
  const members = useQuery({ queryKey: ['orgs', 'members', 'pick', memberQ], queryFn: () => orgsApi.lookupMembers(memberQ || undefined), staleTime: 30_000, retry: false });
  const points = useQuery({ queryKey: ['orgs', 'places', 'contact_point'], queryFn: () => orgsApi.places({ kind: 'contact_point' }, null, 100), staleTime: 60_000 });
  const required = [{ required: true, whitespace: true, message: ta('common.required') }];

  const submit = async (v: Values) => {
    setBusy(true);
    setErrors([]);
    try {
      const attachmentIds = files.map((f) => (f.response as { id?: string } | undefined)?.id).filter((id): id is string => !!id);
      await opinionsApi.report({ organizationId: me.organization.id, title: v.title, text: v.text, category: v.category, coReporterIds: v.coReporterIds ?? [], contactPointId: v.contactPointId, attachmentIds });
      void queryClient.invalidateQueries({ queryKey: ['opinions'] });
      void message.success(t('report.done'));
      void navigate('/opinions/mine');
    } catch (e) {
      setErrors(applyFieldErrors(form, e, lang, FIELDS));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeader title={t('report.title')} />
      <Card style={{ maxWidth: 800 }}>
        <ErrorAlert messages={errors} />
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
          <Form.Item name="title" label={t('field.title')} rules={required}>
            <Input maxLength={100} showCount />
          </Form.Item>
          <Form.Item name="category" label={t('field.category')} rules={[{ required: true, message: ta('common.required') }]}>
            <Select options={CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) }))} />
          </Form.Item>
          <Form.Item name="text" label={t('field.text')} rules={required}>
            <Input.TextArea rows={10} maxLength={2000} showCount />
          </Form.Item>
          <Form.Item label={t('field.attachments')} name="attachmentIds">
            <Upload
              fileList={files}
              onChange={({ fileList }) => setFiles(fileList)}
              customRequest={({ file, onSuccess, onError }) => {
                opinionsApi.upload(file as File).then((saved) => onSuccess?.(saved), (e: Error) => onError?.(e));
              }}
            >
              <Button icon={<UploadOutlined />}>{t('report.upload')}</Button>
            </Upload>
          </Form.Item>
          <Form.Item name="coReporterIds" label={t('field.coReporters')} extra={t('report.coReportersHelp')}>
            <Select
              mode="multiple"
              showSearch={{ filterOption: false, onSearch: setMemberQ }}
              loading={members.isFetching}
              options={(members.data?.items ?? []).filter((m) => m.id !== me.memberId).map((m) => ({ value: m.id, label: `${m.name}（${m.sectorName}）` }))}
            />
          </Form.Item>
          {(points.data?.items.length ?? 0) > 0 && (
            <Form.Item name="contactPointId" label={t('field.contactPoint')}>
              <Select allowClear options={(points.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))} />
            </Form.Item>
          )}
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('report.submit')}
          </Button>
        </Form>
      </Card>
    </>
  );
}
