// Table types of the shared suggestion tracker (migration 024): one suggestion from any source
// (a consultation meeting, a hall session, later supervision), and one row per handling unit it
// is assigned to, with that unit's deadline, answer and reminder.
import type { Generated } from 'kysely';

export type SuggestionState = 'open' | 'assigned' | 'answered' | 'adopted' | 'not_adopted';
/** The record a suggestion was drawn from: the module that feeds it names its kind. */
export type SuggestionSourceType = 'consultation_meeting' | 'hall_session';
/** Within the source: a speech passage, a live-room comment, or typed by the office. */
export type SuggestionOrigin = 'speech' | 'comment' | 'manual';

export interface SuggestionTable {
  id: Generated<number>;
  organization_id: number;
  source_type: SuggestionSourceType;
  source_id: number;
  origin_kind: SuggestionOrigin;
  origin_id: number | null;
  passage: string | null;
  origin_author: string | null;
  title: string;
  text: string;
  state: SuggestionState;
  adoption_note: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface SuggestionUnitTable {
  suggestion_id: number;
  unit_id: number;
  deadline: string | null; // YYYY-MM-DD
  answer: string | null;
  answered_by: number | null;
  answered_at: string | null;
  assigned_at: string;
  /** When the unit was reminded of its deadline: once, never again. */
  reminded_at: string | null;
}

export interface SuggestionTables {
  suggestions: SuggestionTable;
  suggestion_units: SuggestionUnitTable;
}
