import { useState } from 'react';
import { App, Button, Card, Flex, Form, Input, Radio, Select, Tag, Timeline, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { applyFieldErrors } from '../../../api/errors';
import { proposalsApi } from '../../../api/proposals';
import { useLocale, useT } from '../../../i18n/LocaleProvider';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { hasAnyRole, useMe } from '../../../app/session';
import { OFFICE } from '../manifest';
import { today } from './labels';

interface Values {
  kind: 'meeting' | 'note';
  heldOn: string;
  text: string;
}

/** A key proposal's sponsors and its log of progress meetings and notes, which the office and sponsors add to. */
export function KeyCard({ id, organizationId }: { id: number; organizationId: number }) {
  const t = useT('proposals');
  const ta = useT('app');
  const { lang } = useLocale();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [errors, setErrors] = useState<string[]>([]);
  const key = useQuery({ queryKey: ['proposals', 'key', id], queryFn: () => proposalsApi.keyInfo(id) });
  const add = useMutation({
    mutationFn: (v: Values) => proposalsApi.addProgress(id, v),
    onSuccess: (k) => {
      queryClient.setQueryData(['proposals', 'key', id], k);
      void queryClient.invalidateQueries({ queryKey: ['proposals', 'timeline', id] });
      void message.success(t('action.done'));
      setErrors([]);
      form.resetFields();
    },
    onError: (e) => setErrors(applyFieldErrors(form, e, lang, ['kind', 'heldOn', 'text'])),
  });
  const k = key.data;
  const isOffice = hasAnyRole(useMe(), OFFICE);
  return (
    <Card title={t('key.card')} style={{ marginBottom: 16 }} data-testid="key-card">
      <ErrorAlert error={key.error} messages={errors} />
      {k && (
        <>
          {isOffice ? (
            <SponsorPicker id={id} organizationId={organizationId} current={k.sponsors.map((s) => s.userId)} />
          ) : (
            <div style={{ marginBottom: 12 }}>
              <Typography.Text type="secondary">{t('key.sponsors')}：</Typography.Text>
              {k.sponsors.length === 0 ? t('key.noSponsors') : k.sponsors.map((s) => <Tag key={s.userId}>{s.name}</Tag>)}
            </div>
          )}
          <Timeline
            items={k.progress.map((p) => ({
              key: p.id,
              content: (
                <>
                  <Tag>{t(`progress.${p.kind}`)}</Tag>
                  <Typography.Text type="secondary">
                    {p.heldOn} · {p.createdBy ?? ''}
                  </Typography.Text>
                  <div style={{ whiteSpace: 'pre-wrap' }}>{p.text}</div>
                </>
              ),
            }))}
          />
        </>
      )}
      <Form form={form} layout="vertical" style={{ marginTop: 8 }} initialValues={{ kind: 'meeting', heldOn: today() }} onFinish={(v) => add.mutate(v)}>
        <Form.Item name="kind" label={t('key.progressKind')}>
          <Radio.Group options={(['meeting', 'note'] as const).map((x) => ({ value: x, label: t(`progress.${x}`) }))} />
        </Form.Item>
        <Form.Item name="heldOn" label={t('key.heldOn')} rules={[{ required: true, message: ta('common.required') }]}>
          <Input type="date" max={today()} />
        </Form.Item>
        <Form.Item name="text" label={t('key.progressText')} rules={[{ required: true, whitespace: true, message: ta('common.required') }]}>
          <Input.TextArea rows={3} maxLength={5000} showCount />
        </Form.Item>
        <Button htmlType="submit" loading={add.isPending}>
          {t('key.addProgress')}
        </Button>
      </Form>
    </Card>
  );
}

/** The office links the sponsors (领办) from the leaders of the proposal's organization and above. */
function SponsorPicker({ id, organizationId, current }: { id: number; organizationId: number; current: number[] }) {
  const t = useT('proposals');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [picked, setPicked] = useState<number[] | null>(null);
  const candidates = useQuery({ queryKey: ['proposals', 'sponsor-candidates', organizationId], queryFn: () => proposalsApi.sponsorCandidates(organizationId), staleTime: 60_000 });
  const save = useMutation({
    mutationFn: (userIds: number[]) => proposalsApi.setSponsors(id, userIds),
    onSuccess: (k) => {
      queryClient.setQueryData(['proposals', 'key', id], k);
      void queryClient.invalidateQueries({ queryKey: ['proposals', 'timeline', id] });
      void message.success(t('action.done'));
      setPicked(null);
    },
  });
  const value = picked ?? current;
  return (
    <div style={{ marginBottom: 12 }}>
      <ErrorAlert error={candidates.error ?? save.error} />
      <Typography.Text type="secondary">{t('key.sponsors')}</Typography.Text>
      <Flex gap={8} wrap style={{ marginTop: 4 }}>
        <Select
          mode="multiple"
          style={{ flex: '1 1 200px', minWidth: 0 }}
          data-testid="sponsor-select"
          placeholder={t('key.pickSponsors')}
          loading={candidates.isLoading}
          value={value}
          onChange={setPicked}
          optionFilterProp="label"
          options={(candidates.data ?? []).map((c) => ({ value: c.id, label: c.displayName }))}
        />
        <Button type="primary" data-testid="sponsor-save" disabled={picked === null} loading={save.isPending} onClick={() => save.mutate(value)}>
          {t('key.saveSponsors')}
        </Button>
      </Flex>
    </div>
  );
}
