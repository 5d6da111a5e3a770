// What a module declares about members' duty (履职): the kinds of act it produces, and how to read
// them from its own records. The duty record is derived, never typed twice: the duty module asks
// each declaration, both when an act happens and when it rebuilds a year.
import type { Trx } from './context.js';

export interface DutyKind {
  /** Stable code name, e.g. proposal_filed. */
  code: string;
  zh: string;
  en: string;
  /** Points when an organization's rules do not say otherwise. */
  points: number;
}

/** One act of one member, as a module's records show it. */
export interface DutyFact {
  memberId: number;
  organizationId: number;
  year: number;
  kind: string;
  sourceId: number;
  occurredAt: string;
}

/** Which facts to derive: all of them, or those of some members, a year, or some source records. */
export interface DutyScope {
  memberIds?: number[];
  year?: number;
  sourceIds?: number[];
}

export interface DutyDeclaration {
  /** The kind of record the facts link to (a proposal, a report, a meeting). */
  sourceType: string;
  kinds: DutyKind[];
  /** The web page of a source record, so the member's record links to what they did. */
  link?(sourceId: number): string;
  /** The titles of source records, for evidence that names them (an absence names its meeting). */
  titles?(trx: Trx, sourceIds: number[]): Promise<Map<number, string>>;
  derive(trx: Trx, scope: DutyScope): Promise<DutyFact[]>;
}
