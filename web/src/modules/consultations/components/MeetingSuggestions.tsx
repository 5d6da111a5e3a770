import { useState } from 'react';
import { App, Button, Card, Checkbox, Flex, Form, Input, List, Modal } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { consultationsApi, type Meeting } from '../../../api/consultations';
import { applyFieldErrors } from '../../../api/errors';
import { useLocale, useT } from '../../../i18n/LocaleProvider';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { SuggestionStateTag } from './labels';
import { SuggestModal, type SuggestSource } from './SuggestModal';

interface OutcomeValues {
  title: string;
  summary: string;
  suggestionIds: number[];
}

/** The meeting's suggestions, and the outcome report compiled from a choice of them. */
export function MeetingSuggestions({ meeting }: { meeting: Meeting }) {
  const t = useT('consultations');
  const { lang } = useLocale();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [manual, setManual] = useState<SuggestSource | null>(null);
  const [compiling, setCompiling] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<OutcomeValues>();
  const list = useQuery({ queryKey: ['consultations', 'suggestions', 'meeting', meeting.id], queryFn: () => consultationsApi.suggestions({ meetingId: meeting.id }, null, 100) });
  const items = list.data?.items ?? [];
  const canSuggest = !!meeting.abilities.suggest;
  if (!canSuggest && items.length === 0) return null;

  const compile = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    setErrors([]);
    try {
      const r = await consultationsApi.createOutcome(meeting.id, { title: v.title.trim(), summary: v.summary.trim(), suggestionIds: v.suggestionIds });
      void queryClient.invalidateQueries({ queryKey: ['consultations'] });
      void message.success(t('action.saved'));
      setCompiling(false);
      void navigate(`/consultations/outcomes/${r.id}`);
    } catch (e) {
      setErrors(applyFieldErrors(form, e, lang, ['title', 'summary', 'suggestionIds']));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      title={t('suggestion.ofMeeting')}
      style={{ marginBottom: 16 }}
      data-testid="meeting-suggestions"
      extra={
        canSuggest && (
          <Flex gap={8} wrap>
            <Button size="small" icon={<PlusOutlined />} onClick={() => setManual({ kind: 'manual' })}>
              {t('suggestion.add')}
            </Button>
            <Button size="small" type="primary" disabled={items.length === 0} onClick={() => setCompiling(true)}>
              {t('outcome.compile')}
            </Button>
          </Flex>
        )
      }
    >
      <ErrorAlert error={list.error} />
      <List
        size="small"
        loading={list.isLoading}
        dataSource={items}
        locale={{ emptyText: t('suggestion.none') }}
        renderItem={(s) => (
          <List.Item>
            <Link to={`/consultations/suggestions/${s.id}`}>{s.title}</Link>
            <SuggestionStateTag state={s.state} t={t} />
          </List.Item>
        )}
      />
      <SuggestModal meetingId={meeting.id} source={manual} onClose={() => setManual(null)} />
      <Modal open={compiling} title={t('outcome.compile')} okText={t('action.submit')} cancelText={t('action.cancel')} confirmLoading={busy} onOk={() => void compile()} onCancel={() => setCompiling(false)} destroyOnHidden width={640}>
        <ErrorAlert messages={errors} />
        <Form form={form} layout="vertical" preserve={false} initialValues={{ title: t('outcome.defaultTitle', { topic: meeting.topic }), suggestionIds: items.map((s) => s.id) }}>
          <Form.Item name="title" label={t('field.outcomeTitle')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="summary" label={t('field.summary')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
            <Input.TextArea rows={5} maxLength={20000} />
          </Form.Item>
          <Form.Item name="suggestionIds" label={t('field.suggestions')} rules={[{ required: true, message: t('form.required') }]}>
            <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 4 }} options={items.map((s) => ({ value: s.id, label: s.title }))} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
