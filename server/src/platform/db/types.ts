// Table types for Kysely. One interface per table; timestamps are ISO-8601 UTC strings and
// dates are 'YYYY-MM-DD' on both SQLite and PostgreSQL, so queries and sorting are the same.
// Flags are integers 0/1 for the same reason.
import type { ConsultationTables } from './consultation-types.js';
import type { RoomTables } from './room-types.js';
import type { AttendanceTables } from './attendance-types.js';
import type { SuggestionTables } from './suggestion-types.js';
import type { DutyTables } from './duty-types.js';
import type { LoungeTables } from './lounge-types.js';
import type { Generated } from 'kysely';

export type OrgLevel = 'national' | 'province' | 'city' | 'county';
export type PlaceKind = 'hall' | 'station' | 'studio' | 'lounge' | 'contact_point';
export type Role = 'admin' | 'staff' | 'leader' | 'member' | 'unit' | 'public';

export interface DivisionTable {
  code: string; // GB/T 2260 code, 6 digits for county and above, 9 for towns, 12 for villages
  name: string;
  level: 'province' | 'city' | 'county' | 'town' | 'village';
  parent_code: string | null;
}

export interface OrganizationTable {
  id: Generated<number>;
  name: string;
  level: OrgLevel;
  parent_id: number | null;
  division_code: string | null;
  created_at: string;
  updated_at: string;
  retired_at: string | null;
}

export interface TermTable {
  id: Generated<number>;
  organization_id: number;
  number: number; // 第九届 = 9
  starts_on: string;
  ends_on: string | null;
  current: number;
  closed_at: string | null;
}

export interface SessionTable {
  id: Generated<number>;
  term_id: number;
  number: number; // 第二次会议 = 2
  opens_on: string;
  closed_at: string | null;
}

export interface SectorTable {
  id: Generated<number>;
  organization_id: number;
  name: string;
  sort: number;
}

export interface CommitteeTable {
  id: Generated<number>;
  organization_id: number;
  name: string;
  sort: number;
}

export interface PartyGroupTable {
  id: Generated<number>;
  organization_id: number;
  name: string;
  kind: 'democratic_party' | 'federation' | 'non_party' | 'other';
  sort: number;
}

export interface HandlingUnitTable {
  id: Generated<number>;
  organization_id: number;
  name: string;
  contact_name: string | null;
  contact_phone: string | null;
  active: number;
  sort: number;
}

export interface MemberTable {
  id: Generated<number>;
  organization_id: number;
  term_id: number;
  name: string;
  gender: 'male' | 'female';
  birth_year: number;
  ethnicity: string;
  political_affiliation: string;
  sector_id: number;
  workplace: string;
  title: string;
  phone: string | null;
  standing: number; // 常委
  status: 'active' | 'exited';
  exited_on: string | null;
  exit_reason: string | null;
  created_at: string;
  updated_at: string;
}

export interface MemberCommitteeTable {
  member_id: number;
  committee_id: number;
}

export interface PlaceTable {
  id: Generated<number>;
  organization_id: number;
  kind: PlaceKind;
  name: string;
  division_code: string; // a real town or village
  address: string | null;
  member_id: number | null; // the member who runs a studio
  stars: number | null; // lounges are rated by stars
  active: number;
  created_at: string;
  updated_at: string;
}

export interface UserTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  password_hash: string;
  organization_id: number;
  member_id: number | null;
  handling_unit_id: number | null;
  department: string | null; // staff department (e.g. 提案委员会办公室)
  phone: string | null;
  status: 'active' | 'disabled';
  created_at: string;
  updated_at: string;
  last_login_at: string | null;
  /** 1 for an initial password: every route but changing it and signing out answers 403. */
  must_change_password: Generated<number>;
}

/** Sign-in failures of one username or one source address (see accounts/throttle.ts). */
export interface LoginThrottleTable {
  key: string;
  failures: number;
  first_failure_at: string;
  locked_until: string | null;
  updated_at: string;
}

