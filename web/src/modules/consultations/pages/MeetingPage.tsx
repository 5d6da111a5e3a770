import { useState } from 'react';
import { Button, Card, Descriptions, List, Popconfirm, Tag, Typography, Upload } from 'antd';
import { ArrowLeftOutlined, EditOutlined, UploadOutlined, VideoCameraOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { consultationsApi, type Meeting } from '../../../api/consultations';
import { PageSpinner } from '../../../app/PageSpinner';
import { hasAnyRole, useMe } from '../../../app/session';
import { useLocale, useT } from '../../../i18n/LocaleProvider';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { PageHeader } from '../../../shared/PageHeader';
import { formatTime } from '../../../shared/time';
import { AttendanceCard } from '../components/AttendanceCard';
import { BestSpeeches } from '../components/BestSpeeches';
import { CheckinCard } from '../components/CheckinCard';
import { InvitationCard } from '../components/InvitationCard';
import { MeetingSuggestions } from '../components/MeetingSuggestions';
import { MeetingStateTag } from '../components/labels';
import { SpeechesCard } from '../components/SpeechesCard';
import { ConsultationTimeline } from '../components/Timeline';
import { useRun } from '../components/useRun';
import { VoteCard } from '../components/VoteCard';
import { OFFICE, READERS } from '../manifest';

const STEPS = ['publish', 'start', 'end', 'cancel'] as const;

/** One meeting: details, agenda, materials, invitations, speeches, check-in, attendance, votes, suggestions. */
export default function MeetingPage() {
  const id = Number(useParams().id);
  const t = useT('consultations');
  const ta = useT('app');
  const { lang } = useLocale();
  const me = useMe();
  const navigate = useNavigate();
  const { run, busy } = useRun();
  const [uploading, setUploading] = useState(false);
  const detail = useQuery({ queryKey: ['consultations', 'meeting', id], queryFn: () => consultationsApi.meeting(id) });
  const timeline = useQuery({ queryKey: ['consultations', 'meeting-timeline', id], queryFn: () => consultationsApi.timeline(id) });
  const m = detail.data;
  if (detail.isLoading) return <PageSpinner />;
  if (!m) return <ErrorAlert error={detail.error} />;
  const isOffice = m.abilities.checkinCode ?? hasAnyRole(me, OFFICE);
  const ab = m.abilities;
  const step = (s: (typeof STEPS)[number]) => {
    const button = (
      <Button key={s} type={s === 'cancel' ? 'default' : 'primary'} danger={s === 'cancel'} loading={busy(s)} onClick={s === 'cancel' || s === 'publish' ? undefined : () => run(s, () => consultationsApi.meetingAction(id, s))}>
        {t(`action.${s}`)}
      </Button>
    );
    if (s === 'publish')
      return (
        <Popconfirm
          key={s}
          title={<span data-testid="confirm-publish">{t('confirm.publishMeeting', { topic: m.topic, startsAt: formatTime(m.startsAt, lang) })}</span>}
          okText={t('action.publish')}
          cancelText={t('action.back')}
          onConfirm={() => run(s, () => consultationsApi.meetingAction(id, s), undefined, t('done.publishMeeting', { topic: m.topic }))}
        >
          {button}
        </Popconfirm>
      );
    return s === 'cancel' ? (
      <Popconfirm key={s} title={t('meeting.confirmCancel')} okText={t('action.cancelMeeting')} cancelText={t('action.back')} onConfirm={() => run(s, () => consultationsApi.meetingAction(id, s))}>
        {button}
      </Popconfirm>
    ) : (
      button
    );
  };
  const liveOpen = m.online && m.state !== 'draft' && m.state !== 'cancelled';
  return (
    <>
      <PageHeader
        title={<span data-testid="meeting-topic">{m.topic}</span>}
        back={<Button type="text" icon={<ArrowLeftOutlined />} aria-label={ta('common.back')} onClick={() => void navigate(-1)} />}
        extra={
          <>
            {liveOpen && (
              <Link to={`/consultations/meetings/${id}/live`}>
                <Button icon={<VideoCameraOutlined />} type={m.state === 'in_progress' ? 'primary' : 'default'}>
                  {t('meeting.enterLive')}
                </Button>
              </Link>
            )}
            {ab.edit && (
              <Link to={`/consultations/meetings/${id}/edit`}>
                <Button icon={<EditOutlined />}>{t('action.edit')}</Button>
              </Link>
            )}
            {STEPS.filter((s) => ab[s]).map(step)}
          </>
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('field.state')}>
            <MeetingStateTag state={m.state} t={t} />
            {m.online && <Tag color="purple">{t('field.onlineTag')}</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label={t('field.type')}>{t(`type.${m.type}`)}</Descriptions.Item>
          <Descriptions.Item label={t('field.time')}>
            {formatTime(m.startsAt, lang)} – {formatTime(m.endsAt, lang)}
          </Descriptions.Item>
          <Descriptions.Item label={t('field.place')}>{m.place}</Descriptions.Item>
          {m.committeeName && <Descriptions.Item label={t('field.committee')}>{m.committeeName}</Descriptions.Item>}
          <Descriptions.Item label={t('field.publicSeats')}>{m.publicSeats}</Descriptions.Item>
          {m.cancelReason && <Descriptions.Item label={t('field.cancelReason')}>{m.cancelReason}</Descriptions.Item>}
          {!!m.invited?.members.length && <Descriptions.Item label={t('field.invitedMembers')}>{t('meeting.invitedCount', { n: m.invited.members.length })}</Descriptions.Item>}
          {!!m.invited?.users.length && <Descriptions.Item label={t('field.invitedOfficials')}>{m.invited.users.map((u) => u.name).join('、')}</Descriptions.Item>}
          {!!m.invited?.units.length && <Descriptions.Item label={t('field.invitedUnits')}>{m.invited.units.map((u) => u.name).join('、')}</Descriptions.Item>}
        </Descriptions>
      </Card>
      {m.myInvitation && <InvitationCard meeting={m} />}
      <Card title={t('field.agenda')} style={{ marginBottom: 16 }} data-testid="agenda">
        {m.agenda.length === 0 ? (
          <Typography.Text type="secondary">{t('meeting.noAgenda')}</Typography.Text>
        ) : (
          <ol style={{ margin: 0, paddingInlineStart: 20 }}>
            {m.agenda.map((a, i) => (
              <li key={a.id ?? i}>
                {a.title}
                {a.note && <Typography.Text type="secondary">（{a.note}）</Typography.Text>}
              </li>
            ))}
          </ol>
        )}
      </Card>
      <Materials meeting={m} canUpload={isOffice && m.state !== 'cancelled'} uploading={uploading} onUpload={async (file) => {
        setUploading(true);
        run('upload', () => consultationsApi.uploadMaterial(id, file).finally(() => setUploading(false)));
      }} />
      <BestSpeeches items={m.bestSpeeches} />
      <SpeechesCard meeting={m} memberId={me.memberId ?? null} />
      {isOffice && (m.state === 'published' || m.state === 'in_progress') && <CheckinCard meetingId={id} />}
      {(m.abilities.attendance ?? hasAnyRole(me, READERS)) && m.state !== 'draft' && <AttendanceCard meetingId={id} manage={hasAnyRole(me, OFFICE)} />}
      <VoteCard meeting={m} office={isOffice} />
      {hasAnyRole(me, READERS) && <MeetingSuggestions meeting={m} />}
      <ConsultationTimeline entries={timeline.data} error={timeline.error} />
    </>
  );
}

function Materials({ meeting, canUpload, uploading, onUpload }: { meeting: Meeting; canUpload: boolean; uploading: boolean; onUpload: (file: File) => Promise<void> }) {
  const t = useT('consultations');
  if (!canUpload && meeting.materials.length === 0) return null;
  return (
    <Card
      title={t('field.materials')}
      style={{ marginBottom: 16 }}
      data-testid="materials"
      extra={
        canUpload && (
          <Upload showUploadList={false} beforeUpload={(file) => (void onUpload(file), false)}>
            <Button icon={<UploadOutlined />} loading={uploading}>
              {t('meeting.upload')}
            </Button>
          </Upload>
        )
      }
    >
      <List
        size="small"
        dataSource={meeting.materials}
        locale={{ emptyText: t('meeting.noMaterials') }}
        renderItem={(f) => (
          <List.Item>
            <a href={consultationsApi.materialUrl(meeting.id, f.id)} target="_blank" rel="noreferrer">
              {f.name}
            </a>
          </List.Item>
        )}
      />
    </Card>
  );
}
