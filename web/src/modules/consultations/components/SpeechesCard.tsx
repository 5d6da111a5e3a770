import { useState } from 'react';
import { Button, Card, Flex, Input, List, Modal, Tag, Typography, Upload } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, FileTextOutlined, SoundOutlined, UploadOutlined } from '@ant-design/icons';
import { consultationsApi, type Meeting, type Speech } from '../../../api/consultations';
import { useT } from '../../../i18n/LocaleProvider';
import { SuggestModal, type SuggestSource } from './SuggestModal';
import { useRun } from './useRun';

const STATE_COLORS = { submitted: 'gold', approved: 'green', rejected: 'default', withdrawn: 'default' } as const;

/** The passage the user has selected inside this speech's text, if any. */
function selectedIn(text: string): string | undefined {
  const picked = window.getSelection()?.toString().trim();
  return picked && text.includes(picked) ? picked : undefined;
}

/** Registered speeches in speaking order: staff approve, order and mark who speaks now; attendees vote. */
export function SpeechesCard({ meeting, memberId }: { meeting: Meeting; memberId: number | null }) {
  const t = useT('consultations');
  const { run, busy } = useRun();
  const [rejecting, setRejecting] = useState<Speech | null>(null);
  const [reason, setReason] = useState('');
  const [suggest, setSuggest] = useState<SuggestSource | null>(null);
  const ab = meeting.abilities;
  const speeches = meeting.speeches;
  const approved = speeches.filter((s) => s.state === 'approved');
  const now = meeting.speakingNow?.speechId ?? null;
  const voter = !!ab.vote || meeting.myVotes.length > 0;
  const votesLeft = meeting.voteSettings ? Math.max(0, meeting.voteSettings.votesPerAttendee - meeting.myVotes.length) : 0;
  if (speeches.length === 0 && !ab.manageSpeeches) return null;

  const move = (s: Speech, by: -1 | 1) => {
    const ids = approved.map((x) => x.id);
    const i = ids.indexOf(s.id);
    const j = i + by;
    if (j < 0 || j >= ids.length) return;
    [ids[i], ids[j]] = [ids[j]!, ids[i]!];
    run(`order:${s.id}`, () => consultationsApi.orderSpeeches(meeting.id, ids));
  };

  const actions = (s: Speech) => {
    const out = [];
    if (ab.manageSpeeches && s.state === 'submitted') {
      out.push(
        <Button key="approve" size="small" type="primary" loading={busy(`approve:${s.id}`)} onClick={() => run(`approve:${s.id}`, () => consultationsApi.approveSpeech(s.id))}>
          {t('action.approveSpeech')}
        </Button>,
        <Button key="reject" size="small" danger onClick={() => setRejecting(s)}>
          {t('action.reject')}
        </Button>,
      );
    }
    if (ab.manageSpeeches && s.state === 'approved') {
      const i = approved.indexOf(s);
      out.push(
        <Button key="up" size="small" icon={<ArrowUpOutlined />} aria-label={t('speech.up')} disabled={i === 0} loading={busy(`order:${s.id}`)} onClick={() => move(s, -1)} />,
        <Button key="down" size="small" icon={<ArrowDownOutlined />} aria-label={t('speech.down')} disabled={i === approved.length - 1} onClick={() => move(s, 1)} />,
      );
      if ((ab.markSpeaking ?? meeting.state === 'in_progress') && now !== s.id)
        out.push(
          <Button key="speaking" size="small" icon={<SoundOutlined />} loading={busy(`speaking:${s.id}`)} onClick={() => run(`speaking:${s.id}`, () => consultationsApi.speaking(s.id))}>
            {t('action.speakingNow')}
          </Button>,
        );
    }
    if (voter && s.state === 'approved') {
      const voted = meeting.myVotes.includes(s.id);
      out.push(
        <Button key="vote" size="small" type={voted ? 'default' : 'primary'} disabled={voted || !ab.vote} loading={busy(`vote:${s.id}`)} onClick={() => run(`vote:${s.id}`, () => consultationsApi.vote(meeting.id, s.id))}>
          {voted ? t('vote.voted') : t('action.vote')}
        </Button>,
      );
    }
    if (ab.suggest && s.state === 'approved')
      out.push(
        <Button key="suggest" size="small" onClick={() => setSuggest({ kind: 'speech', id: s.id, passage: selectedIn(s.text ?? '') ?? s.text ?? undefined, authorName: s.memberName })}>
          {t('action.toSuggestion')}
        </Button>,
      );
    const mineToGive = memberId !== null && s.memberId === memberId && (s.state === 'submitted' || s.state === 'approved');
    if (mineToGive && (meeting.state === 'published' || meeting.state === 'in_progress'))
      out.push(
        <Upload key="file" showUploadList={false} accept=".docx,.pdf" beforeUpload={(file) => (run(`file:${s.id}`, () => consultationsApi.uploadSpeechFile(s.id, file)), false)}>
          <Button size="small" icon={<UploadOutlined />} loading={busy(`file:${s.id}`)} title={t('speech.fileHint')}>
            {s.file ? t('speech.replace') : t('speech.upload')}
          </Button>
        </Upload>,
      );
    if (mineToGive && (meeting.state === 'published' || meeting.state === 'draft'))
      out.push(
        <Button key="withdraw" size="small" loading={busy(`withdraw:${s.id}`)} onClick={() => run(`withdraw:${s.id}`, () => consultationsApi.withdrawSpeech(s.id))}>
          {t('action.withdraw')}
        </Button>,
      );
    return out;
  };

  return (
    <Card
      title={t('speech.title')}
      style={{ marginBottom: 16 }}
      data-testid="speeches"
      extra={
        <Flex gap={8} wrap>
          {voter && <Tag color="blue" data-testid="votes-left">{t('vote.left', { n: votesLeft })}</Tag>}
          {(ab.markSpeaking ?? ab.manageSpeeches) && now !== null && (
            <Button size="small" loading={busy('clear')} onClick={() => run('clear', () => consultationsApi.clearSpeaking(meeting.id))}>
              {t('action.clearSpeaking')}
            </Button>
          )}
        </Flex>
      }
    >
      <List
        dataSource={speeches}
        locale={{ emptyText: t('speech.none') }}
        renderItem={(s) => (
          <List.Item data-testid={`speech-${s.id}`} style={{ display: 'block' }}>
            <Flex gap={6} wrap align="center">
              {s.state === 'approved' && <Typography.Text type="secondary">{approved.indexOf(s) + 1}.</Typography.Text>}
              <Typography.Text strong>{s.title}</Typography.Text>
              <span>· {s.memberName}</span>
              {s.state !== 'approved' && <Tag color={STATE_COLORS[s.state]}>{t(`speechState.${s.state}`)}</Tag>}
              {now === s.id && (
                <Tag color="red" icon={<SoundOutlined />} data-testid="speaking-now">
                  {t('speech.speakingNow')}
                </Tag>
              )}
            </Flex>
            {s.rejectReason && s.state === 'rejected' && <Typography.Text type="secondary">{t('speech.rejectedBecause', { reason: s.rejectReason })}</Typography.Text>}
            {s.text && (
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '6px 0' }} ellipsis={{ rows: 3, expandable: 'collapsible', symbol: (open: boolean) => (open ? t('speech.less') : t('speech.more')) }}>
                {s.text}
              </Typography.Paragraph>
            )}
            {s.file && (
              <div style={{ margin: '4px 0' }}>
                <a href={consultationsApi.speechFileUrl(s.id)} data-testid="speech-file" style={{ overflowWrap: 'anywhere' }}>
                  <FileTextOutlined /> {t('speech.file', { name: s.file.name })}
                </a>
              </div>
            )}
            <Flex gap={6} wrap>
              {actions(s)}
            </Flex>
          </List.Item>
        )}
      />
      <Modal
        open={!!rejecting}
        title={t('action.reject')}
        okText={t('action.reject')}
        cancelText={t('action.cancel')}
        okButtonProps={{ danger: true, disabled: !reason.trim() }}
        confirmLoading={rejecting ? busy(`reject:${rejecting.id}`) : false}
        onOk={() => rejecting && run(`reject:${rejecting.id}`, () => consultationsApi.rejectSpeech(rejecting.id, reason.trim()), () => setRejecting(null))}
        onCancel={() => setRejecting(null)}
      >
        <Input.TextArea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} aria-label={t('field.reason')} placeholder={t('field.reason')} maxLength={500} />
      </Modal>
      <SuggestModal meetingId={meeting.id} source={suggest} onClose={() => setSuggest(null)} />
    </Card>
  );
}
