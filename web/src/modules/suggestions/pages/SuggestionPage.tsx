import { useState } from 'react';
import { App, Button, Card, Descriptions, Form, Input, Modal, Radio, Select, Timeline, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { problemMessage } from '../../../api/errors';
import { orgsApi } from '../../../api/orgs';
import type { HandlingUnit } from '../../../api/types';
import { suggestionsApi, type SuggestionAssignment } from '../../../api/suggestions';
import { PageSpinner } from '../../../app/PageSpinner';
import { pickLang, useLocale, useT } from '../../../i18n/LocaleProvider';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { PageHeader } from '../../../shared/PageHeader';
import { ResponsiveTable, type Column } from '../../../shared/ResponsiveTable';
import { formatTime, today } from '../../../shared/time';
import { StateTag } from '../components/labels';

type Open = 'assign' | 'answer' | 'adoption' | null;

/** Where a suggestion's source is shown: a consultation meeting's page, or the hall session's. */
const sourceLink = (type: string, id: number) => (type === 'consultation_meeting' ? `/consultations/meetings/${id}` : null);

/** One suggestion: its source, the units it went to with their deadlines and answers, the adoption, and its history. */
export default function SuggestionPage() {
  const id = Number(useParams().id);
  const t = useT('suggestions');
  const ta = useT('app');
  const { lang } = useLocale();
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState<Open>(null);
  const [form] = Form.useForm();
  const detail = useQuery({ queryKey: ['suggestions', 'one', id], queryFn: () => suggestionsApi.get(id) });
  const s = detail.data;
  const units = useQuery({ queryKey: ['suggestions', 'units', s?.organizationId], queryFn: () => orgsApi.catalog<HandlingUnit>('handling-units', s!.organizationId), enabled: !!s?.abilities.assign, staleTime: 60_000 });
  // Each step's success message says what happened (which units, which decision), not just "done".
  const step = useMutation({
    mutationFn: ({ fn }: { fn: () => Promise<unknown>; done: string }) => fn(),
    onSuccess: (_r, { done }) => {
      void message.success(done);
      void queryClient.invalidateQueries({ queryKey: ['suggestions'] });
      setOpen(null);
    },
    onError: (e) => void message.error(problemMessage(e, lang)),
  });
  if (detail.isLoading) return <PageSpinner />;
  if (!s) return <ErrorAlert error={detail.error} />;

  const submit = async () => {
    const v = (await form.validateFields().catch(() => null)) as Record<string, unknown> | null;
    if (!v) return;
    if (open === 'assign') {
      const ids = v.unitIds as number[];
      const names = (units.data ?? []).filter((u) => ids.includes(u.id)).map((u) => u.name).join('、');
      // Units are notified at once: say so before it happens.
      modal.confirm({
        title: t('action.assign'), content: t('confirm.assign', { units: names }), okText: t('confirm.ok'), cancelText: t('action.cancel'),
        onOk: () => step.mutate({ fn: () => suggestionsApi.assign(id, ids, (v.deadline as string) || undefined), done: t('done.assign', { units: names }) }),
      });
    }
    if (open === 'answer') step.mutate({ fn: () => suggestionsApi.answer(id, (v.text as string).trim()), done: t('done.answer') });
    if (open === 'adoption') {
      const adopted = v.adopted === true;
      modal.confirm({
        title: t('action.adoption'), content: t('confirm.adoption', { adopted: t(adopted ? 'state.adopted' : 'state.not_adopted') }), okText: t('confirm.ok'), cancelText: t('action.cancel'),
        onOk: () => step.mutate({ fn: () => suggestionsApi.adoption(id, adopted, (v.note as string | undefined)?.trim() || undefined), done: t('done.adoption', { adopted: t(adopted ? 'state.adopted' : 'state.not_adopted') }) }),
      });
    }
  };
  const columns: Column<SuggestionAssignment>[] = [
    { key: 'unit', title: t('field.unit'), dataIndex: 'unitName', hideInCard: true },
    { key: 'deadline', title: t('field.deadline'), dataIndex: 'deadline', render: (v: string | null) => v ?? '' },
    { key: 'answer', title: t('field.answer'), dataIndex: 'answer', render: (v: string | null) => (v ? <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{v}</Typography.Text> : <Typography.Text type="secondary">{t('detail.waiting')}</Typography.Text>) },
    { key: 'answeredAt', title: t('field.answeredAt'), dataIndex: 'answeredAt', render: (v: string | null) => formatTime(v, lang) },
    { key: 'remindedAt', title: t('field.remindedAt'), dataIndex: 'remindedAt', render: (v: string | null) => formatTime(v, lang) },
  ];
  const required = [{ required: true, message: t('form.required') }];
  const ab = s.abilities;
  const link = sourceLink(s.source.type, s.source.id);
  return (
    <>
      <PageHeader
        title={<span data-testid="suggestion-title">{s.title}</span>}
        back={<Button type="text" icon={<ArrowLeftOutlined />} aria-label={ta('common.back')} onClick={() => void navigate(-1)} />}
        extra={
          <>
            {ab.assign && <Button type="primary" onClick={() => setOpen('assign')}>{t('action.assign')}</Button>}
            {ab.answer && <Button type="primary" onClick={() => setOpen('answer')}>{t('action.answer')}</Button>}
            {ab.adopt && <Button onClick={() => setOpen('adoption')}>{t('action.adoption')}</Button>}
          </>
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('field.state')}>
            <StateTag state={s.state} t={t} />
          </Descriptions.Item>
          <Descriptions.Item label={t('field.source')}>
            {t(`sourceType.${s.source.type}`)}
            {s.source.title ? ' · ' : ''}
            {s.source.title && (link ? <Link to={link}>{s.source.title}</Link> : s.source.title)}
          </Descriptions.Item>
          {s.adopted !== null && <Descriptions.Item label={t('field.adoptionNote')}>{s.adoptionNote ?? ''}</Descriptions.Item>}
        </Descriptions>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 12, marginBottom: 0 }} data-testid="suggestion-text">
          {s.text}
        </Typography.Paragraph>
      </Card>
      {s.origin.kind !== 'manual' && s.origin.excerpt && (
        <Card title={t('detail.origin')} style={{ marginBottom: 16 }} data-testid="suggestion-source">
          <Typography.Text type="secondary">
            {t(`origin.${s.origin.kind}`)}
            {s.origin.authorName ? ` · ${s.origin.authorName}` : ''}
          </Typography.Text>
          <blockquote style={{ margin: '8px 0 0', paddingInlineStart: 12, borderInlineStart: '3px solid #d9d9d9', whiteSpace: 'pre-wrap' }}>{s.origin.excerpt}</blockquote>
        </Card>
      )}
      <Card title={t('detail.assignments')} style={{ marginBottom: 16 }} data-testid="assignments">
        <ResponsiveTable<SuggestionAssignment> columns={columns} dataSource={s.assignments} rowKey="unitId" cardTitle={(a) => a.unitName} />
      </Card>
      <Card title={t('detail.timeline')} data-testid="timeline" style={{ marginBottom: 16 }}>
        <Timeline
          items={s.timeline.map((e, i) => ({
            key: i,
            content: (
              <>
                <Typography.Text strong>{pickLang(lang, e.label, e.label_en)}</Typography.Text>{' '}
                <Typography.Text type="secondary">
                  {e.actorName ?? t('detail.system')} · {formatTime(e.at, lang)}
                </Typography.Text>
              </>
            ),
          }))}
        />
      </Card>
      <Modal
        open={open !== null}
        title={open ? t(`action.${open}`) : ''}
        okText={t('action.submit')}
        cancelText={t('action.cancel')}
        confirmLoading={step.isPending}
        onOk={() => void submit()}
        onCancel={() => setOpen(null)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          {open === 'assign' && (
            <>
              <Form.Item name="unitIds" label={t('field.units')} rules={required}>
                <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={(units.data ?? []).filter((u) => u.active).map((u) => ({ value: u.id, label: u.name }))} />
              </Form.Item>
              <Form.Item name="deadline" label={t('field.deadline')}>
                <Input type="date" min={today()} />
              </Form.Item>
            </>
          )}
          {open === 'answer' && (
            <Form.Item name="text" label={t('field.answer')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
              <Input.TextArea rows={6} maxLength={5000} />
            </Form.Item>
          )}
          {open === 'adoption' && (
            <>
              {/* No default: whether it was adopted is a judgement the office states each time. */}
              <Form.Item name="adopted" label={t('field.adopted')} rules={[{ required: true, message: t('form.chooseAdopted') }]}>
                <Radio.Group options={[{ value: true, label: t('state.adopted') }, { value: false, label: t('state.not_adopted') }]} />
              </Form.Item>
              <Form.Item name="note" label={t('field.adoptionNote')}>
                <Input.TextArea rows={3} maxLength={1000} />
              </Form.Item>
            </>
          )}
        </Form>
      </Modal>
    </>
  );
}
