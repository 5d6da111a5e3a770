// Finished answers of hot lists kept in memory, already serialized and encoded. Office staff open
// the same lists and search the same words again and again, and an answer costs a hundred times
// more to build than to send. An answer is keyed by everything that changes it: the caller's roles
// (which organizations they see, whose phones they see in full), their own organization and member
// id, and every query parameter. Any write that can change a kept answer, in any server process,
// makes every kept answer of that cache stale at once: a version bumped here and, through the event
// bus, in the other processes.
import { gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from './context.js';
import type { EventBus } from './events.js';
import { acceptsGzip } from './http.js';

const JSON_TYPE = 'application/json; charset=utf-8';
export const ANNOUNCE_MS = 50;

/**
 * The caches of each process by the topics they listen to. On PostgreSQL a process hears its own
 * events only after a round trip through the database, so a write's answer could leave before
 * another module's cache in the same process forgot: those are told directly.
 */
const listening = new WeakMap<EventBus, Map<string, Set<AnswerCache>>>();

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
  /** The body gzip-compressed, made the first time a client that accepts it asks. */
  gzip?: Buffer;
  at: number;
}

export class AnswerCache {
  private entries = new Map<string, Entry>();
  private bytes = 0;
  private versionNo = 0;
  private readonly callers = new WeakMap<Actor, string>();
  /** Answers being built, by version and key: requests that miss at the same moment share one build. */
  private readonly building = new Map<string, Promise<Buffer>>();
  /** The event that will cover the writes made since the last one was sent, and when that was. */
  private next: { sent: Promise<void>; send: () => Promise<void> } | null = null;
  private lastSent = 0;
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
    const byTopic = listening.get(bus) ?? new Map<string, Set<AnswerCache>>();
    listening.set(bus, byTopic);
    for (const topic of [options.topic, ...(options.alsoOn ?? [])]) {
      bus.subscribe(topic, () => this.invalidate());
      byTopic.set(topic, (byTopic.get(topic) ?? new Set()).add(this));
    }
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
      this.bytes -= sizeOf(key, hit);
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
      this.bytes -= sizeOf(key, old);
    }
    this.entries.set(key, { body, at: Date.now() });
    this.bytes += size;
    for (const [k, e] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= sizeOf(k, e);
    }
  }

  /**
   * Sends the answer kept under `key`, building it (once, however many ask at the same moment) when
   * none is kept. A client that accepts gzip (every browser) gets it compressed, compressed once
   * per kept answer: public pages are read far more often than written, and a page of Chinese text
   * is five to ten times smaller compressed.
   */
  async send(req: FastifyRequest, reply: FastifyReply, key: string, build: () => Promise<unknown>): Promise<FastifyReply> {
    reply.type(JSON_TYPE).header('vary', 'accept-encoding');
    const gzip = acceptsGzip(req.headers['accept-encoding']);
    const hit = this.get(key);
    if (hit !== undefined) {
      if (!gzip) return reply.send(hit);
      const entry = this.entries.get(key);
      if (entry && entry.body === hit) {
        if (!entry.gzip) {
          entry.gzip = gzipSync(hit);
          this.bytes += entry.gzip.length;
        }
        return reply.header('content-encoding', 'gzip').send(entry.gzip);
      }
      return reply.header('content-encoding', 'gzip').send(gzipSync(hit));
    }
    const version = this.versionNo;
    const flight = `${version}|${key}`;
    let pending = this.building.get(flight);
    if (!pending) {
      pending = build()
        .then((answer) => {
          const body = Buffer.from(JSON.stringify(answer));
          this.set(key, body, version);
          return body;
        })
        .finally(() => this.building.delete(flight));
      this.building.set(flight, pending);
    }
    const body = await pending;
    return gzip ? reply.header('content-encoding', 'gzip').send(gzipSync(body)) : reply.send(body);
  }

  /** Forgets every kept answer in this process. */
  invalidate(): void {
    this.versionNo++;
    this.entries.clear();
    this.bytes = 0;
  }

  /**
   * After a write has committed: this process forgets at once (before the writer gets its answer),
   * the others when the event reaches them. The promise settles when the event that covers this
   * write has been sent.
   */
  changed(): Promise<void> {
    for (const cache of listening.get(this.bus)?.get(this.options.topic) ?? [this]) cache.invalidate();
    return this.announce();
  }

  /**
   * At most one event per ANNOUNCE_MS for each cache, and always one after the last write of a
   * burst: on PostgreSQL each event is a NOTIFY, a transaction of its own that every process then
   * reads, and a crowd supporting a hall at once would otherwise send hundreds a second.
   */
  private announce(): Promise<void> {
    if (this.next) return this.next.sent;
    let resolve!: () => void, reject!: (err: unknown) => void;
    const sent = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
    const send = () => {
      // Writes from here on are covered by the next event.
      clearTimeout(timer);
      this.next = null;
      this.lastSent = Date.now();
      this.bus.publish(this.options.topic, {}).then(resolve, reject);
      return sent;
    };
    // Kept referenced: a caller may await the event, which goes out within ANNOUNCE_MS even in a
    // process that has nothing else left to do (a command-line job, a test).
    const timer = setTimeout(send, Math.max(0, this.lastSent + ANNOUNCE_MS - Date.now()));
    this.next = { sent, send };
    return sent;
  }

  /** Sends at once the event held back for its turn: a process that stops would never send it. */
  flush(): Promise<void> {
    return this.next?.send() ?? Promise.resolve();
  }

  /**
   * The onSend hook of a write route: once its change has committed, and before its answer
   * leaves, what this process keeps is stale; the other processes hear of it within ANNOUNCE_MS
   * and a NOTIFY.
   */
  readonly afterWrite = async (req: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    if (reply.statusCode < 400) void this.changed().catch((err: unknown) => req.log.error({ err, topic: this.options.topic }, 'answer cache: event not sent'));
    return payload;
  };

  get size(): number {
    return this.entries.size;
  }
}

/** Sends every event this process's caches hold back, before it stops: other processes must still hear of the last writes. */
export async function flushAnnouncements(bus: EventBus): Promise<void> {
  const caches = new Set([...(listening.get(bus)?.values() ?? [])].flatMap((set) => [...set]));
  await Promise.all([...caches].map((cache) => cache.flush()));
}

const sizeOf = (key: string, e: Entry) => e.body.length + (e.gzip?.length ?? 0) + key.length;
