import { useState } from 'react';
import { App, DatePicker, Form, Input, Modal } from 'antd';
import type { Dayjs } from 'dayjs';
import { orgsApi } from '../../../api/orgs';
import { applyFieldErrors } from '../../../api/errors';
import type { Member } from '../../../api/types';
import { useLocale, useT } from '../../../i18n/LocaleProvider';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { today } from '../../../shared/time';
import { useMemberSaved } from '../hooks';

interface Values {
  exitedOn: Dayjs;
  reason: string;
}

export function RetireModal({ member, open, onClose }: { member: Member; open: boolean; onClose: () => void }) {
  const t = useT('orgs');
  const ta = useT('app');
  const { lang } = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);
  const saved = useMemberSaved();

  const submit = async (values: Values) => {
    setSaving(true);
    setErrors([]);
    try {
      const m = await orgsApi.retireMember(member.id, values.exitedOn.format('YYYY-MM-DD'), values.reason);
      saved(m);
      message.success(t('retire.done', { name: m.name }));
      onClose();
    } catch (e) {
      // The request body names the date "exitedOn" and the reason "reason", like the form.
      setErrors(applyFieldErrors(form, e, lang, ['exitedOn', 'reason']));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      title={t('retire.title', { name: member.name })}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('retire.confirm')}
      okButtonProps={{ danger: true, loading: saving }}
      cancelText={ta('common.cancel')}
      destroyOnHidden
    >
      <ErrorAlert messages={errors} />
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} preserve={false}>
        <Form.Item name="exitedOn" label={t('member.exitedOn')} rules={[{ required: true, message: ta('common.required') }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.format('YYYY-MM-DD') > today()} />
        </Form.Item>
        <Form.Item name="reason" label={t('member.exitReason')} rules={[{ required: true, message: ta('common.required') }]}>
          <Input.TextArea rows={3} maxLength={200} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
