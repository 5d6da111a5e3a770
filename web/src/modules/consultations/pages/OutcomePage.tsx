import { useState, type ReactNode } from 'react';
import { App, Button, Card, Form, Input, List, Modal, Select, Typography } from 'antd';
import { ArrowLeftOutlined, DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { consultationsApi, LEVELS } from '../../../api/consultations';
import { PageSpinner } from '../../../app/PageSpinner';
import { hasAnyRole, useMe } from '../../../app/session';
import { useT } from '../../../i18n/LocaleProvider';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { PageHeader } from '../../../shared/PageHeader';
import { SuggestionStateTag, today } from '../components/labels';
import { ConsultationTimeline } from '../components/Timeline';
import { useRun } from '../components/useRun';
import { OFFICE } from '../manifest';

type Kind = 'forwarding' | 'instruction' | 'adoption';

/** An outcome report: its summary and suggestions, the .docx, where it was sent and what came back. */
export default function OutcomePage() {
  const id = Number(useParams().id);
  const t = useT('consultations');
  const ta = useT('app');
  const me = useMe();
  const navigate = useNavigate();
  const { run, busy } = useRun();
  const [open, setOpen] = useState<Kind | null>(null);
  const [form] = Form.useForm();
  const { modal } = App.useApp();
  const detail = useQuery({ queryKey: ['consultations', 'outcome', id], queryFn: () => consultationsApi.outcome(id) });
  const o = detail.data;
  if (detail.isLoading) return <PageSpinner />;
  if (!o) return <ErrorAlert error={detail.error} />;
  const office = hasAnyRole(me, OFFICE);
  const may: Record<Kind, boolean> = { forwarding: o.abilities?.forward ?? office, instruction: o.abilities?.instruct ?? office, adoption: o.abilities?.adopt ?? office };
  const levels = LEVELS.map((l) => ({ value: l, label: t(`level.${l}`) }));
  const required = [{ required: true, whitespace: true, message: t('form.required') }];

  const submit = async () => {
    const v = (await form.validateFields().catch(() => null)) as Record<string, string> | null;
    if (!v || !open) return;
    const note = v.note?.trim() || undefined;
    const close = () => setOpen(null);
    if (open === 'forwarding') run(open, () => consultationsApi.addForwarding(id, { to: v.to!.trim(), date: v.date!, note }), close);
    if (open === 'instruction') run(open, () => consultationsApi.addInstruction(id, { leaderName: v.leaderName!.trim(), level: v.level as (typeof LEVELS)[number], date: v.date!, text: v.text!.trim() }), close);
    if (open === 'adoption') {
      const level = t(`level.${v.level as (typeof LEVELS)[number]}`);
      void modal.confirm({
        title: t('outcome.add.adoption'),
        content: <span data-testid="action-confirm">{t('confirm.adoption', { level, date: v.date! })}</span>,
        okText: t('confirm.ok'),
        cancelText: t('action.cancel'),
        onOk: () => run('adoption', () => consultationsApi.addAdoption(id, { level: v.level as (typeof LEVELS)[number], date: v.date!, note }), close, t('done.adoption', { level })),
      });
    }
  };
  const section = (kind: Kind, title: string, rows: ReactNode[]) => (
    <Card
      title={title}
      style={{ marginBottom: 16 }}
      data-testid={`outcome-${kind}s`}
      extra={
        may[kind] && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setOpen(kind)}>
            {t(`outcome.add.${kind}`)}
          </Button>
        )
      }
    >
      <List size="small" dataSource={rows} locale={{ emptyText: t('outcome.none') }} renderItem={(r) => <List.Item>{r}</List.Item>} />
    </Card>
  );
  return (
    <>
      <PageHeader
        title={<span data-testid="outcome-title">{o.title}</span>}
        back={<Button type="text" icon={<ArrowLeftOutlined />} aria-label={ta('common.back')} onClick={() => void navigate(-1)} />}
        extra={
          <a href={consultationsApi.outcomeDocxUrl(id)}>
            <Button icon={<DownloadOutlined />}>{t('outcome.docx')}</Button>
          </a>
        }
      />
      <Card style={{ marginBottom: 16 }} title={o.meeting ? <Link to={`/consultations/meetings/${o.meeting.id}`}>{o.meeting.topic}</Link> : t('field.summary')}>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{o.summary}</Typography.Paragraph>
      </Card>
      <Card title={t('field.suggestions')} style={{ marginBottom: 16 }}>
        <List
          size="small"
          dataSource={o.suggestions}
          renderItem={(s, i) => (
            <List.Item>
              <span>
                {i + 1}. <Link to={`/consultations/suggestions/${s.id}`}>{s.title}</Link>
              </span>
              <SuggestionStateTag state={s.state} t={t} />
            </List.Item>
          )}
        />
      </Card>
      {section('forwarding', t('outcome.forwardings'), o.forwardings.map((f, i) => <span key={i}>{f.date} · {f.to}{f.note ? `（${f.note}）` : ''}</span>))}
      {section('instruction', t('outcome.instructions'), o.instructions.map((x, i) => <span key={i}>{x.date} · {t(`level.${x.level}`)} · {x.leaderName}：{x.text}</span>))}
      {section('adoption', t('outcome.adoptions'), o.adoptions.map((a, i) => <span key={i}>{a.date} · {t(`level.${a.level}`)}{a.note ? ` · ${a.note}` : ''}</span>))}
      {o.timeline && <ConsultationTimeline entries={o.timeline} />}
      <Modal open={open !== null} title={open ? t(`outcome.add.${open}`) : ''} okText={t('action.submit')} cancelText={t('action.cancel')} confirmLoading={busy(open ?? '')} onOk={() => void submit()} onCancel={() => setOpen(null)} destroyOnHidden>
        <Form form={form} layout="vertical" preserve={false} initialValues={{ date: today() }}>
          {open === 'forwarding' && (
            <Form.Item name="to" label={t('field.forwardedTo')} rules={required}>
              <Input maxLength={200} />
            </Form.Item>
          )}
          {open === 'instruction' && (
            <Form.Item name="leaderName" label={t('field.leaderName')} rules={required}>
              <Input maxLength={50} />
            </Form.Item>
          )}
          {open !== 'forwarding' && (
            <Form.Item name="level" label={t('field.level')} rules={[{ required: true, message: t('form.chooseLevel') }]}>
              <Select placeholder={t('form.chooseLevel')} options={levels} />
            </Form.Item>
          )}
          <Form.Item name="date" label={t('field.date')} rules={required}>
            <Input type="date" max={today()} />
          </Form.Item>
          {open === 'instruction' ? (
            <Form.Item name="text" label={t('field.instructionText')} rules={required}>
              <Input.TextArea rows={4} maxLength={5000} />
            </Form.Item>
          ) : (
            <Form.Item name="note" label={t('field.note')}>
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </>
  );
}
