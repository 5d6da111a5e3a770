import { useState } from 'react';
import { App, Button, Form, Input, Modal } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { problemMessage } from '../../../api/errors';
import { proposalsApi, type ProposalSummary } from '../../../api/proposals';
import { useMe } from '../../../app/session';
import { useLocale, useT } from '../../../i18n/LocaleProvider';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { PageHeader } from '../../../shared/PageHeader';
import { Section } from '../components/Section';

/** A handling unit's desk: assignments to sign for, those in hand, those due soon. */
export default function UnitWorkbenchPage() {
  const t = useT('proposals');
  const ta = useT('app');
  const { lang } = useLocale();
  const me = useMe();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState<{ id: number; assignmentId: number } | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  const bench = useQuery({ queryKey: ['proposals', 'workbench'], queryFn: proposalsApi.workbench });
  const done = () => {
    void message.success(t('action.done'));
    setAsking(null);
    void queryClient.invalidateQueries({ queryKey: ['proposals'] });
  };
  const sign = useMutation({ mutationFn: (v: { id: number; assignmentId: number }) => proposalsApi.sign(v.id, v.assignmentId), onSuccess: done, onError: (e) => void message.error(problemMessage(e, lang)) });
  const ask = useMutation({ mutationFn: (v: { id: number; assignmentId: number; reason: string }) => proposalsApi.requestReassign(v.id, v.assignmentId, v.reason), onSuccess: done });
  // The unit's own open assignment on the proposal (a proposal may have several units).
  const mine = (p: ProposalSummary) => p.units.find((u) => u.unitId === me.handlingUnitId && u.state === 'assigned');
  const u = bench.data?.unit;
  return (
    <>
      <PageHeader title={t('unit.title')} />
      <ErrorAlert error={bench.error} />
      <Section
        title={t('unit.toSign')}
        section={u?.toSign}
        loading={bench.isLoading}
        testId="to-sign"
        deadlines
        actions={(p) => {
          const a = mine(p);
          if (!a) return null;
          return (
            <>
              <Button size="small" type="primary" loading={sign.isPending && sign.variables.assignmentId === a.assignmentId} onClick={() => sign.mutate({ id: p.id, assignmentId: a.assignmentId })}>
                {t('action.sign')}
              </Button>
              <Button size="small" onClick={() => setAsking({ id: p.id, assignmentId: a.assignmentId })}>
                {t('action.request_reassign')}
              </Button>
            </>
          );
        }}
      />
      <Section title={t('unit.handling')} section={u?.handling} loading={bench.isLoading} testId="in-handling" deadlines />
      <Section title={t('unit.dueSoon')} section={u?.dueSoon} loading={bench.isLoading} testId="due-soon" deadlines />
      {asking && (
        <Modal open title={t('action.request_reassign')} okText={t('action.submit')} cancelText={t('action.cancel')} confirmLoading={ask.isPending} onOk={() => form.submit()} onCancel={() => setAsking(null)} destroyOnHidden>
          <ErrorAlert error={ask.error} />
          <Form form={form} layout="vertical" onFinish={(v) => ask.mutate({ ...asking, reason: v.reason })}>
            <Form.Item name="reason" label={t('form.reassignReason')} rules={[{ required: true, whitespace: true, message: ta('common.required') }]}>
              <Input.TextArea rows={3} maxLength={1000} showCount />
            </Form.Item>
          </Form>
        </Modal>
      )}
    </>
  );
}
