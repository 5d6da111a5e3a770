// One announcement that the data changed: after any write request that succeeded (its transaction
// has committed by the time it answers), `data.changed` goes out on the bus, so that every server
// process hears it. The year's figures read the tables of many modules (proposals, reports,
// check-ins, room comments, suggestions…), so the big screen listens to this rather than to each
// module's own topics, which a new module could forget. At most one announcement per process every
// ANNOUNCE_MS (one more at the end of a burst): a crowd writing at once costs one NOTIFY, and those
// who listen recount no faster than that anyway.
import type { FastifyInstance } from 'fastify';
import type { EventBus } from './events.js';

export const DATA_CHANGED = 'data.changed';
const ANNOUNCE_MS = 500;
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const isWrite = (method: string, url: string, status: number) => WRITES.has(method) && status < 400 && url.startsWith('/api/');
const local = new WeakMap<FastifyInstance, Set<() => void>>();

/**
 * Calls `fn` in this process after each write request that succeeded, before its answer leaves:
 * what this process keeps is forgotten before the writer can ask again. The other processes learn
 * of the write from `data.changed`, up to ANNOUNCE_MS later.
 */
export function onLocalWrite(app: FastifyInstance, fn: () => void): void {
  local.set(app, (local.get(app) ?? new Set()).add(fn));
}

export function announceWrites(app: FastifyInstance, bus: EventBus, everyMs = ANNOUNCE_MS): void {
  let last = 0;
  let timer: NodeJS.Timeout | null = null;
  const send = () => {
    last = Date.now();
    bus.publish(DATA_CHANGED, {}).catch(() => {});
  };
  app.addHook('onSend', (req, reply, payload, done) => {
    if (isWrite(req.method, req.url, reply.statusCode)) for (const fn of local.get(app) ?? []) fn();
    done(null, payload);
  });
  app.addHook('onResponse', (req, reply, done) => {
    if (isWrite(req.method, req.url, reply.statusCode) && !timer) {
      const wait = last + everyMs - Date.now();
      if (wait <= 0) send();
      else {
        timer = setTimeout(() => {
          timer = null;
          send();
        }, wait);
        timer.unref();
      }
    }
    done();
  });
  app.addHook('onClose', (_app, done) => {
    if (timer) clearTimeout(timer);
    timer = null;
    done();
  });
}
