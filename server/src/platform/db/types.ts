// Table types for Kysely. One interface per table; timestamps are ISO-8601 UTC strings and
// dates are 'YYYY-MM-DD' on both SQLite and PostgreSQL, so queries and sorting are the same.
// Flags are integers 0/1 for the same reason.
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
}

export interface TermTable {
  id: Generated<number>;
  organization_id: number;
  number: number; // 第九届 = 9
  starts_on: string;
  ends_on: string | null;
  current: number;
}

export interface SessionTable {
  id: Generated<number>;
  term_id: number;
  number: number; // 第二次会议 = 2
  opens_on: string;
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
  failed_logins: number;
  locked_until: string | null;
  created_at: string;
  updated_at: string;
  last_login_at: string | null;
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
  owner_id: number | null;
  name: string;
  mime: string;
  size: number;
  sha256: string;
  created_at: string;
}

export interface JobTable {
  name: string;
  next_run_at: string;
  last_run_at: string | null;
  last_result: string | null;
}

export interface Database {
  divisions: DivisionTable;
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
  user_roles: UserRoleTable;
  login_sessions: LoginSessionTable;
  audit_log: AuditTable;
  files: FileTable;
  jobs: JobTable;
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
  opinion_scoring_rules: OpinionScoringRuleTable;
  opinion_points: OpinionPointTable;
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
