// Posting comments with group commit: the comments that arrive together are written in one
// transaction (a few statements for the whole batch: comments, room events, participants, audit
// entries), so a crowd commenting at once costs the database one commit per batch. Each comment is
// acknowledged only after that transaction has committed. Whether a room takes comments is decided
// inside the transaction, under the room's lock, so a room closed a moment ago refuses exactly the
// comments that arrive after it closed.
import type { FastifyBaseLogger } from 'fastify';
import type { Transaction } from 'kysely';
import type { Actor, Ctx, Services } from '../../platform/context.js';
import type { Database } from '../../platform/db/types.js';
import type { CommentAuthorKind, CommentState } from '../../platform/db/room-types.js';
import { AppError, conflict } from '../../platform/errors.js';
import { authorKind, cachedMeeting, COMMENT_STATES, noSuchRoom, roomAccess } from './room-queries.js';
import { appendEvents, lockRoom, signal } from './room.js';
import type { AuditAction, AuditEntityType } from '../../platform/audit.js';

interface Waiting {
  meetingId: number;
  actor: Actor;
  ip: string | null;
  kind: CommentAuthorKind;
  body: string;
  resolve(value: { id: number; state: 'visible' | 'pending' }): void;
  reject(err: unknown): void;
}
type Outcome = { id: number; state: 'visible' | 'pending' } | AppError;

const MAX_BATCH = 200;
const closed = () => conflict({ zh: '直播间未开放评论', en: 'The room is not taking comments' });

export class CommentWriter {
  private waiting: Waiting[] = [];
  private scheduled = false;

  constructor(
    private readonly services: Services,
    private readonly log: FastifyBaseLogger,
  ) {}

  async post(ctx: Ctx, meetingId: number, body: string): Promise<{ id: number; state: 'visible' | 'pending' }> {
    const actor = ctx.actor!;
    const meeting = await cachedMeeting(ctx.db, meetingId);
    roomAccess(ctx, actor, meeting);
    if (!COMMENT_STATES.has(meeting!.state)) throw closed();
    return new Promise((resolve, reject) => {
      this.waiting.push({ meetingId, actor, ip: ctx.ip, kind: authorKind(actor), body, resolve, reject });
      if (this.scheduled) return;
      this.scheduled = true;
      setImmediate(() => void this.flush());
    });
  }

  private async flush(): Promise<void> {
    while (this.waiting.length) {
      const batch = this.waiting.splice(0, MAX_BATCH);
      let outcomes: Outcome[];
      let signals: [number, number][];
      try {
        [outcomes, signals] = await this.services.db.transaction().execute((trx) => this.write(trx, batch));
      } catch (err) {
        if (batch.length > 1) this.log.warn({ err }, 'comment batch failed; writing its comments one by one');
        // One bad comment must not cost the others theirs.
        outcomes = [];
        signals = [];
        for (const w of batch) {
          try {
            const [[one], s] = await this.services.db.transaction().execute((trx) => this.write(trx, [w]));
            outcomes.push(one!);
            signals.push(...s);
          } catch (e) {
            outcomes.push(e as AppError);
          }
        }
      }
      batch.forEach((w, i) => {
        const o = outcomes[i]!;
        if (o instanceof Error) w.reject(o);
        else w.resolve(o);
      });
      for (const [meetingId, seq] of signals) signal(this.services, meetingId, seq);
    }
    this.scheduled = false;
  }

  private async write(trx: Transaction<Database>, batch: Waiting[]): Promise<[Outcome[], [number, number][]]> {
    const outcomes: Outcome[] = new Array(batch.length);
    const signals: [number, number][] = [];
    const byMeeting = new Map<number, number[]>();
    batch.forEach((w, i) => byMeeting.set(w.meetingId, [...(byMeeting.get(w.meetingId) ?? []), i]));
    const at = new Date().toISOString();
    // Rooms locked in one order by every process: two batches never wait on each other in a circle.
    for (const [meetingId, indexes] of [...byMeeting].sort((a, b) => a[0] - b[0])) {
      const meeting = await trx.selectFrom('consultation_meetings').select(['state', 'organization_id']).where('id', '=', meetingId).executeTakeFirst();
      if (!meeting) {
        for (const i of indexes) outcomes[i] = noSuchRoom();
        continue;
      }
      const room = await lockRoom(trx, this.services, meetingId);
      if (room.open !== 1 || !COMMENT_STATES.has(meeting.state)) {
        for (const i of indexes) outcomes[i] = closed();
        continue;
      }
      const rows = indexes.map((i) => {
        const w = batch[i]!;
        // The office's own comments need no approval.
        const state: CommentState = room.moderation === 'pre' && w.kind !== 'staff' ? 'pending' : 'visible';
        return { meeting_id: meetingId, author_id: w.actor.userId, author_name: w.actor.displayName, author_kind: w.kind, body: w.body, state, pinned: 0, likes: 0, answer_body: null, answer_by_name: null, answered_at: null, created_at: at };
      });
      // Ids are handed out in the order of the rows; sorting the returned ids puts them back in it.
      const ids = (await trx.insertInto('consultation_comments').values(rows).returning('id').execute()).map((r) => r.id).sort((a, b) => a - b);
      const visible = rows.filter((r) => r.state === 'visible').length;
      signals.push([meetingId, await appendEvents(trx, meetingId, room.seq, ids.map((id) => ({ kind: 'comment' as const, commentId: id })), visible)]);
      const people = [...new Set(rows.map((r) => r.author_id))];
      await trx
        .insertInto('consultation_room_participants')
        .values(people.map((user_id) => ({ meeting_id: meetingId, user_id, first_at: at })))
        .onConflict((oc) => oc.columns(['meeting_id', 'user_id']).doNothing())
        .execute();
      await trx
        .insertInto('audit_log')
        .values(
          indexes.map((i, k) => ({
            at,
            actor_id: batch[i]!.actor.userId,
            actor_name: batch[i]!.actor.displayName,
            action: 'comment.post' satisfies AuditAction,
            entity_type: 'consultation_comment' satisfies AuditEntityType,
            entity_id: String(ids[k]),
            organization_id: meeting.organization_id,
            before: null,
            after: JSON.stringify({ state: rows[k]!.state }),
            ip: batch[i]!.ip,
          })),
        )
        .execute();
      indexes.forEach((i, k) => (outcomes[i] = { id: ids[k]!, state: rows[k]!.state as 'visible' | 'pending' }));
    }
    return [outcomes, signals];
  }
}
