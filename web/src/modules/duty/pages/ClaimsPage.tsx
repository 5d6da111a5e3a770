// The office's queue of members' duty claims: approve one into the record, or return it with a reason.
import { useState } from 'react';
import { App, Button, Flex, Input, Modal, Space } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { dutyApi, type DutyClaim } from '../../../api/duty';
import { roleSet, useMe } from '../../../app/session';
import { useT } from '../../../i18n/LocaleProvider';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { PageHeader } from '../../../shared/PageHeader';
import { ResponsiveTable } from '../../../shared/ResponsiveTable';

export default function ClaimsPage() {
  const t = useT('duty');
  const { message } = App.useApp();
  const roles = roleSet(useMe());
  const mayDecide = roles.has('admin') || roles.has('staff');
  const client = useQueryClient();
  const claims = useQuery({ queryKey: ['duty', 'claims', 'pending'], queryFn: () => dutyApi.claims('pending') });
  const [returning, setReturning] = useState<DutyClaim | null>(null);
  const [reason, setReason] = useState('');
  const decide = useMutation({
    mutationFn: (v: { id: number; decision: 'approve' | 'return'; reason?: string }) => dutyApi.decide(v.id, { decision: v.decision, reason: v.reason }),
    onSuccess: async () => {
      message.success(t('claims.done'));
      setReturning(null);
      setReason('');
      await client.invalidateQueries({ queryKey: ['duty'] });
    },
  });
  return (
    <>
      <PageHeader title={t('claims.title')} />
      <ErrorAlert error={claims.error ?? decide.error} />
      <ResponsiveTable<DutyClaim>
        testId="duty-claims-queue"
        rowKey="id"
        keyColumns={['memberName']}
        loading={claims.isLoading}
        dataSource={claims.data ?? []}
        columns={[
          { key: 'memberName', title: t('claims.member'), dataIndex: 'memberName' },
          { key: 'kind', title: t('claim.kind'), render: (_, c) => t(`kind.${c.kind as 'offline_other'}`) },
          { key: 'title', title: t('claim.name'), dataIndex: 'title' },
          { key: 'occurredOn', title: t('claim.date'), dataIndex: 'occurredOn' },
          { key: 'note', title: t('claim.note'), dataIndex: 'note' },
          ...(mayDecide
            ? [{
                key: 'act', title: '',
                render: (_: unknown, c: DutyClaim) => (
                  <Space>
                    <Button size="small" type="primary" loading={decide.isPending} onClick={() => decide.mutate({ id: c.id, decision: 'approve' })}>{t('claims.approve')}</Button>
                    <Button size="small" onClick={() => setReturning(c)}>{t('claims.return')}</Button>
                  </Space>
                ),
              }]
            : []),
        ]}
      />
      {claims.data?.length === 0 && <Flex justify="center" style={{ marginTop: 16 }}>{t('claims.none')}</Flex>}
      <Modal open={!!returning} title={t('claims.return')} okButtonProps={{ disabled: !reason.trim(), loading: decide.isPending }}
        onCancel={() => setReturning(null)} onOk={() => returning && decide.mutate({ id: returning.id, decision: 'return', reason })}>
        <Input.TextArea aria-label={t('claims.reason')} placeholder={t('claims.reason')} rows={3} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Modal>
    </>
  );
}
