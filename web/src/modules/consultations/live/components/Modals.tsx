import { useState, type ReactNode } from 'react';
import { Form, Input, Modal, Radio, Switch } from 'antd';
import { applyFieldErrors } from '../../../../api/errors';
import { useLocale } from '../../../../i18n/LocaleProvider';
import { ErrorAlert } from '../../../../shared/ErrorAlert';
import type { RoomSettings } from '../api';
import { useRoomT } from '../i18n';

type Values = Record<string, string | boolean | undefined>;

/** A modal form that sends its values and shows the server's field errors on the fields. */
function FormModal({ title, fields, initial, send, onClose, children }: { title: string; fields: string[]; initial: Values; send: (v: Values) => Promise<void>; onClose: () => void; children: ReactNode }) {
  const t = useRoomT();
  const { lang } = useLocale();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);
  const submit = async () => {
    const values = await form.validateFields();
    setBusy(true);
    setErrors([]);
    try {
      await send(values);
      onClose();
    } catch (e) {
      setErrors(applyFieldErrors(form, e, lang, fields));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={title} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={busy} onOk={() => void submit().catch(() => undefined)} onCancel={onClose} destroyOnHidden>
      <ErrorAlert messages={errors} />
      <Form form={form} layout="vertical" initialValues={initial}>
        {children}
      </Form>
    </Modal>
  );
}

export function SettingsModal({ settings, save, onClose }: { settings: RoomSettings; save: (s: RoomSettings) => Promise<void>; onClose: () => void }) {
  const t = useRoomT();
  const url = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);
  return (
    <FormModal
      title={t('settings.title')}
      fields={['streamUrl', 'embedUrl', 'moderation', 'open']}
      initial={{ streamUrl: settings.streamUrl ?? '', embedUrl: settings.embedUrl ?? '', moderation: settings.moderation, open: settings.open }}
      send={(v) => save({ streamUrl: url(v.streamUrl), embedUrl: url(v.embedUrl), moderation: v.moderation as RoomSettings['moderation'], open: !!v.open })}
      onClose={onClose}
    >
      <Form.Item name="embedUrl" label={t('settings.embedUrl')} extra={t('settings.urlHint')}>
        <Input inputMode="url" />
      </Form.Item>
      <Form.Item name="streamUrl" label={t('settings.streamUrl')}>
        <Input inputMode="url" />
      </Form.Item>
      <Form.Item name="moderation" label={t('settings.moderation')}>
        <Radio.Group
          options={[
            { value: 'post', label: t('settings.post') },
            { value: 'pre', label: t('settings.pre') },
          ]}
        />
      </Form.Item>
      <Form.Item name="open" label={t('settings.openLabel')} valuePropName="checked">
        <Switch />
      </Form.Item>
    </FormModal>
  );
}

export function AnswerModal({ send, onClose }: { send: (body: string) => Promise<void>; onClose: () => void }) {
  const t = useRoomT();
  return (
    <FormModal title={t('answer.title')} fields={['body']} initial={{ body: '' }} send={(v) => send(String(v.body ?? '').trim())} onClose={onClose}>
      <Form.Item name="body" label={t('answer.label')} rules={[{ required: true, whitespace: true, message: t('answer.required') }]}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} />
      </Form.Item>
    </FormModal>
  );
}

export function SuggestionModal({ body, send, onClose }: { body: string; send: (v: { title: string; text: string }) => Promise<void>; onClose: () => void }) {
  const t = useRoomT();
  const required = [{ required: true, whitespace: true, message: t('suggest.required') }];
  return (
    <FormModal
      title={t('suggest.title')}
      fields={['title', 'text']}
      initial={{ title: [...body].slice(0, 40).join(''), text: body }}
      send={(v) => send({ title: String(v.title ?? '').trim(), text: String(v.text ?? '').trim() })}
      onClose={onClose}
    >
      <Form.Item name="title" label={t('suggest.titleLabel')} rules={required}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="text" label={t('suggest.textLabel')} rules={required}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} />
      </Form.Item>
    </FormModal>
  );
}
