import { useState } from 'react';
import { App, Button, Card, Empty, Flex, Form, Input, List, Modal, Segmented, Tag, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { applyFieldErrors } from '../../../api/errors';
import { opinionsApi, type HandoffItem } from '../../../api/opinions';
import { useLocale, useT } from '../../../i18n/LocaleProvider';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { ListFooter } from '../../../shared/ListFooter';
import { PageHeader } from '../../../shared/PageHeader';
import { useKeysetList } from '../../../shared/useKeysetList';
import { formatTime, today } from '../../../shared/time';

type Filter = 'no' | 'yes' | 'overdue';

/** Residents' concerns handed to the caller's unit (or, for the office, to its units), and the answers. */
export default function HandoffsPage() {
  const t = useT('opinions');
  const ta = useT('app');
  const { lang } = useLocale();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  // A home page's count of overdue hand-offs links here with ?overdue=true.
  const [params] = useSearchParams();
  const [filter, setFilter] = useState<Filter>(params.get('overdue') === 'true' ? 'overdue' : 'no');
  const [answering, setAnswering] = useState<HandoffItem | null>(null);
  const [form] = Form.useForm<{ text: string; answeredOn: string }>();
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);
  const list = useKeysetList(['opinions', 'handoffs', filter], (cursor) => opinionsApi.handoffs(filter === 'overdue' ? { overdue: true } : { answered: filter }, cursor));

  const submit = async (v: { text: string; answeredOn: string }) => {
    if (!answering) return;
    setBusy(true);
    setErrors([]);
    try {
      await opinionsApi.answerHandoff(answering.id, { text: v.text.trim(), answeredOn: v.answeredOn });
      void message.success(t('action.done'));
      setAnswering(null);
      void queryClient.invalidateQueries({ queryKey: ['opinions', 'handoffs'] });
    } catch (e) {
      setErrors(applyFieldErrors(form, e, lang, ['text', 'answeredOn']));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeader title={t('handoffs.title')} />
      <Segmented<Filter>
        value={filter}
        onChange={setFilter}
        options={[
          { value: 'no', label: t('handoffs.open') },
          { value: 'overdue', label: t('handoffs.overdue') },
          { value: 'yes', label: t('handoffs.answered') },
        ]}
        style={{ marginBottom: 16 }}
      />
      <ErrorAlert error={list.error} />
      <List
        data-testid="handoffs"
        loading={list.loading}
        dataSource={list.items}
        locale={{ emptyText: <Empty description={t('handoffs.empty')} /> }}
        renderItem={(h) => (
          <Card key={h.id} size="small" style={{ marginBottom: 12 }} title={h.title} data-testid="handoff">
            <Flex wrap gap={8} style={{ marginBottom: 8 }}>
              <Tag>{t(`category.${h.category}`)}</Tag>
              <Tag color={h.answer ? 'green' : 'orange'}>{h.answer ? t('handoffs.answeredOn', { date: h.answeredOn ?? '' }) : t('handoffs.deadline', { date: h.deadline })}</Tag>
              {h.placeName && <Typography.Text type="secondary">{h.placeName}</Typography.Text>}
              <Typography.Text type="secondary">{formatTime(h.submittedAt, lang)}</Typography.Text>
            </Flex>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{h.text}</Typography.Paragraph>
            {h.note && <Typography.Paragraph type="secondary">{t('handoffs.note', { note: h.note })}</Typography.Paragraph>}
            {h.answer ? (
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
                <Typography.Text strong>{t('handoffs.answer')}</Typography.Text> {h.answer}
              </Typography.Paragraph>
            ) : (
              <Button type="primary" onClick={() => { form.resetFields(); setErrors([]); setAnswering(h); }}>
                {t('handoffs.reply')}
              </Button>
            )}
          </Card>
        )}
      />
      <ListFooter total={list.total} shown={list.items.length} hasMore={list.hasMore} loadingMore={list.loadingMore} onLoadMore={list.loadMore} />
      <Modal
        open={answering !== null}
        title={t('handoffs.reply')}
        okText={t('action.submit')}
        cancelText={ta('common.cancel')}
        confirmLoading={busy}
        onOk={() => form.submit()}
        onCancel={() => setAnswering(null)}
        destroyOnHidden
      >
        <ErrorAlert messages={errors} />
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
          <Form.Item name="text" label={t('handoffs.answerText')} extra={t('handoffs.answerHelp')} rules={[{ required: true, whitespace: true, message: ta('common.required') }]}>
            <Input.TextArea rows={5} maxLength={2000} showCount />
          </Form.Item>
          <Form.Item name="answeredOn" label={t('handoffs.answeredOnLabel')} initialValue={today()} rules={[{ required: true, message: ta('common.required') }]}>
            <Input type="date" max={today()} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
