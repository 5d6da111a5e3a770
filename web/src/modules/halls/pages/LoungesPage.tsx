// The office's lounge page (委员会客厅): pick a lounge, then its themed events (plan, QR check-in
// code, headcount with its reason, record as held), its rota, the moderation queue of residents'
// questions, and the star level of a year (computed from the rules, confirmed once).
import { useState } from 'react';
import { Button, Descriptions, Flex, Input, InputNumber, Modal, Select, Space, Table, Tabs, Tag } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { loungesApi, type LoungeEvent, type OfficeQuestion, type StarRule } from '../../../api/lounges';
import { orgsApi } from '../../../api/orgs';
import { useLocale, useT } from '../../../i18n/LocaleProvider';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { PageHeader } from '../../../shared/PageHeader';
import { chinaInputToIso, thisYear } from '../../../shared/time';

const when = (at: string, lang: string) => new Date(at).toLocaleString(lang === 'en' ? 'en-GB' : 'zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'medium', timeStyle: 'short' });
const iso = (local: string) => (local ? chinaInputToIso(local) : '');

function MemberSelect({ value, onChange, multiple }: { value?: number | number[]; onChange: (v: number | number[]) => void; multiple?: boolean }) {
  const t = useT('halls');
  const [q, setQ] = useState('');
  const found = useQuery({ queryKey: ['lounges', 'members', q], queryFn: () => orgsApi.lookupMembers(q || undefined) });
  return (
    <Select<number | number[]> style={{ width: '100%' }} mode={multiple ? 'multiple' : undefined} showSearch filterOption={false} onSearch={setQ} value={value} onChange={(v) => onChange(v)}
      placeholder={t('lounge.office.member')} aria-label={t('lounge.office.member')} options={(found.data?.items ?? []).map((m) => ({ value: m.id, label: `${m.name}（${m.sectorName}）` }))} />
  );
}

export default function LoungesPage() {
  const t = useT('halls');
  const [placeId, setPlaceId] = useState<number>();
  const lounges = useQuery({ queryKey: ['lounges', 'list'], queryFn: () => loungesApi.lounges() });
  return (
    <>
      <PageHeader title={t('lounge.office.title')} />
      <Select style={{ width: '100%', maxWidth: 400, marginBottom: 16 }} placeholder={t('lounge.office.pick')} aria-label={t('lounge.office.pick')} value={placeId} onChange={setPlaceId}
        loading={lounges.isLoading} showSearch optionFilterProp="label"
        options={(lounges.data ?? []).map((p) => ({ value: p.id, label: p.stars ? `${p.name} ${'★'.repeat(p.stars)}` : p.name }))} />
      <ErrorAlert error={lounges.error} />
      {placeId && (
        <Tabs items={[
          { key: 'events', label: t('lounge.office.events'), children: <Events placeId={placeId} /> },
          { key: 'rota', label: t('lounge.office.rota'), children: <Rota placeId={placeId} /> },
          { key: 'questions', label: t('lounge.office.questions'), children: <Questions placeId={placeId} /> },
          { key: 'star', label: t('lounge.office.star'), children: <Star placeId={placeId} /> },
        ]} />
      )}
    </>
  );
}

function useAct(after: () => void = () => {}) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (work: () => Promise<unknown>) => work(),
    onSuccess: () => {
      after();
      void qc.invalidateQueries({ queryKey: ['lounges'] });
    },
  });
}

