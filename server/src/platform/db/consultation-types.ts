// Table types of the consultations module (migration 006; its suggestions moved to the shared
// tracker in 024, suggestion-types.ts).
import type { Generated } from 'kysely';

export type MeetingType =
  | 'plenary'
  | 'standing_committee'
  | 'thematic'
  | 'chair_meeting'
  | 'counterpart'
  | 'sector'
  | 'proposal_handling'
  | 'pre_legislative'
  | 'come_and_consult';
export type PlanState = 'draft' | 'submitted' | 'approved' | 'published';
export type MeetingState = 'draft' | 'published' | 'in_progress' | 'ended' | 'cancelled';
export type InvitationAnswer = 'pending' | 'accepted' | 'leave';
export type SpeechState = 'submitted' | 'approved' | 'rejected' | 'withdrawn';
export type { SuggestionState } from './suggestion-types.js';
export type OutcomeLevel = 'national' | 'province' | 'city' | 'county';

export interface ConsultationPlanTable {
  id: Generated<number>;
  organization_id: number;
  year: number;
  title: string;
  state: PlanState;
  return_reason: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface ConsultationPlanItemTable {
  id: Generated<number>;
  plan_id: number;
  type: MeetingType;
  topic: string;
  lead_committee_id: number | null;
  quarter: number; // 1–4
  note: string | null;
  created_at: string;
}

export interface ConsultationMeetingTable {
  id: Generated<number>;
  organization_id: number;
  type: MeetingType;
  topic: string;
  starts_at: string; // ISO UTC
  ends_at: string;
  place: string;
  online: number; // 0/1
  state: MeetingState;
  committee_id: number | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
  plan_item_id: number | null;
  public_seats: number;
  checkin_token: string;
  speaking_speech_id: number | null;
  votes_per_attendee: number;
  vote_opens_at: string | null;
  vote_closes_at: string | null;
  best_confirmed_at: string | null;
  cancel_reason: string | null;
  /** A meeting brought in from past records: its attendance as reported (应到/实到); null on live meetings (migration 015). */
  reported_invited: number | null;
  reported_present: number | null;
}

export interface ConsultationAgendaItemTable {
  id: Generated<number>;
  meeting_id: number;
  position: number;
  title: string;
  note: string | null;
}

export interface ConsultationMaterialTable {
  meeting_id: number;
  file_id: string;
  created_by: number | null;
  created_at: string;
}

export interface ConsultationInvitationTable {
  id: Generated<number>;
  meeting_id: number;
  member_id: number;
  answer: InvitationAnswer;
  reason: string | null;
  answered_at: string | null;
  checked_in_at: string | null;
  created_at: string;
}

export interface ConsultationGuestTable {
  id: Generated<number>;
  meeting_id: number;
  user_id: number | null;
  unit_id: number | null;
  created_at: string;
}

export interface ConsultationSpeechTable {
  id: Generated<number>;
  meeting_id: number;
  member_id: number;
  title: string;
  text: string;
  state: SpeechState;
  position: number | null;
  reject_reason: string | null;
  spoken_at: string | null;
  /** The speaker's document (Word or PDF), when they uploaded one. */
  file_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface ConsultationVoteTable {
  id: Generated<number>;
  meeting_id: number;
  speech_id: number;
  invitation_id: number;
  created_at: string;
}

export interface ConsultationBestSpeechTable {
  meeting_id: number;
  speech_id: number;
  position: number;
  votes: number;
}

export interface ConsultationOutcomeTable {
  id: Generated<number>;
  organization_id: number;
  meeting_id: number;
  title: string;
  summary: string;
  created_by: number | null;
  created_at: string;
}

export interface ConsultationOutcomeSuggestionTable {
  outcome_id: number;
  suggestion_id: number;
  position: number;
}

export interface ConsultationOutcomeForwardingTable {
  id: Generated<number>;
  outcome_id: number;
  recipient: string;
  sent_on: string; // YYYY-MM-DD
  note: string | null;
  created_by: number | null;
  created_at: string;
}

export interface ConsultationOutcomeInstructionTable {
  id: Generated<number>;
  outcome_id: number;
  leader: string;
  level: OutcomeLevel;
  instructed_on: string;
  text: string;
  created_by: number | null;
  created_at: string;
}

export interface ConsultationOutcomeAdoptionTable {
  id: Generated<number>;
  outcome_id: number;
  level: OutcomeLevel;
  adopted_on: string;
  note: string | null;
  created_by: number | null;
  created_at: string;
}

export interface ConsultationTables {
  consultation_plans: ConsultationPlanTable;
  consultation_plan_items: ConsultationPlanItemTable;
  consultation_meetings: ConsultationMeetingTable;
  consultation_agenda_items: ConsultationAgendaItemTable;
  consultation_materials: ConsultationMaterialTable;
  consultation_invitations: ConsultationInvitationTable;
  consultation_guests: ConsultationGuestTable;
  consultation_speeches: ConsultationSpeechTable;
  consultation_votes: ConsultationVoteTable;
  consultation_best_speeches: ConsultationBestSpeechTable;
  consultation_outcomes: ConsultationOutcomeTable;
  consultation_outcome_suggestions: ConsultationOutcomeSuggestionTable;
  consultation_outcome_forwardings: ConsultationOutcomeForwardingTable;
  consultation_outcome_instructions: ConsultationOutcomeInstructionTable;
  consultation_outcome_adoptions: ConsultationOutcomeAdoptionTable;
}
