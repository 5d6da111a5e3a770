import { Button, Flex, Popconfirm, Tag, Typography } from 'antd';
import { LikeFilled, LikeOutlined, PushpinFilled } from '@ant-design/icons';
import { useLocale } from '../../../../i18n/LocaleProvider';
import { formatTime } from '../../../../shared/time';
import type { AuthorKind, Moderation, RoomComment } from '../api';
import { useRoomT } from '../i18n';

const KIND_COLORS: Record<AuthorKind, string | undefined> = { member: 'red', official: 'blue', staff: 'gold', public: undefined };

export interface CommentActions {
  moderate: boolean;
  answer: boolean;
  busy: boolean;
  onModerate: (c: RoomComment, action: Moderation) => void;
  onAnswer: (c: RoomComment) => void;
  onSuggest: (c: RoomComment) => void;
  onLike: (c: RoomComment) => void;
}

/** One comment: who (members and officials marked), what, the answer under it, likes and, for staff, moderation. */
export function CommentItem({ comment: c, actions }: { comment: RoomComment; actions: CommentActions }) {
  const t = useRoomT();
  const { lang } = useLocale();
  const mod = actions.moderate;
  const button = (action: Moderation, label: string) => (
    <Button size="small" type="link" disabled={actions.busy} onClick={() => actions.onModerate(c, action)}>
      {label}
    </Button>
  );
  return (
    <article data-comment-id={c.id} className="room-comment" style={{ padding: '10px 0', borderBottom: '1px solid #f0f0f0' }}>
      <Flex gap={6} align="center" wrap>
        {c.pinned && <PushpinFilled style={{ color: '#b4232a' }} aria-label={t('stream.pinned')} />}
        <Typography.Text strong>{c.authorName}</Typography.Text>
        {c.authorKind !== 'public' && <Tag color={KIND_COLORS[c.authorKind]}>{t(`kind.${c.authorKind}`)}</Tag>}
        {c.state === 'pending' && <Tag color="orange">{t('comment.pending')}</Tag>}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {formatTime(c.createdAt, lang)}
        </Typography.Text>
      </Flex>
      <Typography.Paragraph style={{ margin: '4px 0', whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{c.body}</Typography.Paragraph>
      {c.answer && (
        <div style={{ background: '#fafafa', borderLeft: '3px solid #b4232a', padding: '4px 8px', margin: '4px 0' }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('comment.answeredBy', { name: c.answer.authorName })}
          </Typography.Text>
          <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{c.answer.body}</Typography.Paragraph>
        </div>
      )}
      <Flex gap={4} align="center" wrap>
        {c.state === 'visible' && (
          <Button
            size="small"
            type="text"
            icon={c.likedByMe ? <LikeFilled /> : <LikeOutlined />}
            aria-pressed={c.likedByMe}
            aria-label={c.likedByMe ? t('comment.unlike') : t('comment.like')}
            onClick={() => actions.onLike(c)}
          >
            {c.likes}
          </Button>
        )}
        {mod && c.state === 'pending' && button('approve', t('action.approve'))}
        {mod && c.state === 'hidden' && button('show', t('action.show'))}
        {mod && c.state === 'visible' && button(c.pinned ? 'unpin' : 'pin', c.pinned ? t('action.unpin') : t('action.pin'))}
        {actions.answer && c.state !== 'hidden' && (
          <Button size="small" type="link" onClick={() => actions.onAnswer(c)}>
            {t('action.answer')}
          </Button>
        )}
        {mod && c.state !== 'hidden' && (
          <Button size="small" type="link" onClick={() => actions.onSuggest(c)}>
            {t('action.suggest')}
          </Button>
        )}
        {mod && c.state !== 'hidden' && (
          <Popconfirm title={t('action.hideConfirm')} okText={t('common.ok')} cancelText={t('common.cancel')} onConfirm={() => actions.onModerate(c, 'hide')}>
            <Button size="small" type="link" danger disabled={actions.busy}>
              {t('action.hide')}
            </Button>
          </Popconfirm>
        )}
      </Flex>
    </article>
  );
}
