import { useState } from 'react';
import { App, Form, Input, Modal } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { consultationsApi, type SourceKind } from '../../../api/consultations';
import { applyFieldErrors } from '../../../api/errors';
import { useLocale, useT } from '../../../i18n/LocaleProvider';
import { ErrorAlert } from '../../../shared/ErrorAlert';

export interface SuggestSource {
  kind: SourceKind;
  id?: number;
  /** The passage the staff picked (or the whole text), kept as the suggestion's trace. */
  passage?: string;
  authorName?: string;
}

interface Values {
  passage?: string;
  title: string;
  text: string;
}
const FIELDS = ['passage', 'title', 'text'];

/** Turns a speech passage (or a comment, or nothing: a suggestion typed in) into a suggestion, then opens it. */
export function SuggestModal({ meetingId, source, onClose }: { meetingId: number; source: SuggestSource | null; onClose: () => void }) {
  const t = useT('consultations');
  const { lang } = useLocale();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v || !source) return;
    setBusy(true);
    setErrors([]);
    try {
      const passage = v.passage?.trim() || undefined;
      const r = await consultationsApi.createSuggestion({ meetingId, sourceKind: source.kind, sourceId: source.id, passage, title: v.title.trim(), text: v.text.trim() });
      void message.success(t('suggestion.created'));
      void queryClient.invalidateQueries({ queryKey: ['consultations'] });
      onClose();
      void navigate(`/consultations/suggestions/${r.id}`);
    } catch (e) {
      setErrors(applyFieldErrors(form, e, lang, FIELDS));
    } finally {
      setBusy(false);
    }
  };
  const required = [{ required: true, whitespace: true, message: t('form.required') }];
  return (
    <Modal open={!!source} title={t('action.toSuggestion')} okText={t('action.submit')} cancelText={t('action.cancel')} confirmLoading={busy} onOk={() => void submit()} onCancel={onClose} destroyOnHidden width={640}>
      <ErrorAlert messages={errors} />
      <Form form={form} layout="vertical" preserve={false} initialValues={{ passage: source?.passage, text: source?.passage }}>
        {source?.kind !== 'manual' && (
          <Form.Item name="passage" label={source?.authorName ? t('suggestion.passageOf', { name: source.authorName }) : t('field.passage')} rules={required}>
            <Input.TextArea rows={4} maxLength={5000} />
          </Form.Item>
        )}
        <Form.Item name="title" label={t('field.suggestionTitle')} rules={required}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="text" label={t('field.suggestionText')} rules={required}>
          <Input.TextArea rows={5} maxLength={10000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
