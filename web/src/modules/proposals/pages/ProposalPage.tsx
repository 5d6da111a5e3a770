import { useState } from 'react';
import { App, Button, Card, Descriptions, Flex, List, Popconfirm, Switch, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, DownloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { problemMessage } from '../../../api/errors';
import { proposalsApi, type AssignmentEvent, type Proposal, type ProposalEvent } from '../../../api/proposals';
import { PageSpinner } from '../../../app/PageSpinner';
import { hasAnyRole, useMe } from '../../../app/session';
import { pickLang, useLocale, useT } from '../../../i18n/LocaleProvider';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { PageHeader } from '../../../shared/PageHeader';
import { formatTime } from '../../../shared/time';
import { ActionModal, type FormAction } from '../components/ActionModal';
import { Handling } from '../components/Handling';
import { KeyCard } from '../components/KeyCard';
import { StateTag } from '../components/labels';
import { SimilarList } from '../components/SimilarList';
import { ProposalTimeline } from '../components/Timeline';
import { OFFICE } from '../manifest';

const ORDER: ProposalEvent[] = ['file', 'withdraw', 'accept', 'reject', 'merge', 'convert', 'reconsider', 'assign', 'another_round', 'close'];
const ONE_CLICK = new Set<string>(['file', 'withdraw', 'accept', 'reconsider', 'close', 'sign']);
const CONFIRM = new Set<string>(['withdraw', 'close', 'accept']);

function oneClick(p: Proposal, event: string, assignmentId: number | null): Promise<Proposal> {
  switch (event) {
    case 'file':
      return proposalsApi.file(p.id);
    case 'withdraw':
      return proposalsApi.withdraw(p.id);
    case 'accept':
      return proposalsApi.accept(p.id);
    case 'reconsider':
      return proposalsApi.reconsider(p.id);
    case 'close':
      return proposalsApi.close(p.id);
    default:
      return proposalsApi.sign(p.id, assignmentId ?? 0);
  }
}

/** A proposal: all its data, the steps the caller may take now, replies, ratings and the timeline. */
export default function ProposalPage() {
  const id = Number(useParams().id);
  const t = useT('proposals');
  const ta = useT('app');
  const { lang } = useLocale();
  const me = useMe();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState<{ action: FormAction; assignmentId: number | null } | null>(null);
  const isOffice = hasAnyRole(me, OFFICE);
  const detail = useQuery({ queryKey: ['proposals', 'detail', id], queryFn: () => proposalsApi.get(id) });
  const p = detail.data;
  const config = useQuery({ queryKey: ['proposals', 'config', p?.organizationId], queryFn: () => proposalsApi.config(p!.organizationId), enabled: !!p && isOffice, staleTime: 60_000 });
  const reviewing = isOffice && p?.state === 'submitted';
  const similar = useQuery({ queryKey: ['proposals', 'similar', id], queryFn: () => proposalsApi.similarTo(id), enabled: reviewing });
  const candidates = useQuery({
    queryKey: ['proposals', 'list', 'merge-candidates', p?.organizationId],
    queryFn: async () => {
      const [a, b] = await Promise.all([proposalsApi.list({ state: 'submitted' }, null, 100), proposalsApi.list({ state: 'accepted' }, null, 100)]);
      return [...a.items, ...b.items];
    },
    enabled: open?.action === 'merge',
  });
  const accepted = ['accepted', 'handling', 'replied', 'evaluated', 'closed'].includes(p?.state ?? '');
  const disclosure = useQuery({ queryKey: ['proposals', 'disclosure', id], queryFn: () => proposalsApi.disclosure(id), enabled: isOffice && accepted, retry: false });

  /** What the step did, in the server's own answer: the number given, the units assigned, the class replied. */
  const doneText = (event: string, before: Proposal | undefined, next: Proposal, assignmentId: number | null): string => {
    const unit = next.assignments.find((a) => a.id === assignmentId);
    const latest = <T extends { assignmentId: number }>(rows: T[]) => rows.filter((r) => r.assignmentId === assignmentId).at(-1);
    switch (event) {
      case 'accept':
        return next.numberLabel ? t('done.accept', { number: pickLang(lang, next.numberLabel, next.numberLabel_en ?? undefined) ?? next.numberLabel, no: next.number ?? '' }) : t('action.done');
      case 'assign':
      case 'reassign':
      case 'another_round': {
        const fresh = next.assignments.filter((a) => !before?.assignments.some((b) => b.id === a.id && b.round === a.round && b.unitId === a.unitId));
        const shown = fresh.length ? fresh : next.assignments;
        return t('done.assign', { units: shown.map((a) => `${a.unitName}（${t(`role.${a.role}`)}）`).join('、') });
      }
      case 'merge':
        return t('done.merge', { n: next.mergedProposals.length - (before?.mergedProposals.length ?? 0) });
      case 'convert':
        return next.conversion ? t('done.convert', { id: next.conversion.opinionId }) : t('action.done');
      case 'reply': {
        const r = latest(next.replies);
        return r ? t('done.reply', { class: t(`class.${r.class}`) }) : t('action.done');
      }
      case 'evaluate': {
        const e = latest(next.evaluations.filter((x) => x.mine));
        return e ? t('done.evaluate', { result: t(`result.${e.result}`) }) : t('action.done');
      }
      case 'reject':
      case 'close':
      case 'sign':
      case 'file':
      case 'withdraw':
        return unit && event === 'sign' ? `${t('done.sign')} · ${unit.unitName}` : t(`done.${event}`);
      default:
        return t('action.done');
    }
  };
  const saved = (next: Proposal, event: string, assignmentId: number | null = null) => {
    const before = p;
    queryClient.setQueryData(['proposals', 'detail', id], next);
    void queryClient.invalidateQueries({ queryKey: ['proposals'], predicate: (q) => q.queryKey[1] !== 'detail' });
    void message.success({ content: <span data-testid="done-message">{doneText(event, before, next, assignmentId)}</span> });
    setOpen(null);
  };
  const quick = useMutation({
    mutationFn: ({ event, assignmentId }: { event: string; assignmentId: number | null }) => oneClick(p!, event, assignmentId),
    onSuccess: (next, v) => saved(next, v.event, v.assignmentId),
    onError: (e) => void message.error(problemMessage(e, lang)),
  });
  const cosign = useMutation({ mutationFn: (decision: 'confirm' | 'decline') => proposalsApi.cosign(id, decision), onSuccess: (next) => saved(next, 'cosign'), onError: (e) => void message.error(problemMessage(e, lang)) });
  const setKey = useMutation({
    mutationFn: (key: boolean) => proposalsApi.setKey(id, key),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['proposals'] }),
    onError: (e) => void message.error(problemMessage(e, lang)),
  });
  const setPublic = useMutation({
    mutationFn: (body: { public: boolean; replies: boolean }) => proposalsApi.setDisclosure(id, body),
    onSuccess: (d) => {
      queryClient.setQueryData(['proposals', 'disclosure', id], d);
      void queryClient.invalidateQueries({ queryKey: ['proposals', 'detail', id] });
      void queryClient.invalidateQueries({ queryKey: ['proposals', 'timeline', id] });
    },
    onError: (e) => void message.error(problemMessage(e, lang)),
  });

  if (detail.isLoading) return <PageSpinner />;
  if (!p) return <ErrorAlert error={detail.error} />;

  const busyKey = quick.isPending ? `${quick.variables.event}:${quick.variables.assignmentId ?? ''}` : null;
  const fire = (event: string, assignmentId: number | null = null) => {
    if (ONE_CLICK.has(event)) quick.mutate({ event, assignmentId });
    else setOpen({ action: event as FormAction, assignmentId });
  };
  const actionButton = (e: ProposalEvent) => {
    const button = (
      <Button key={e} type={e === 'accept' || e === 'file' || e === 'assign' ? 'primary' : 'default'} danger={e === 'reject'} loading={busyKey === `${e}:`} onClick={CONFIRM.has(e) ? undefined : () => fire(e)}>
        {t(`action.${e}`)}
      </Button>
    );
    return CONFIRM.has(e) ? (
      <Popconfirm
        key={e}
        title={<span data-testid={`confirm-${e}`}>{e === 'accept' ? t('confirm.accept', { session: p.sessionLabel ?? '' }) : t(`confirm.${e as 'withdraw' | 'close'}`)}</span>}
        okText={e === 'accept' ? t('action.accept') : t('action.submit')} cancelText={t('action.cancel')} onConfirm={() => fire(e)}>
        {button}
      </Popconfirm>
    ) : (
      button
    );
  };
  const actions = ORDER.filter((e) => p.abilities[e]);

  return (
    <>
      <PageHeader
        title={<span data-testid="proposal-title">{p.title}</span>}
        back={<Button type="text" icon={<ArrowLeftOutlined />} aria-label={ta('common.back')} onClick={() => void navigate(-1)} />}
        extra={
          <>
            {p.abilities.edit && (
              <Link to={`/proposals/${p.id}/edit`}>
                <Button>{t('action.edit')}</Button>
              </Link>
            )}
            {p.abilities.cosign && (
              <>
                <Button type="primary" loading={cosign.isPending && cosign.variables === 'confirm'} onClick={() => cosign.mutate('confirm')}>
                  {t('cosign.confirm')}
                </Button>
                <Button danger loading={cosign.isPending && cosign.variables === 'decline'} onClick={() => cosign.mutate('decline')}>
                  {t('cosign.decline')}
                </Button>
              </>
            )}
            {actions.map(actionButton)}
            {p.state !== 'draft' && (
              <a href={proposalsApi.docxUrl(p.id)}>
                <Button icon={<DownloadOutlined />}>{t('detail.docx')}</Button>
              </a>
            )}
          </>
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('field.state')}>
            <StateTag state={p.state} t={t} />
            {p.isKey && <Tag color="red">{t('field.key')}</Tag>}
            {p.overdue && <Tag color="red">{t('field.overdue')}</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label={t('field.number')}>
            <span data-testid="proposal-number">{p.numberLabel ? pickLang(lang, p.numberLabel, p.numberLabel_en ?? undefined) : t('detail.noNumber')}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('field.session')}>{pickLang(lang, p.sessionLabel ?? undefined, p.sessionLabel_en ?? undefined)}</Descriptions.Item>
          <Descriptions.Item label={t('field.kind')}>{t(`kind.${p.kind}`)}</Descriptions.Item>
          <Descriptions.Item label={t('field.proposer')}>
            {p.collective ? p.collective.name : p.proposerName}
            {p.sectorName ? `（${p.sectorName}）` : ''}
          </Descriptions.Item>
          {p.cosigners.length > 0 && (
            <Descriptions.Item label={t('field.cosigners')}>
              <Flex wrap gap={4} data-testid="cosigners">
                {p.cosigners.map((c) => (
                  <Tag key={c.memberId} color={c.state === 'confirmed' ? 'green' : c.state === 'declined' ? 'default' : 'gold'}>
                    {c.name} · {t(`cosigner.${c.state}`)}
                  </Tag>
                ))}
              </Flex>
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('field.category')}>{p.categoryPath.join(' / ')}</Descriptions.Item>
          {p.suggestedUnits.length > 0 && <Descriptions.Item label={t('field.suggestedUnits')}>{p.suggestedUnits.map((u) => u.name).join('、')}</Descriptions.Item>}
          <Descriptions.Item label={t('field.filedAt')}>{formatTime(p.filedAt, lang)}</Descriptions.Item>
          {p.rejection && (
            <Descriptions.Item label={t('detail.rejection')}>
              {[p.rejection.reason, p.rejection.text].filter(Boolean).join('：')}
            </Descriptions.Item>
          )}
          {p.mergedInto && (
            <Descriptions.Item label={t('detail.mergedInto')}>
              <Link to={`/proposals/${p.mergedInto.id}`}>{p.mergedInto.numberLabel ?? p.mergedInto.title}</Link>
            </Descriptions.Item>
          )}
          {p.mergedProposals.length > 0 && (
            <Descriptions.Item label={t('detail.mergedProposals')}>
              {p.mergedProposals.map((m) => (
                <div key={m.id}>
                  <Link to={`/proposals/${m.id}`}>{m.title}</Link>（{m.proposerName}）
                </div>
              ))}
            </Descriptions.Item>
          )}
          {p.conversion && (
            <Descriptions.Item label={t('detail.conversion')}>
              <Link to={`/opinions/${p.conversion.opinionId}`}>{t('detail.opinionNo', { id: p.conversion.opinionId })}</Link>
            </Descriptions.Item>
          )}
        </Descriptions>
        {isOffice && accepted && (
          <Flex wrap gap={16} style={{ marginTop: 12 }}>
            <label>
              <Switch size="small" data-testid="key-switch" checked={p.isKey} loading={setKey.isPending} onChange={(v) => setKey.mutate(v)} /> {t('detail.markKey')}
            </label>
            {disclosure.data && (
              <>
                <label>
                  <Switch size="small" data-testid="public-switch" checked={disclosure.data.public} loading={setPublic.isPending} onChange={(v) => setPublic.mutate({ public: v, replies: v && disclosure.data.replies })} /> {t('detail.public')}
                </label>
                <label>
                  <Switch size="small" data-testid="public-replies-switch" checked={disclosure.data.replies} disabled={!disclosure.data.public} loading={setPublic.isPending} onChange={(v) => setPublic.mutate({ public: true, replies: v })} /> {t('detail.publicReplies')}
                </label>
              </>
            )}
          </Flex>
        )}
      </Card>
      {reviewing && <SimilarList items={similar.data} loading={similar.isLoading} />}
      <Card title={t('field.reasons')} style={{ marginBottom: 16 }}>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{p.reasons}</Typography.Paragraph>
      </Card>
      <Card title={t('field.suggestions')} style={{ marginBottom: 16 }}>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{p.suggestions}</Typography.Paragraph>
        {p.files.length > 0 && (
          <List
            header={t('field.attachments')}
            size="small"
            dataSource={p.files}
            renderItem={(f) => (
              <List.Item>
                <a href={`/api/files/${f.id}`} target="_blank" rel="noreferrer">
                  {f.name}
                </a>
              </List.Item>
            )}
          />
        )}
      </Card>
      {p.isKey && hasAnyRole(me, ['admin', 'staff', 'leader']) && <KeyCard id={p.id} organizationId={p.organizationId} />}
      <Handling proposal={p} busy={busyKey} onAction={(e: AssignmentEvent | 'evaluate', a) => fire(e, a)} />
      <ProposalTimeline id={p.id} />
      {open && (
        <ActionModal
          proposal={p}
          action={open.action}
          assignmentId={open.assignmentId}
          config={config.data}
          mergeCandidates={candidates.data ?? []}
          onDone={(next) => saved(next, open.action, open.assignmentId)}
          onClose={() => setOpen(null)}
        />
      )}
    </>
  );
}
