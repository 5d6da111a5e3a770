// Commands of the live room: settings, moderation, answers and likes. Each runs in one transaction
// that locks the room's row, takes the room's next event numbers, writes the audit entry, and
// after the commit tells every server process (through the bus) that the room has new events.
import { EventEmitter } from 'node:events';
import type { Transaction } from 'kysely';
import { audit, changes, type AuditAction } from '../../platform/audit.js';
import type { Ctx, Services } from '../../platform/context.js';
import type { Database } from '../../platform/db/types.js';
import type { RoomEventKind } from '../../platform/db/room-types.js';
import { conflict, forbidden, notFound } from '../../platform/errors.js';
import { COMMENT_COLUMNS, loadMeeting, roomAccess, type CommentRow } from './room-queries.js';
import type { SettingsIn } from './room-schema.js';

/** Bus topic: a room has events up to `seq`. Each process reads the rows itself, so the payload stays tiny. */
export const ROOM_TOPIC = 'consultations.room';
export interface RoomSignal {
  meetingId: number;
  seq: number;
}

type Tx = Transaction<Database>;

/**
 * The room's row, locked until the transaction ends: events of one room are numbered by whoever
 * holds it, so a later number never commits before an earlier one and a reader never sees a gap.
 */
export async function lockRoom(trx: Tx, services: Pick<Services, 'dialect'>, meetingId: number) {
  const select = () => {
    const q = trx.selectFrom('consultation_rooms').selectAll().where('meeting_id', '=', meetingId);
    return (services.dialect === 'postgres' ? q.forUpdate() : q).executeTakeFirst();
  };
  const found = await select();
  if (found) return found;
  await trx
    .insertInto('consultation_rooms')
    .values({ meeting_id: meetingId, stream_url: null, embed_url: null, moderation: 'post', open: 1, seq: 0, visible_comments: 0, updated_by: null, updated_at: new Date().toISOString() })
    .onConflict((oc) => oc.column('meeting_id').doNothing())
    .execute();
  return (await select())!;
}

/** Appends events after `seq` and moves the room's counter (and its count of visible comments) on. */
export async function appendEvents(trx: Tx, meetingId: number, seq: number, events: { kind: RoomEventKind; commentId: number | null }[], visibleDelta: number): Promise<number> {
  const at = new Date().toISOString();
  await trx
    .insertInto('consultation_room_events')
    .values(events.map((e, i) => ({ meeting_id: meetingId, seq: seq + i + 1, kind: e.kind, comment_id: e.commentId, at })))
    .execute();
  const last = seq + events.length;
  await trx
    .updateTable('consultation_rooms')
    .set((eb) => ({ seq: last, visible_comments: eb('visible_comments', '+', visibleDelta) }))
    .where('meeting_id', '=', meetingId)
    .execute();
  return last;
}

// The signal also goes straight to this process's own readers: whoever just acted reads the room
// next, and must see their change even before the bus brings it back.
const here = new EventEmitter();
here.setMaxListeners(0);
export function onSignalHere(services: Pick<Services, 'db'>, fn: (s: RoomSignal) => void): () => void {
  const listener = (db: unknown, s: RoomSignal) => db === services.db && fn(s);
  here.on('signal', listener);
  return () => void here.off('signal', listener);
}

export function signal(services: Services, meetingId: number, seq: number): void {
  here.emit('signal', services.db, { meetingId, seq });
  services.bus.publish(ROOM_TOPIC, { meetingId, seq } satisfies RoomSignal).catch(() => {
    // The next event of the room, or a page reconnecting, brings this one too.
  });
}

async function meetingFor(ctx: Ctx, meetingId: number) {
  const meeting = await loadMeeting(ctx.db, meetingId);
  return { meeting: meeting!, access: roomAccess(ctx, ctx.actor!, meeting) };
}

