// Reading the live room: who may enter it, its settings and counts, and pages of its comments.
import type { Kysely } from 'kysely';
import { hasRole, hasRoleAt, type Actor, type Services } from '../../platform/context.js';
import type { Database } from '../../platform/db/types.js';
import type { ConsultationCommentTable } from '../../platform/db/room-types.js';
import type { ConsultationMeetingTable } from '../../platform/db/consultation-types.js';
import { notFound } from '../../platform/errors.js';
import type { CommentOut, CommentsQuery } from './room-schema.js';

export type Meeting = Pick<ConsultationMeetingTable, 'organization_id' | 'topic' | 'online' | 'state'> & { id: number };
export type CommentRow = Omit<ConsultationCommentTable, 'id'> & { id: number };

export const noSuchRoom = () => notFound({ zh: '会议不存在或没有网络直播间', en: 'No such meeting, or it has no live room' });
/** States in which people outside the office may enter a room; an ended meeting's room stays readable. */
const PUBLIC_STATES = new Set(['published', 'in_progress', 'ended']);
/** States in which a room takes comments (and the room must be open). */
export const COMMENT_STATES = new Set(['published', 'in_progress']);

export function loadMeeting(db: Kysely<Database>, id: number): Promise<Meeting | undefined> {
  return db.selectFrom('consultation_meetings').select(['id', 'organization_id', 'topic', 'online', 'state']).where('id', '=', id).executeTakeFirst();
}

// Who may enter a room changes only when a meeting is published or ended; a second's delay costs
// nothing there, and the hot routes (posting, paging) skip a query. Rules that must be exact
// (a closed room) are checked again inside the writing transaction.
const cache = new WeakMap<object, Map<number, { at: number; meeting: Meeting | undefined }>>();
export async function cachedMeeting(db: Kysely<Database>, id: number): Promise<Meeting | undefined> {
  let byId = cache.get(db);
  if (!byId) cache.set(db, (byId = new Map()));
  const hit = byId.get(id);
  const now = Date.now();
  if (hit && now - hit.at < 1000) return hit.meeting;
  const meeting = await loadMeeting(db, id);
  if (byId.size > 10_000) byId.clear();
  byId.set(id, { at: now, meeting });
  return meeting;
}

export interface RoomAccess {
  moderate: boolean;
  answer: boolean;
}

/** Whether the actor may enter the room, and what they may do there; throws 404 when they may not see it. */
export function roomAccess(services: Services, actor: Actor, meeting: Meeting | undefined): RoomAccess {
  if (!meeting || !meeting.online) throw noSuchRoom();
  const org = meeting.organization_id;
  const moderate = hasRoleAt(services, actor, ['staff', 'admin'], org);
  const answer = moderate || hasRoleAt(services, actor, ['leader', 'unit'], org);
  if (hasRoleAt(services, actor, ['staff', 'admin', 'leader'], org)) return { moderate, answer };
  if (!PUBLIC_STATES.has(meeting.state)) throw noSuchRoom();
  // The public may watch any online consultation; others that of their organization, above or below it.
  const related = actor.roles.some((r) => services.orgTree.within(org, r.organizationId) || services.orgTree.within(r.organizationId, org));
  if (!related && !hasRole(actor, ['public'])) throw noSuchRoom();
  return { moderate, answer };
}

export function authorKind(actor: Actor): CommentOut['authorKind'] {
  if (hasRole(actor, ['member'])) return 'member';
  if (hasRole(actor, ['leader', 'unit'])) return 'official';
  if (hasRole(actor, ['staff', 'admin'])) return 'staff';
  return 'public';
}

export function present(row: CommentRow, likedByMe = false): CommentOut {
  return {
    id: row.id,
    meetingId: row.meeting_id,
    body: row.body,
    authorName: row.author_name,
    authorKind: row.author_kind,
    state: row.state,
    pinned: row.pinned === 1,
    likes: row.likes,
    likedByMe,
    answer: row.answer_body !== null ? { body: row.answer_body, authorName: row.answer_by_name ?? '', at: row.answered_at ?? '' } : null,
    createdAt: row.created_at,
  };
}

