// A year's minimums (at least so many acts among some kinds) and grade bands, edited as a whole.
import { useEffect, useState } from 'react';
import { App, Button, Card, Flex, InputNumber, Select, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { dutyApi, type Bands, type DutyRules, type Minimum } from '../../../api/duty';
import { pickLang, useLocale, useT } from '../../../i18n/LocaleProvider';
import { ErrorAlert } from '../../../shared/ErrorAlert';

export function GradingCard({ rules, mayEdit }: { rules: DutyRules; mayEdit: boolean }) {
  const t = useT('duty');
  const { lang } = useLocale();
  const { message } = App.useApp();
  const [minimums, setMinimums] = useState<Minimum[]>([]);
  const [bands, setBands] = useState<Bands>(rules.bands);
  useEffect(() => {
    setMinimums(rules.minimums.map((m) => ({ kinds: m.kinds, count: m.count })));
    setBands(rules.bands);
  }, [rules]);
  const client = useQueryClient();
  const save = useMutation({
    mutationFn: () => dutyApi.setGrading({ organizationId: rules.organizationId, year: rules.year, minimums, bands }),
    onSuccess: async () => {
      message.success(t('rules.gradingSaved'));
      await client.invalidateQueries({ queryKey: ['duty'] });
    },
  });
  const kindOptions = rules.rules.map((r) => ({ value: r.kind, label: pickLang(lang, r.label.zh, r.label.en) }));
  const setMin = (i: number, patch: Partial<Minimum>) => setMinimums((ms) => ms.map((m, j) => (j === i ? { ...m, ...patch } : m)));
  return (
    <Card size="small" title={t('rules.grading')} style={{ marginTop: 16 }} extra={mayEdit && <Button type="primary" loading={save.isPending} onClick={() => save.mutate()} data-testid="duty-grading-save">{t('rules.save')}</Button>}>
      <ErrorAlert error={save.error} />
      <Typography.Title level={5}>{t('rules.bands')}</Typography.Title>
      <Flex wrap gap={12} style={{ marginBottom: 8 }} data-testid="duty-bands">
        {(['excellent', 'competent', 'basic'] as const).map((g) => (
          <label key={g}>
            {t(`grade.${g}`)} ≥{' '}
            <InputNumber aria-label={t(`grade.${g}`)} disabled={!mayEdit} min={-1000} max={1000} value={bands[g]} placeholder={t('rules.noBand')} onChange={(v) => setBands((b) => ({ ...b, [g]: g === 'basic' ? v : (v ?? 0) }))} />
          </label>
        ))}
      </Flex>
      <Typography.Paragraph type="secondary">{t('rules.bandsNote')}</Typography.Paragraph>
      <Typography.Title level={5}>{t('rules.minimums')}</Typography.Title>
      <Flex vertical gap={8} data-testid="duty-minimums">
        {minimums.map((m, i) => (
          <Flex key={i} wrap gap={8} align="center">
            <Select mode="multiple" aria-label={t('rules.minimumKinds')} disabled={!mayEdit} style={{ minWidth: 240, flex: 1 }} value={m.kinds} options={kindOptions} onChange={(kinds) => setMin(i, { kinds })} />
            <span>{t('rules.atLeast')}</span>
            <InputNumber aria-label={t('rules.count')} disabled={!mayEdit} min={1} max={100} value={m.count} onChange={(v) => setMin(i, { count: v ?? 1 })} />
            <span>{t('rules.times')}</span>
            {mayEdit && <Button aria-label={t('rules.remove')} icon={<DeleteOutlined />} onClick={() => setMinimums((ms) => ms.filter((_, j) => j !== i))} />}
          </Flex>
        ))}
        {mayEdit && <Button icon={<PlusOutlined />} onClick={() => setMinimums((ms) => [...ms, { kinds: [], count: 1 }])} style={{ alignSelf: 'start' }}>{t('rules.addMinimum')}</Button>}
      </Flex>
    </Card>
  );
}
