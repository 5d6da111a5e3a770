// Test helpers of the live room: online meetings inserted as the meetings table defines them, and
// a Server-Sent Events reader that speaks to a listening server over real HTTP.
import crypto from 'node:crypto';
import http from 'node:http';
import type { Agent, TestServer } from '../../test/harness.js';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/types.js';

export async function aMeeting(t: { services: { db: Kysely<Database> }; fixture: { city: number } }, opts: { state?: 'draft' | 'published' | 'in_progress' | 'ended' | 'cancelled'; online?: boolean; organizationId?: number; topic?: string } = {}) {
  const at = new Date().toISOString();
  const row = await t.services.db
    .insertInto('consultation_meetings')
    .values({
      organization_id: opts.organizationId ?? t.fixture.city,
      type: 'thematic',
      topic: opts.topic ?? '加快推进城乡一体化养老服务体系建设<script>x</script>',
      starts_at: new Date(Date.now() - 3600_000).toISOString(),
      ends_at: new Date(Date.now() + 3600_000).toISOString(),
      place: '市民中心会议室',
      online: opts.online === false ? 0 : 1,
      state: opts.state ?? 'in_progress',
      committee_id: null,
      created_by: null,
      created_at: at,
      updated_at: at,
      plan_item_id: null,
      public_seats: 0,
      checkin_token: crypto.randomBytes(12).toString('hex'),
      speaking_speech_id: null,
      votes_per_attendee: 3,
      vote_opens_at: null,
      vote_closes_at: null,
      best_confirmed_at: null,
      cancel_reason: null,
    } as never)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface SseEvent {
  id?: string;
  event: string;
  data: any;
}

/** A live-room page's connection: collects the events it is sent. */
export class Stream {
  events: SseEvent[] = [];
  status = 0;
  private req: http.ClientRequest | undefined;
  private waiters: (() => void)[] = [];
  readonly opened: Promise<void>;

  constructor(base: string, agent: Agent, path: string, headers: Record<string, string> = {}) {
    const cookie = [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    let buffer = '';
    this.opened = new Promise((resolve, reject) => {
      this.req = http.get(`${base}${path}`, { headers: { cookie, accept: 'text/event-stream', ...headers } }, (res) => {
        this.status = res.statusCode ?? 0;
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let at;
          while ((at = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, at);
            buffer = buffer.slice(at + 2);
            const e: SseEvent = { event: 'message', data: undefined };
            let data = '';
            for (const line of block.split('\n')) {
              if (line.startsWith(':')) continue;
              const [field, ...rest] = line.split(': ');
              if (field === 'id') e.id = rest.join(': ');
              else if (field === 'event') e.event = rest.join(': ');
              else if (field === 'data') data += rest.join(': ');
            }
            if (!data) continue;
            e.data = JSON.parse(data);
            this.events.push(e);
            for (const w of this.waiters.splice(0)) w();
          }
        });
        res.on('error', () => {});
        resolve();
      });
      this.req!.on('error', reject);
    });
  }

  /** Waits until an event matching `pred` arrives (or was already there). */
  async waitFor(pred: (e: SseEvent) => boolean, ms = 5000): Promise<SseEvent> {
    const deadline = Date.now() + ms;
    for (;;) {
      const found = this.events.find(pred);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching event within ${ms} ms; got ${JSON.stringify(this.events.map((e) => [e.id, e.event]))}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  close(): void {
    this.req?.destroy();
  }
}

export async function listen(t: TestServer): Promise<string> {
  const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
  return address;
}
