// The event bus. On SQLite every server is one process, so an in-process emitter is enough; on
// PostgreSQL, events go through LISTEN/NOTIFY so that one raised in any server process reaches
// the subscribers of every process (including its own, exactly once).
//
// NOTIFY is not durable: what is published while a process's listening connection is down (a
// database restart, a network cut) never reaches that process. The bus therefore connects again
// with a growing wait until it succeeds, listens again, and then tells its `onReconnected`
// handlers, which catch up from the database (the live rooms read the events they missed, caches
// are dropped, the outbox is drained). Nothing that must happen exactly once rides on an event:
// such work is written in the transaction of the change (platform/outbox.ts).
import { EventEmitter } from 'node:events';
import pg from 'pg';

export interface BusEvent<T = unknown> {
  topic: string;
  payload: T;
}

export type Handler = (event: BusEvent) => void;

export interface BusState {
  /** Whether events from other processes arrive now. */
  listening: boolean;
  /** Times the bus listened again after losing its connection. */
  reconnects: number;
  /** When the connection was lost, while it is; null while listening. */
  downSince: string | null;
}

export interface EventBus {
  publish(topic: string, payload: unknown): Promise<void>;
  /** Subscribe to one topic, or to every topic with '*'. Returns the unsubscribe function. */
  subscribe(topic: string, handler: Handler): () => void;
  /**
   * Called each time the bus listens again after its connection broke: events published in
   * between may have been lost, so the handler reads what it needs from the database.
   */
  onReconnected(handler: () => void): () => void;
  state(): BusState;
  close(): Promise<void>;
}

const CHANNEL = 'shangliang_events';

function localEmitter() {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    emit(event: BusEvent) {
      emitter.emit(event.topic, event);
      emitter.emit('*', event);
    },
    subscribe(topic: string, handler: Handler) {
      emitter.on(topic, handler);
      return () => void emitter.off(topic, handler);
    },
  };
}

export function inProcessBus(): EventBus {
  const local = localEmitter();
  return {
    async publish(topic, payload) {
      // Deliver after the caller's current work, as a remote bus would.
      queueMicrotask(() => local.emit({ topic, payload }));
    },
    subscribe: local.subscribe,
    // Nothing is ever lost in one process.
    onReconnected: () => () => {},
    state: () => ({ listening: true, reconnects: 0, downSince: null }),
    async close() {},
  };
}

export interface ReconnectPolicy {
  /** The first wait after the connection broke. */
  firstMs: number;
  /** The longest wait between two attempts. */
  maxMs: number;
  /** How often the listening connection is checked with a query (a cut without a reset is otherwise silent). */
  pingMs: number;
}

const DEFAULT_POLICY: ReconnectPolicy = { firstMs: 500, maxMs: 30_000, pingMs: 30_000 };

/** The wait before attempt `n` (0-based): doubling from firstMs up to maxMs, each between 75% and 125% so that processes do not all knock at once. */
export function backoffMs(n: number, policy: Pick<ReconnectPolicy, 'firstMs' | 'maxMs'> = DEFAULT_POLICY, random = Math.random): number {
  const base = Math.min(policy.maxMs, policy.firstMs * 2 ** Math.min(n, 30));
  return Math.round(base * (0.75 + random() * 0.5));
}

/**
 * The bus over PostgreSQL. Publishing goes through the pool; listening has a connection of its
 * own, outside the pool, so that it never takes a slot that requests need.
 */
export async function postgresBus(pool: pg.Pool, policy: Partial<ReconnectPolicy> = {}, log: (msg: string, err?: unknown) => void = () => {}): Promise<EventBus> {
  const opts = { ...DEFAULT_POLICY, ...policy };
  const local = localEmitter();
  const reconnected = new EventEmitter();
  reconnected.setMaxListeners(0);
  let closed = false;
  let listener: pg.Client | null = null;
  let attempt = 0;
  let retry: NodeJS.Timeout | null = null;
  let ping: NodeJS.Timeout | null = null;
  const state: BusState = { listening: false, reconnects: 0, downSince: null };

  function lost(client: pg.Client, err?: unknown) {
    if (listener !== client) return;
    listener = null;
    state.listening = false;
    state.downSince ??= new Date().toISOString();
    log('event bus: listening connection lost', err);
    client.end().catch(() => {});
    schedule();
  }

  function schedule() {
    if (closed || retry) return;
    const wait = backoffMs(attempt++, opts);
    retry = setTimeout(() => {
      retry = null;
      void listen().then(
        () => {
          attempt = 0;
          state.reconnects++;
          state.downSince = null;
          log('event bus: listening again');
          reconnected.emit('reconnected');
        },
        (err: unknown) => {
          log('event bus: reconnect failed', err);
          schedule();
        },
      );
    }, wait);
    retry.unref();
  }

  async function listen() {
    const client = new pg.Client({ ...(pool.options as pg.ClientConfig), keepAlive: true, keepAliveInitialDelayMillis: 10_000, connectionTimeoutMillis: 5000 });
    // Attached before connecting: an error event without a listener would end the process.
    client.on('error', (err) => lost(client, err));
    client.on('end', () => lost(client));
    client.on('notification', (msg) => {
      if (msg.channel !== CHANNEL || !msg.payload) return;
      try {
        local.emit(JSON.parse(msg.payload) as BusEvent);
      } catch {
        // A payload that is not ours is ignored.
      }
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    } catch (err) {
      client.removeAllListeners('end');
      client.on('error', () => {});
      await client.end().catch(() => {});
      throw err;
    }
    if (closed) {
      await client.end().catch(() => {});
      return;
    }
    listener = client;
    state.listening = true;
  }

  await listen();
  // A connection cut without a reset (a firewall, a dead host) is only noticed when used.
  ping = setInterval(() => {
    const client = listener;
    if (!client) return;
    const timeout = setTimeout(() => lost(client, new Error('event bus: ping timed out')), 10_000);
    client.query('select 1').then(
      () => clearTimeout(timeout),
      (err: unknown) => {
        clearTimeout(timeout);
        lost(client, err);
      },
    );
  }, opts.pingMs);
  ping.unref();

  return {
    async publish(topic, payload) {
      const text = JSON.stringify({ topic, payload });
      // NOTIFY payloads are limited to 8000 bytes: events carry ids, not documents.
      if (Buffer.byteLength(text) > 7900) throw new Error(`event ${topic} is too large for NOTIFY`);
      await pool.query('select pg_notify($1, $2)', [CHANNEL, text]);
    },
    subscribe: local.subscribe,
    onReconnected(handler) {
      const safe = () => {
        try {
          handler();
        } catch (err) {
          log('event bus: a reconnect handler failed', err);
        }
      };
      reconnected.on('reconnected', safe);
      return () => void reconnected.off('reconnected', safe);
    },
    state: () => ({ ...state }),
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      if (ping) clearInterval(ping);
      const client = listener;
      listener = null;
      state.listening = false;
      if (client) {
        client.removeAllListeners('end');
        await client.query(`UNLISTEN ${CHANNEL}`).catch(() => {});
        await client.end().catch(() => {});
      }
    },
  };
}
