// Input and output shapes of the live room: validation, types and the OpenAPI document at once.
import { z } from 'zod';
import { pageQuery } from '../../platform/paging.js';
import { queryRecordId } from '../../platform/ids.js';

export const MAX_COMMENT = 500;
const queryId = queryRecordId;
// Only https: pages may load a stream or a player from https: alone (the CSP's connect-src,
// media-src and frame-src in platform/http.ts), and a page served over https blocks an http one as
// mixed content: an http:// address could be stored but never play, so it is refused here.
const url = z
  .string()
  .trim()
  .max(1000)
  .regex(
    /^https:\/\/[^\s]+$/,
    '直播地址须以 https:// 开头：浏览器不会在页面中播放 http:// 地址|The address must start with https://: browsers will not play an http:// address in the page',
  );

export const idParams = z.strictObject({ id: queryId });

export const commentIn = z.strictObject({
  body: z
    .string({ error: '评论内容不能为空|The comment must not be empty' })
    .trim()
    .min(1, '评论内容不能为空|The comment must not be empty')
    .max(MAX_COMMENT, `评论不能超过 ${MAX_COMMENT} 字|A comment may have at most ${MAX_COMMENT} characters`),
});
export const answerIn = z.strictObject({
  body: z.string().trim().min(1, '答复内容不能为空|The answer must not be empty').max(2000, '答复不能超过 2000 字|An answer may have at most 2000 characters'),
});

export const settingsIn = z.strictObject({
  streamUrl: url.nullable().optional(),
  embedUrl: url.nullable().optional(),
  moderation: z.enum(['pre', 'post']),
  open: z.boolean(),
});
export type SettingsIn = z.infer<typeof settingsIn>;

export const commentsQuery = z.strictObject({
  // An id, at most MAX_ID like every id: a larger one would fail the query on PostgreSQL.
  cursor: pageQuery.cursor,
  limit: z.coerce.number().int().min(1).max(100).default(50),
  state: z.enum(['visible', 'pending', 'hidden']).optional(),
});
export type CommentsQuery = z.infer<typeof commentsQuery>;

export const liveQuery = z.strictObject({ lastEventId: z.string().regex(/^[0-9]{1,15}$/, '事件编号无效|Invalid event id').optional() });

export const commentOut = z.object({
  id: z.number(),
  meetingId: z.number(),
  body: z.string(),
  authorName: z.string(),
  authorKind: z.enum(['public', 'member', 'official', 'staff']),
  state: z.enum(['visible', 'pending', 'hidden']),
  pinned: z.boolean(),
  likes: z.number(),
  likedByMe: z.boolean(),
  answer: z.object({ body: z.string(), authorName: z.string(), at: z.string() }).nullable(),
  createdAt: z.string(),
});
export type CommentOut = z.infer<typeof commentOut>;

export const settingsOut = z.object({
  streamUrl: z.string().nullable(),
  embedUrl: z.string().nullable(),
  moderation: z.enum(['pre', 'post']),
  open: z.boolean(),
});
export const countsOut = z.object({ participants: z.number(), comments: z.number() });

export const roomOut = z.object({
  meetingId: z.number(),
  topic: z.string(),
  state: z.string(),
  /** The room's last event number: a page that opens the live stream from it misses nothing. */
  seq: z.number(),
  settings: settingsOut,
  counts: countsOut,
  pinned: z.array(commentOut),
  abilities: z.object({ comment: z.boolean(), moderate: z.boolean(), answer: z.boolean() }),
});

export const commentsPage = z.object({ items: z.array(commentOut), nextCursor: z.string().nullable(), total: z.number() });
export const postedOut = z.object({ id: z.number(), state: z.enum(['visible', 'pending']) });
export const likeOut = z.object({ id: z.number(), likes: z.number(), likedByMe: z.boolean() });