function Events({ placeId }: { placeId: number }) {
  const t = useT('halls');
  const { lang } = useLocale();
  const [plan, setPlan] = useState<{ title: string; theme: string; startsAt: string; endsAt: string; residents: number; memberIds: number[] } | null>(null);
  const [count, setCount] = useState<{ id: number; count: number; reason: string } | null>(null);
  const [code, setCode] = useState<{ png: string; url: string } | null>(null);
  const events = useQuery({ queryKey: ['lounges', 'events', placeId], queryFn: () => loungesApi.events(placeId) });
  const act = useAct(() => { setPlan(null); setCount(null); });
  return (
    <>
      <ErrorAlert error={act.error ?? events.error} />
      <Button type="primary" style={{ marginBottom: 12 }} onClick={() => setPlan({ title: '', theme: '', startsAt: '', endsAt: '', residents: 0, memberIds: [] })}>{t('lounge.office.plan')}</Button>
      <Table<LoungeEvent> rowKey="id" size="middle" pagination={false} scroll={{ x: true }} dataSource={events.data ?? []} loading={events.isLoading}
        columns={[
          { key: 'title', title: t('lounge.event.title'), dataIndex: 'title' },
          { key: 'theme', title: t('lounge.event.theme'), dataIndex: 'theme' },
          { key: 'startsAt', title: t('lounge.event.startsAt'), render: (_, e) => when(e.startsAt, lang) },
          { key: 'state', title: t('lounge.event.state'), render: (_, e) => <Tag>{t(`lounge.event.state.${e.state}`)}</Tag> },
          { key: 'participations', title: t('lounge.event.participations'), render: (_, e) => (e.headcount === null ? e.participations : <span title={e.headcountReason ?? ''}>{t('lounge.event.byHeadcount', { n: e.participations, checkins: e.checkins })}</span>) },
          {
            key: 'actions', title: '', render: (_, e) => (
              <Space wrap>
                <Button size="small" onClick={() => void loungesApi.checkinCode(e.id).then(setCode)}>{t('lounge.office.code')}</Button>
                <Button size="small" onClick={() => setCount({ id: e.id, count: e.participations, reason: '' })}>{t('lounge.office.headcount')}</Button>
                {e.state === 'planned' && <Button size="small" onClick={() => act.mutate(() => loungesApi.hold(e.id))}>{t('lounge.office.hold')}</Button>}
              </Space>
            ),
          },
        ]} />
      <Modal open={!!plan} title={t('lounge.office.plan')} onCancel={() => setPlan(null)} confirmLoading={act.isPending}
        onOk={() => plan && act.mutate(() => loungesApi.planEvent(placeId, { title: plan.title, theme: plan.theme, startsAt: iso(plan.startsAt), ...(plan.endsAt ? { endsAt: iso(plan.endsAt) } : {}), residents: plan.residents, memberIds: plan.memberIds }))}>
        {plan && (
          <Flex vertical gap={8}>
            <ErrorAlert error={act.error} />
            <Input placeholder={t('lounge.event.title')} aria-label={t('lounge.event.title')} value={plan.title} onChange={(e) => setPlan({ ...plan, title: e.target.value })} />
            <Input placeholder={t('lounge.event.theme')} aria-label={t('lounge.event.theme')} value={plan.theme} onChange={(e) => setPlan({ ...plan, theme: e.target.value })} />
            <label>{t('lounge.event.startsAt')}<Input type="datetime-local" value={plan.startsAt} onChange={(e) => setPlan({ ...plan, startsAt: e.target.value })} /></label>
            <label>{t('lounge.event.endsAt')}<Input type="datetime-local" value={plan.endsAt} onChange={(e) => setPlan({ ...plan, endsAt: e.target.value })} /></label>
            <label>{t('lounge.event.residents')}<InputNumber min={0} style={{ width: '100%' }} value={plan.residents} onChange={(v) => setPlan({ ...plan, residents: v ?? 0 })} /></label>
            <MemberSelect multiple value={plan.memberIds} onChange={(v) => setPlan({ ...plan, memberIds: v as number[] })} />
          </Flex>
        )}
      </Modal>
      <Modal open={!!count} title={t('lounge.office.headcount')} onCancel={() => setCount(null)} confirmLoading={act.isPending}
        onOk={() => count && act.mutate(() => loungesApi.headcount(count.id, { count: count.count, reason: count.reason }))}>
        {count && (
          <Flex vertical gap={8}>
            <ErrorAlert error={act.error} />
            <InputNumber min={0} style={{ width: '100%' }} aria-label={t('lounge.event.participations')} value={count.count} onChange={(v) => setCount({ ...count, count: v ?? 0 })} />
            <Input.TextArea rows={3} placeholder={t('lounge.office.headcountReason')} aria-label={t('lounge.office.headcountReason')} value={count.reason} onChange={(e) => setCount({ ...count, reason: e.target.value })} />
          </Flex>
        )}
      </Modal>
      <Modal open={!!code} footer={null} onCancel={() => setCode(null)} title={t('lounge.office.code')}>
        {code && <div style={{ textAlign: 'center' }}><img src={code.png} alt={t('lounge.office.code')} style={{ width: 260 }} /><p style={{ wordBreak: 'break-all' }}>{code.url}</p></div>}
      </Modal>
    </>
  );
}

