import { useState } from 'react';
import { App, Button, Card, Empty, Flex, Form, Input, Modal, Popconfirm, Select, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { consultationsApi, type PlanItem, type PlanItemInput } from '../../../api/consultations';
import { problemMessage } from '../../../api/errors';
import { hasAnyRole, useMe } from '../../../app/session';
import { useLocale, useT } from '../../../i18n/LocaleProvider';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { PageHeader } from '../../../shared/PageHeader';
import { ResponsiveTable, type Column } from '../../../shared/ResponsiveTable';
import { ConsultationTimeline } from '../components/Timeline';
import { PlanItemModal } from '../components/PlanItemModal';
import { PlanStateTag, thisYear } from '../components/labels';
import { YearSelect } from '../components/YearSelect';
import { OFFICE } from '../manifest';

/** The yearly consultation plan: drawn up by staff, approved by a leader, then published to all. */
export default function PlanPage() {
  const t = useT('consultations');
  const { lang } = useLocale();
  const me = useMe();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const isOffice = hasAnyRole(me, OFFICE);
  // The year is in the address (?year=), so a plan can be linked to and reloaded.
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year')) || thisYear();
  const setYear = (y: number) => setParams(y === thisYear() ? {} : { year: String(y) });
  const [chosen, setChosen] = useState<number | null>(null);
  const [editing, setEditing] = useState<PlanItem | null | undefined>(undefined);
  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState('');
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<{ title: string }>();
  const plans = useQuery({ queryKey: ['consultations', 'plans', year], queryFn: () => consultationsApi.plans(year) });
  const planId = chosen && plans.data?.some((p) => p.id === chosen) ? chosen : (plans.data?.[0]?.id ?? null);
  const plan = useQuery({ queryKey: ['consultations', 'plan', planId], queryFn: () => consultationsApi.plan(planId!), enabled: planId !== null });
  const config = useQuery({ queryKey: ['consultations', 'config'], queryFn: consultationsApi.config, staleTime: 60_000, enabled: isOffice });

  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['consultations'], predicate: (q) => q.queryKey[1] === 'plans' || q.queryKey[1] === 'plan' });
  const onError = (e: unknown) => void message.error(problemMessage(e, lang));
  const action = useMutation({
    mutationFn: (a: 'submit' | 'approve' | 'publish' | 'return') => (a === 'return' ? consultationsApi.returnPlan(planId!, reason.trim()) : consultationsApi.planAction(planId!, a)),
    onSuccess: (_r, a) => {
      void message.success(a === 'publish' && p ? t('done.publishPlan', { title: p.title }) : t('action.done'));
      setReturning(false);
      setReason('');
      refresh();
    },
    onError,
  });
  const remove = useMutation({ mutationFn: (itemId: number) => consultationsApi.deletePlanItem(planId!, itemId), onSuccess: refresh, onError });
  const create = useMutation({
    mutationFn: (title: string) => consultationsApi.createPlan({ year, title }),
    onSuccess: (r) => {
      setCreating(false);
      setChosen(r.id);
      refresh();
    },
    onError,
  });
  const saveItem = async (v: PlanItemInput) => {
    if (editing) await consultationsApi.updatePlanItem(planId!, editing.id, v);
    else await consultationsApi.addPlanItem(planId!, v);
    refresh();
  };

  const p = plan.data;
  const canEdit = !!p?.abilities.edit || (isOffice && p?.state === 'draft');
  const columns: Column<PlanItem>[] = [
    { key: 'topic', title: t('field.topic'), dataIndex: 'topic', hideInCard: true },
    { key: 'type', title: t('field.type'), dataIndex: 'type', render: (v: PlanItem['type']) => t(`type.${v}`) },
    { key: 'committee', title: t('field.leadCommittee'), dataIndex: 'leadCommitteeName', render: (v: string | null) => v ?? '' },
    { key: 'quarter', title: t('field.quarter'), dataIndex: 'quarter', render: (q: number) => t('plan.quarterLabel', { q }) },
    {
      key: 'state',
      title: t('field.itemState'),
      render: (_: unknown, i) => (i.meetingId ? <Link to={`/consultations/meetings/${i.meetingId}`}>{t('plan.scheduled')}</Link> : t('plan.unscheduled')),
    },
  ];
  if (canEdit)
    columns.push({
      key: 'actions',
      title: t('field.actions'),
      render: (_: unknown, i) => (
        <Flex gap={4} wrap>
          <Button size="small" onClick={() => setEditing(i)}>
            {t('action.edit')}
          </Button>
          <Popconfirm title={t('plan.confirmDelete')} okText={t('action.delete')} cancelText={t('action.cancel')} onConfirm={() => remove.mutate(i.id)}>
            <Button size="small" danger>
              {t('action.delete')}
            </Button>
          </Popconfirm>
        </Flex>
      ),
    });

  const abilities = p?.abilities ?? {};
  return (
    <>
      <PageHeader
        title={t('plan.title')}
        extra={
          <>
            <YearSelect value={year} onChange={(y) => setYear(y ?? thisYear())} />
            {(plans.data?.length ?? 0) > 1 && <Select value={planId} onChange={setChosen} style={{ minWidth: 200 }} options={plans.data!.map((x) => ({ value: x.id, label: x.title }))} />}
            {isOffice && plans.data && plans.data.length === 0 && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                {t('plan.create')}
              </Button>
            )}
          </>
        }
      />
      <ErrorAlert error={plans.error ?? plan.error} />
      {plans.data && plans.data.length === 0 && <Empty description={isOffice ? t('plan.noneOffice', { year }) : t('plan.none', { year })} />}
      {p && (
        <>
          <Card
            style={{ marginBottom: 16 }}
            title={
              <Flex gap={8} wrap align="center">
                <span data-testid="plan-title">{p.title}</span>
                <PlanStateTag state={p.state} t={t} />
              </Flex>
            }
            extra={
              <Flex gap={8} wrap>
                {canEdit && (
                  <Button icon={<PlusOutlined />} onClick={() => setEditing(null)}>
                    {t('plan.addItem')}
                  </Button>
                )}
                {abilities.submit && (
                  <Button type="primary" loading={action.isPending && action.variables === 'submit'} onClick={() => action.mutate('submit')}>
                    {t('action.submitPlan')}
                  </Button>
                )}
                {abilities.approve && (
                  <Button type="primary" loading={action.isPending && action.variables === 'approve'} onClick={() => action.mutate('approve')}>
                    {t('action.approve')}
                  </Button>
                )}
                {abilities.return && (
                  <Button danger onClick={() => setReturning(true)}>
                    {t('action.return')}
                  </Button>
                )}
                {abilities.publish && (
                  <Popconfirm title={<span data-testid="confirm-publish">{t('confirm.publishPlan', { title: p.title, n: p.items.length })}</span>} okText={t('action.publish')} cancelText={t('action.cancel')} onConfirm={() => action.mutate('publish')}>
                    <Button type="primary" loading={action.isPending && action.variables === 'publish'}>
                      {t('action.publish')}
                    </Button>
                  </Popconfirm>
                )}
              </Flex>
            }
          >
            {p.returnReason && p.state === 'draft' && <Typography.Paragraph type="danger">{t('plan.returned', { reason: p.returnReason })}</Typography.Paragraph>}
            <ResponsiveTable<PlanItem> testId="plan-items" columns={columns} dataSource={p.items} rowKey="id" loading={plan.isLoading} cardTitle={(i) => <span style={{ whiteSpace: 'normal' }}>{i.topic}</span>} />
          </Card>
          {p.timeline && <ConsultationTimeline entries={p.timeline} />}
        </>
      )}
      <PlanItemModal open={editing !== undefined} item={editing ?? null} committees={config.data?.committees ?? []} onSave={saveItem} onClose={() => setEditing(undefined)} />
      <Modal open={returning} title={t('action.return')} okText={t('action.return')} cancelText={t('action.cancel')} okButtonProps={{ disabled: !reason.trim(), danger: true }} confirmLoading={action.isPending} onOk={() => action.mutate('return')} onCancel={() => setReturning(false)}>
        <Input.TextArea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('field.reason')} aria-label={t('field.reason')} maxLength={500} />
      </Modal>
      <Modal open={creating} title={t('plan.create')} okText={t('action.save')} cancelText={t('action.cancel')} confirmLoading={create.isPending} onOk={() => void form.validateFields().then((v) => create.mutate(v.title.trim()))} onCancel={() => setCreating(false)} destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ title: t('plan.defaultTitle', { year }) }} preserve={false}>
          <Form.Item name="title" label={t('field.planTitle')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
            <Input maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
