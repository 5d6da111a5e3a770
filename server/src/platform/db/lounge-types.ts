// Table types of the member lounges (migration 027).
import type { Generated } from 'kysely';

export type LoungeEventState = 'planned' | 'held';
export type LoungeQuestionState = 'pending' | 'published' | 'rejected' | 'answered';

export interface LoungeEventTable {
  id: Generated<number>;
  organization_id: number;
  place_id: number;
  title: string;
  theme: string;
  starts_at: string;
  ends_at: string | null;
  residents: number;
  state: LoungeEventState;
  headcount: number | null;
  headcount_reason: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface LoungeEventInviteeTable {
  id: Generated<number>;
  event_id: number;
  kind: 'member' | 'unit';
  member_id: number | null;
  unit_id: number | null;
}

export interface LoungeRotaTable {
  id: Generated<number>;
  organization_id: number;
  place_id: number;
  member_id: number;
  from_date: string; // a date in China, inclusive
  to_date: string; // inclusive
  created_by: number | null;
  created_at: string;
}

export interface LoungeQuestionTable {
  id: Generated<number>;
  organization_id: number;
  place_id: number;
  user_id: number;
  text: string;
  state: LoungeQuestionState;
  reject_reason: string | null;
  published_at: string | null;
  answer: string | null;
  answered_by: number | null;
  answered_at: string | null;
  reminded_at: string | null;
  rating: number | null;
  created_at: string;
}

export interface LoungeStarRuleTable {
  organization_id: number;
  level: number;
  events: number;
  participations: number;
  answered: number;
  rating: number;
  updated_by: number | null;
  updated_at: string;
}

export interface LoungeStarLevelTable {
  place_id: number;
  year: number;
  organization_id: number;
  level: number;
  figures: string; // JSON of the figures the level was computed from
  confirmed_by: number | null;
  confirmed_at: string;
}

export interface LoungeTables {
  lounge_events: LoungeEventTable;
  lounge_event_invitees: LoungeEventInviteeTable;
  lounge_rota: LoungeRotaTable;
  lounge_questions: LoungeQuestionTable;
  lounge_star_rules: LoungeStarRuleTable;
  lounge_star_levels: LoungeStarLevelTable;
}
