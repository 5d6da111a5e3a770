// 退出机制: members not competent two published years running, or absent from the plenary without
// leave twice in their term, listed with the evidence for the chair meeting; the office records
// the meeting's decision (keep or exit), and an exit retires the member.
import { useState } from 'react';
import { App, Button, DatePicker, Empty, Flex, Form, Input, List, Modal, Radio, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { dutyApi, type ExitCandidate } from '../../../api/duty';
import { roleSet, useMe } from '../../../app/session';
import { useLocale, useT } from '../../../i18n/LocaleProvider';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { OrganizationSelect } from '../../../shared/OrganizationSelect';
import { PageHeader } from '../../../shared/PageHeader';
import { formatTime, today } from '../../../shared/time';
import { GradeTag } from '../components/GradeTag';

export default function ExitsPage() {
  const t = useT('duty');
  const { lang } = useLocale();
  const me = useMe();
  const roles = roleSet(me);
  const mayEdit = roles.has('admin') || roles.has('staff');
  const [organizationId, setOrganizationId] = useState<number | undefined>();
  const [deciding, setDeciding] = useState<ExitCandidate | null>(null);
  const list = useQuery({ queryKey: ['duty', 'exits', organizationId], queryFn: () => dutyApi.exits(organizationId) });
  return (
    <div style={{ maxWidth: 900 }}>
      <PageHeader title={t('exits.title')} />
      <Flex wrap gap={8} style={{ marginBottom: 16 }}>
        <OrganizationSelect value={organizationId} onChange={setOrganizationId} />
      </Flex>
      <Typography.Paragraph type="secondary">{t('exits.intro')}</Typography.Paragraph>
      <ErrorAlert error={list.error} />
      <List
        data-testid="duty-exits"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: <Empty description={t('exits.none')} /> }}
        renderItem={(c) => (
          <List.Item
            extra={c.decision
              ? <Tag color={c.decision.decision === 'exit' ? 'red' : 'green'}>{t(`exits.decision.${c.decision.decision}`)} · {c.decision.decidedOn}</Tag>
              : mayEdit && <Button onClick={() => setDeciding(c)}>{t('exits.decide')}</Button>}
          >
            <List.Item.Meta
              title={<span style={{ whiteSpace: 'normal' }}>{c.name} {c.reasons.map((r) => <Tag key={r} color="volcano">{t(`exits.reason.${r}`)}</Tag>)}</span>}
              description={
                <Flex vertical gap={4}>
                  {c.grades.length > 0 && <span>{t('exits.grades')}：{c.grades.map((g) => <span key={g.year} style={{ marginRight: 8 }}>{g.year} <GradeTag grade={g.grade} /></span>)}</span>}
                  {c.absences.map((a) => (
                    <span key={a.meetingId} style={{ whiteSpace: 'normal' }}>
                      {t('exits.absent')}：{a.link ? <Link to={a.link}>{a.title ?? a.meetingId}</Link> : a.title}（{formatTime(a.occurredAt, lang)}）
                    </span>
                  ))}
                  {c.decision && <span>{t('exits.because', { reason: c.decision.reason })}</span>}
                </Flex>
              }
            />
          </List.Item>
        )}
      />
      {deciding && <DecideModal candidate={deciding} organizationId={list.data!.organizationId} onClose={() => setDeciding(null)} />}
    </div>
  );
}

function DecideModal({ candidate, organizationId, onClose }: { candidate: ExitCandidate; organizationId: number; onClose: () => void }) {
  const t = useT('duty');
  const { message } = App.useApp();
  const [form] = Form.useForm<{ decision: 'keep' | 'exit'; reason: string; decidedOn: dayjs.Dayjs }>();
  const client = useQueryClient();
  const save = useMutation({
    mutationFn: (v: { decision: 'keep' | 'exit'; reason: string; decidedOn: dayjs.Dayjs }) =>
      dutyApi.decideExit({ organizationId, memberId: candidate.memberId, decision: v.decision, reason: v.reason, decidedOn: v.decidedOn.format('YYYY-MM-DD') }),
    onSuccess: async (_, v) => {
      message.success(t(v.decision === 'exit' ? 'exits.doneExit' : 'exits.doneKeep', { name: candidate.name }));
      await client.invalidateQueries({ queryKey: ['duty'] });
      onClose();
    },
  });
  return (
    <Modal open title={t('exits.decideTitle', { name: candidate.name })} onCancel={onClose} onOk={() => form.submit()} okText={t('exits.decide')} confirmLoading={save.isPending} destroyOnHidden>
      <ErrorAlert error={save.error} />
      <Form form={form} layout="vertical" initialValues={{ decision: 'keep', decidedOn: dayjs(today()) }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="decision" label={t('exits.decisionLabel')}>
          <Radio.Group options={[{ value: 'keep', label: t('exits.decision.keep') }, { value: 'exit', label: t('exits.decision.exit') }]} />
        </Form.Item>
        <Form.Item noStyle shouldUpdate>{() => form.getFieldValue('decision') === 'exit' && <Typography.Paragraph type="warning">{t('exits.exitWarning')}</Typography.Paragraph>}</Form.Item>
        <Form.Item name="reason" label={t('evaluation.reason')} rules={[{ required: true, whitespace: true, message: t('evaluation.reasonNeeded') }]}>
          <Input.TextArea rows={3} maxLength={180} />
        </Form.Item>
        <Form.Item name="decidedOn" label={t('exits.date')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
      </Form>
    </Modal>
  );
}
