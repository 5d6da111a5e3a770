// Table types of the duty module (migrations 026, 028 and 029).
import type { ColumnType, Generated } from 'kysely';

export type DutyOrigin = 'derived' | 'entered';

export interface DutyEventTable {
  id: Generated<number>;
  member_id: number;
  organization_id: number;
  year: number; // counted in China
  kind: string; // a duty kind declared in a module's manifest
  source_type: string; // e.g. proposal, opinion, consultation_meeting, duty_entry
  source_id: number;
  occurred_at: string;
  points: number;
  origin: DutyOrigin;
  note: string | null; // the reason of an entry made by the office
  entered_by: number | null;
  created_at: string;
}

export interface DutyRuleTable {
  organization_id: number;
  year: number;
  kind: string;
  points: number;
  cap: number | null; // the most one kind may add to a member's year
  updated_by: number | null;
  updated_at: string;
}

export interface DutyEntryTable {
  id: Generated<number>;
  organization_id: number;
  kind: string;
  title: string;
  occurred_on: string; // YYYY-MM-DD
  reason: string; // why the office entered it
  entered_by: number | null;
  created_at: string;
}

export interface DutyClaimTable {
  id: Generated<number>;
  organization_id: number;
  member_id: number;
  kind: string;
  title: string;
  occurred_on: string; // YYYY-MM-DD
  note: string;
  state: 'pending' | 'approved' | 'returned';
  return_reason: string | null;
  entry_id: number | null; // the entry an approval made
  decided_by: number | null;
  decided_at: string | null;
  created_at: string;
}

export type Grade = 'excellent' | 'competent' | 'basic' | 'not_competent';

export interface DutyMinimumTable {
  id: Generated<number>;
  organization_id: number;
  year: number;
  kinds: string; // kind codes joined by commas: any of them counts
  min_count: number;
  position: number;
}

export interface DutyBandTable {
  organization_id: number;
  year: number;
  grade: Grade; // never not_competent: it is what lies below the lowest band
  min_points: number;
  updated_by: number | null;
  updated_at: string;
}

export interface DutyEvaluationTable {
  id: Generated<number>;
  organization_id: number;
  year: number;
  state: 'computed' | 'published';
  rules: string; // JSON: the rules the results were computed under
  computed_by: number | null;
  computed_at: string;
  published_by: number | null;
  published_at: string | null;
}

export interface DutyResultTable {
  id: Generated<number>;
  evaluation_id: number;
  member_id: number;
  points: number;
  missing: string; // JSON: the minimums missed
  computed_grade: Grade;
  grade: Grade; // the computed grade, or the office's adjustment
  adjust_reason: string | null;
  adjusted_by: number | null;
  adjusted_at: string | null;
}

export interface DutyWarningTable {
  id: Generated<number>;
  organization_id: number;
  member_id: number;
  year: number;
  period: string; // e.g. 2026-Q3
  rule: string; // 'line', or a minimum's key
  detail: string;
  sent_at: string;
}

export interface DutyExitTable {
  id: Generated<number>;
  organization_id: number;
  member_id: number;
  term_id: number;
  decision: 'keep' | 'exit';
  reason: string;
  decided_on: string; // YYYY-MM-DD, the chair meeting's date
  evidence: string; // JSON: the grades and absences the member was listed for
  decided_by: number | null;
  decided_at: string;
}

export interface DutyTables {
  duty_minimums: DutyMinimumTable;
  duty_bands: DutyBandTable;
  duty_evaluations: DutyEvaluationTable;
  duty_results: DutyResultTable;
  duty_warnings: DutyWarningTable;
  duty_exits: DutyExitTable;
  duty_totals: DutyTotalTable;
  duty_versions: DutyVersionTable;
  duty_events: DutyEventTable;
  duty_claims: DutyClaimTable;
  duty_entries: DutyEntryTable;
  duty_rules: DutyRuleTable;
}

/** Raised with every change to an organization's duty records (modules/duty/versions.ts). */
export interface DutyVersionTable {
  organization_id: number;
  version: number;
}

/** A member's points of a year in one organization, refreshed with its events (modules/duty/totals.ts). */
export interface DutyTotalTable {
  member_id: number;
  organization_id: number;
  year: number;
  total: number;
  // {kind: {count, points, sum}} as rules.ts scored them: written as JSON text, read back as text
  // (SQLite) or as the object (PostgreSQL's jsonb); modules/duty/totals.ts reads both.
  kinds: ColumnType<string | Record<string, { count: number; points: number; sum: number }>, string, string>;
  updated_at: string;
}

