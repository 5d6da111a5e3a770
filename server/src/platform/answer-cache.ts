// Finished answers of hot lists kept in memory, already serialized and encoded. Office staff open
// the same lists and search the same words again and again, and an answer costs a hundred times
// more to build than to send. An answer is keyed by everything that changes it: the caller's roles
// (which organizations they see, whose phones they see in full), their own organization and member
// id, and every query parameter. Any write that can change a kept answer, in any server process,
// makes every kept answer of that cache stale at once: a version bumped here and, through the event
// bus, in the other processes.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from './context.js';
import type { EventBus } from './events.js';

export interface AnswerCacheOptions {
  enabled: boolean;
  /** Raised (here and through the bus) after this cache's own writes. */
  topic: string;
  /** Other topics whose writes also make the kept answers stale. */
  alsoOn?: string[];
  /** Bound on the kept answers' size in bytes. */
  maxBytes?: number;
  /**
   * Longest an answer is kept. Writes invalidate at once; this only bounds how long a process
   * could serve an answer if it missed an event (a PostgreSQL listener reconnecting).
   */
  ttlMs?: number;
}

interface Entry {
  body: Buffer;
  at: number;
}

export class AnswerCache {
  private entries = new Map<string, Entry>();
  private bytes = 0;
  private versionNo = 0;
  private readonly callers = new WeakMap<Actor, string>();
  readonly enabled: boolean;
  private readonly maxBytes: number;
  private readonly ttlMs: number;

  constructor(
    private readonly bus: EventBus,
    private readonly options: AnswerCacheOptions,
  ) {
    this.enabled = options.enabled;
    this.maxBytes = options.maxBytes ?? 32 * 1024 * 1024;
    this.ttlMs = options.ttlMs ?? 60_000;
    // Events from other processes (and our own, once more: harmless).
    for (const topic of [options.topic, ...(options.alsoOn ?? [])]) bus.subscribe(topic, () => this.invalidate());
    // Events published while the bus was down never arrive: what was kept may be stale.
    bus.onReconnected(() => this.invalidate());
  }

  /** The version an answer is built under; it may be kept only if no write happened meanwhile. */
  get version(): number {
    return this.versionNo;
  }

  /** The part of the key that says who asks: their roles where, their organization and their own member record. */
  callerKey(actor: Actor): string {
    let key = this.callers.get(actor);
    if (key === undefined) {
      const roles = actor.roles.map((r) => `${r.role}@${r.organizationId}`).sort();
      key = `${roles.join(',')}|o${actor.organizationId}|m${actor.memberId ?? ''}`;
      this.callers.set(actor, key);
    }
    return key;
  }

  get(key: string): Buffer | undefined {
    if (!this.enabled) return undefined;
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    this.entries.delete(key);
    if (Date.now() - hit.at > this.ttlMs) {
      this.bytes -= hit.body.length + key.length;
      return undefined;
    }
    // Most recently used last: the oldest entries are the first to go.
    this.entries.set(key, hit);
    return hit.body;
  }

  set(key: string, body: Buffer, builtUnder: number): void {
    if (!this.enabled || builtUnder !== this.versionNo) return;
    const size = body.length + key.length;
    if (size > this.maxBytes / 8) return;
    const old = this.entries.get(key);
    if (old) {
      this.entries.delete(key);
      this.bytes -= old.body.length + key.length;
    }
    this.entries.set(key, { body, at: Date.now() });
    this.bytes += size;
    for (const [k, e] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= e.body.length + k.length;
    }
  }

  /** Forgets every kept answer in this process. */
  invalidate(): void {
    this.versionNo++;
    this.entries.clear();
    this.bytes = 0;
  }

  /**
   * After a write has committed: this process forgets at once (before the writer gets its answer),
   * the others when the event reaches them.
   */
  async changed(): Promise<void> {
    this.invalidate();
    await this.bus.publish(this.options.topic, {});
  }

  /**
   * The onSend hook of a write route: once its change has committed, and before its answer
   * leaves, every kept answer (here and in the other processes) is stale.
   */
  readonly afterWrite = async (req: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    if (reply.statusCode < 400) await this.changed().catch((err: unknown) => req.log.error({ err, topic: this.options.topic }, 'answer cache: event not sent'));
    return payload;
  };

  get size(): number {
    return this.entries.size;
  }
}