function Rota({ placeId }: { placeId: number }) {
  const t = useT('halls');
  const [entry, setEntry] = useState<{ memberId?: number; from: string; to: string }>({ from: '', to: '' });
  const rota = useQuery({ queryKey: ['lounges', 'rota', placeId], queryFn: () => loungesApi.rota(placeId) });
  const act = useAct(() => setEntry({ from: '', to: '' }));
  return (
    <>
      <ErrorAlert error={act.error ?? rota.error} />
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <div style={{ minWidth: 220 }}><MemberSelect value={entry.memberId} onChange={(v) => setEntry({ ...entry, memberId: v as number })} /></div>
        <Input type="date" style={{ width: 160 }} aria-label={t('lounge.rota.from')} value={entry.from} onChange={(e) => setEntry({ ...entry, from: e.target.value })} />
        <Input type="date" style={{ width: 160 }} aria-label={t('lounge.rota.to')} value={entry.to} onChange={(e) => setEntry({ ...entry, to: e.target.value })} />
        <Button type="primary" disabled={!entry.memberId} onClick={() => act.mutate(() => loungesApi.addRota(placeId, { memberId: entry.memberId!, from: entry.from, to: entry.to }))}>{t('lounge.office.publishRota')}</Button>
      </Flex>
      <Table rowKey="id" size="middle" pagination={false} dataSource={rota.data ?? []} loading={rota.isLoading}
        columns={[
          { key: 'member', title: t('lounge.office.member'), dataIndex: 'member' },
          { key: 'from', title: t('lounge.rota.from'), dataIndex: 'from' },
          { key: 'to', title: t('lounge.rota.to'), dataIndex: 'to' },
          { key: 'x', title: '', render: (_, r) => <Button size="small" danger onClick={() => act.mutate(() => loungesApi.removeRota(r.id))}>{t('lounge.office.remove')}</Button> },
        ]} />
    </>
  );
}

function Questions({ placeId }: { placeId: number }) {
  const t = useT('halls');
  const { lang } = useLocale();
  const [reject, setReject] = useState<{ id: number; reason: string } | null>(null);
  const [state, setState] = useState<OfficeQuestion['state'] | undefined>('pending');
  const questions = useQuery({ queryKey: ['lounges', 'questions', placeId, state], queryFn: () => loungesApi.questions(placeId, state) });
  const act = useAct(() => setReject(null));
  return (
    <>
      <ErrorAlert error={act.error ?? questions.error} />
      <Select style={{ width: 200, marginBottom: 12 }} allowClear value={state} onChange={setState} aria-label={t('lounge.event.state')}
        options={(['pending', 'published', 'answered', 'rejected'] as const).map((s) => ({ value: s, label: t(`lounge.q.state.${s}`) }))} />
      <Table<OfficeQuestion> rowKey="id" size="middle" pagination={false} scroll={{ x: true }} dataSource={questions.data ?? []} loading={questions.isLoading}
        columns={[
          { key: 'text', title: t('lounge.q.text'), render: (_, q) => <span style={{ whiteSpace: 'pre-wrap' }}>{q.text}</span> },
          { key: 'asker', title: t('lounge.q.asker'), dataIndex: 'asker' },
          { key: 'at', title: t('lounge.q.at'), render: (_, q) => when(q.createdAt, lang) },
          { key: 'state', title: t('lounge.event.state'), render: (_, q) => <Tag>{t(`lounge.q.state.${q.state}`)}</Tag> },
          { key: 'answer', title: t('lounge.q.answer'), render: (_, q) => (q.answer ? `${q.answeredBy ?? ''}：${q.answer}` : q.rejectReason ?? (q.remindedAt ? t('lounge.q.reminded') : '')) },
          {
            key: 'x', title: '', render: (_, q) => q.state === 'pending' && (
              <Space>
                <Button size="small" type="primary" onClick={() => act.mutate(() => loungesApi.moderate(q.id, { decision: 'publish' }))}>{t('lounge.q.publish')}</Button>
                <Button size="small" onClick={() => setReject({ id: q.id, reason: '' })}>{t('lounge.q.reject')}</Button>
              </Space>
            ),
          },
        ]} />
      <Modal open={!!reject} title={t('lounge.q.reject')} onCancel={() => setReject(null)} confirmLoading={act.isPending}
        onOk={() => reject && act.mutate(() => loungesApi.moderate(reject.id, { decision: 'reject', reason: reject.reason }))}>
        {reject && <Input.TextArea rows={3} aria-label={t('lounge.q.rejectReason')} placeholder={t('lounge.q.rejectReason')} value={reject.reason} onChange={(e) => setReject({ ...reject, reason: e.target.value })} />}
      </Modal>
    </>
  );
}

