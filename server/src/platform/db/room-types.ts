// Table types of the consultations live room (migration 007).
import type { Generated } from 'kysely';

export type RoomModeration = 'pre' | 'post';
export type CommentState = 'visible' | 'pending' | 'hidden';
export type CommentAuthorKind = 'public' | 'member' | 'official' | 'staff';
/** What a room event says happened to a comment; the comment row holds its state now. */
export type RoomEventKind = 'comment' | 'approved' | 'hidden' | 'shown' | 'pinned' | 'unpinned' | 'answered' | 'likes' | 'settings';

export interface ConsultationRoomTable {
  meeting_id: number;
  stream_url: string | null;
  embed_url: string | null;
  moderation: RoomModeration;
  open: number;
  /** The room's last event number: raised in the transaction that writes the event, so events commit in order. */
  seq: number;
  visible_comments: number;
  updated_by: number | null;
  updated_at: string;
}

export interface ConsultationCommentTable {
  id: Generated<number>;
  meeting_id: number;
  author_id: number;
  author_name: string;
  author_kind: CommentAuthorKind;
  body: string;
  state: CommentState;
  pinned: number;
  likes: number;
  answer_body: string | null;
  answer_by_name: string | null;
  answered_at: string | null;
  created_at: string;
}

export interface ConsultationCommentLikeTable {
  comment_id: number;
  user_id: number;
  created_at: string;
}

export interface ConsultationRoomEventTable {
  meeting_id: number;
  seq: number;
  kind: RoomEventKind;
  comment_id: number | null;
  at: string;
}

export interface ConsultationRoomParticipantTable {
  meeting_id: number;
  user_id: number;
  first_at: string;
}

export interface RoomTables {
  consultation_rooms: ConsultationRoomTable;
  consultation_comments: ConsultationCommentTable;
  consultation_comment_likes: ConsultationCommentLikeTable;
  consultation_room_events: ConsultationRoomEventTable;
  consultation_room_participants: ConsultationRoomParticipantTable;
}
