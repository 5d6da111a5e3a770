// The office's hall workbench: pick a hall, screen its topics (adopt, merge, decline with a
// reason), plan a session from adopted topics and move it along (its check-in code and who came
// under each published session), moderate residents' ratings.
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { Button, DatePicker, Flex, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { hallsApi, type HallTopic } from '../../../api/halls';
import { orgsApi } from '../../../api/orgs';
import { useT } from '../../../i18n/LocaleProvider';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { PageHeader } from '../../../shared/PageHeader';
import { SessionCheckin } from './SessionCheckin';

type Screening = { topic: HallTopic; event: 'merge' | 'decline' } | null;

export default function WorkbenchPage() {
  const t = useT('halls');
  const qc = useQueryClient();
  // The queue of topics to screen opens a hall here with ?placeId=.
  const [params] = useSearchParams();
  const [placeId, setPlaceId] = useState<number | undefined>(() => Number(params.get('placeId')) || undefined);
  const [screening, setScreening] = useState<Screening>(null);
  const [reason, setReason] = useState('');
  const [into, setInto] = useState<number>();
  const [plan, setPlan] = useState<{ title: string; startsAt?: string; endsAt?: string; topicIds: number[] } | null>(null);
  const [minutes, setMinutes] = useState<{ id: number; text: string } | null>(null);
  const [caseDraft, setCaseDraft] = useState<{ topicId: number; title: string; before: string; after: string } | null>(null);
  const [suggestion, setSuggestion] = useState<{ sessionId: number; title: string; text: string } | null>(null);
  const places = useQuery({ queryKey: ['halls', 'places'], queryFn: () => orgsApi.places({ kind: 'hall' }, null, 100) });
  const page = useQuery({ queryKey: ['halls', 'page', placeId], queryFn: () => hallsApi.page(placeId!), enabled: !!placeId });
  const sessions = useQuery({ queryKey: ['halls', 'sessions', placeId], queryFn: () => hallsApi.sessions(placeId!), enabled: !!placeId });
  const ratings = useQuery({ queryKey: ['halls', 'ratings', placeId], queryFn: () => hallsApi.ratings(placeId!), enabled: !!placeId });
  const act = useMutation({
    mutationFn: (work: () => Promise<unknown>) => work(),
    onSuccess: () => {
      setScreening(null);
      setPlan(null);
      setMinutes(null);
      setCaseDraft(null);
      setSuggestion(null);
      setReason('');
      void qc.invalidateQueries({ queryKey: ['halls'] });
    },
  });
  const topics = page.data?.topics ?? [];
  const adoptable = topics.filter((x) => x.state === 'adopted' && x.sessionId === null);
  const next = { planned: 'publish', notice_published: 'hold', held: 'close', closed: null } as const;

  return (
    <>
      <PageHeader title={t('office.title')} />
      <Select style={{ width: '100%', maxWidth: 400, marginBottom: 16 }} placeholder={t('office.pickHall')} aria-label={t('office.pickHall')} value={placeId} onChange={setPlaceId}
        loading={places.isLoading} options={(places.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))} showSearch optionFilterProp="label" />
      <ErrorAlert error={act.error ?? page.error} />
      {placeId && (
        <>
          <h3>{t('hall.topics')}</h3>
          <Table<HallTopic> data-testid="halls-topics" rowKey="id" size="middle" pagination={false} scroll={{ x: true }} dataSource={topics} loading={page.isLoading}
            expandable={{ expandedRowRender: (x) => <TopicDetail id={x.id} /> }}
            columns={[
              { key: 'title', title: t('hall.topicTitle'), dataIndex: 'title' },
              { key: 'supports', title: t('office.supports'), dataIndex: 'supports', width: 90 },
              { key: 'state', title: t('office.state'), render: (_, x) => <Tag>{t(`hall.state.${x.state}`)}</Tag>, width: 100 },
              {
                key: 'actions', title: t('office.actions'),
                render: (_, x) => x.state === 'closed' ? (
                  <Button size="small" onClick={() => setCaseDraft({ topicId: x.id, title: x.title, before: '', after: '' })}>{t('office.publishCase')}</Button>
                ) : x.state === 'open' && (
                  <Space wrap>
                    <Button size="small" type="primary" onClick={() => act.mutate(() => hallsApi.screen(x.id, { event: 'adopt' }))}>{t('office.adopt')}</Button>
                    <Button size="small" onClick={() => setScreening({ topic: x, event: 'merge' })}>{t('office.merge')}</Button>
                    <Button size="small" danger onClick={() => setScreening({ topic: x, event: 'decline' })}>{t('office.decline')}</Button>
                  </Space>
                ),
              },
            ]} />
          <Flex justify="space-between" align="center" style={{ marginTop: 24 }}>
            <h3>{t('hall.sessions')}</h3>
            <Button disabled={adoptable.length === 0} onClick={() => setPlan({ title: '', topicIds: adoptable.map((x) => x.id) })}>{t('office.plan')}</Button>
          </Flex>
          <Table data-testid="halls-sessions" rowKey="id" size="middle" pagination={false} dataSource={sessions.data ?? []}
            expandable={{ expandedRowRender: (s) => <SessionCheckin sessionId={s.id} />, columnTitle: t('office.checkin') }}
            columns={[
              { key: 'title', title: t('office.sessionTitle'), dataIndex: 'title' },
              { key: 'state', title: t('office.state'), render: (_, s) => <Tag>{t(`office.session.${s.state}`)}</Tag> },
              {
                key: 'next', title: t('office.actions'),
                render: (_, s) => {
                  const event = next[s.state];
                  // Suggestions come out of a session once it was held; the suggestion tracker follows them up.
                  const suggest = s.state === 'held' || s.state === 'closed';
                  return (
                    <Space wrap>
                      {event && <Button size="small" onClick={() => (event === 'hold' ? setMinutes({ id: s.id, text: '' }) : act.mutate(() => hallsApi.advance(s.id, { event })))}>{t(`office.event.${event}`)}</Button>}
                      {suggest && <Button size="small" onClick={() => setSuggestion({ sessionId: s.id, title: '', text: '' })}>{t('office.suggest')}</Button>}
                    </Space>
                  );
                },
              },
            ]} />
          <h3 style={{ marginTop: 24 }}>{t('office.ratings')}</h3>
          <Table data-testid="halls-ratings" rowKey="id" size="middle" pagination={false} dataSource={ratings.data ?? []}
            columns={[
              { key: 'topic', title: t('hall.topicTitle'), render: (_, r) => topics.find((x) => x.id === r.topicId)?.title },
              { key: 'stars', title: t('hall.stars'), render: (_, r) => '★'.repeat(r.stars) },
              { key: 'comment', title: t('hall.comment'), dataIndex: 'comment' },
              { key: 'actions', title: t('office.actions'), render: (_, r) => (
                <Space>
                  <Button size="small" onClick={() => act.mutate(() => hallsApi.moderate(r.id, 'approve'))}>{t('office.approve')}</Button>
                  <Button size="small" danger onClick={() => act.mutate(() => hallsApi.moderate(r.id, 'reject'))}>{t('office.reject')}</Button>
                </Space>
              ) },
            ]} />
        </>
      )}
      <Modal open={!!screening} title={screening ? t(`office.${screening.event}`) : ''} okText={t('office.confirm')} onCancel={() => setScreening(null)} confirmLoading={act.isPending}
        onOk={() => screening && act.mutate(() => hallsApi.screen(screening.topic.id, screening.event === 'merge' ? { event: 'merge', intoTopicId: into ?? 0 } : { event: 'decline', reason }))}>
        {screening?.event === 'decline' ? (
          <Input.TextArea aria-label={t('office.reason')} placeholder={t('office.reason')} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
        ) : (
          <Select style={{ width: '100%' }} aria-label={t('office.into')} placeholder={t('office.into')} value={into} onChange={setInto}
            options={topics.filter((x) => x.id !== screening?.topic.id && (x.state === 'open' || x.state === 'adopted')).map((x) => ({ value: x.id, label: x.title }))} />
        )}
      </Modal>
      <Modal open={!!plan} title={t('office.plan')} okText={t('office.confirm')} onCancel={() => setPlan(null)} confirmLoading={act.isPending}
        onOk={() => plan && act.mutate(() => hallsApi.createSession({ placeId: placeId!, title: plan.title, startsAt: plan.startsAt ?? '', ...(plan.endsAt && { endsAt: plan.endsAt }), topicIds: plan.topicIds }))}>
        {plan && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Input aria-label={t('office.sessionTitle')} placeholder={t('office.sessionTitle')} maxLength={100} value={plan.title} onChange={(e) => setPlan({ ...plan, title: e.target.value })} />
            <DatePicker showTime aria-label={t('office.startsAt')} placeholder={t('office.startsAt')} style={{ width: '100%' }} onChange={(d) => setPlan({ ...plan, startsAt: d ? d.toISOString() : undefined })} />
            <DatePicker showTime aria-label={t('office.endsAt')} placeholder={t('office.endsAt')} style={{ width: '100%' }} onChange={(d) => setPlan({ ...plan, endsAt: d ? d.toISOString() : undefined })} />
            <Select mode="multiple" style={{ width: '100%' }} aria-label={t('hall.topics')} value={plan.topicIds} onChange={(ids) => setPlan({ ...plan, topicIds: ids })}
              options={adoptable.map((x) => ({ value: x.id, label: x.title }))} />
          </Space>
        )}
      </Modal>
      <Modal open={!!caseDraft} title={t('office.publishCase')} okText={t('office.confirm')} onCancel={() => setCaseDraft(null)} confirmLoading={act.isPending}
        onOk={() => caseDraft && act.mutate(() => hallsApi.publishCase(caseDraft.topicId, { title: caseDraft.title, before: caseDraft.before, after: caseDraft.after }))}>
        {caseDraft && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Input aria-label={t('office.caseTitle')} placeholder={t('office.caseTitle')} maxLength={100} value={caseDraft.title} onChange={(e) => setCaseDraft({ ...caseDraft, title: e.target.value })} />
            <Input.TextArea aria-label={t('cases.before')} placeholder={t('cases.before')} rows={3} value={caseDraft.before} onChange={(e) => setCaseDraft({ ...caseDraft, before: e.target.value })} />
            <Input.TextArea aria-label={t('cases.after')} placeholder={t('cases.after')} rows={3} value={caseDraft.after} onChange={(e) => setCaseDraft({ ...caseDraft, after: e.target.value })} />
          </Space>
        )}
      </Modal>
      <Modal open={!!suggestion} title={t('office.suggest')} okText={t('office.confirm')} onCancel={() => setSuggestion(null)} confirmLoading={act.isPending}
        okButtonProps={{ disabled: !suggestion?.title.trim() || !suggestion?.text.trim() }}
        onOk={() => suggestion && act.mutate(() => hallsApi.suggest(suggestion.sessionId, { title: suggestion.title.trim(), text: suggestion.text.trim() }))}>
        {suggestion && (
          <Flex vertical gap={8}>
            <Input aria-label={t('office.suggestionTitle')} placeholder={t('office.suggestionTitle')} maxLength={200} value={suggestion.title} onChange={(e) => setSuggestion({ ...suggestion, title: e.target.value })} />
            <Input.TextArea aria-label={t('office.suggestionText')} placeholder={t('office.suggestionText')} rows={5} maxLength={5000} value={suggestion.text} onChange={(e) => setSuggestion({ ...suggestion, text: e.target.value })} />
          </Flex>
        )}
      </Modal>
      <Modal open={!!minutes} title={t('office.event.hold')} okText={t('office.confirm')} onCancel={() => setMinutes(null)} confirmLoading={act.isPending}
        onOk={() => minutes && act.mutate(() => hallsApi.advance(minutes.id, { event: 'hold', minutes: minutes.text }))}>
        {minutes && <Input.TextArea aria-label={t('hall.minutes')} placeholder={t('hall.minutes')} rows={6} value={minutes.text} onChange={(e) => setMinutes({ ...minutes, text: e.target.value })} />}
      </Modal>
    </>
  );
}

/** A topic's proposer, similar earlier topics and timeline (every state change, from the audit log). */
function TopicDetail({ id }: { id: number }) {
  const t = useT('halls');
  const topic = useQuery({ queryKey: ['halls', 'topic', id], queryFn: () => hallsApi.topic(id) });
  if (!topic.data) return <ErrorAlert error={topic.error} />;
  return (
    <div data-testid="halls-topic-detail">
      <p>{t('office.proposer')}：{topic.data.proposer}</p>
      {topic.data.similar.length > 0 && (
        <p>
          {t('office.similar')}：{topic.data.similar.map((x) => `${x.title}（${t(`hall.state.${x.state}`)}）`).join('；')}
        </p>
      )}
      <ul style={{ paddingLeft: 20 }}>
        {topic.data.timeline.map((e, i) => (
          <li key={i}>
            {new Date(e.at).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })} · {e.actor ?? ''} · {t(`office.action.${e.action}` as 'office.action.raise')}
            {typeof e.detail?.reason === 'string' && `：${e.detail.reason}`}
          </li>
        ))}
      </ul>
    </div>
  );
}
