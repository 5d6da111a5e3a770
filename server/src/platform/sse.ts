// Writing Server-Sent Events, shared by every live stream (the live rooms, the big screen): the
// headers that keep proxies from buffering, the frame format, the heartbeat, and the rule that a
// page which stopped reading is let go rather than buffered without end (it reconnects by itself).
import type { ServerResponse } from 'node:http';
import type { FastifyReply } from 'fastify';

/** How long a page waits before it reconnects, told to the browser's EventSource. */
const RETRY_MS = 3000;
/** What a page may have unread before it is let go. */
export const MAX_BUFFERED = 1 << 20;
/** A comment line: keeps proxies and load balancers from closing an idle stream. */
export const HEARTBEAT = Buffer.from(':\n\n');

export const sseFrame = (event: string, data: unknown, id?: number) => `${id !== undefined ? `id: ${id}\n` : ''}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

/** Takes the reply over from Fastify and starts the stream; the caller writes and listens for 'close'. */
export function openEventStream(reply: FastifyReply): ServerResponse {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    ...(reply.getHeaders() as Record<string, string>),
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  res.write(`retry: ${RETRY_MS}\n\n`);
  return res;
}

/** Writes to one page; a page with more than MAX_BUFFERED unread is closed instead. */
export function writeEvent(res: ServerResponse, text: string | Buffer): void {
  if (!text.length || res.destroyed) return;
  if (res.writableLength > MAX_BUFFERED) res.destroy();
  else res.write(text);
}
