// What a member's claim of an offline duty and the office's entry of one share: the kind, the day
// (not after today) and the activity's name, in a modal that sends them and shows the server's
// field errors beside the fields they name.
import { useState, type ReactNode } from 'react';
import { App, DatePicker, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { applyFieldErrors } from '../../../api/errors';
import { useLocale, useT } from '../../../i18n/LocaleProvider';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { today } from '../../../shared/time';

export const OFFLINE_KINDS = ['offline_research', 'offline_training', 'offline_reception', 'offline_other'] as const;

/** The shared fields beside the modal's own. */
type Shared = { kind: string; title: string; [field: string]: unknown };
/** The form's values as sent: the day as YYYY-MM-DD. */
export type OfflineDuty = Shared & { occurredOn: string };
type Values = Shared & { occurredOn: Dayjs };

export function OfflineDutyModal({ title, okText, done, open, onClose, fields, send, before, after }: {
  title: string;
  okText: string;
  /** Said once it was sent. */
  done: string;
  open: boolean;
  onClose: () => void;
  /** Every field's name, as the request body names it too (the server's field errors go beside them). */
  fields: string[];
  send: (values: OfflineDuty) => Promise<unknown>;
  /** The modal's own fields before and after the shared ones. */
  before?: ReactNode;
  after: ReactNode;
}) {
  const t = useT('duty');
  const ta = useT('app');
  const { lang } = useLocale();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);
  const required = [{ required: true, message: ta('common.required') }];

  const submit = async (v: Values) => {
    setSaving(true);
    setErrors([]);
    try {
      await send({ ...v, occurredOn: v.occurredOn.format('YYYY-MM-DD') });
      message.success(done);
      await client.invalidateQueries({ queryKey: ['duty'] });
      onClose();
    } catch (e) {
      setErrors(applyFieldErrors(form, e, lang, fields));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal title={title} open={open} onCancel={onClose} onOk={() => form.submit()} okText={okText} okButtonProps={{ loading: saving }} cancelText={ta('common.cancel')} destroyOnHidden>
      <ErrorAlert messages={errors} />
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} preserve={false}>
        {before}
        <Form.Item name="kind" label={t('claim.kind')} rules={required}>
          <Select options={OFFLINE_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="occurredOn" label={t('claim.date')} rules={required}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.format('YYYY-MM-DD') > today()} />
        </Form.Item>
        <Form.Item name="title" label={t('claim.name')} rules={required}>
          <Input maxLength={100} />
        </Form.Item>
        {after}
      </Form>
    </Modal>
  );
}
