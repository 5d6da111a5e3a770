import { useState } from 'react';
import { App, Form, Input, InputNumber, Modal, Select, Switch } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { orgsApi, type CatalogKind } from '../../../api/orgs';
import { applyFieldErrors } from '../../../api/errors';
import { useLocale, useT } from '../../../i18n/LocaleProvider';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { OrganizationSelect } from '../../../shared/OrganizationSelect';
import { CATALOG_FIELDS, PARTY_GROUP_KINDS } from '../catalogs';

export type CatalogRow = { id: number; organizationId: number; name: string; sort: number } & Record<string, unknown>;

interface Props {
  kind: CatalogKind;
  item: CatalogRow | null;
  organizationId: number;
  onClose: () => void;
}

export function CatalogModal({ kind, item, organizationId, onClose }: Props) {
  const t = useT('orgs');
  const ta = useT('app');
  const { lang } = useLocale();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Record<string, unknown>>();
  const [errors, setErrors] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const fields = CATALOG_FIELDS[kind];
  const required = [{ required: true, message: ta('common.required') }];

  const submit = async (values: Record<string, unknown>) => {
    setSaving(true);
    setErrors([]);
    try {
      if (item) {
        const { organizationId: _o, ...patch } = values;
        await orgsApi.updateCatalogItem(kind, item.id, patch);
      } else {
        await orgsApi.createCatalogItem(kind, values);
      }
      void queryClient.invalidateQueries({ queryKey: ['orgs', 'catalog', kind] });
      message.success(ta('common.saved'));
      onClose();
    } catch (e) {
      setErrors(applyFieldErrors(form, e, lang, ['organizationId', ...fields]));
    } finally {
      setSaving(false);
    }
  };

  const initialValues = item
    ? Object.fromEntries(['organizationId', ...fields].map((f) => [f, item[f] ?? undefined]))
    : { organizationId, sort: 0, ...(kind === 'handling-units' ? { active: true } : {}) };

  return (
    <Modal
      open
      title={item ? t('catalogs.editTitle', { name: item.name }) : t('catalogs.createTitle', { kind: t(`catalogs.tab.${kind}`) })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={ta('common.save')}
      cancelText={ta('common.cancel')}
      okButtonProps={{ loading: saving }}
      destroyOnHidden
    >
      <ErrorAlert messages={errors} />
      <Form form={form} layout="vertical" initialValues={initialValues} onFinish={(v) => void submit(v)}>
        <Form.Item name="organizationId" label={ta('common.organization')} rules={required}>
          <OrganizationSelect disabled={!!item} />
        </Form.Item>
        <Form.Item name="name" label={t('catalogs.name')} rules={required}>
          <Input maxLength={100} />
        </Form.Item>
        {fields.includes('kind') && (
          <Form.Item name="kind" label={t('catalogs.partyKind')} rules={required}>
            <Select options={PARTY_GROUP_KINDS.map((k) => ({ value: k, label: t(`partyKind.${k}`) }))} />
          </Form.Item>
        )}
        {fields.includes('contactName') && (
          <Form.Item name="contactName" label={t('catalogs.contactName')}>
            <Input maxLength={50} />
          </Form.Item>
        )}
        {fields.includes('contactPhone') && (
          <Form.Item name="contactPhone" label={t('catalogs.contactPhone')}>
            <Input maxLength={30} inputMode="tel" />
          </Form.Item>
        )}
        {fields.includes('active') && (
          <Form.Item name="active" label={t('catalogs.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
        <Form.Item name="sort" label={t('catalogs.sort')} extra={t('catalogs.sortHelp')}>
          <InputNumber min={0} max={9999} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