function Star({ placeId }: { placeId: number }) {
  const t = useT('halls');
  const { lang } = useLocale();
  const [year, setYear] = useState(thisYear());
  const [rules, setRules] = useState<StarRule[] | null>(null);
  const star = useQuery({ queryKey: ['lounges', 'star', placeId, year], queryFn: () => loungesApi.star(placeId, year) });
  const act = useAct(() => setRules(null));
  const s = star.data;
  return (
    <>
      <ErrorAlert error={act.error ?? star.error} />
      <Space style={{ marginBottom: 12 }}>
        <InputNumber aria-label={t('lounge.star.year')} value={year} min={2000} max={2100} onChange={(v) => v && setYear(v)} />
        {s && !s.confirmed && <Button type="primary" onClick={() => act.mutate(() => loungesApi.confirmStar(placeId, year))}>{t('lounge.star.confirm', { level: s.level })}</Button>}
        <Button onClick={() => setRules(s?.rules ?? null)}>{t('lounge.star.editRules')}</Button>
      </Space>
      {s && (
        <Descriptions bordered size="small" column={1}>
          <Descriptions.Item label={t('lounge.star.events')}>{s.figures.events}</Descriptions.Item>
          <Descriptions.Item label={t('lounge.star.participations')}>{s.figures.participations}</Descriptions.Item>
          <Descriptions.Item label={t('lounge.star.answered')}>{s.figures.answered}</Descriptions.Item>
          <Descriptions.Item label={t('lounge.star.rating')}>{s.figures.rating}</Descriptions.Item>
          <Descriptions.Item label={t('lounge.star.computed')}>{'★'.repeat(s.level)}</Descriptions.Item>
          <Descriptions.Item label={t('lounge.star.confirmed')}>
            {s.confirmed ? `${'★'.repeat(s.confirmed.level)} · ${s.confirmed.confirmedBy ?? ''} · ${when(s.confirmed.confirmedAt, lang)}` : t('lounge.star.notConfirmed')}
          </Descriptions.Item>
        </Descriptions>
      )}
      <Modal open={!!rules} width={640} title={t('lounge.star.editRules')} onCancel={() => setRules(null)} confirmLoading={act.isPending}
        onOk={() => rules && act.mutate(() => loungesApi.lounges().then((ls) => loungesApi.setRules(ls.find((l) => l.id === placeId)!.organizationId, rules)))}>
        <ErrorAlert error={act.error} />
        {rules && (
          <Table<StarRule> rowKey="level" size="small" pagination={false} dataSource={rules}
            columns={[
              { key: 'level', title: t('lounge.star.level'), render: (_, r) => '★'.repeat(r.level) },
              ...(['events', 'participations', 'answered', 'rating'] as const).map((k) => ({
                key: k, title: t(`lounge.star.${k}`),
                render: (_: unknown, r: StarRule) => (
                  <InputNumber min={0} max={k === 'rating' ? 5 : undefined} step={k === 'rating' ? 0.1 : 1} aria-label={`${r.level} ${t(`lounge.star.${k}`)}`} value={r[k]}
                    onChange={(v) => setRules(rules.map((x) => (x.level === r.level ? { ...x, [k]: v ?? 0 } : x)))} />
                ),
              })),
            ]} />
        )}
      </Modal>
    </>
  );
}
