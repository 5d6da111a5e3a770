// The live room of an online meeting: video, agenda and the speaker now speaking, live counts, the
// comment box and the comment stream; staff also configure the room and moderate.
import { useState } from 'react';
import { App, Badge, Button, Card, Col, Collapse, Empty, Flex, List, Row, Segmented, Statistic, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, SettingOutlined, SoundOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { consultationsApi } from '../../../api/consultations';
import { problemMessage } from '../../../api/errors';
import { PageSpinner } from '../../../app/PageSpinner';
import { useLocale } from '../../../i18n/LocaleProvider';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { useIsPhone } from '../../../shared/useIsPhone';
import { roomApi, type Moderation, type RoomComment, type RoomSettings } from './api';
import { CommentBox } from './components/CommentBox';
import { CommentItem, type CommentActions } from './components/CommentItem';
import { AnswerModal, SettingsModal, SuggestionModal } from './components/Modals';
import { VideoPanel } from './components/VideoPanel';
import { useRoomT } from './i18n';
import { useRoomStream, type Connection } from './useRoomStream';

const CONNECTION_BADGE: Record<Connection, 'processing' | 'success' | 'warning' | 'error'> = { connecting: 'processing', live: 'success', reconnecting: 'warning', closed: 'error' };

/** A page of its own for each room: going from one room to another starts afresh. */
export default function LiveRoomRoute() {
  const id = Number(useParams().id);
  return <LiveRoomPage key={id} id={id} />;
}

function LiveRoomPage({ id }: { id: number }) {
  const t = useRoomT();
  const { lang } = useLocale();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const room = useQuery({ queryKey: ['room', id], queryFn: () => roomApi.room(id), staleTime: Infinity });
  const meeting = useQuery({ queryKey: ['consultations', 'meeting', id], queryFn: () => consultationsApi.meeting(id), retry: false });
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['room', id] });
    void queryClient.invalidateQueries({ queryKey: ['consultations', 'meeting', id] });
  };
  const stream = useRoomStream(room.data, refresh);
  const [view, setView] = useState<'stream' | 'hidden'>('stream');
  const hidden = useQuery({ queryKey: ['room', id, 'hidden'], queryFn: () => roomApi.comments(id, null, 'hidden'), enabled: view === 'hidden' });
  const phone = useIsPhone();
  const [editing, setEditing] = useState(false);
  const [answering, setAnswering] = useState<RoomComment | null>(null);
  const [suggesting, setSuggesting] = useState<RoomComment | null>(null);

  const moderation = useMutation({
    mutationFn: ({ c, action }: { c: RoomComment; action: Moderation }) => roomApi.moderate(c.id, action),
    onSuccess: (_r, { c, action }) => {
      if (action === 'hide') stream.remove(c.id);
      else if (action === 'approve') stream.patch(c.id, { state: 'visible' });
      else if (action === 'pin' || action === 'unpin') stream.patch(c.id, { pinned: action === 'pin' });
      if (action === 'show' || action === 'hide') void hidden.refetch();
      void message.success(t('action.done'));
    },
    onError: (e) => void message.error(problemMessage(e, lang)),
  });
  const like = useMutation({
    mutationFn: (c: RoomComment) => roomApi.like(c.id, !c.likedByMe),
    onSuccess: (r) => stream.patch(r.id, { likes: r.likes, likedByMe: r.likedByMe }),
    onError: (e) => void message.error(problemMessage(e, lang)),
  });

  if (room.isLoading) return <PageSpinner />;
  const r = room.data;
  if (!r) return <ErrorAlert error={room.error} />;
  const settings = stream.settings ?? r.settings;
  const counts = stream.counts ?? r.counts;
  const m = meeting.data;
  const speakingNow = stream.speaker !== undefined ? stream.speaker : (m?.speakingNow && m.speeches.find((s) => s.id === m.speakingNow!.speechId)) || null;
  const state = m?.state ?? r.state;
  const mayComment = settings.open && (state === 'published' || state === 'in_progress');

  const actions: CommentActions = {
    moderate: r.abilities.moderate,
    answer: r.abilities.answer,
    busy: moderation.isPending,
    onModerate: (c, action) => moderation.mutate({ c, action }),
    onAnswer: setAnswering,
    onSuggest: setSuggesting,
    onLike: (c) => like.mutate(c),
  };
  const pinned = stream.comments.filter((c) => c.pinned);
  const rest = stream.comments.filter((c) => !c.pinned);

  return (
    <>
      <Flex gap={8} align="center" style={{ marginBottom: 12 }} wrap>
        <Button type="text" icon={<ArrowLeftOutlined />} aria-label={t('back')} onClick={() => void navigate(`/consultations/meetings/${id}`)} />
        <Typography.Title level={4} style={{ margin: 0, flex: '1 1 200px', minWidth: 0 }}>
          {r.topic}
        </Typography.Title>
        <Tag color={state === 'in_progress' ? 'red' : undefined}>{t(`state.${state}` as 'state.draft')}</Tag>
        <Badge status={CONNECTION_BADGE[stream.connection]} text={t(`connection.${stream.connection}`)} />
        {r.abilities.moderate && (
          <Button icon={<SettingOutlined />} onClick={() => setEditing(true)}>
            {t('settings.open')}
          </Button>
        )}
      </Flex>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={14}>
          <VideoPanel settings={settings} />
          <Card size="small" style={{ marginTop: 12 }}>
            <Flex gap={24} wrap>
              <Statistic title={t('counts.participants')} value={counts.participants} />
              <Statistic title={t('counts.comments')} value={counts.comments} />
              <div style={{ minWidth: 0, flex: 1 }}>
                <Typography.Text type="secondary">
                  <SoundOutlined /> {t('speaker.now')}
                </Typography.Text>
                <div data-testid="speaker">{speakingNow ? t('speaker.line', { name: speakingNow.memberName, title: speakingNow.title }) : t('speaker.none')}</div>
              </div>
            </Flex>
          </Card>
          <Collapse
            style={{ marginTop: 12 }}
            size="small"
            defaultActiveKey={phone ? [] : ['agenda']}
            items={[
              {
                key: 'agenda',
                label: t('agenda.title'),
                children: m?.agenda.length ? <List size="small" dataSource={m.agenda} renderItem={(a, i) => <List.Item>{`${i + 1}. ${a.title}`}</List.Item>} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('agenda.empty')} />,
              },
            ]}
          />
        </Col>
        <Col xs={24} md={10}>
          <CommentBox meetingId={id} open={mayComment} onPosted={() => undefined} />
          {r.abilities.moderate && (
            <Segmented
              block
              style={{ marginBottom: 8 }}
              value={view}
              onChange={(v) => setView(v as 'stream' | 'hidden')}
              options={[
                { value: 'stream', label: t('stream.allTab') },
                { value: 'hidden', label: t('stream.hiddenTab') },
              ]}
            />
          )}
          {view === 'hidden' ? (
            <section aria-label={t('stream.hiddenTab')}>
              {hidden.data?.items.length ? hidden.data.items.map((c) => <CommentItem key={c.id} comment={c} actions={actions} />) : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('stream.hiddenEmpty')} />}
            </section>
          ) : (
            <section aria-label={t('stream.title')} aria-live="polite">
              {pinned.map((c) => (
                <CommentItem key={c.id} comment={c} actions={actions} />
              ))}
              {rest.map((c) => (
                <CommentItem key={c.id} comment={c} actions={actions} />
              ))}
              {stream.comments.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('stream.empty')} />}
              {stream.olderCursor && (
                <Button block type="link" loading={stream.loadingOlder} onClick={stream.loadOlder}>
                  {t('stream.older')}
                </Button>
              )}
            </section>
          )}
        </Col>
      </Row>
      {editing && (
        <SettingsModal
          settings={settings}
          onClose={() => setEditing(false)}
          save={async (s: RoomSettings) => {
            const saved = await roomApi.saveSettings(id, s);
            queryClient.setQueryData(['room', id], { ...r, settings: saved.settings, abilities: saved.abilities });
            void message.success(t('settings.saved'));
          }}
        />
      )}
      {answering && (
        <AnswerModal
          onClose={() => setAnswering(null)}
          send={async (body) => {
            await roomApi.answer(answering.id, body);
            void message.success(t('action.done'));
          }}
        />
      )}
      {suggesting && (
        <SuggestionModal
          body={suggesting.body}
          onClose={() => setSuggesting(null)}
          send={async (v) => {
            const created = await consultationsApi.createSuggestion({ meetingId: id, sourceKind: 'comment', sourceId: suggesting.id, ...v });
            void message.success(
              <span>
                {t('suggest.done')}{' '}
                {/* Messages render outside the router: navigate by hand. */}
                <Button size="small" type="link" onClick={() => void navigate(`/consultations/suggestions/${created.id}`)}>
                  {t('suggest.open')}
                </Button>
              </span>,
            );
          }}
        />
      )}
    </>
  );
}
