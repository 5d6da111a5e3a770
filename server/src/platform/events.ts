// The event bus. On SQLite every server is one process, so an in-process emitter is enough; on
// PostgreSQL, events go through LISTEN/NOTIFY so that one raised in any server process reaches
// the subscribers of every process (including its own, exactly once).
import { EventEmitter } from 'node:events';
import type pg from 'pg';

export interface BusEvent<T = unknown> {
  topic: string;
  payload: T;
}

export type Handler = (event: BusEvent) => void;

export interface EventBus {
  publish(topic: string, payload: unknown): Promise<void>;
  /** Subscribe to one topic, or to every topic with '*'. Returns the unsubscribe function. */
  subscribe(topic: string, handler: Handler): () => void;
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
    async close() {},
  };
}

export async function postgresBus(pool: pg.Pool): Promise<EventBus> {
  const local = localEmitter();
  let closed = false;
  let listener: pg.PoolClient | null = null;

  async function listen() {
    const client = await pool.connect();
    client.on('notification', (msg) => {
      if (msg.channel !== CHANNEL || !msg.payload) return;
      try {
        local.emit(JSON.parse(msg.payload) as BusEvent);
      } catch {
        // A payload that is not ours is ignored.
      }
    });
    client.on('error', () => {
      // The connection broke: listen again on a fresh one (unless it was already given back).
      if (listener !== client) return;
      listener = null;
      client.release(true);
      if (!closed) setTimeout(() => void listen().catch(() => {}), 500);
    });
    await client.query(`LISTEN ${CHANNEL}`);
    listener = client;
  }
  await listen();

  return {
    async publish(topic, payload) {
      const text = JSON.stringify({ topic, payload });
      // NOTIFY payloads are limited to 8000 bytes: events carry ids, not documents.
      if (Buffer.byteLength(text) > 7900) throw new Error(`event ${topic} is too large for NOTIFY`);
      await pool.query('select pg_notify($1, $2)', [CHANNEL, text]);
    },
    subscribe: local.subscribe,
    async close() {
      closed = true;
      const client = listener;
      listener = null;
      if (client) {
        await client.query(`UNLISTEN ${CHANNEL}`).catch(() => {});
        client.release();
      }
    },
  };
}
