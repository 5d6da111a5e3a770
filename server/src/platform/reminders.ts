// Reminders (提醒), each sent once: a module declares a kind of reminder (which records are due
// now, the key it is sent once per, whom to tell and what), and this service finds what is due,
// sends it, audits it and runs it on the job scheduler. A reminder is claimed by inserting its
// (code, once_key) row into `reminders` in the transaction that writes its notification: of
// several processes, or a job run again, only the one whose insert went in sends it (the others
// wait for its commit and find the row there), and a reminder is never claimed unsent.
import type { Ctx, Services, Trx } from './context.js';
import { audit, type AuditAction, type AuditEntityType } from './audit.js';
import type { Text } from './errors.js';
import type { JobDef } from './jobs.js';
import { clock } from './time.js';

/** A notification: what the notifications module writes for each of its recipients. */
export interface Note {
  /** A stable message key, e.g. proposal.deadline.d7, that pages and filters key on. */
  kind: string;
  organizationId: number;
  title: Text;
  body: Text;
  /** Where the web app opens it, e.g. /proposals/12. */
  link?: string | null;
  entityType?: string | null;
  entityId?: number | null;
}

/** Accounts, and handling units whose every active account is told. */
export interface Recipients {
  users?: number[];
  units?: number[];
}

/** Writes the note for every recipient inside the transaction (the notifications module's `notify`). */
export type Notify = (trx: Trx, to: Recipients, note: Note, at: Date) => Promise<number>;

/** What one notification of a reminder says, and to whom. */
export interface Message {
  to: Recipients;
  note: Omit<Note, 'entityType' | 'entityId'>;
  /** The record the reminder is about (its audit entry names it; the note links it). */
  entityId: number;
  /** What the audit entry records beside the recipients. */
  detail?: Record<string, unknown>;
}

export interface ReminderKind<T = any> {
  /** Stable code name, e.g. proposal.deadline: the once keys are kept under it. */
  code: string;
  /** The scheduled job that sends them, and how often it looks for what is due. */
  job: string;
  everyMs: number;
  /** The record kind the reminders are about, and the action their audit entries record. */
  entityType: AuditEntityType;
  action: AuditAction;
  /** The records due at `now`, whether reminded already or not. */
  due(trx: Trx, now: Date): Promise<T[]>;
  /** What the reminder is sent once per: a record and its step, a rule and a period... */
  once(item: T): string;
  /** Reminders told in one notification (a member's warnings of one run); each alone by default. */
  group?(item: T): string;
  /** The notification of a group of reminders claimed by this run. */
  message(trx: Trx, items: T[], now: Date): Promise<Message>;
  /**
   * The audit entries of a run, when one per notification would bury the log (a quarter's warnings
   * to hundreds of members): the run is then audited as these entries instead.
   */
  auditRun?(items: T[]): { entityId: string; organizationId: number; detail: Record<string, unknown> }[];
  /** What the module keeps of the reminders sent on its own records (the page's "reminded at"). */
  sent?(trx: Trx, items: T[], now: Date): Promise<void>;
}

export interface RunOptions {
  now?: Date;
  /** Who asked, when a person runs it (the office); the system otherwise. */
  who?: Pick<Ctx, 'actor' | 'ip'>;
}

/** Of these keys, those not sent yet that this transaction claimed. */
async function claim(trx: Trx, code: string, keys: string[], at: string): Promise<Set<string>> {
  const claimed = new Set<string>();
  for (let i = 0; i < keys.length; i += 500) {
    const chunk = keys.slice(i, i + 500);
    // Most due records were reminded on an earlier run: look before inserting.
    const known = new Set((await trx.selectFrom('reminders').select('once_key').where('code', '=', code).where('once_key', 'in', chunk).execute()).map((r) => r.once_key));
    const fresh = chunk.filter((k) => !known.has(k));
    if (!fresh.length) continue;
    const rows = await trx.insertInto('reminders').values(fresh.map((once_key) => ({ code, once_key, sent_at: at })))
      .onConflict((oc) => oc.columns(['code', 'once_key']).doNothing()).returning('once_key').execute();
    for (const r of rows) claimed.add(r.once_key);
  }
  return claimed;
}

/** Sends every reminder of this kind due now and not sent yet; returns how many reminders were sent. */
export async function sendReminders<T>(services: Pick<Services, 'db'>, kind: ReminderKind<T>, notify: Notify, opts: RunOptions = {}): Promise<number> {
  const now = opts.now ?? clock.now();
  const who = opts.who ?? { actor: null, ip: null };
  return services.db.transaction().execute(async (trx) => {
    const due = await kind.due(trx, now);
    if (!due.length) return 0;
    const claimed = await claim(trx, kind.code, [...new Set(due.map((d) => kind.once(d)))], now.toISOString());
    // One item per claimed key (a record listed twice is sent once).
    const sent = due.filter((d) => claimed.delete(kind.once(d)));
    const groups = new Map<string, T[]>();
    for (const item of sent) {
      const g = kind.group?.(item) ?? kind.once(item);
      if (!groups.has(g)) groups.set(g, []);
      groups.get(g)!.push(item);
    }
    for (const items of groups.values()) {
      const m = await kind.message(trx, items, now);
      await notify(trx, m.to, { ...m.note, entityType: kind.entityType, entityId: m.entityId }, now);
      if (!kind.auditRun)
        await audit(trx, who, {
          action: kind.action, entityType: kind.entityType, entityId: m.entityId, organizationId: m.note.organizationId,
          ...(who.actor ? {} : { actorName: '系统' }), after: { ...m.detail, ...m.to },
        });
    }
    for (const e of kind.auditRun?.(sent) ?? [])
      await audit(trx, who, { action: kind.action, entityType: kind.entityType, entityId: e.entityId, organizationId: e.organizationId, ...(who.actor ? {} : { actorName: '系统' }), after: e.detail });
    if (sent.length) await kind.sent?.(trx, sent, now);
    return sent.length;
  });
}

/** When each of these reminders was sent (once key → time), for pages that show it. */
export async function sentAt(db: Trx, code: string, keys: string[]): Promise<Map<string, string>> {
  const at = new Map<string, string>();
  for (let i = 0; i < keys.length; i += 500) {
    for (const r of await db.selectFrom('reminders').select(['once_key', 'sent_at']).where('code', '=', code).where('once_key', 'in', keys.slice(i, i + 500)).execute()) at.set(r.once_key, r.sent_at);
  }
  return at;
}

/** One scheduled job per kind, run once per due time across the server processes. */
export const reminderJobs = (kinds: ReminderKind[], notify: Notify): JobDef[] =>
  kinds.map((kind) => ({ name: kind.job, everyMs: kind.everyMs, run: async (services) => `sent ${await sendReminders(services, kind, notify)}` }));
