import { useState } from 'react';
import { Button, Card, Checkbox, Flex, Form, Input, InputNumber, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { consultationsApi, type Meeting, type VoteSettings } from '../../../api/consultations';
import { useLocale, useT } from '../../../i18n/LocaleProvider';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { formatTime } from '../../../shared/time';
import { chinaInputToIso, isoToChinaInput } from './labels';
import { useRun } from './useRun';

interface Values {
  votesPerAttendee: number;
  opensAt: string;
  closesAt: string;
}

/** The best-speech vote: staff set how many votes and when, read the results and confirm the best. */
export function VoteCard({ meeting, office }: { meeting: Meeting; office: boolean }) {
  const t = useT('consultations');
  const { lang } = useLocale();
  const { run, busy } = useRun();
  const [form] = Form.useForm<Values>();
  const [picked, setPicked] = useState<number[] | null>(null);
  const vs = meeting.voteSettings;
  const staff = office && meeting.state !== 'draft' && meeting.state !== 'cancelled';
  const results = useQuery({ queryKey: ['consultations', 'vote-results', meeting.id], queryFn: () => consultationsApi.voteResults(meeting.id), enabled: staff && !!vs?.opensAt });
  if (!staff && !(vs?.opensAt && meeting.myInvitation?.checkedInAt)) return null;
  const open = vs?.opensAt && vs.closesAt && new Date(vs.opensAt) <= new Date() && new Date() < new Date(vs.closesAt);
  const save = (body: VoteSettings) => run('settings', () => consultationsApi.voteSettings(meeting.id, body));
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (v) save({ votesPerAttendee: v.votesPerAttendee, opensAt: chinaInputToIso(v.opensAt), closesAt: chinaInputToIso(v.closesAt) });
  };
  const rows = results.data ?? [];
  const chosen = picked ?? meeting.bestSpeeches.map((b) => b.speechId);
  const required = [{ required: true, message: t('form.required') }];
  return (
    <Card title={t('vote.title')} style={{ marginBottom: 16 }} data-testid="vote">
      {vs?.opensAt && (
        <Typography.Paragraph data-testid="vote-window">
          {t('vote.window', { n: vs.votesPerAttendee, from: formatTime(vs.opensAt, lang), to: formatTime(vs.closesAt, lang) })}
          {open && <Typography.Text type="success"> {t('vote.open')}</Typography.Text>}
        </Typography.Paragraph>
      )}
      {staff && (
        <>
          <Form
            form={form}
            layout="inline"
            style={{ rowGap: 8, marginBottom: 12 }}
            initialValues={{ votesPerAttendee: vs?.votesPerAttendee ?? 3, opensAt: isoToChinaInput(vs?.opensAt ?? meeting.endsAt), closesAt: isoToChinaInput(vs?.closesAt) }}
            data-testid="vote-settings"
          >
            <Form.Item name="votesPerAttendee" label={t('field.votesPerAttendee')} rules={required}>
              <InputNumber min={1} max={50} precision={0} style={{ width: 90 }} />
            </Form.Item>
            <Form.Item name="opensAt" label={t('field.opensAt')} rules={required}>
              <Input type="datetime-local" />
            </Form.Item>
            <Form.Item name="closesAt" label={t('field.closesAt')} rules={required}>
              <Input type="datetime-local" />
            </Form.Item>
            <Flex gap={8} wrap>
              <Button type="primary" loading={busy('settings')} onClick={() => void submit()}>
                {t('vote.saveSettings')}
              </Button>
              {open && vs && (
                <Button loading={busy('close')} onClick={() => run('close', () => consultationsApi.voteSettings(meeting.id, { ...vs, closesAt: new Date().toISOString() }))}>
                  {t('vote.closeNow')}
                </Button>
              )}
            </Flex>
          </Form>
          {vs?.opensAt && (
            <>
              <ErrorAlert error={results.error} />
              <Table
                size="small"
                rowKey="speechId"
                pagination={false}
                scroll={{ x: 'max-content' }}
                data-testid="vote-results"
                dataSource={rows}
                locale={{ emptyText: t('vote.noVotes') }}
                columns={[
                  {
                    key: 'pick',
                    title: t('vote.pick'),
                    width: 60,
                    render: (_: unknown, r) => (
                      <Checkbox aria-label={t('vote.pickOne', { title: r.title })} checked={chosen.includes(r.speechId)} onChange={(e) => setPicked(e.target.checked ? [...chosen, r.speechId] : chosen.filter((x) => x !== r.speechId))} />
                    ),
                  },
                  { key: 'title', title: t('field.speechTitle'), dataIndex: 'title' },
                  { key: 'member', title: t('field.member'), dataIndex: 'memberName' },
                  { key: 'votes', title: t('vote.count'), dataIndex: 'votes', align: 'right' },
                ]}
              />
              {meeting.abilities.confirmBest && (
                <Button type="primary" style={{ marginTop: 12 }} disabled={chosen.length === 0} loading={busy('best')} onClick={() => run('best', () => consultationsApi.confirmBest(meeting.id, chosen), () => setPicked(null))}>
                  {t('vote.confirm')}
                </Button>
              )}
            </>
          )}
        </>
      )}
    </Card>
  );
}
