import { useState } from 'react';
import { App, Button, Card, Descriptions, Flex, Form, Input, List, Modal, Popconfirm, Tag, Timeline, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { opinionsApi, type Opinion, type OpinionEvent } from '../../../api/opinions';
import { applyFieldErrors, problemMessage } from '../../../api/errors';
import { hasAnyRole, useMe } from '../../../app/session';
import { PageSpinner } from '../../../app/PageSpinner';
import { useLocale, useT } from '../../../i18n/LocaleProvider';
import type { OpinionsKey } from '../../../i18n/keys';
import { auditActionLabel } from '../../../i18n/auditAction';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { PageHeader } from '../../../shared/PageHeader';
import { formatTime } from '../../../shared/time';
import { ActionModal, sendEvent, type FormEvent } from '../components/ActionModal';
import { StateTag } from '../components/labels';
import { OpinionResults } from '../components/OpinionResults';

const ORDER: OpinionEvent[] = ['accept', 'mark_duplicate', 'not_use', 'reopen', 'hand_off', 'compile', 'forward', 'adopt', 'instruct', 'feedback'];

export default function OpinionPage() {
  const id = Number(useParams().id);
  const t = useT('opinions');
  const ta = useT('app');
  const { lang } = useLocale();
  const me = useMe();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState<FormEvent | null>(null);
  const [contact, setContact] = useState<{ name: string | null; phone: string | null } | null>(null);
  const detail = useQuery({ queryKey: ['opinions', 'detail', id], queryFn: () => opinionsApi.get(id) });
  const timeline = useQuery({ queryKey: ['opinions', 'timeline', id], queryFn: () => opinionsApi.timeline(id) });

  /** What the step did, in the server's own answer: the level that adopted it, the recipient, the unit. */
  const doneText = (event: OpinionEvent, o: Opinion): string => {
    switch (event) {
      case 'adopt': {
        const a = o.adoptions.at(-1);
        return a ? t('done.adopt', { level: t(`level.${a.level}`) }) : t('action.done');
      }
      case 'forward': {
        const f = o.forwardings.at(-1);
        return f ? t('done.forward', { recipient: [t(`recipient.${f.recipient}`), f.recipientName].filter(Boolean).join(' ') }) : t('action.done');
      }
      case 'hand_off':
        return o.handoff ? t('done.hand_off', { unit: o.handoff.unitName }) : t('action.done');
      case 'instruct':
        return t('done.instruct', { leader: o.instructions.at(-1)?.leader ?? '' });
      case 'feedback':
        return t('done.feedback', { fromName: o.feedback.at(-1)?.fromName ?? '' });
      case 'mark_duplicate':
        return t('done.mark_duplicate');
      case 'retitle':
        return t('done.retitle', { title: o.title });
      case 'accept':
      case 'not_use':
      case 'reopen':
        return t(`done.${event}`);
      default:
        return t('action.done');
    }
  };
  const saved = (o: Opinion, event: OpinionEvent) => {
    queryClient.setQueryData(['opinions', 'detail', id], o);
    void queryClient.invalidateQueries({ queryKey: ['opinions', 'timeline', id] });
    void queryClient.invalidateQueries({ queryKey: ['opinions', 'list'] });
    void message.success({ content: <span data-testid="done-message">{doneText(event, o)}</span> });
    setOpen(null);
  };
  const quick = useMutation({
    mutationFn: (event: 'accept' | 'reopen') => opinionsApi.screen(id, { event }),
    onSuccess: (o, event) => saved(o, event),
    onError: (e) => void message.error(problemMessage(e, lang)),
  });
  const [titleForm] = Form.useForm<{ title: string }>();
  const [retitling, setRetitling] = useState(false);
  const [titleErrors, setTitleErrors] = useState<string[]>([]);
  const retitle = useMutation({
    mutationFn: (title: string) => opinionsApi.retitle(id, title),
    onSuccess: (o) => {
      setRetitling(false);
      setTitleErrors([]);
      saved(o, 'retitle');
    },
    onError: (e) => setTitleErrors(applyFieldErrors(titleForm, e, lang, ['title'])),
  });
  const reveal = useMutation({
    mutationFn: () => opinionsApi.contact(id),
    onSuccess: (c) => {
      setContact(c);
      // The reveal is on the timeline now.
      void queryClient.invalidateQueries({ queryKey: ['opinions', 'timeline', id] });
    },
  });

  if (detail.isLoading) return <PageSpinner />;
  const o = detail.data;
  if (!o) return <ErrorAlert error={detail.error} />;

  const fire = (e: OpinionEvent) => {
    if (e === 'accept' || e === 'reopen') quick.mutate(e);
    else if (e === 'compile') void navigate(`/opinions/issues/new?ids=${o.id}`);
    else if (e !== 'retitle') setOpen(e);
  };
  const actions = ORDER.filter((e) => o.abilities[e]);
  // The office calls the resident back; the server checks the report's organization and records each view.
  const isOffice = hasAnyRole(me, ['admin', 'staff']);
  // Actions this page has no words for get the audit log's label, never the code.
  const actionLabel = (action: string) => {
    const key = `timeline.${action}`;
    const text = t(key as OpinionsKey);
    return text === key ? auditActionLabel(action, lang) : text;
  };

  return (
    <>
      <PageHeader
        title={o.title}
        back={<Button type="text" icon={<ArrowLeftOutlined />} aria-label={ta('common.back')} onClick={() => void navigate(-1)} />}
        extra={
          <>
            {o.abilities.retitle && (
              <Button
                data-testid="retitle"
                onClick={() => {
                  setTitleErrors([]);
                  setRetitling(true);
                }}
              >
                {t('action.retitle')}
              </Button>
            )}
            {actions.map((e) => {
              const button = (
                <Button key={e} type={e === 'accept' || e === 'compile' ? 'primary' : 'default'} loading={quick.isPending && quick.variables === e} onClick={e === 'accept' ? undefined : () => fire(e)}>
                  {t(`action.${e}`)}
                </Button>
              );
              return e === 'accept' ? (
                <Popconfirm key={e} title={<span data-testid="confirm-accept">{t('confirm.accept')}</span>} okText={t('action.accept')} cancelText={ta('common.cancel')} onConfirm={() => fire(e)}>
                  {button}
                </Popconfirm>
              ) : (
                button
              );
            })}
          </>
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('field.state')}>
            <span data-testid="opinion-state">
              <StateTag state={o.state} t={t} />
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('field.source')}>{t(`source.${o.source}`)}</Descriptions.Item>
          <Descriptions.Item label={t('field.category')}>{t(`category.${o.category}`)}</Descriptions.Item>
          <Descriptions.Item label={t('field.submittedAt')}>{formatTime(o.submittedAt, lang)}</Descriptions.Item>
          {o.placeName && <Descriptions.Item label={t('field.place')}>{o.placeName}</Descriptions.Item>}
          {o.reporters.length > 0 && <Descriptions.Item label={t('detail.reporters')}>{o.reporters.map((r) => r.name).join('、')}</Descriptions.Item>}
          {o.source === 'resident' && (
            <Descriptions.Item label={t('field.resident')}>
              <Flex wrap gap={8} align="center">
                <span data-testid="resident-contact">{[contact?.name ?? o.residentName, contact?.phone ?? o.residentPhone].filter(Boolean).join(' ') || t('detail.none')}</span>
                {isOffice && !contact && (o.residentName || o.residentPhone) && (
                  <Button size="small" loading={reveal.isPending} onClick={() => reveal.mutate()} title={t('detail.revealNote')}>
                    {t('detail.reveal')}
                  </Button>
                )}
                {contact && <Typography.Text type="secondary" data-testid="reveal-recorded">{t('detail.revealed')}</Typography.Text>}
              </Flex>
            </Descriptions.Item>
          )}
          {o.issue && (
            <Descriptions.Item label={t('field.issue')}>
              <Link to={`/opinions/issues/${o.issue.id}`}>{t('issueNo', { year: o.issue.year, number: o.issue.number })}</Link>
            </Descriptions.Item>
          )}
          {o.duplicateOf && (
            <Descriptions.Item label={t('field.duplicateOf')}>
              <Link to={`/opinions/${o.duplicateOf}`}>{t('detail.openDuplicate')}</Link>
            </Descriptions.Item>
          )}
          {o.reason && <Descriptions.Item label={t('field.reason')}>{o.reason}</Descriptions.Item>}
          {o.similarCount > 1 && <Descriptions.Item label={t('field.similar')}>{t('list.similarBadge', { n: o.similarCount })}</Descriptions.Item>}
          {o.handoff && (
            <Descriptions.Item label={t('field.handoff')}>
              <span data-testid="opinion-handoff">
                {o.handoff.answer
                  ? t('detail.handoffAnswered', { unit: o.handoff.unitName, date: o.handoff.answeredOn ?? '', answer: o.handoff.answer })
                  : t('detail.handoffWaiting', { unit: o.handoff.unitName, date: o.handoff.deadline })}
              </span>
            </Descriptions.Item>
          )}
        </Descriptions>
        <ErrorAlert error={reveal.error} />
      </Card>
      <Card title={t('detail.text')} style={{ marginBottom: 16 }}>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{o.text}</Typography.Paragraph>
        {o.files.length > 0 && (
          <List
            header={t('detail.files')}
            size="small"
            dataSource={o.files}
            renderItem={(f) => (
              <List.Item>
                <a href={`/api/files/${f.id}`} target="_blank" rel="noreferrer">
                  {f.name}
                </a>
                <Tag>{f.mime}</Tag>
              </List.Item>
            )}
          />
        )}
      </Card>
      <OpinionResults opinion={o} t={t} />
      <Card title={t('detail.timeline')} data-testid="timeline">
        <ErrorAlert error={timeline.error} />
        <Timeline
          items={(timeline.data ?? []).map((e) => ({
            content: (
              <>
                <Typography.Text strong>{actionLabel(e.action)}</Typography.Text>{' '}
                <Typography.Text type="secondary">
                  {e.actorName ?? t('timeline.system')} · {formatTime(e.at, lang)}
                </Typography.Text>
              </>
            ),
          }))}
        />
      </Card>
      {open && <ActionModal event={open} organizationId={o.organizationId} title={t(`action.${open}`)} send={(v) => sendEvent(o.id, open, v)} onDone={(r) => saved(r, open)} onClose={() => setOpen(null)} />}
      <Modal
        open={retitling}
        title={t('action.retitle')}
        okText={t('action.submit')}
        cancelText={ta('common.cancel')}
        confirmLoading={retitle.isPending}
        onOk={() => titleForm.submit()}
        onCancel={() => setRetitling(false)}
        destroyOnHidden
      >
        <ErrorAlert messages={titleErrors} />
        <Form form={titleForm} layout="vertical" initialValues={{ title: o.title }} onFinish={(v) => retitle.mutate(v.title.trim())}>
          <Form.Item name="title" label={t('form.title')} extra={t('form.titleHelp')} rules={[{ required: true, whitespace: true, message: ta('common.required') }]}>
            <Input maxLength={100} showCount data-testid="title-input" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