export async function updateSettings(ctx: Ctx, meetingId: number, input: SettingsIn) {
  const { meeting, access } = await meetingFor(ctx, meetingId);
  if (!access.moderate) throw forbidden();
  const seq = await ctx.db.transaction().execute(async (trx) => {
    const room = await lockRoom(trx, ctx, meetingId);
    const before = { streamUrl: room.stream_url, embedUrl: room.embed_url, moderation: room.moderation, open: room.open === 1 };
    const after = {
      streamUrl: input.streamUrl === undefined ? room.stream_url : input.streamUrl || null,
      embedUrl: input.embedUrl === undefined ? room.embed_url : input.embedUrl || null,
      moderation: input.moderation,
      open: input.open,
    };
    await trx
      .updateTable('consultation_rooms')
      .set({ stream_url: after.streamUrl, embed_url: after.embedUrl, moderation: after.moderation, open: after.open ? 1 : 0, updated_by: ctx.actor!.userId, updated_at: new Date().toISOString() })
      .where('meeting_id', '=', meetingId)
      .execute();
    const diff = changes(before, after);
    // On the meeting's own timeline: the room is part of the meeting.
    await audit(trx, ctx, { action: 'room.settings', entityType: 'consultation_meeting', entityId: meetingId, organizationId: meeting.organization_id, ...diff });
    return appendEvents(trx, meetingId, room.seq, [{ kind: 'settings', commentId: null }], 0);
  });
  signal(ctx, meetingId, seq);
}

export type Moderation = 'hide' | 'show' | 'approve' | 'pin' | 'unpin';

const rules: Record<Moderation, { from: (c: CommentRow) => boolean; set: (c: CommentRow) => Partial<CommentRow>; kind: RoomEventKind; refused: { zh: string; en: string } }> = {
  hide: { from: (c) => c.state !== 'hidden', set: () => ({ state: 'hidden', pinned: 0 }), kind: 'hidden', refused: { zh: '评论已隐藏', en: 'The comment is already hidden' } },
  show: { from: (c) => c.state === 'hidden', set: () => ({ state: 'visible' }), kind: 'shown', refused: { zh: '只有已隐藏的评论可以恢复显示', en: 'Only a hidden comment can be shown again' } },
  approve: { from: (c) => c.state === 'pending', set: () => ({ state: 'visible' }), kind: 'approved', refused: { zh: '只有待审核的评论可以通过', en: 'Only a pending comment can be approved' } },
  pin: { from: (c) => c.state === 'visible' && c.pinned === 0, set: () => ({ pinned: 1 }), kind: 'pinned', refused: { zh: '只有显示中且未置顶的评论可以置顶', en: 'Only a visible comment that is not pinned can be pinned' } },
  unpin: { from: (c) => c.pinned === 1, set: () => ({ pinned: 0 }), kind: 'unpinned', refused: { zh: '评论未置顶', en: 'The comment is not pinned' } },
};

const noSuchComment = () => notFound({ zh: '评论不存在', en: 'No such comment' });

/** The comment and the caller's rights in its room; 404 when the caller may not see it. */
async function commentInRoom(ctx: Ctx, commentId: number) {
  const row = await ctx.db.selectFrom('consultation_comments').select(COMMENT_COLUMNS).where('id', '=', commentId).executeTakeFirst();
  if (!row) throw noSuchComment();
  const { meeting, access } = await meetingFor(ctx, row.meeting_id);
  const seen = access.moderate || row.state === 'visible' || (row.state === 'pending' && row.author_id === ctx.actor!.userId);
  if (!seen) throw noSuchComment();
  return { row, meeting, access };
}

async function change(ctx: Ctx, commentId: number, action: AuditAction, kind: RoomEventKind, organizationId: number, apply: (trx: Tx, current: CommentRow) => Promise<{ visibleDelta: number; before: unknown; after: unknown } | null>) {
  const seq = await ctx.db.transaction().execute(async (trx) => {
    const meetingId = (await trx.selectFrom('consultation_comments').select('meeting_id').where('id', '=', commentId).executeTakeFirstOrThrow()).meeting_id;
    const room = await lockRoom(trx, ctx, meetingId);
    // Read again under the room's lock: a concurrent moderation of the same comment is seen here.
    const current = await trx.selectFrom('consultation_comments').select(COMMENT_COLUMNS).where('id', '=', commentId).executeTakeFirstOrThrow();
    const done = await apply(trx, current);
    if (!done) return null;
    await audit(trx, ctx, { action, entityType: 'consultation_comment', entityId: commentId, organizationId, before: done.before, after: done.after });
    return { meetingId, seq: await appendEvents(trx, meetingId, room.seq, [{ kind, commentId }], done.visibleDelta) };
  });
  if (seq) signal(ctx, seq.meetingId, seq.seq);
}

