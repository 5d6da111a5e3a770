import { useState } from 'react';
import { App, Button, Card, Descriptions, Flex, List, Tag, Timeline, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { opinionsApi, type Opinion, type OpinionEvent } from '../../../api/opinions';
import { problemMessage } from '../../../api/errors';
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

  const saved = (o: Opinion) => {
    queryClient.setQueryData(['opinions', 'detail', id], o);
    void queryClient.invalidateQueries({ queryKey: ['opinions', 'timeline', id] });
    void queryClient.invalidateQueries({ queryKey: ['opinions', 'list'] });
    void message.success(t('action.done'));
    setOpen(null);
  };
  const quick = useMutation({
    mutationFn: (event: 'accept' | 'reopen') => opinionsApi.screen(id, { event }),
    onSuccess: saved,
    onError: (e) => void message.error(problemMessage(e, lang)),
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
    else setOpen(e);
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
        extra={actions.map((e) => (
          <Button key={e} type={e === 'accept' || e === 'compile' ? 'primary' : 'default'} loading={quick.isPending && quick.variables === e} onClick={() => fire(e)}>
            {t(`action.${e}`)}
          </Button>
        ))}
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
      {open && <ActionModal event={open} organizationId={o.organizationId} title={t(`action.${open}`)} send={(v) => sendEvent(o.id, open, v)} onDone={saved} onClose={() => setOpen(null)} />}
    </>
  );
}
