// In-app notifications and their e-mail copies: what other modules call to tell a user, or every
// account of a handling unit, that something needs them. A notification is written inside the
// caller's transaction, so it exists exactly when the change it announces does; its e-mail copy
// waits in the same row (an outbox) and is sent after the commit by whichever process claims it.
import { sql } from 'kysely';
import type { Services, Trx } from '../../platform/context.js';
import type { Mailer } from '../../platform/mail.js';
import type { Note, Notify } from '../../platform/reminders.js';

export type { Note } from '../../platform/reminders.js';

/** Notifies these accounts; returns how many notifications were written. */
export async function notifyUsers(trx: Trx, userIds: number[], note: Note, at = new Date()): Promise<number> {
  return notifyEach(trx, [...new Set(userIds)].map((userId) => ({ userId, note })), at);
}

/** Notifies every active account of a handling unit. */
export async function notifyUnit(trx: Trx, handlingUnitId: number, note: Note, at = new Date()): Promise<number> {
  return notifyUnits(trx, [{ unitId: handlingUnitId, note }], at);
}

/** Accounts and handling units alike: the shared reminders send through this (platform/reminders.ts). */
export const notify: Notify = async (trx, to, note, at) =>
  (await notifyUsers(trx, to.users ?? [], note, at)) + (await notifyUnits(trx, (to.units ?? []).map((unitId) => ({ unitId, note })), at));

/** Many units at once, each with its own note: one query of the accounts, one insert per 500 rows. */
export async function notifyUnits(trx: Trx, items: { unitId: number; note: Note }[], at = new Date()): Promise<number> {
  if (items.length === 0) return 0;
  const accounts = await trx.selectFrom('users').select(['id', 'handling_unit_id']).where('handling_unit_id', 'in', [...new Set(items.map((i) => i.unitId))]).execute();
  const byUnit = new Map<number, number[]>();
  for (const a of accounts) byUnit.set(a.handling_unit_id!, [...(byUnit.get(a.handling_unit_id!) ?? []), a.id]);
  return notifyEach(trx, items.flatMap((i) => (byUnit.get(i.unitId) ?? []).map((userId) => ({ userId, note: i.note }))), at);
}

async function notifyEach(trx: Trx, items: { userId: number; note: Note }[], at: Date): Promise<number> {
  if (items.length === 0) return 0;
  const people = new Map<number, { email: string | null }>();
  const ids = [...new Set(items.map((i) => i.userId))];
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await trx
      .selectFrom('users as u')
      .leftJoin('notification_settings as s', 's.user_id', 'u.id')
      .select(['u.id', 's.email', 's.email_enabled'])
      .where('u.id', 'in', ids.slice(i, i + 500))
      .where('u.status', '=', 'active')
      .execute();
    for (const r of rows) people.set(r.id, { email: r.email && r.email_enabled ? r.email : null });
  }
  const rows = items
    .filter((i) => people.has(i.userId))
    .map(({ userId, note }) => {
      const email = people.get(userId)!.email;
      return {
        user_id: userId,
        organization_id: note.organizationId,
        kind: note.kind,
        title: note.title.zh,
        title_en: note.title.en,
        body: note.body.zh,
        body_en: note.body.en,
        link: note.link ?? null,
        entity_type: note.entityType ?? null,
        entity_id: note.entityId ?? null,
        created_at: at.toISOString(),
        read_at: null,
        email_to: email,
        email_state: email ? ('pending' as const) : null,
        email_attempts: 0,
      };
    });
  for (let i = 0; i < rows.length; i += 500) await trx.insertInto('notifications').values(rows.slice(i, i + 500)).execute();
  return rows.length;
}

const MAX_ATTEMPTS = 5;
/** Longer than any send takes (the SMTP client gives up well before): a claim this old was left by a process that died. */
const STALE_CLAIM_MS = 10 * 60_000;
const attemptFailed = () => ({
  email_attempts: sql<number>`email_attempts + 1`,
  email_state: sql<'pending' | 'failed'>`case when email_attempts + 1 >= ${MAX_ATTEMPTS} then 'failed' else 'pending' end`,
});

/**
 * Sends the e-mail copies still waiting. Each row is claimed with a conditional update before
 * it is sent, so that of several processes exactly one sends it; a failed send goes back to the
 * queue until it has failed MAX_ATTEMPTS times. A copy claimed by a process that died before it
 * recorded the outcome counts as a failed attempt once its claim is stale: the person may get it
 * twice, but never not at all. Returns how many were sent.
 */
export async function deliverEmails(services: Pick<Services, 'db'>, mailer: Mailer | null, batch = 100, now = new Date()): Promise<number> {
  if (!mailer) return 0;
  const { db } = services;
  const stale = new Date(now.getTime() - STALE_CLAIM_MS).toISOString();
  // (A claim made before claims had a time has none.)
  await db.updateTable('notifications').set(attemptFailed()).where('email_state', '=', 'sending').where((eb) => eb.or([eb('email_claimed_at', '<', stale), eb('email_claimed_at', 'is', null)])).execute();
  const waiting = await db.selectFrom('notifications').select(['id', 'email_to', 'title', 'title_en', 'body', 'body_en', 'link']).where('email_state', '=', 'pending').orderBy('id').limit(batch).execute();
  let sent = 0;
  for (const n of waiting) {
    const claimed = await db.updateTable('notifications').set({ email_state: 'sending', email_claimed_at: now.toISOString() }).where('id', '=', n.id).where('email_state', '=', 'pending').executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) continue;
    try {
      await mailer.send({
        to: n.email_to!,
        subject: `${n.title} / ${n.title_en}`,
        text: `${n.body}\n\n${n.body_en}${n.link ? `\n\n${n.link}` : ''}\n`,
      });
      await db.updateTable('notifications').set({ email_state: 'sent' }).where('id', '=', n.id).execute();
      sent++;
    } catch {
      await db.updateTable('notifications').set(attemptFailed()).where('id', '=', n.id).execute();
    }
  }
  return sent;
}
