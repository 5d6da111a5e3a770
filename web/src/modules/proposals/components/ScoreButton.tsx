import { useState } from 'react';
import { Button, Form, Input, InputNumber, Popover } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { applyFieldErrors } from '../../../api/errors';
import { useLocale, useT } from '../../../i18n/LocaleProvider';
import { ErrorAlert } from '../../../shared/ErrorAlert';

interface Values {
  score: number;
  comment?: string;
}

/** A 0–100 score with a comment, in a popover: the committee's rating of a proposal, the office's of a unit. */
export function ScoreButton({ label, testId, initial, save, onSaved }: { label: string; testId?: string; initial?: Partial<Values>; save: (v: Values) => Promise<unknown>; onSaved: () => void }) {
  const t = useT('proposals');
  const ta = useT('app');
  const { lang } = useLocale();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  const [errors, setErrors] = useState<string[]>([]);
  const rate = useMutation({
    mutationFn: (v: Values) => save({ score: v.score, comment: v.comment?.trim() || undefined }),
    onSuccess: () => {
      setOpen(false);
      setErrors([]);
      onSaved();
    },
    onError: (e) => setErrors(applyFieldErrors(form, e, lang, ['score', 'comment'])),
  });
  const content = (
    <Form form={form} layout="vertical" style={{ width: 260, maxWidth: '80vw' }} initialValues={initial} onFinish={(v) => rate.mutate(v)}>
      <ErrorAlert messages={errors} />
      <Form.Item name="score" label={t('quality.score')} rules={[{ required: true, message: ta('common.required') }]}>
        <InputNumber min={0} max={100} precision={0} style={{ width: '100%' }} data-testid="score-input" />
      </Form.Item>
      <Form.Item name="comment" label={t('quality.comment')}>
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={rate.isPending} data-testid="score-save">
        {t('quality.save')}
      </Button>
    </Form>
  );
  return (
    <Popover trigger="click" open={open} onOpenChange={setOpen} content={content} destroyOnHidden>
      <Button size="small" data-testid={testId}>
        {label}
      </Button>
    </Popover>
  );
}
