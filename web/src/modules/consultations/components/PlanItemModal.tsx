import { useEffect, useState } from 'react';
import { Form, Input, InputNumber, Modal, Select } from 'antd';
import { MEETING_TYPES, type Named, type PlanItem, type PlanItemInput } from '../../../api/consultations';
import { applyFieldErrors } from '../../../api/errors';
import { useLocale, useT } from '../../../i18n/LocaleProvider';
import { ErrorAlert } from '../../../shared/ErrorAlert';

const FIELDS = ['type', 'topic', 'leadCommitteeId', 'quarter', 'note'];

interface Props {
  item: PlanItem | null;
  open: boolean;
  committees: Named[];
  onSave: (values: PlanItemInput) => Promise<unknown>;
  onClose: () => void;
}

/** Adds or edits one line of the yearly plan. */
export function PlanItemModal({ item, open, committees, onSave, onClose }: Props) {
  const t = useT('consultations');
  const { lang } = useLocale();
  const [form] = Form.useForm<PlanItemInput>();
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (open) setErrors([]);
  }, [open]);
  const initial = item ? { type: item.type, topic: item.topic, leadCommitteeId: item.leadCommitteeId ?? undefined, quarter: item.quarter, note: item.note ?? undefined } : { quarter: 1 };
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    try {
      await onSave({ ...v, note: v.note?.trim() || undefined });
      onClose();
    } catch (e) {
      setErrors(applyFieldErrors(form, e, lang, FIELDS));
    } finally {
      setBusy(false);
    }
  };
  const required = [{ required: true, message: t('form.required') }];
  return (
    <Modal open={open} title={item ? t('plan.editItem') : t('plan.addItem')} okText={t('action.save')} cancelText={t('action.cancel')} confirmLoading={busy} onOk={() => void submit()} onCancel={onClose} destroyOnHidden>
      <ErrorAlert messages={errors} />
      <Form form={form} layout="vertical" initialValues={initial} preserve={false}>
        <Form.Item name="type" label={t('field.type')} rules={required}>
          <Select options={MEETING_TYPES.map((k) => ({ value: k, label: t(`type.${k}`) }))} />
        </Form.Item>
        <Form.Item name="topic" label={t('field.topic')} rules={required}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="leadCommitteeId" label={t('field.leadCommittee')}>
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={committees.map((c) => ({ value: c.id, label: c.name }))} />
        </Form.Item>
        <Form.Item name="quarter" label={t('field.quarter')} rules={required}>
          <InputNumber min={1} max={4} precision={0} style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name="note" label={t('field.note')}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
