import { DatePicker, Input, InputNumber, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { AuditFilters } from '../../../api/types';
import { useT } from '../../../i18n/LocaleProvider';
import { FilterBar } from '../../../shared/FilterBar';
import { useIsPhone } from '../../../shared/useIsPhone';
import { AUDIT_ACTION_KEYS, ENTITY_TYPES, actionKey, entityKey } from '../audit';

export function AuditFilterBar({ value, onChange }: { value: AuditFilters; onChange: (f: AuditFilters) => void }) {
  const t = useT('accounts');
  const isPhone = useIsPhone();
  const width = isPhone ? '100%' : 160;
  const set = (patch: Partial<AuditFilters>) => onChange({ ...value, ...patch });

  return (
    <FilterBar
      testId="audit-filters"
      active={Object.values(value).filter((v) => v !== undefined).length}
      onReset={() => onChange({})}
      filters={
        <>
            <InputNumber
              min={1}
              value={value.actorId}
              onChange={(v) => set({ actorId: v ?? undefined })}
              placeholder={t('audit.actorId')}
              style={{ width }}
            />
            <Select
              value={value.action}
              onChange={(action?: string) => set({ action })}
              options={AUDIT_ACTION_KEYS.map((a) => ({ value: a, label: t(actionKey(a)!) })).sort((x, y) => x.label.localeCompare(y.label))}
              placeholder={t('audit.action')}
              allowClear
              style={{ width }}
            />
            <Select
              value={value.entityType}
              onChange={(entityType?: string) => set({ entityType })}
              options={ENTITY_TYPES.map((e) => ({ value: e, label: t(entityKey(e)!) }))}
              placeholder={t('audit.entityType')}
              allowClear
              style={{ width }}
            />
            <Input
              value={value.entityId}
              onChange={(e) => set({ entityId: e.target.value.trim() || undefined })}
              placeholder={t('audit.entityId')}
              allowClear
              style={{ width }}
            />
            <DatePicker.RangePicker
              showTime
              value={value.from || value.to ? [value.from ? dayjs(value.from) : null, value.to ? dayjs(value.to) : null] : null}
              onChange={(range) => {
                const [from, to] = (range ?? []) as (Dayjs | null)[];
                set({ from: from?.toISOString(), to: to?.toISOString() });
              }}
              placeholder={[t('audit.from'), t('audit.to')]}
              style={{ width: isPhone ? '100%' : 380 }}
            />
        </>
      }
    />
  );
}
