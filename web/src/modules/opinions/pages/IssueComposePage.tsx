import { useState } from 'react';
import { App, Button, Card, Checkbox, Empty, Flex, Input, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import { problemMessage } from '../../../api/errors';
import { opinionsApi, type IssueItemInput, type OpinionSummary } from '../../../api/opinions';
import { useMe } from '../../../app/session';
import { useLocale, useT } from '../../../i18n/LocaleProvider';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { PageHeader } from '../../../shared/PageHeader';
import { today } from '../components/labels';

type Draft = Omit<IssueItemInput, 'opinionId'>;

/** Picks accepted reports, lets the editor rewrite each for print, and creates the next issue. */
export default function IssueComposePage() {
  const t = useT('opinions');
  const ta = useT('app');
  const { lang } = useLocale();
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message, modal } = App.useApp();
  const [params] = useSearchParams();
  const [picked, setPicked] = useState<number[]>(() => (params.get('ids') ?? '').split(',').map(Number).filter((n) => n > 0));
  const [drafts, setDrafts] = useState<Record<number, Draft>>({});
  const [publishedOn, setPublishedOn] = useState(today());
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const accepted = useQuery({ queryKey: ['opinions', 'list', 'accepted'], queryFn: () => opinionsApi.list({ state: 'accepted' }, null, 50) });
  const items = accepted.data?.items ?? [];
  // An issue belongs to one organization: once a report is picked, only its organization's remain open.
  const organizationId = items.find((o) => picked.includes(o.id))?.organizationId;
  const draft = (o: OpinionSummary) => drafts[o.id] ?? { title: o.title };
  const edit = (id: number, patch: Draft) => setDrafts({ ...drafts, [id]: { ...drafts[id], ...patch } });

  // A new issue takes the next number and moves its reports on for good: say so before it is made.
  const confirmCompile = () => {
    const chosen = items.filter((o) => picked.includes(o.id));
    if (!chosen.length) return void message.warning(t('compose.pickOne'));
    void modal.confirm({ title: t('compose.submit'), content: <span data-testid="action-confirm">{t('confirm.compile', { n: chosen.length })}</span>, okText: t('confirm.ok'), cancelText: ta('common.cancel'), onOk: submit });
  };
  const submit = async () => {
    const chosen = items.filter((o) => picked.includes(o.id));
    if (!chosen.length) return void message.warning(t('compose.pickOne'));
    setBusy(true);
    setError(null);
    try {
      const issue = await opinionsApi.compile({
        organizationId: organizationId ?? me.organization.id,
        publishedOn,
        items: chosen.map((o) => {
          const d = draft(o);
          return { opinionId: o.id, title: d.title?.trim() || undefined, text: d.text?.trim() || undefined, credits: d.credits?.trim() || undefined };
        }),
      });
      void queryClient.invalidateQueries({ queryKey: ['opinions'] });
      void message.success(t('compose.done', { issue: t('issueNo', { year: issue.year, number: issue.number }) }));
      void navigate(`/opinions/issues/${issue.id}`);
    } catch (e) {
      setError(e);
      void message.error(problemMessage(e, lang));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeader title={t('compose.title')} />
      <ErrorAlert error={error ?? accepted.error} />
      <Flex wrap gap={8} align="center" style={{ marginBottom: 16 }}>
        <Typography.Text>{t('issues.publishedOn')}</Typography.Text>
        <Input type="date" max={today()} value={publishedOn} onChange={(e) => setPublishedOn(e.target.value)} style={{ width: 170 }} aria-label={t('issues.publishedOn')} />
      </Flex>
      <Typography.Title level={5}>{t('compose.pick')}</Typography.Title>
      {!accepted.isLoading && items.length === 0 && <Empty description={t('compose.noneAccepted')} />}
      {items.map((o) => {
        const on = picked.includes(o.id);
        return (
          <Card key={o.id} size="small" style={{ marginBottom: 12 }} data-testid={`compose-item-${o.id}`}>
            <Checkbox checked={on} disabled={!on && organizationId !== undefined && o.organizationId !== organizationId} onChange={(e) => setPicked(e.target.checked ? [...picked, o.id] : picked.filter((p) => p !== o.id))}>
              #{o.id} {o.title} <Typography.Text type="secondary">{o.placeName ?? o.memberName}</Typography.Text>
            </Checkbox>
            {on && (
              <Flex vertical gap={8} style={{ marginTop: 8 }}>
                <Input aria-label={t('compose.itemTitle')} addonBefore={t('compose.itemTitle')} maxLength={100} value={draft(o).title} onChange={(e) => edit(o.id, { title: e.target.value })} />
                <Input.TextArea aria-label={t('compose.itemText')} placeholder={t('compose.itemText')} rows={4} maxLength={10000} value={draft(o).text} onChange={(e) => edit(o.id, { text: e.target.value })} />
                <Input aria-label={t('compose.credits')} placeholder={t('compose.credits')} maxLength={200} value={draft(o).credits} onChange={(e) => edit(o.id, { credits: e.target.value })} />
              </Flex>
            )}
          </Card>
        );
      })}
      <Button type="primary" loading={busy} onClick={confirmCompile} disabled={!picked.length}>
        {t('compose.submit')}
      </Button>
    </>
  );
}
