import { useEffect, useState } from 'react';
import { App, Button, Card, Col, Flex, Form, Input, InputNumber, Row, Select, Switch } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { consultationsApi, MEETING_TYPES, type MeetingInput } from '../../../api/consultations';
import { applyFieldErrors } from '../../../api/errors';
import { PageSpinner } from '../../../app/PageSpinner';
import { useLocale, useT } from '../../../i18n/LocaleProvider';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { PageHeader } from '../../../shared/PageHeader';
import { chinaInputToIso, isoToChinaInput, thisYear } from '../components/labels';

// The form leaves a committee or plan item out rather than null.
type Values = Omit<MeetingInput, 'committeeId' | 'planItemId'> & { committeeId?: number; planItemId?: number };
const FIELDS = ['type', 'topic', 'startsAt', 'endsAt', 'place', 'online', 'committeeId', 'planItemId', 'publicSeats', 'agenda', 'invitedMemberIds', 'invitedUserIds', 'invitedUnitIds'];

/** A new meeting, or a draft or published one being changed: everything the invitations need. */
export default function MeetingFormPage() {
  const params = useParams();
  const id = params.id ? Number(params.id) : null;
  const t = useT('consultations');
  const { lang } = useLocale();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const config = useQuery({ queryKey: ['consultations', 'config'], queryFn: consultationsApi.config, staleTime: 60_000 });
  const meeting = useQuery({ queryKey: ['consultations', 'meeting', id], queryFn: () => consultationsApi.meeting(id!), enabled: id !== null });
  const plans = useQuery({ queryKey: ['consultations', 'plans', thisYear()], queryFn: () => consultationsApi.plans(thisYear()) });
  const planId = plans.data?.find((p) => p.state === 'published' || p.state === 'approved')?.id ?? null;
  const plan = useQuery({ queryKey: ['consultations', 'plan', planId], queryFn: () => consultationsApi.plan(planId!), enabled: planId !== null });

  useEffect(() => {
    const m = meeting.data;
    if (!m) return;
    form.setFieldsValue({
      type: m.type,
      topic: m.topic,
      startsAt: isoToChinaInput(m.startsAt),
      endsAt: isoToChinaInput(m.endsAt),
      place: m.place,
      online: m.online,
      committeeId: m.committeeId ?? undefined,
      planItemId: m.planItemId ?? undefined,
      publicSeats: m.publicSeats,
      agenda: m.agenda.map((a) => ({ title: a.title, note: a.note ?? undefined })),
      invitedMemberIds: (m.invited?.members ?? []).map((x) => x.id),
      invitedUserIds: (m.invited?.users ?? []).map((x) => x.id),
      invitedUnitIds: (m.invited?.units ?? []).map((x) => x.id),
    });
  }, [meeting.data, form]);

  if (id !== null && meeting.isLoading) return <PageSpinner />;
  if (id !== null && !meeting.data) return <ErrorAlert error={meeting.error} />;
  const cfg = config.data;
  const roleLabel = (role: string) => (role === 'leader' ? t('form.roleLeader') : role === 'unit' ? t('form.roleUnit') : role);
  const planItems = (plan.data?.items ?? []).filter((i) => !i.meetingId || i.meetingId === id);

  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    setErrors([]);
    const body: MeetingInput = {
      ...v,
      topic: v.topic.trim(),
      place: v.place.trim(),
      startsAt: chinaInputToIso(v.startsAt),
      endsAt: chinaInputToIso(v.endsAt),
      committeeId: v.committeeId ?? null,
      planItemId: v.planItemId ?? null,
      agenda: (v.agenda ?? []).filter((a) => a?.title?.trim()).map((a) => ({ title: a.title.trim(), note: a.note?.trim() || undefined })),
      invitedMemberIds: v.invitedMemberIds ?? [],
      invitedUserIds: v.invitedUserIds ?? [],
      invitedUnitIds: v.invitedUnitIds ?? [],
    };
    try {
      const savedId = id === null ? (await consultationsApi.createMeeting(body)).id : (await consultationsApi.updateMeeting(id, body), id);
      void queryClient.invalidateQueries({ queryKey: ['consultations'] });
      void message.success(t('action.saved'));
      void navigate(`/consultations/meetings/${savedId}`, { replace: id === null });
    } catch (e) {
      setErrors(applyFieldErrors(form, e, lang, FIELDS));
    } finally {
      setBusy(false);
    }
  };

  const required = [{ required: true, whitespace: true, message: t('form.required') }];
  const search = { optionFilterProp: 'label' } as const;
  return (
    <>
      <PageHeader title={id === null ? t('meetings.new') : t('meetings.edit')} />
      <ErrorAlert error={config.error} messages={errors} />
      <Form form={form} layout="vertical" initialValues={{ type: 'thematic', online: false, publicSeats: 0, agenda: [{ title: '' }], invitedMemberIds: [], invitedUserIds: [], invitedUnitIds: [] }} data-testid="meeting-form">
        <Card style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="type" label={t('field.type')} rules={required}>
                <Select options={(cfg?.types.map((x) => x.value) ?? MEETING_TYPES).map((k) => ({ value: k, label: t(`type.${k}`) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={16}>
              <Form.Item name="topic" label={t('field.topic')} rules={required}>
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="startsAt" label={t('field.startsAt')} rules={required}>
                <Input type="datetime-local" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name="endsAt"
                label={t('field.endsAt')}
                dependencies={['startsAt']}
                rules={[...required, ({ getFieldValue }) => ({ validator: (_, v: string) => (!v || !getFieldValue('startsAt') || v > getFieldValue('startsAt') ? Promise.resolve() : Promise.reject(new Error(t('form.endAfterStart')))) })]}
              >
                <Input type="datetime-local" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="place" label={t('field.place')} rules={required}>
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item name="online" label={t('field.online')} valuePropName="checked">
                <Switch data-testid="online-switch" />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item name="publicSeats" label={t('field.publicSeats')}>
                <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="committeeId" label={t('field.committee')}>
                <Select allowClear showSearch={search} options={(cfg?.committees ?? []).map((c) => ({ value: c.id, label: c.name }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="planItemId" label={t('field.planItem')}>
                <Select allowClear showSearch={search} options={planItems.map((i) => ({ value: i.id, label: i.topic }))} />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card title={t('field.agenda')} style={{ marginBottom: 16 }}>
          <Form.List name="agenda">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f, i) => (
                  <Flex key={f.key} gap={8} align="start" wrap>
                    <Form.Item name={[f.name, 'title']} style={{ flex: '1 1 240px', marginBottom: 8 }}>
                      <Input placeholder={t('form.agendaTitle', { n: i + 1 })} aria-label={t('form.agendaTitle', { n: i + 1 })} maxLength={200} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'note']} style={{ flex: '1 1 200px', marginBottom: 8 }}>
                      <Input placeholder={t('field.note')} aria-label={t('form.agendaNote', { n: i + 1 })} maxLength={500} />
                    </Form.Item>
                    <Button type="text" icon={<MinusCircleOutlined />} aria-label={t('form.removeAgenda', { n: i + 1 })} onClick={() => remove(f.name)} />
                  </Flex>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({ title: '' })}>
                  {t('form.addAgenda')}
                </Button>
              </>
            )}
          </Form.List>
        </Card>
        <Card title={t('form.invitations')} style={{ marginBottom: 16 }}>
          <Form.Item name="invitedMemberIds" label={t('field.invitedMembers')}>
            <Select mode="multiple" showSearch={search} loading={config.isLoading} data-testid="invite-members" options={(cfg?.members ?? []).map((m) => ({ value: m.id, label: m.sector ? `${m.name}（${m.sector}）` : m.name }))} />
          </Form.Item>
          {cfg?.officials && (
            <Form.Item name="invitedUserIds" label={t('field.invitedOfficials')}>
              <Select mode="multiple" showSearch={search} options={cfg.officials.map((o) => ({ value: o.id, label: o.role ? `${o.name}（${roleLabel(o.role)}）` : o.name }))} />
            </Form.Item>
          )}
          <Form.Item name="invitedUnitIds" label={t('field.invitedUnits')}>
            <Select mode="multiple" showSearch={search} options={(cfg?.units ?? []).map((u) => ({ value: u.id, label: u.name }))} />
          </Form.Item>
        </Card>
        <Flex gap={8} wrap>
          <Button type="primary" loading={busy} onClick={() => void save()}>
            {t('action.save')}
          </Button>
          <Button onClick={() => void navigate(-1)}>{t('action.cancel')}</Button>
        </Flex>
      </Form>
    </>
  );
}
