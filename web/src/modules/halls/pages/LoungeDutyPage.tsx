// A member's lounge duty (委员会客厅值班): the rota entries from today and the published questions
// of the lounges they are on duty at today, each answered in place.
import { useState } from 'react';
import { Button, Card, Empty, Flex, Input, List } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { loungesApi } from '../../../api/lounges';
import { useT } from '../../../i18n/LocaleProvider';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { PageHeader } from '../../../shared/PageHeader';

export default function LoungeDutyPage() {
  const t = useT('halls');
  const qc = useQueryClient();
  const [answers, setAnswers] = useState<Record<number, string>>({});
  const duty = useQuery({ queryKey: ['lounges', 'duty'], queryFn: () => loungesApi.duty() });
  const answer = useMutation({
    mutationFn: ({ id, text }: { id: number; text: string }) => loungesApi.answer(id, text),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['lounges'] }),
  });
  const lounges = duty.data?.lounges ?? [];
  return (
    <>
      <PageHeader title={t('lounge.duty.title')} />
      <ErrorAlert error={answer.error ?? duty.error} />
      <h3>{t('lounge.duty.rota')}</h3>
      <List size="small" dataSource={lounges} locale={{ emptyText: t('lounge.duty.noRota') }}
        renderItem={(l) => <List.Item>{l.name} · {l.from} – {l.to}</List.Item>} />
      <h3 style={{ marginTop: 16 }}>{t('lounge.duty.questions')}</h3>
      {(duty.data?.questions ?? []).length === 0 && <Empty description={t('lounge.duty.none')} />}
      <Flex vertical gap={12}>
        {(duty.data?.questions ?? []).map((q) => (
          <Card key={q.id} size="small" title={lounges.find((l) => l.id === q.placeId)?.name}>
            <p style={{ whiteSpace: 'pre-wrap' }}>{q.text}</p>
            <Input.TextArea rows={3} aria-label={t('lounge.q.answer')} placeholder={t('lounge.q.answer')} value={answers[q.id] ?? ''} onChange={(e) => setAnswers({ ...answers, [q.id]: e.target.value })} />
            <Button type="primary" style={{ marginTop: 8 }} loading={answer.isPending} onClick={() => answer.mutate({ id: q.id, text: answers[q.id] ?? '' })}>{t('lounge.duty.answer')}</Button>
          </Card>
        ))}
      </Flex>
    </>
  );
}