/** An import running or done (platform/import-jobs.ts). */
export interface ImportJobTable {
  id: string;
  user_id: number;
  organization_id: number;
  kind: string;
  state: 'running' | 'writing' | 'done' | 'failed';
  rows_read: number;
  rows_valid: number;
  result: string | null;
  problem: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

/** A browser a user has signed in from: its cookie's hash. */
export interface KnownDeviceTable {
  token_hash: string;
  user_id: number;
  created_at: string;
  last_used_at: string;
}

/** Invited people who are not members (officials, experts, public seats) at a meeting. */
export interface ConsultationExternalGuestTable {
  id: Generated<number>;
  meeting_id: number;
  name: string;
  category: 'official' | 'expert' | 'public' | 'other';
  workplace: string | null;
  phone: string | null;
  created_by: number | null;
  created_at: string;
}

export interface AccountCredentialsTable {
  id: string;
  organization_id: number;
  created_by: number;
  accounts: number;
  sealed: string;
  created_at: string;
  expires_at: string;
}

export interface UserRoleTable {
  user_id: number;
  role: Role;
  organization_id: number;
}

export interface LoginSessionTable {
  id: string; // sha256 of the cookie token: a leaked table does not leak sessions
  user_id: number;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string; // absolute end (12 h)
  ip: string | null;
}

export interface AuditTable {
  id: Generated<number>;
  at: string;
  actor_id: number | null;
  actor_name: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  organization_id: number | null;
  before: string | null; // JSON
  after: string | null; // JSON
  ip: string | null;
}

export interface FileTable {
  id: string;
  organization_id: number | null;
  owner_id: number | null; // the uploader
  /** The record the file is attached to (a kind registered by its module, see platform/files.ts); null until attached. */
  record_kind: string | null;
  record_id: number | null;
  name: string;
  mime: string;
  size: number;
  sha256: string;
  created_at: string;
}

export interface SpentChallengeTable {
  nonce: string;
  expires_at: string;
}

export interface JobTable {
  name: string;
  next_run_at: string;
  last_run_at: string | null;
  last_result: string | null;
}

/** 016_outbox: work to do once after a change committed, written in the change's transaction (platform/outbox.ts). */
export interface OutboxTable {
  id: Generated<number>;
  topic: string;
  /** JSON. */
  payload: string;
  created_at: string;
  /** Not tried before this time (a failed attempt waits longer each time). */
  available_at: string;
  attempts: number;
  /** Claimed by a process until this time; another may take it over after. */
  lease_until: string | null;
  done_at: string | null;
  /** Set when it failed too often; it is then left for a person to look at. */
  failed_at: string | null;
  last_error: string | null;
}

export interface SetupTokenTable {
  id: Generated<number>;
  token_hash: string; // sha-256 of the token in the set-up link; the token itself is never stored
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface Database extends ConsultationTables, RoomTables, HallTables, SuggestionTables, AttendanceTables, DutyTables, LoungeTables {
  divisions: DivisionTable;
  reminders: ReminderTable;
  organizations: OrganizationTable;
  terms: TermTable;
  sessions: SessionTable;
  sectors: SectorTable;
  committees: CommitteeTable;
  party_groups: PartyGroupTable;
  handling_units: HandlingUnitTable;
  members: MemberTable;
  member_committees: MemberCommitteeTable;
  places: PlaceTable;
  users: UserTable;
  login_throttle: LoginThrottleTable;
  import_jobs: ImportJobTable;
  known_devices: KnownDeviceTable;
  user_roles: UserRoleTable;
  account_credentials: AccountCredentialsTable;
  consultation_external_guests: ConsultationExternalGuestTable;
  login_sessions: LoginSessionTable;
  audit_log: AuditTable;
  files: FileTable;
  jobs: JobTable;
  outbox: OutboxTable;
  setup_tokens: SetupTokenTable;
  spent_challenges: SpentChallengeTable;
  opinion_qr_codes: OpinionQrCodeTable;
  opinions: OpinionTable;
  opinion_reporters: OpinionReporterTable;
  opinion_files: OpinionFileTable;
  opinion_issues: OpinionIssueTable;
  opinion_issue_items: OpinionIssueItemTable;
  opinion_forwardings: OpinionForwardingTable;
  opinion_adoptions: OpinionAdoptionTable;
  opinion_instructions: OpinionInstructionTable;
  opinion_feedback: OpinionFeedbackTable;
  opinion_handoffs: OpinionHandoffTable;
  opinion_scoring_rules: OpinionScoringRuleTable;
  opinion_points: OpinionPointTable;
  opinion_intake: OpinionIntakeTable;
  proposal_categories: ProposalCategoryTable;
  proposal_reject_reasons: ProposalRejectReasonTable;
  proposal_settings: ProposalSettingsTable;
  proposal_collective_accounts: ProposalCollectiveAccountTable;
  proposal_counters: ProposalCounterTable;
  proposals: ProposalTable;
  proposal_cosigners: ProposalCosignerTable;
  proposal_files: ProposalFileTable;
  proposal_suggested_units: ProposalSuggestedUnitTable;
  proposal_merges: ProposalMergeTable;
  proposal_conversions: ProposalConversionTable;
  proposal_assignments: ProposalAssignmentTable;
  proposal_contacts: ProposalContactTable;
  proposal_assist_opinions: ProposalAssistOpinionTable;
  proposal_replies: ProposalReplyTable;
  proposal_evaluations: ProposalEvaluationTable;
  notifications: NotificationTable;
  notification_settings: NotificationSettingsTable;
  notification_claims: NotificationClaimTable;
  proposal_sponsors: ProposalSponsorTable;
  proposal_progress: ProposalProgressTable;
  proposal_quality: ProposalQualityTable;
  proposal_excellent: ProposalExcellentTable;
  proposal_unit_quality: ProposalUnitQualityTable;
  proposal_disclosures: ProposalDisclosureTable;
}

export type OpinionSource = 'member' | 'contact_point' | 'resident';
export type OpinionState = 'new' | 'accepted' | 'duplicate' | 'not_used' | 'compiled' | 'forwarded' | 'adopted';
export type AdoptionLevel = 'national' | 'province' | 'city';
export type ForwardRecipient = 'city_party_committee' | 'city_government' | 'department' | 'province_cppcc' | 'national_cppcc';

export interface OpinionQrCodeTable {
  id: Generated<number>;
  organization_id: number;
  place_id: number;
  code: string;
  created_at: string;
}

export interface OpinionTable {
  id: Generated<number>;
  organization_id: number;
  year: number;
  source_kind: OpinionSource;
  member_id: number | null; // the lead reporter of a member's report
  place_id: number | null; // where a resident scanned, or the contact point that reported
  user_id: number | null; // the account that submitted; null for residents
  title: string;
  text: string;
  category: string;
  state: OpinionState;
  tracking_code: string | null;
  resident_name_enc: string | null;
  resident_phone_enc: string | null;
  device_hash: string | null;
  duplicate_of: number | null;
  screening_reason: string | null; // why not used: shown to the source
  screened_at: string | null;
  screened_by: number | null;
  similar_group: number | null; // id of the earliest report of its group of similar reports
  submitted_at: string;
  updated_at: string;
}

export interface OpinionReporterTable {
  opinion_id: number;
  member_id: number;
  lead: number;
}

export interface OpinionFileTable {
  opinion_id: number;
  file_id: string;
  kind: 'photo' | 'attachment';
}

export interface OpinionIssueTable {
  id: Generated<number>;
  organization_id: number;
  year: number;
  number: number; // 第N期
  published_on: string;
  created_by: number | null;
  created_at: string;
}

export interface OpinionIssueItemTable {
  id: Generated<number>;
  issue_id: number;
  opinion_id: number;
  position: number;
  title: string;
  text: string;
  credits: string; // the credited sources as printed
}

export interface OpinionForwardingTable {
  id: Generated<number>;
  opinion_id: number;
  issue_id: number | null;
  recipient: ForwardRecipient;
  recipient_name: string | null;
  sent_on: string;
  created_by: number | null;
  created_at: string;
}

export interface OpinionAdoptionTable {
  id: Generated<number>;
  opinion_id: number;
  level: AdoptionLevel;
  adopted_by: string;
  adopted_on: string;
  created_at: string;
}

export interface OpinionInstructionTable {
  id: Generated<number>;
  opinion_id: number;
  leader: string;
  level: AdoptionLevel;
  instructed_on: string;
  text: string;
  created_at: string;
}

/** A resident's concern handed to a handling unit, and the unit's answer (020_opinion_handoffs). */
export interface OpinionHandoffTable {
  id: Generated<number>;
  opinion_id: number;
  organization_id: number;
  unit_id: number;
  deadline: string;
  note: string | null;
  assigned_by: number | null;
  assigned_at: string;
  answer: string | null;
  answered_on: string | null;
  answered_by: number | null;
  answered_at: string | null;
}

export interface OpinionFeedbackTable {
  id: Generated<number>;
  opinion_id: number;
  from_name: string;
  text: string;
  received_on: string;
  final: number;
  created_at: string;
}

export interface OpinionScoringRuleTable {
  organization_id: number;
  event: string;
  points: number;
}

export interface OpinionPointTable {
  id: Generated<number>;
  organization_id: number;
  year: number;
  opinion_id: number;
  event: string;
  member_id: number | null;
  sector_id: number | null;
  place_id: number | null;
  points: number;
  at: string;
}

/** Reports stored but not yet indexed, grouped and scored (opinions/intake.ts). */
export interface OpinionIntakeTable {
  opinion_id: number;
  queued_at: string;
}

export type ProposalKind = 'individual' | 'joint' | 'collective';
export type ProposalState =
  | 'draft'
  | 'cosigning'
  | 'submitted'
  | 'accepted'
  | 'rejected'
  | 'merged'
  | 'converted'
  | 'handling'
  | 'replied'
  | 'evaluated'
  | 'closed';
export type CollectiveKind = 'party_group' | 'sector' | 'committee';
export type AssignmentRole = 'lead' | 'assisting' | 'separate';
export type AssignmentState = 'assigned' | 'signed' | 'reassign_requested' | 'replied' | 'withdrawn';
export type ReplyClass = 'A' | 'B' | 'C';
export type EvaluationResult = 'satisfied' | 'basically_satisfied' | 'unsatisfied';
export type ContactWay = 'visit' | 'meeting' | 'phone' | 'letter' | 'online' | 'other';

export interface ProposalCategoryTable {
  id: Generated<number>;
  organization_id: number;
  parent_id: number | null;
  name: string;
  sort: number;
  active: number;
}

export interface ProposalRejectReasonTable {
  id: Generated<number>;
  organization_id: number;
  text: string;
  sort: number;
  active: number;
}

export interface ProposalSettingsTable {
  organization_id: number;
  deadline_months: number; // default deadline of an assignment, in months after assigning
  updated_at: string;
}

export interface ProposalCollectiveAccountTable {
  user_id: number;
  organization_id: number;
  body_kind: CollectiveKind;
  body_id: number; // party_groups.id, sectors.id or committees.id
  created_at: string;
}

export interface ProposalCounterTable {
  session_id: number;
  last_number: number;
}

export interface ProposalTable {
  id: Generated<number>;
  organization_id: number;
  session_id: number | null; // chosen when filing; null in a draft that has not chosen
  year: number;
  kind: ProposalKind;
  state: ProposalState;
  author_user_id: number; // the account that wrote it: the only one who sees a draft
  member_id: number | null; // the first proposer (null for collective proposals)
  collective_kind: CollectiveKind | null;
  collective_id: number | null;
  proposer_name: string; // the member's name, or the party group's, sector's or committee's
  sector_id: number | null;
  category_id: number | null;
  title: string;
  reasons: string; // 案由
  suggestions: string; // 建议
  number: number | null; // given on acceptance, gapless per session
  reject_reason_id: number | null;
  reject_text: string | null; // shown to the proposer
  round: number; // handling round; one more after an unsatisfied evaluation
  is_key: number; // 重点提案
  is_public: number; // shown on the public page
  filed_at: string | null;
  reviewed_at: string | null;
  reviewed_by: number | null;
  assigned_at: string | null;
  closed_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface ProposalCosignerTable {
  proposal_id: number;
  member_id: number;
  state: 'pending' | 'confirmed' | 'declined';
  answered_at: string | null;
}

export interface ProposalFileTable {
  proposal_id: number;
  file_id: string;
}

export interface ProposalSuggestedUnitTable {
  proposal_id: number;
  unit_id: number;
}

export interface ProposalMergeTable {
  id: Generated<number>;
  target_id: number;
  source_id: number;
  merged_by: number | null;
  merged_at: string;
}

export interface ProposalConversionTable {
  proposal_id: number;
  opinion_id: number;
  converted_by: number | null;
  converted_at: string;
}

export interface ProposalAssignmentTable {
  id: Generated<number>;
  proposal_id: number;
  organization_id: number;
  unit_id: number;
  role: AssignmentRole;
  state: AssignmentState;
  round: number;
  deadline: string; // YYYY-MM-DD
  reassign_reason: string | null;
  assigned_by: number | null;
  assigned_at: string;
  signed_at: string | null;
  replied_at: string | null;
  updated_at: string;
}

export interface ProposalContactTable {
  id: Generated<number>;
  assignment_id: number;
  proposal_id: number;
  contacted_on: string;
  way: ContactWay;
  summary: string;
  created_by: number | null;
  created_at: string;
}

export interface ProposalAssistOpinionTable {
  id: Generated<number>;
  assignment_id: number;
  proposal_id: number;
  round: number;
  text: string;
  file_id: string | null;
  created_by: number | null;
  created_at: string;
}

export interface ProposalReplyTable {
  id: Generated<number>;
  assignment_id: number;
  proposal_id: number;
  round: number;
  class: ReplyClass;
  class_reason: string | null; // required for class C
  letter_text: string;
  letter_file_id: string | null; // the signed and sealed letter
  replied_by: number | null;
  replied_at: string;
}

export interface ProposalEvaluationTable {
  id: Generated<number>;
  assignment_id: number;
  proposal_id: number;
  round: number;
  user_id: number;
  result: EvaluationResult;
  comment: string | null;
  created_at: string;
}

// 004_proposals_followup: notifications, deadline reminders, sponsors, quality, disclosure.
export interface NotificationTable {
  id: Generated<number>;
  user_id: number;
  organization_id: number;
  kind: string; // e.g. proposal.deadline.d7
  title: string;
  title_en: string;
  body: string;
  body_en: string;
  link: string | null;
  entity_type: string | null;
  entity_id: number | null;
  created_at: string;
  read_at: string | null;
  email_to: string | null; // the address of the e-mail copy, when one is due
  email_state: 'pending' | 'sending' | 'sent' | 'failed' | null;
  email_attempts: number;
  /** When a process claimed the e-mail copy for sending (migration 010). */
  email_claimed_at: string | null;
}

export interface NotificationSettingsTable {
  user_id: number;
  email: string | null;
  email_enabled: number;
}

export interface NotificationClaimTable {
  key: string; // e.g. proposal:<audit entry id>
  at: string;
}

/** One reminder sent, once per (code, once_key): see platform/reminders.ts. */
export interface ReminderTable {
  code: string;
  once_key: string;
  sent_at: string;
}

export interface ProposalSponsorTable {
  proposal_id: number;
  user_id: number; // a leader's account
  created_by: number | null;
  created_at: string;
}

export interface ProposalProgressTable {
  id: Generated<number>;
  proposal_id: number;
  kind: 'meeting' | 'note';
  held_on: string; // YYYY-MM-DD
  text: string;
  created_by: number | null;
  created_at: string;
}

export interface ProposalQualityTable {
  proposal_id: number;
  score: number; // 0–100
  comment: string | null;
  rated_by: number | null;
  rated_at: string;
}

export interface ProposalExcellentTable {
  proposal_id: number;
  organization_id: number;
  year: number;
  citation: string | null;
  selected_by: number | null;
  selected_at: string;
}

export interface ProposalUnitQualityTable {
  assignment_id: number;
  score: number; // 0–100
  comment: string | null;
  rated_by: number | null;
  rated_at: string;
}

export interface ProposalDisclosureTable {
  proposal_id: number;
  replies_public: number;
  published_by: number | null;
  published_at: string;
}

// Livelihood halls (022_halls).
export type HallTopicState = 'open' | 'adopted' | 'merged' | 'declined' | 'closed';
export type HallSessionState = 'planned' | 'notice_published' | 'held' | 'closed';
export type HallRatingState = 'pending' | 'approved' | 'rejected';
export interface HallSessionTable {
  id: Generated<number>;
  organization_id: number;
  place_id: number;
  title: string;
  starts_at: string;
  /** Added by 025_attendance; sessions planned before it end three hours after the start. */
  ends_at: string | null;
  convener_member_id: number | null;
  research_notes: string | null;
  minutes: string | null;
  state: HallSessionState;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}
export interface HallTopicTable {
  id: Generated<number>;
  organization_id: number;
  place_id: number;
  title: string;
  text: string;
  state: HallTopicState;
  proposer_id: number;
  merged_into: number | null;
  decline_reason: string | null;
  session_id: number | null;
  created_at: string;
  updated_at: string;
}
export interface HallSupportTable {
  id: Generated<number>;
  topic_id: number;
  user_id: number;
  created_at: string;
}
export interface HallRatingTable {
  id: Generated<number>;
  topic_id: number;
  user_id: number;
  stars: number;
  comment: string | null;
  state: HallRatingState;
  created_at: string;
}
export interface HallSessionInviteeTable {
  id: Generated<number>;
  session_id: number;
  kind: 'member' | 'unit' | 'resident';
  member_id: number | null;
  unit_id: number | null;
  name: string | null;
  /** A resident invited by account (025_attendance), who then checks in as members do. */
  user_id: number | null;
}
export interface HallSessionSpeakerTable {
  id: Generated<number>;
  session_id: number;
  sort: number;
  name: string;
  member_id: number | null;
  summary: string;
}
export interface HallCaseTable {
  id: Generated<number>;
  topic_id: number;
  organization_id: number;
  title: string;
  before_text: string;
  after_text: string;
  published_by: number | null;
  published_at: string;
}
export interface PlaceHoursTable {
  place_id: number;
  opening_hours: string;
}
export interface PlaceDutyTable {
  id: Generated<number>;
  place_id: number;
  member_id: number;
}
export type PlaceActivityKind = 'visit' | 'reception' | 'event';
export interface PlaceActivityTable {
  id: Generated<number>;
  place_id: number;
  organization_id: number;
  kind: PlaceActivityKind;
  title: string;
  held_on: string;
  recorded_by: number | null;
  created_at: string;
}
export interface PlaceActivityMemberTable {
  id: Generated<number>;
  activity_id: number;
  member_id: number;
}
export interface HallTables {
  place_hours: PlaceHoursTable;
  place_duty: PlaceDutyTable;
  place_activities: PlaceActivityTable;
  place_activity_members: PlaceActivityMemberTable;
  hall_cases: HallCaseTable;
  hall_session_invitees: HallSessionInviteeTable;
  hall_session_speakers: HallSessionSpeakerTable;
  hall_sessions: HallSessionTable;
  hall_topics: HallTopicTable;
  hall_supports: HallSupportTable;
  hall_ratings: HallRatingTable;
}
