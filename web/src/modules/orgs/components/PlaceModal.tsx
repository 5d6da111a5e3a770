import { useState } from 'react';
import { App, Form, Input, Modal, Rate, Select, Switch } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { orgsApi } from '../../../api/orgs';
import { applyFieldErrors } from '../../../api/errors';
import { PLACE_KINDS, type Place, type PlaceInput } from '../../../api/types';
import { useMe } from '../../../app/session';
import { useLocale, useT } from '../../../i18n/LocaleProvider';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { OrganizationSelect, useOrganizations } from '../../../shared/OrganizationSelect';
import { DivisionCascader } from './DivisionCascader';
import { MemberPicker } from './MemberPicker';

const FIELDS = ['organizationId', 'kind', 'name', 'divisionCode', 'address', 'memberId', 'stars', 'active'] as const;

interface Props {
  place: Place | null; // null: a new place
  onClose: () => void;
}

export function PlaceModal({ place, onClose }: Props) {
  const t = useT('orgs');
  const ta = useT('app');
  const { lang } = useLocale();
  const { message } = App.useApp();
  const me = useMe();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<PlaceInput>();
  const [errors, setErrors] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const organizations = useOrganizations();
  const organizationId = Form.useWatch('organizationId', form) ?? place?.organizationId ?? me.organization.id;
  const kind = Form.useWatch('kind', form) ?? place?.kind;
  const org = organizations.data?.find((o) => o.id === organizationId);
  const required = [{ required: true, message: ta('common.required') }];

  const submit = async (values: PlaceInput) => {
    setSaving(true);
    setErrors([]);
    try {
      const body = { ...values, address: values.address || null, stars: values.kind === 'lounge' ? (values.stars ?? null) : null };
      if (place) {
        const { organizationId: _o, kind: _k, ...patch } = body;
        await orgsApi.updatePlace(place.id, patch);
      } else {
        await orgsApi.createPlace(body);
      }
      void queryClient.invalidateQueries({ queryKey: ['orgs', 'places'] });
      message.success(ta('common.saved'));
      onClose();
    } catch (e) {
      setErrors(applyFieldErrors(form, e, lang, FIELDS));
    } finally {
      setSaving(false);
    }
  };

  const initialValues: Partial<PlaceInput> = place
    ? { ...place, address: place.address ?? undefined }
    : { organizationId: me.organization.id, active: true };

  return (
    <Modal
      open
      title={place ? t('places.editTitle', { name: place.name }) : t('places.createTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={ta('common.save')}
      cancelText={ta('common.cancel')}
      okButtonProps={{ loading: saving }}
      destroyOnHidden
    >
      <ErrorAlert messages={errors} />
      <Form form={form} layout="vertical" initialValues={initialValues} onFinish={(v) => void submit(v)} data-testid="place-form">
        <Form.Item name="organizationId" label={ta('common.organization')} rules={required}>
          <OrganizationSelect disabled={!!place} onChange={() => form.setFieldsValue({ divisionCode: undefined })} />
        </Form.Item>
        <Form.Item name="kind" label={t('place.kind')} rules={required}>
          <Select disabled={!!place} options={PLACE_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="name" label={t('place.name')} rules={required}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="divisionCode" label={t('place.division')} rules={required} extra={t('place.divisionHelp')}>
          <DivisionCascader key={organizationId} rootCode={org?.divisionCode} rootLevel={org?.level ?? 'county'} placeholder={ta('common.choose')} />
        </Form.Item>
        <Form.Item name="address" label={t('place.address')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="memberId" label={t('place.member')}>
          <MemberPicker organizationId={organizationId} currentName={place?.memberName} placeholder={t('place.memberHelp')} />
        </Form.Item>
        {kind === 'lounge' && (
          <Form.Item name="stars" label={t('place.stars')}>
            <Rate />
          </Form.Item>
        )}
        <Form.Item name="active" label={t('place.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
