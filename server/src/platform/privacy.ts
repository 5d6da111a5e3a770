// Who may see a person's contact data (phone numbers, contact names): one rule per kind of
// contact, asked by every module that returns one. Whoever the rule leaves out gets the value
// masked (138****5678, 张*): enough to recognise, not enough to use.
import { hasRoleAt, type Actor, type OrgTree } from './context.js';

/** Whose contact data it is. */
export type ContactOf =
  /** A member's mobile phone. */
  | { kind: 'member'; organizationId: number; memberId: number }
  /** A handling unit's contact person and phone. */
  | { kind: 'unit'; organizationId: number; unitId: number }
  /** An invited guest of a meeting (official, expert, public seat). */
  | { kind: 'guest'; organizationId: number }
  /** A resident who left a name and phone with a concern (码上商). */
  | { kind: 'resident'; organizationId: number };

export type ContactKind = ContactOf['kind'];

/** The office of an organization: its admins and staff, and those of the organizations above it. */
export const OFFICE = ['admin', 'staff'] as const;

interface Who {
  actor: Actor | null;
  orgTree: OrgTree;
}

const office = (who: Who, organizationId: number) => !!who.actor && hasRoleAt(who, who.actor, OFFICE, organizationId);

/**
 * Whether the caller sees this contact in full.
 * - member: the office of the member's organization (or above), and the member themself;
 * - unit: the office of the unit's organization (or above), and the unit's own accounts;
 * - guest: the office that runs the meeting;
 * - resident: nobody in a list or a detail; the office of the report's organization (or above),
 *   who handle the report and may call the resident back, reveals it through the route that
 *   audits each reveal and shows it on the report's timeline (opinions: GET /api/opinions/:id/contact).
 * Leaders, other members, other units, public users and anonymous callers get it masked.
 */
export function maySeeContact(who: Who, of: ContactOf): boolean {
  const actor = who.actor;
  if (!actor) return false;
  switch (of.kind) {
    case 'member':
      return actor.memberId === of.memberId || office(who, of.organizationId);
    case 'unit':
      return (actor.handlingUnitId === of.unitId && actor.roles.some((r) => r.role === 'unit')) || office(who, of.organizationId);
    case 'guest':
      return office(who, of.organizationId);
    case 'resident':
      return false;
  }
}

/** Whether the caller may reveal a resident's contact, each time audited: the office that handles the report. */
export const mayRevealResident = (who: Who, organizationId: number) => office(who, organizationId);

/** 13812345678 → 138****5678; 0573-82000000 → 057****0000; anything shorter → ****. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits.length >= 7 ? digits.slice(0, 3) + '****' + digits.slice(-4) : '****';
}

/** 张明 → 张*, 欧阳晓岚 → 欧***. */
export function maskName(name: string): string {
  const chars = [...name];
  return chars.length === 0 ? '' : chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}

/** The phone as the caller may see it. */
export const phoneFor = (who: Who, of: ContactOf, phone: string | null): string | null => (phone === null ? null : maySeeContact(who, of) ? phone : maskPhone(phone));

/** A contact person's name as the caller may see it. */
export const nameFor = (who: Who, of: ContactOf, name: string | null): string | null => (name === null ? null : maySeeContact(who, of) ? name : maskName(name));
