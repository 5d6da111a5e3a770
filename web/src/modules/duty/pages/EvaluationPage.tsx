// 年度考评: the office computes the year from its rules, reviews each member's points, missing
// minimums and grade (adjusting one with a written reason), then publishes, which tells every
// member their grade and freezes the year. Leaders read it.
import { useState } from 'react';
import { App, Button, Card, Flex, Form, Input, Modal, Select, Statistic, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { dutyApi, GRADES, type EvaluationResult, type Grade } from '../../../api/duty';
import { roleSet, useMe } from '../../../app/session';
import { pickLang, useLocale, useT } from '../../../i18n/LocaleProvider';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { OrganizationSelect } from '../../../shared/OrganizationSelect';
import { PageHeader } from '../../../shared/PageHeader';
import { today } from '../../../shared/time';
import { GradeTag } from '../components/GradeTag';

const thisYear = Number(today().slice(0, 4));

export default function EvaluationPage() {
  const t = useT('duty');
  const { lang } = useLocale();
  const { message, modal } = App.useApp();
  const me = useMe();
  const roles = roleSet(me);
  const mayEdit = roles.has('admin') || roles.has('staff');
  const [organizationId, setOrganizationId] = useState<number | undefined>();
  const [year, setYear] = useState(thisYear);
  const [grade, setGrade] = useState<Grade | undefined>();
  const [adjusting, setAdjusting] = useState<EvaluationResult | null>(null);
  const ev = useQuery({ queryKey: ['duty', 'evaluation', organizationId, year, grade], queryFn: () => dutyApi.evaluation({ organizationId, year, grade }) });
  const client = useQueryClient();
  const org = ev.data?.organizationId ?? organizationId ?? me.organization.id;
  const refresh = () => client.invalidateQueries({ queryKey: ['duty'] });
  const compute = useMutation({
    mutationFn: () => dutyApi.compute({ organizationId: org, year }),
    onSuccess: async (r) => {
      message.success(t('evaluation.computed', { n: r.members }));
      await refresh();
    },
  });
  const publish = useMutation({
    mutationFn: () => dutyApi.publish({ organizationId: org, year }),
    onSuccess: async (r) => {
      message.success(t('evaluation.published', { n: r.members, notified: r.notified }));
      await refresh();
    },
  });
  const confirmPublish = () =>
    modal.confirm({
      title: t('evaluation.publishTitle', { year }),
      content: t('evaluation.publishWhat', { n: Object.values(ev.data?.counts ?? {}).reduce((a, b) => a + b, 0) }),
      okText: t('evaluation.publish'),
      onOk: () => publish.mutateAsync(),
    });
  const state = ev.data?.state ?? 'none';
  const open = state !== 'published';
  return (
    <>
      <PageHeader
        title={t('evaluation.title')}
        extra={mayEdit && (
          <>
            <Button disabled={!open} loading={compute.isPending} onClick={() => compute.mutate()} data-testid="duty-compute">{state === 'none' ? t('evaluation.compute') : t('evaluation.recompute')}</Button>
            <Button type="primary" disabled={state !== 'computed'} loading={publish.isPending} onClick={confirmPublish} data-testid="duty-publish">{t('evaluation.publish')}</Button>
          </>
        )}
      />
      <Flex wrap gap={8} style={{ marginBottom: 16 }}>
        <OrganizationSelect value={organizationId} onChange={setOrganizationId} />
        <Select aria-label={t('mine.year')} value={year} onChange={setYear} style={{ width: 100 }} options={[0, 1, 2].map((d) => ({ value: thisYear - d, label: String(thisYear - d) }))} />
        <Select aria-label={t('evaluation.grade')} allowClear placeholder={t('evaluation.allGrades')} value={grade} onChange={setGrade} style={{ width: 140 }} options={GRADES.map((g) => ({ value: g, label: t(`grade.${g}`) }))} />
        <Tag data-testid="duty-evaluation-state" color={state === 'published' ? 'green' : state === 'computed' ? 'blue' : 'default'}>{t(`evaluation.state.${state}`)}</Tag>
      </Flex>
      <ErrorAlert error={ev.error ?? compute.error ?? publish.error} />
      <Flex wrap gap={8} style={{ marginBottom: 16 }}>
        {GRADES.map((g) => (
          <Card key={g} size="small"><Statistic title={t(`grade.${g}`)} value={ev.data?.counts[g] ?? 0} /></Card>
        ))}
      </Flex>
      <Table<EvaluationResult>
        data-testid="duty-evaluation"
        rowKey="memberId"
        size="middle"
        scroll={{ x: true }}
        loading={ev.isLoading}
        dataSource={ev.data?.results ?? []}
        locale={{ emptyText: t('evaluation.none') }}
        columns={[
          { key: 'name', title: t('members.name'), dataIndex: 'name' },
          { key: 'sector', title: t('members.sector'), dataIndex: 'sector' },
          { key: 'points', title: t('members.total'), dataIndex: 'points' },
          {
            key: 'missing', title: t('evaluation.missing'),
            render: (_, r) => r.missing.length === 0 ? '—' : <Flex vertical gap={4}>{r.missing.map((m) => <Typography.Text key={m.key} type="danger">{pickLang(lang, m.label.zh, m.label.en)}</Typography.Text>)}</Flex>,
          },
          {
            key: 'grade', title: t('evaluation.grade'),
            render: (_, r) => (
              <>
                <GradeTag grade={r.grade} />
                {r.adjustReason && <div><Typography.Text type="secondary">{t('evaluation.adjusted', { reason: r.adjustReason })}</Typography.Text></div>}
              </>
            ),
          },
          ...(mayEdit && open ? [{ key: 'act', title: '', render: (_: unknown, r: EvaluationResult) => <Button size="small" onClick={() => setAdjusting(r)}>{t('evaluation.adjust')}</Button> }] : []),
        ]}
      />
      {adjusting && <AdjustModal result={adjusting} organizationId={org} year={year} onClose={() => setAdjusting(null)} />}
    </>
  );
}

function AdjustModal({ result, organizationId, year, onClose }: { result: EvaluationResult; organizationId: number; year: number; onClose: () => void }) {
  const t = useT('duty');
  const { message } = App.useApp();
  const [form] = Form.useForm<{ grade: Grade; reason: string }>();
  const client = useQueryClient();
  const save = useMutation({
    mutationFn: (v: { grade: Grade; reason: string }) => dutyApi.adjust({ organizationId, year, memberId: result.memberId, ...v }),
    onSuccess: async () => {
      message.success(t('evaluation.adjustDone'));
      await client.invalidateQueries({ queryKey: ['duty'] });
      onClose();
    },
  });
  return (
    <Modal open title={t('evaluation.adjustTitle', { name: result.name })} onCancel={onClose} onOk={() => form.submit()} okText={t('evaluation.adjust')} confirmLoading={save.isPending} destroyOnHidden>
      <ErrorAlert error={save.error} />
      <Form form={form} layout="vertical" initialValues={{ grade: result.grade }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="grade" label={t('evaluation.grade')} rules={[{ required: true }]}>
          <Select options={GRADES.map((g) => ({ value: g, label: t(`grade.${g}`) }))} />
        </Form.Item>
        <Form.Item name="reason" label={t('evaluation.reason')} rules={[{ required: true, whitespace: true, message: t('evaluation.reasonNeeded') }]}>
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
