import { Button, Card, Flex, Form, Input, Popconfirm, Select, Typography } from 'antd';
import { consultationsApi, GUEST_CATEGORIES, type ExternalGuest, type GuestCategory } from '../../../api/consultations';
import { useT } from '../../../i18n/LocaleProvider';
import { ResponsiveTable, type Column } from '../../../shared/ResponsiveTable';
import { useIsPhone } from '../../../shared/useIsPhone';
import { useRun } from './useRun';

interface Values {
  name: string;
  category: GuestCategory;
  workplace?: string;
  phone?: string;
}

/** Invited people who are not members: listed for the readers, recorded and removed by the office. */
export function GuestsCard({ meetingId, guests, manage }: { meetingId: number; guests: ExternalGuest[]; manage: boolean }) {
  const t = useT('consultations');
  const ta = useT('app');
  const isPhone = useIsPhone();
  const { run, busy } = useRun();
  const [form] = Form.useForm<Values>();
  const add = (v: Values) =>
    run('guest-add', () => consultationsApi.addGuest(meetingId, { name: v.name.trim(), category: v.category, workplace: v.workplace?.trim() || null, phone: v.phone?.trim() || null }), () => form.resetFields());
  const columns: Column<ExternalGuest>[] = [
    { key: 'name', title: t('guests.name'), dataIndex: 'name', hideInCard: true },
    { key: 'category', title: t('guests.category'), dataIndex: 'category', render: (c: GuestCategory) => t(`guests.category.${c}`) },
    { key: 'workplace', title: t('guests.workplace'), dataIndex: 'workplace', render: (v: string | null) => v ?? '' },
    ...(manage
      ? [
          { key: 'phone', title: t('guests.phone'), dataIndex: 'phone', render: (v: string | null) => v ?? '' },
          {
            key: 'actions',
            title: ta('common.actions'),
            render: (_: unknown, g: ExternalGuest) => (
              <Popconfirm title={t('guests.removeConfirm', { name: g.name })} onConfirm={() => run(`guest-${g.id}`, () => consultationsApi.removeGuest(meetingId, g.id))}>
                <Button size="small" danger loading={busy(`guest-${g.id}`)}>
                  {t('guests.remove')}
                </Button>
              </Popconfirm>
            ),
          },
        ]
      : []),
  ];
  return (
    <Card title={t('guests.title')} style={{ marginBottom: 16 }} data-testid="guests">
      <Typography.Paragraph type="secondary">{t('guests.help')}</Typography.Paragraph>
      {manage && (
        <Form form={form} layout={isPhone ? 'vertical' : 'inline'} onFinish={add} initialValues={{ category: 'official' }} style={{ marginBottom: 12, rowGap: 8 }}>
          <Form.Item name="name" label={t('guests.name')} rules={[{ required: true, whitespace: true, message: ta('common.required') }]}>
            <Input maxLength={30} />
          </Form.Item>
          <Form.Item name="category" label={t('guests.category')}>
            <Select style={{ minWidth: 120 }} options={GUEST_CATEGORIES.map((c) => ({ value: c, label: t(`guests.category.${c}`) }))} />
          </Form.Item>
          <Form.Item name="workplace" label={t('guests.workplace')}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="phone" label={t('guests.phone')}>
            <Input maxLength={30} inputMode="tel" />
          </Form.Item>
          <Flex align="end">
            <Button type="primary" htmlType="submit" loading={busy('guest-add')}>
              {t('guests.add')}
            </Button>
          </Flex>
        </Form>
      )}
      {guests.length === 0 ? <Typography.Text type="secondary">{t('guests.empty')}</Typography.Text> : <ResponsiveTable<ExternalGuest> columns={columns} dataSource={guests} rowKey="id" cardTitle={(g) => g.name} testId="guest-rows" />}
    </Card>
  );
}
