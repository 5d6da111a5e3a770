import { useState } from 'react';
import { App, Button, Card, Descriptions, Form, Input, Modal, Radio, Select, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { consultationsApi, type SuggestionAssignment } from '../../../api/consultations';
import { PageSpinner } from '../../../app/PageSpinner';
import { useLocale, useT } from '../../../i18n/LocaleProvider';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { PageHeader } from '../../../shared/PageHeader';
import { ResponsiveTable, type Column } from '../../../shared/ResponsiveTable';
import { formatTime } from '../../../shared/time';
import { SuggestionStateTag, today } from '../components/labels';
import { ConsultationTimeline } from '../components/Timeline';
import { useRun } from '../components/useRun';

type Open = 'assign' | 'answer' | 'adopt' | null;

/** One suggestion: where it came from, which departments have it, their answers, and whether it was adopted. */
export default function SuggestionPage() {
  const id = Number(useParams().id);
  const t = useT('consultations');
  const ta = useT('app');
  const { lang } = useLocale();
  const navigate = useNavigate();
  const { run, busy } = useRun();
  const [open, setOpen] = useState<Open>(null);
  const [form] = Form.useForm();
  const { modal } = App.useApp();
  const detail = useQuery({ queryKey: ['consultations', 'suggestion', id], queryFn: () => consultationsApi.suggestion(id) });
  const s = detail.data;
  const config = useQuery({ queryKey: ['consultations', 'config'], queryFn: consultationsApi.config, staleTime: 60_000, enabled: !!s?.abilities.assign });
  if (detail.isLoading) return <PageSpinner />;
  if (!s) return <ErrorAlert error={detail.error} />;

  const submit = async () => {
    const v = (await form.validateFields().catch(() => null)) as Record<string, unknown> | null;
    if (!v) return;
    const close = () => setOpen(null);
    // Assigning and recording adoption cannot be taken back: say what will happen first.
    const confirmed = (text: string, go: () => void) => void modal.confirm({ title: t(open === 'adopt' ? 'action.adoption' : 'action.assign'), content: <span data-testid="action-confirm">{text}</span>, okText: t('confirm.ok'), cancelText: t('action.cancel'), onOk: go });
    if (open === 'assign') {
      const names = (config.data?.units ?? []).filter((u) => (v.unitIds as number[]).includes(u.id)).map((u) => u.name).join('、');
      const deadline = (v.deadline as string) || undefined;
      confirmed(t('confirm.assignSuggestion', { units: names, deadline: deadline ? t('confirm.deadline', { date: deadline }) : '' }), () =>
        run('assign', () => consultationsApi.assignSuggestion(id, v.unitIds as number[], deadline), close, t('done.assign', { units: names })),
      );
    }
    if (open === 'answer') run('answer', () => consultationsApi.answerSuggestion(id, (v.text as string).trim()), close);
    if (open === 'adopt') {
      const adopted = t(v.adopted === true ? 'suggestionState.adopted' : 'suggestionState.not_adopted');
      confirmed(t('confirm.adoptSuggestion', { adopted }), () =>
        run('adopt', () => consultationsApi.adoptSuggestion(id, v.adopted === true, (v.note as string | undefined)?.trim() || undefined), close, t('done.adoptSuggestion', { adopted })),
      );
    }
  };
  const columns: Column<SuggestionAssignment>[] = [
    { key: 'unit', title: t('field.unit'), dataIndex: 'unitName', hideInCard: true },
    { key: 'deadline', title: t('field.deadline'), dataIndex: 'deadline', render: (v: string | null) => v ?? '' },
    { key: 'answer', title: t('field.answer'), dataIndex: 'answer', render: (v: string | null) => (v ? <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{v}</Typography.Text> : <Typography.Text type="secondary">{t('suggestion.waiting')}</Typography.Text>) },
    { key: 'answeredAt', title: t('field.answeredAt'), dataIndex: 'answeredAt', render: (v: string | null) => formatTime(v, lang) },
  ];
  const required = [{ required: true, message: t('form.required') }];
  const ab = s.abilities;
  return (
    <>
      <PageHeader
        title={<span data-testid="suggestion-title">{s.title}</span>}
        back={<Button type="text" icon={<ArrowLeftOutlined />} aria-label={ta('common.back')} onClick={() => void navigate(-1)} />}
        extra={
          <>
            {ab.assign && (
              <Button type="primary" onClick={() => setOpen('assign')}>
                {t('action.assign')}
              </Button>
            )}
            {ab.answer && (
              <Button type="primary" onClick={() => setOpen('answer')}>
                {t('action.answer')}
              </Button>
            )}
            {ab.adopt && <Button onClick={() => setOpen('adopt')}>{t('action.adoption')}</Button>}
          </>
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('field.state')}>
            <SuggestionStateTag state={s.state} t={t} />
          </Descriptions.Item>
          {s.meeting && (
            <Descriptions.Item label={t('field.meeting')}>
              <Link to={`/consultations/meetings/${s.meeting.id}`}>{s.meeting.topic}</Link>
            </Descriptions.Item>
          )}
          {s.adopted !== null && <Descriptions.Item label={t('field.adoptionNote')}>{s.adoptionNote ?? ''}</Descriptions.Item>}
        </Descriptions>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 12, marginBottom: 0 }} data-testid="suggestion-text">
          {s.text}
        </Typography.Paragraph>
      </Card>
      {s.source && s.source.kind !== 'manual' && (
        <Card title={t('suggestion.source')} style={{ marginBottom: 16 }} data-testid="suggestion-source">
          <Typography.Text type="secondary">
            {t(`source.${s.source.kind}`)}
            {s.source.authorName ? ` · ${s.source.authorName}` : ''}
          </Typography.Text>
          {s.source.excerpt && <blockquote style={{ margin: '8px 0 0', paddingInlineStart: 12, borderInlineStart: '3px solid #d9d9d9', whiteSpace: 'pre-wrap' }}>{s.source.excerpt}</blockquote>}
        </Card>
      )}
      <Card title={t('suggestion.assignments')} style={{ marginBottom: 16 }} data-testid="assignments">
        <ResponsiveTable<SuggestionAssignment> columns={columns} dataSource={s.assignments} rowKey="unitId" cardTitle={(a) => a.unitName} />
      </Card>
      <ConsultationTimeline entries={s.timeline} />
      <Modal
        open={open !== null}
        title={open ? t(open === 'adopt' ? 'action.adoption' : `action.${open}`) : ''}
        okText={t('action.submit')}
        cancelText={t('action.cancel')}
        confirmLoading={busy(open ?? '')}
        onOk={() => void submit()}
        onCancel={() => setOpen(null)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          {open === 'assign' && (
            <>
              <Form.Item name="unitIds" label={t('field.units')} rules={required}>
                <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={(config.data?.units ?? []).map((u) => ({ value: u.id, label: u.name }))} />
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
          {open === 'adopt' && (
            <>
              <Form.Item name="adopted" label={t('field.adopted')} rules={[{ required: true, message: t('form.chooseAdopted') }]}>
                <Radio.Group
                  options={[
                    { value: true, label: t('suggestionState.adopted') },
                    { value: false, label: t('suggestionState.not_adopted') },
                  ]}
                />
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