export async function moderate(ctx: Ctx, commentId: number, action: Moderation) {
  const { meeting, access } = await commentInRoom(ctx, commentId);
  if (!access.moderate) throw forbidden();
  const rule = rules[action];
  await change(ctx, commentId, `comment.${action}`, rule.kind, meeting.organization_id, async (trx, current) => {
    if (!rule.from(current)) throw conflict(rule.refused);
    const set = rule.set(current);
    await trx.updateTable('consultation_comments').set(set).where('id', '=', commentId).execute();
    const was = current.state === 'visible' ? 1 : 0;
    const is = (set.state ?? current.state) === 'visible' ? 1 : 0;
    return { visibleDelta: is - was, before: { state: current.state, pinned: current.pinned === 1 }, after: { state: set.state ?? current.state, pinned: (set.pinned ?? current.pinned) === 1 } };
  });
}

export async function answer(ctx: Ctx, commentId: number, body: string) {
  const { meeting, access } = await commentInRoom(ctx, commentId);
  if (!access.answer) throw forbidden();
  await change(ctx, commentId, 'comment.answer', 'answered', meeting.organization_id, async (trx, current) => {
    if (current.state === 'hidden') throw conflict({ zh: '已隐藏的评论不能答复', en: 'A hidden comment cannot be answered' });
    const at = new Date().toISOString();
    await trx.updateTable('consultation_comments').set({ answer_body: body, answer_by_name: ctx.actor!.displayName, answered_at: at }).where('id', '=', commentId).execute();
    return { visibleDelta: 0, before: current.answer_body === null ? undefined : { answer: current.answer_body }, after: { answer: body } };
  });
}

/** One like per person and comment: liking twice, or taking back a like never given, changes nothing. */
export async function like(ctx: Ctx, commentId: number, liked: boolean) {
  const { row, meeting } = await commentInRoom(ctx, commentId);
  if (row.state !== 'visible') throw conflict({ zh: '只能为显示中的评论点赞', en: 'Only a visible comment can be liked' });
  const userId = ctx.actor!.userId;
  await change(ctx, commentId, liked ? 'comment.like' : 'comment.unlike', 'likes', meeting.organization_id, async (trx, current) => {
    const has = await trx.selectFrom('consultation_comment_likes').select('user_id').where('comment_id', '=', commentId).where('user_id', '=', userId).executeTakeFirst();
    if (!!has === liked) return null;
    if (liked) await trx.insertInto('consultation_comment_likes').values({ comment_id: commentId, user_id: userId, created_at: new Date().toISOString() }).execute();
    else await trx.deleteFrom('consultation_comment_likes').where('comment_id', '=', commentId).where('user_id', '=', userId).execute();
    await trx.updateTable('consultation_comments').set((eb) => ({ likes: eb('likes', '+', liked ? 1 : -1) })).where('id', '=', commentId).execute();
    return { visibleDelta: 0, before: { likes: current.likes }, after: { likes: current.likes + (liked ? 1 : -1) } };
  });
  const now = await ctx.db.selectFrom('consultation_comments').select('likes').where('id', '=', commentId).executeTakeFirstOrThrow();
  return { id: commentId, likes: now.likes, likedByMe: liked };
}

export async function commentTimeline(ctx: Ctx, commentId: number) {
  const { access } = await commentInRoom(ctx, commentId);
  if (!access.moderate) throw forbidden();
  const rows = await ctx.db.selectFrom('audit_log').select(['at', 'action', 'actor_name', 'before', 'after']).where('entity_type', '=', 'consultation_comment').where('entity_id', '=', String(commentId)).orderBy('id').execute();
  return rows.map((r) => ({ at: r.at, action: r.action, actorName: r.actor_name ?? '', before: r.before ? JSON.parse(r.before) : null, after: r.after ? JSON.parse(r.after) : null }));
}

