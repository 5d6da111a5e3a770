import { useState } from 'react';
import { App, Checkbox, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { orgsApi } from '../../../api/orgs';
import type { HandlingUnit } from '../../../api/types';
import { applyFieldErrors } from '../../../api/errors';
import { LEVELS, RECIPIENTS, opinionsApi, type ForwardInput, type Opinion } from '../../../api/opinions';
import { useLocale, useT } from '../../../i18n/LocaleProvider';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { today } from './labels';

/** The events that need a form; accept and reopen are one click. */
export type FormEvent = 'mark_duplicate' | 'not_use' | 'forward' | 'adopt' | 'instruct' | 'feedback' | 'hand_off';
type Values = Record<string, string | number | boolean | undefined>;

const FIELDS: Record<FormEvent, string[]> = {
  mark_duplicate: ['duplicateOf'],
  not_use: ['reason'],
  forward: ['recipient', 'recipientName', 'sentOn'],
  adopt: ['level', 'adoptedBy', 'adoptedOn'],
  instruct: ['leader', 'level', 'instructedOn', 'text'],
  feedback: ['fromName', 'text', 'receivedOn', 'final'],
  hand_off: ['unitId', 'deadline', 'note'],
};

const str = (v: unknown) => String(v ?? '').trim();

export function sendEvent(id: number, event: FormEvent, v: Values): Promise<Opinion> {
  switch (event) {
    case 'mark_duplicate':
      return opinionsApi.screen(id, { event, duplicateOf: Number(v.duplicateOf) });
    case 'not_use':
      return opinionsApi.screen(id, { event, reason: str(v.reason) });
    case 'forward':
      return opinionsApi.forward(id, forwardBody(v));
    case 'adopt':
      return opinionsApi.adopt(id, { level: v.level as never, adoptedBy: str(v.adoptedBy), adoptedOn: str(v.adoptedOn) });
    case 'instruct':
      return opinionsApi.instruct(id, { leader: str(v.leader), level: v.level as never, instructedOn: str(v.instructedOn), text: str(v.text) });
    case 'feedback':
      return opinionsApi.feedback(id, { fromName: str(v.fromName), text: str(v.text), receivedOn: str(v.receivedOn), final: !!v.final });
    case 'hand_off':
      return opinionsApi.handOff(id, { unitId: Number(v.unitId), deadline: str(v.deadline), note: str(v.note) || undefined });
  }
}

export function forwardBody(v: Values): ForwardInput {
  return { recipient: v.recipient as ForwardInput['recipient'], recipientName: str(v.recipientName) || undefined, sentOn: str(v.sentOn) };
}

interface Props<T> {
  event: FormEvent;
  /** The report's organization, whose handling units a hand-off offers. */
  organizationId?: number;
  title: string;
  send: (values: Values) => Promise<T>;
  onDone: (result: T) => void;
  onClose: () => void;
}

/** One modal for every event that asks for details; the fields follow the API's body. */
export function ActionModal<T>({ event, organizationId, title, send, onDone, onClose }: Props<T>) {
  const t = useT('opinions');
  const ta = useT('app');
  const { lang } = useLocale();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);
  const has = (f: string) => FIELDS[event].includes(f);
  const { modal } = App.useApp();
  const units = useQuery({
    queryKey: ['orgs', 'handling-units', organizationId],
    queryFn: () => orgsApi.catalog<HandlingUnit>('handling-units', organizationId),
    enabled: event === 'hand_off',
  });
  const required = [{ required: true, whitespace: true, message: ta('common.required') }];
  const date = (name: string, label: string) => (
    <Form.Item name={name} label={label} rules={required} initialValue={today()}>
      <Input type="date" max={today()} />
    </Form.Item>
  );

  const unitName = (id: unknown) => (units.data ?? []).find((u) => u.id === id)?.name ?? '';
  // Steps that cannot be taken back say what will happen, with the chosen values, before they are sent.
  const confirmText = (v: Values): string | null => {
    switch (event) {
      case 'adopt':
        return t('confirm.adopt', { level: t(`level.${v.level as (typeof LEVELS)[number]}`), adoptedBy: str(v.adoptedBy), adoptedOn: str(v.adoptedOn) });
      case 'forward':
        return t('confirm.forward', { recipient: [t(`recipient.${v.recipient as (typeof RECIPIENTS)[number]}`), str(v.recipientName)].filter(Boolean).join(' '), sentOn: str(v.sentOn) });
      case 'hand_off':
        return t('confirm.hand_off', { unit: unitName(v.unitId), deadline: str(v.deadline) });
      default:
        return null;
    }
  };
  const finish = (values: Values) => {
    const text = confirmText(values);
    if (!text) return void submit(values);
    void modal.confirm({ title, content: <span data-testid="action-confirm">{text}</span>, okText: t('confirm.ok'), cancelText: ta('common.cancel'), onOk: () => submit(values) });
  };

  const submit = async (values: Values) => {
    setBusy(true);
    setErrors([]);
    try {
      onDone(await send(values));
    } catch (e) {
      setErrors(applyFieldErrors(form, e, lang, FIELDS[event]));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open title={title} okText={t('action.submit')} cancelText={ta('common.cancel')} confirmLoading={busy} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden>
      <ErrorAlert messages={errors} />
      <Form form={form} layout="vertical" onFinish={finish}>
        {has('duplicateOf') && (
          <Form.Item name="duplicateOf" label={t('form.duplicateOf')} rules={[{ required: true, message: ta('common.required') }]}>
            <InputNumber min={1} style={{ width: '100%' }} />
          </Form.Item>
        )}
        {has('reason') && (
          <Form.Item name="reason" label={t('form.reason')} rules={required}>
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        )}
        {has('recipient') && (
          <Form.Item name="recipient" label={t('form.recipient')} rules={[{ required: true, message: t('form.chooseRecipient') }]}>
            <Select placeholder={t('form.chooseRecipient')} options={RECIPIENTS.map((r) => ({ value: r, label: t(`recipient.${r}`) }))} />
          </Form.Item>
        )}
        {has('recipientName') && (
          <Form.Item name="recipientName" label={t('form.recipientName')}>
            <Input maxLength={100} />
          </Form.Item>
        )}
        {has('sentOn') && date('sentOn', t('form.sentOn'))}
        {has('leader') && (
          <Form.Item name="leader" label={t('form.leader')} rules={required}>
            <Input maxLength={50} />
          </Form.Item>
        )}
        {has('level') && (
          <Form.Item name="level" label={t('form.level')} rules={[{ required: true, message: t('form.chooseLevel') }]}>
            <Select placeholder={t('form.chooseLevel')} options={LEVELS.map((l) => ({ value: l, label: t(`level.${l}`) }))} />
          </Form.Item>
        )}
        {has('adoptedBy') && (
          <Form.Item name="adoptedBy" label={t('form.adoptedBy')} rules={required}>
            <Input maxLength={100} />
          </Form.Item>
        )}
        {has('adoptedOn') && date('adoptedOn', t('form.adoptedOn'))}
        {has('instructedOn') && date('instructedOn', t('form.instructedOn'))}
        {has('fromName') && (
          <Form.Item name="fromName" label={t('form.fromName')} rules={required}>
            <Input maxLength={100} />
          </Form.Item>
        )}
        {has('text') && (
          <Form.Item name="text" label={event === 'instruct' ? t('form.instructionText') : t('form.feedbackText')} rules={required}>
            <Input.TextArea rows={4} maxLength={event === 'instruct' ? 2000 : 4000} showCount />
          </Form.Item>
        )}
        {has('receivedOn') && date('receivedOn', t('form.receivedOn'))}
        {has('unitId') && (
          <Form.Item name="unitId" label={t('form.unit')} rules={[{ required: true, message: ta('common.required') }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={units.isLoading}
              options={(units.data ?? []).filter((u) => u.active && u.organizationId === organizationId).map((u) => ({ value: u.id, label: u.name }))}
            />
          </Form.Item>
        )}
        {has('deadline') && (
          <Form.Item name="deadline" label={t('form.deadline')} rules={required}>
            <Input type="date" min={today()} />
          </Form.Item>
        )}
        {has('note') && (
          <Form.Item name="note" label={t('form.handoffNote')}>
            <Input.TextArea rows={2} maxLength={500} showCount />
          </Form.Item>
        )}
        {has('final') && (
          <Form.Item name="final" valuePropName="checked" initialValue={false}>
            <Checkbox>{t('form.final')}</Checkbox>
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