export const COMMENT_COLUMNS = [
  'id', 'meeting_id', 'author_id', 'author_name', 'author_kind', 'body', 'state', 'pinned', 'likes', 'answer_body', 'answer_by_name', 'answered_at', 'created_at',
] as const;

const DEFAULT_ROOM = { stream_url: null, embed_url: null, moderation: 'post' as const, open: 1, seq: 0, visible_comments: 0 };

export async function roomRow(db: Kysely<Database>, meetingId: number) {
  const row = await db.selectFrom('consultation_rooms').selectAll().where('meeting_id', '=', meetingId).executeTakeFirst();
  return row ?? { meeting_id: meetingId, ...DEFAULT_ROOM, updated_by: null, updated_at: '' };
}

export async function participantCount(db: Kysely<Database>, meetingId: number): Promise<number> {
  const r = await db.selectFrom('consultation_room_participants').select((eb) => eb.fn.countAll().as('n')).where('meeting_id', '=', meetingId).executeTakeFirstOrThrow();
  return Number(r.n);
}

async function likedAmong(db: Kysely<Database>, userId: number, ids: number[]): Promise<Set<number>> {
  if (!ids.length) return new Set();
  const rows = await db.selectFrom('consultation_comment_likes').select('comment_id').where('user_id', '=', userId).where('comment_id', 'in', ids).execute();
  return new Set(rows.map((r) => r.comment_id));
}

export async function roomDetail(services: Services, actor: Actor, meetingId: number) {
  const meeting = await loadMeeting(services.db, meetingId);
  const access = roomAccess(services, actor, meeting);
  const [room, participants, pinnedRows] = await Promise.all([
    roomRow(services.db, meetingId),
    participantCount(services.db, meetingId),
    services.db.selectFrom('consultation_comments').select(COMMENT_COLUMNS).where('meeting_id', '=', meetingId).where('pinned', '=', 1).where('state', '=', 'visible').orderBy('id', 'desc').limit(20).execute(),
  ]);
  const liked = await likedAmong(services.db, actor.userId, pinnedRows.map((r) => r.id));
  const open = room.open === 1 && COMMENT_STATES.has(meeting!.state);
  return {
    meetingId,
    topic: meeting!.topic,
    state: meeting!.state,
    seq: room.seq,
    settings: { streamUrl: room.stream_url, embedUrl: room.embed_url, moderation: room.moderation, open: room.open === 1 },
    counts: { participants, comments: room.visible_comments },
    pinned: pinnedRows.map((r) => present(r, liked.has(r.id))),
    abilities: { comment: open, moderate: access.moderate, answer: access.answer },
  };
}

/** Newest first. Everyone sees visible comments and their own pending ones; staff may ask for pending or hidden ones. */
export async function listComments(services: Services, actor: Actor, meetingId: number, q: CommentsQuery) {
  const access = roomAccess(services, actor, await cachedMeeting(services.db, meetingId));
  if (q.state && q.state !== 'visible' && !access.moderate) throw noSuchRoom();
  const { db } = services;
  let query = db.selectFrom('consultation_comments').select(COMMENT_COLUMNS).where('meeting_id', '=', meetingId);
  if (q.state) query = query.where('state', '=', q.state);
  else if (access.moderate) query = query.where('state', '!=', 'hidden');
  else query = query.where((eb) => eb.or([eb('state', '=', 'visible'), eb.and([eb('state', '=', 'pending'), eb('author_id', '=', actor.userId)])]));
  if (q.cursor) query = query.where('id', '<', Number(q.cursor));
  const [rows, room] = await Promise.all([query.orderBy('id', 'desc').limit(q.limit + 1).execute(), db.selectFrom('consultation_rooms').select('visible_comments').where('meeting_id', '=', meetingId).executeTakeFirst()]);
  const more = rows.length > q.limit;
  const shown = more ? rows.slice(0, q.limit) : rows;
  const liked = await likedAmong(db, actor.userId, shown.map((r) => r.id));
  return { items: shown.map((r) => present(r, liked.has(r.id))), nextCursor: more ? String(shown[shown.length - 1]!.id) : null, total: room?.visible_comments ?? 0 };
}
