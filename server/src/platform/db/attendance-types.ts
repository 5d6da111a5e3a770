// Table types of the shared attendance module (migration 025).
import type { Generated } from 'kysely';

/** The kinds of event people check in at; lounges and reading events join this list. */
export type AttendanceSource = 'consultation_meeting' | 'hall_session' | 'lounge_event';
export type CheckinMethod = 'qr';

export interface AttendanceCheckinTable {
  id: Generated<number>;
  source_type: AttendanceSource;
  source_id: number;
  organization_id: number;
  user_id: number;
  member_id: number | null;
  invitee_id: number | null;
  at: string;
  method: CheckinMethod;
}

export interface AttendanceCodeTable {
  id: Generated<number>;
  source_type: AttendanceSource;
  source_id: number;
  token: string;
  created_at: string;
}

export interface AttendanceTables {
  attendance_checkins: AttendanceCheckinTable;
  attendance_codes: AttendanceCodeTable;
}
