import { useState } from 'react';
import { Button, Card, Flex, Form, Input, Modal, Tag, Typography } from 'antd';
import { consultationsApi, type Meeting } from '../../../api/consultations';
import { useLocale, useT } from '../../../i18n/LocaleProvider';
import { formatTime } from '../../../shared/time';
import { useRun } from './useRun';

const ANSWER_COLORS = { pending: 'gold', accepted: 'green', leave: 'default' } as const;

/** The invited member's part: answer the invitation, register a speech, see the check-in. */
export function InvitationCard({ meeting }: { meeting: Meeting }) {
  const t = useT('consultations');
  const { lang } = useLocale();
  const { run, busy } = useRun();
  const [leave, setLeave] = useState(false);
  const [reason, setReason] = useState('');
  const [speaking, setSpeaking] = useState(false);
  const [form] = Form.useForm<{ title: string; text: string }>();
  const inv = meeting.myInvitation!;
  const ab = meeting.abilities;
  const registerSpeech = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    run('speech', () => consultationsApi.registerSpeech(meeting.id, { title: v.title.trim(), text: v.text.trim() }), () => {
      setSpeaking(false);
      form.resetFields();
    });
  };
  return (
    <Card title={t('invitation.title')} style={{ marginBottom: 16 }} data-testid="invitation">
      <Flex vertical gap={8}>
        <span>
          {t('invitation.answer')}：<Tag color={ANSWER_COLORS[inv.answer]} data-testid="invitation-answer">{t(`answer.${inv.answer}`)}</Tag>
          {inv.answer === 'leave' && inv.reason && <Typography.Text type="secondary">{inv.reason}</Typography.Text>}
        </span>
        {inv.checkedInAt && <span data-testid="checked-in">{t('invitation.checkedIn', { at: formatTime(inv.checkedInAt, lang) })}</span>}
        <Flex gap={8} wrap>
          {ab.reply && inv.answer !== 'accepted' && (
            <Button type="primary" loading={busy('accept')} onClick={() => run('accept', () => consultationsApi.reply(meeting.id, 'accept'))}>
              {t('action.accept')}
            </Button>
          )}
          {ab.reply && inv.answer !== 'leave' && <Button onClick={() => setLeave(true)}>{t('action.askLeave')}</Button>}
          {ab.registerSpeech && (
            <Button onClick={() => setSpeaking(true)} data-testid="register-speech">
              {t('action.registerSpeech')}
            </Button>
          )}
        </Flex>
      </Flex>
      <Modal
        open={leave}
        title={t('action.askLeave')}
        okText={t('action.submit')}
        cancelText={t('action.cancel')}
        okButtonProps={{ disabled: !reason.trim() }}
        confirmLoading={busy('leave')}
        onOk={() => run('leave', () => consultationsApi.reply(meeting.id, 'leave', reason.trim()), () => setLeave(false))}
        onCancel={() => setLeave(false)}
      >
        <Input.TextArea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} aria-label={t('field.leaveReason')} placeholder={t('field.leaveReason')} maxLength={500} />
      </Modal>
      <Modal open={speaking} title={t('action.registerSpeech')} okText={t('action.submit')} cancelText={t('action.cancel')} confirmLoading={busy('speech')} onOk={() => void registerSpeech()} onCancel={() => setSpeaking(false)} destroyOnHidden>
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item name="title" label={t('field.speechTitle')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="text" label={t('field.speechText')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
            <Input.TextArea rows={8} maxLength={20000} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
