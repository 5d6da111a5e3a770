// The live room's API (server: modules/consultations/room-routes.ts).
import { api } from '../../../api/client';

export type AuthorKind = 'public' | 'member' | 'official' | 'staff';
export type CommentState = 'visible' | 'pending' | 'hidden';

export interface RoomComment {
  id: number;
  meetingId: number;
  body: string;
  authorName: string;
  authorKind: AuthorKind;
  state: CommentState;
  pinned: boolean;
  likes: number;
  likedByMe: boolean;
  answer: { body: string; authorName: string; at: string } | null;
  createdAt: string;
}

export interface RoomSettings {
  streamUrl: string | null;
  embedUrl: string | null;
  moderation: 'pre' | 'post';
  open: boolean;
}

export interface RoomCounts {
  participants: number;
  comments: number;
}

export interface Room {
  meetingId: number;
  topic: string;
  state: string;
  seq: number;
  settings: RoomSettings;
  counts: RoomCounts;
  pinned: RoomComment[];
  abilities: { comment: boolean; moderate: boolean; answer: boolean };
}

export interface CommentPage {
  items: RoomComment[];
  nextCursor: string | null;
  total: number;
}

export type Moderation = 'hide' | 'show' | 'approve' | 'pin' | 'unpin';
export const MAX_COMMENT = 500;

const m = (id: number) => `/api/consultations/meetings/${id}`;
const c = (id: number) => `/api/consultations/comments/${id}`;

export const roomApi = {
  room: (meetingId: number) => api.get<Room>(`${m(meetingId)}/room`),
  saveSettings: (meetingId: number, body: RoomSettings) => api.put<Room>(`${m(meetingId)}/room`, body),
  comments: (meetingId: number, cursor?: string | null, state?: CommentState) => api.get<CommentPage>(`${m(meetingId)}/comments`, { cursor, state, limit: 50 }),
  post: (meetingId: number, body: string) => api.post<{ id: number; state: 'visible' | 'pending' }>(`${m(meetingId)}/comments`, { body }),
  moderate: (id: number, action: Moderation) => api.post<{ ok: true }>(`${c(id)}/${action}`),
  answer: (id: number, body: string) => api.post<{ ok: true }>(`${c(id)}/answer`, { body }),
  like: (id: number, liked: boolean) => (liked ? api.put<{ id: number; likes: number; likedByMe: boolean }>(`${c(id)}/like`, {}) : api.delete<{ id: number; likes: number; likedByMe: boolean }>(`${c(id)}/like`)),
  liveUrl: (meetingId: number, seq: number) => `${m(meetingId)}/live?lastEventId=${seq}`,
};
