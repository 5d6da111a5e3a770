// The live stream of the rooms (Server-Sent Events). One bus subscription per process fans out to
// every page connected to it: a signal says "room R has events up to N"; the process reads the new
// events once, formats each once, and writes them to its pages of that room. Events are numbered
// per room (the `id:` of each event) and committed in that order, so reading "everything after the
// last number delivered" never skips one. A page that reconnects with Last-Event-ID is first given
// what it missed from the table of room events, then the live events, with nothing twice. When the
// bus connects again after an outage, every open room reads what it missed in the same way.
import type { ServerResponse } from 'node:http';
import type { FastifyBaseLogger, FastifyReply } from 'fastify';
import type { Actor, Services } from '../../platform/context.js';
import { isDatabaseUnavailable } from '../../platform/db/unavailable.js';
import { HEARTBEAT, openEventStream, sseFrame as frame, writeEvent } from '../../platform/sse.js';
import { SPEAKER_TOPIC, MEETING_TOPIC } from './commands.js';
import { currentSpeaker } from './service.js';
import { COMMENT_COLUMNS, participantCount, present } from './room-queries.js';
import { ROOM_TOPIC, type RoomSignal } from './room.js';

interface Client {
  res: ServerResponse;
  userId: number;
  staff: boolean;
  /** Events delivered while the client's missed events are still being replayed. */
  queue: Delivery[] | null;
  /** Frames without a number (speaker, meeting, counts) that came meanwhile: written after the replay. */
  later?: Buffer[];
  joinSeq: number | null;
}

/** One event as each kind of reader sees it (null: not for them). */
interface Delivery {
  seq: number;
  all: string | null;
  staff: string | null;
  authorId: number | null;
  author: string | null;
}

interface Room {
  id: number;
  clients: Set<Client>;
  lastSeq: number;
  ready: Promise<void>;
  isReady: boolean;
  dirty: boolean;
  fetching: boolean;
  timer: NodeJS.Timeout | null;
  lastFetchAt: number;
  counts: string;
}

// Several comments in one write to each page, at most this much later: with thousands of pages
// open, the writes, not the reads, are what a busy room costs.
const FETCH_EVERY_MS = 250;
const HEARTBEAT_MS = 15_000;
const COUNTS_MS = 2_000;
const MAX_REPLAY = 2_000;
const PAGE = 500;

export class LiveHub {
  private rooms = new Map<number, Room>();
  private timers: NodeJS.Timeout[] = [];
  private offs: (() => void)[] = [];
  private seen = new Set<string>();
  private newParticipants: { meeting_id: number; user_id: number; first_at: string }[] = [];

  constructor(
    private readonly services: Services,
    private readonly log: FastifyBaseLogger,
  ) {}

  start(): void {
    const { bus } = this.services;
    this.offs.push(bus.subscribe(ROOM_TOPIC, (e) => this.signal(e.payload as RoomSignal)));
    this.offs.push(
      bus.subscribe(SPEAKER_TOPIC, (e) => {
        const { meetingId } = e.payload as { meetingId: number };
        if (!this.rooms.has(meetingId)) return;
        currentSpeaker(this.services.db, meetingId).then(
          (speaker) => this.broadcast(meetingId, frame('speaker', { meetingId, speaker })),
          (err) => this.log.warn({ err }, 'live room: speaker not read'),
        );
      }),
    );
    this.offs.push(bus.subscribe(MEETING_TOPIC, (e) => this.broadcast((e.payload as { meetingId: number }).meetingId, frame('meeting', e.payload))));
    // The bus was down (a database restart): the signals of that time were lost, not the events,
    // which are in the table. Every open room reads what came after the last event it delivered.
    this.offs.push(bus.onReconnected(() => this.catchUp()));
    this.timers.push(setInterval(() => this.heartbeat(), HEARTBEAT_MS));
    this.timers.push(setInterval(() => void this.pushCounts().catch((err) => this.log.warn({ err }, 'live room: counts not read')), COUNTS_MS));
    this.timers.push(setInterval(() => void this.saveParticipants().catch((err) => this.log.warn({ err }, 'live room: participants not saved')), 1000));
    for (const t of this.timers) t.unref();
  }

  async stop(): Promise<void> {
    for (const off of this.offs) off();
    for (const t of this.timers) clearInterval(t);
    for (const room of this.rooms.values()) {
      if (room.timer) clearTimeout(room.timer);
      for (const c of room.clients) c.res.end();
    }
    this.rooms.clear();
    await this.saveParticipants().catch(() => {});
  }

  get connections(): number {
    let n = 0;
    for (const r of this.rooms.values()) n += r.clients.size;
    return n;
  }

  /** Takes over the reply and streams the room to it until the page goes away. */
  async open(reply: FastifyReply, meetingId: number, actor: Actor, staff: boolean, lastEventId: number | null): Promise<void> {
    const res = openEventStream(reply);
    const client: Client = { res, userId: actor.userId, staff, queue: [], joinSeq: null };
    const room = this.join(meetingId, client);
    res.on('close', () => this.leave(room, client));
    this.participant(meetingId, actor.userId);
    try {
      await room.ready;
      let from = lastEventId ?? client.joinSeq ?? room.lastSeq;
      // A page coming from another process may be a moment ahead of this one: it waits for the
      // events it has; only a number the room never reached starts it afresh.
      if (from > room.lastSeq && from > (await this.currentSeq(meetingId))) from = this.reset(client, room);
      else if (from < room.lastSeq) {
        const missed = await this.read(meetingId, from, MAX_REPLAY + 1);
        if (missed.length > MAX_REPLAY) from = this.reset(client, room);
        else if (missed.length) {
          this.write(client, missed.map((d) => this.textFor(client, d)).join(''));
          from = missed[missed.length - 1]!.seq;
        }
      }
      const queued = client.queue!.filter((d) => d.seq > from);
      client.queue = null;
      if (queued.length) this.write(client, queued.map((d) => this.textFor(client, d)).join(''));
      for (const data of client.later ?? []) this.write(client, data);
      client.later = undefined;
      if (room.counts) this.write(client, room.counts);
    } catch (err) {
      this.log.warn({ err }, 'live room: replay failed');
      res.end();
    }
  }

  /** Too much missed (or a number this room never had): the page reloads its comments and goes on from here. */
  private reset(client: Client, room: Room): number {
    this.write(client, frame('reset', { seq: room.lastSeq }, room.lastSeq));
    return room.lastSeq;
  }

  private async currentSeq(meetingId: number): Promise<number> {
    const row = await this.services.db.selectFrom('consultation_rooms').select('seq').where('meeting_id', '=', meetingId).executeTakeFirst();
    return row?.seq ?? 0;
  }

  private join(meetingId: number, client: Client): Room {
    let room = this.rooms.get(meetingId);
    if (!room) {
      const created: Room = { id: meetingId, clients: new Set(), lastSeq: 0, ready: Promise.resolve(), isReady: false, dirty: false, fetching: false, timer: null, lastFetchAt: 0, counts: '' };
      created.ready = this.currentSeq(meetingId).then((seq) => {
        created.lastSeq = seq;
        created.isReady = true;
        for (const c of created.clients) c.joinSeq ??= created.lastSeq;
        if (created.dirty) this.schedule(created);
      });
      this.rooms.set(meetingId, (room = created));
    } else if (room.isReady) client.joinSeq = room.lastSeq;
    room.clients.add(client);
    return room;
  }

  private leave(room: Room, client: Client): void {
    room.clients.delete(client);
    if (room.clients.size === 0 && this.rooms.get(room.id) === room) {
      if (room.timer) clearTimeout(room.timer);
      this.rooms.delete(room.id);
    }
  }

  /** Reads every open room's events after the last one delivered, as if each had been signalled. */
  catchUp(): void {
    for (const room of this.rooms.values()) {
      room.dirty = true;
      if (room.isReady) this.schedule(room);
    }
  }

  private signal(s: RoomSignal): void {
    const room = this.rooms.get(s.meetingId);
    if (!room) return;
    room.dirty = true;
    if (room.isReady && s.seq > room.lastSeq) this.schedule(room);
  }

  private schedule(room: Room): void {
    if (room.fetching || room.timer) return;
    const wait = Math.max(0, room.lastFetchAt + FETCH_EVERY_MS - Date.now());
    room.timer = setTimeout(() => {
      room.timer = null;
      void this.fetch(room);
    }, wait);
  }

  private async fetch(room: Room): Promise<void> {
    room.fetching = true;
    room.dirty = false;
    room.lastFetchAt = Date.now();
    try {
      for (;;) {
        const events = await this.read(room.id, room.lastSeq, PAGE);
        if (!events.length) break;
        room.lastSeq = events[events.length - 1]!.seq;
        this.deliver(room, events);
        if (events.length < PAGE) break;
      }
    } catch (err) {
      // While the database is down this repeats quietly; the room reads on once it answers.
      if (!isDatabaseUnavailable(err)) this.log.warn({ err }, 'live room: events not read');
      room.dirty = true;
    } finally {
      room.fetching = false;
    }
    if (room.dirty && this.rooms.get(room.id) === room) this.schedule(room);
  }

  /** The room's events after `after`, each formatted once for each kind of reader. */
  private async read(meetingId: number, after: number, limit: number): Promise<Delivery[]> {
    const { db } = this.services;
    const rows = await db
      .selectFrom('consultation_room_events as e')
      .leftJoin('consultation_comments as c', 'c.id', 'e.comment_id')
      .select(['e.seq', 'e.kind', ...COMMENT_COLUMNS.map((col) => `c.${col}` as const)])
      .where('e.meeting_id', '=', meetingId)
      .where('e.seq', '>', after)
      .orderBy('e.seq')
      .limit(limit)
      .execute();
    let settings: string | undefined;
    const out: Delivery[] = [];
    for (const r of rows) {
      const d: Delivery = { seq: r.seq, all: null, staff: null, authorId: null, author: null };
      if (r.kind === 'settings') {
        if (settings === undefined) {
          const room = await db.selectFrom('consultation_rooms').select(['stream_url', 'embed_url', 'moderation', 'open']).where('meeting_id', '=', meetingId).executeTakeFirstOrThrow();
          settings = JSON.stringify({ streamUrl: room.stream_url, embedUrl: room.embed_url, moderation: room.moderation, open: room.open === 1 });
        }
        d.all = d.staff = `id: ${r.seq}\nevent: settings\ndata: ${settings}\n\n`;
      } else if (r.id === null) {
        d.staff = frame('noop', {}, r.seq);
      } else if (r.kind === 'hidden') {
        d.all = d.staff = frame('hidden', { id: r.id }, r.seq);
      } else if (r.kind === 'likes') {
        d.staff = frame('likes', { id: r.id, likes: r.likes }, r.seq);
        if (r.state === 'visible') d.all = d.staff;
      } else {
        d.staff = frame('comment', present(r as never), r.seq);
        if (r.state === 'visible') d.all = d.staff;
        else if (r.state === 'pending') {
          d.authorId = r.author_id;
          d.author = d.staff;
        }
      }
      out.push(d);
    }
    return out;
  }

  private textFor(client: Client, d: Delivery): string {
    if (client.staff) return d.staff ?? '';
    if (d.authorId === client.userId && d.author) return d.author;
    return d.all ?? '';
  }

  private deliver(room: Room, events: Delivery[]): void {
    const same = events.every((d) => d.all === d.staff && d.author === null);
    // Encoded once for every page rather than once per page.
    const shared = same ? Buffer.from(events.map((d) => d.all ?? '').join('')) : null;
    for (const client of room.clients) {
      if (client.queue) client.queue.push(...events);
      else this.write(client, shared ?? events.map((d) => this.textFor(client, d)).join(''));
    }
  }

  private broadcast(meetingId: number, text: string): void {
    const room = this.rooms.get(meetingId);
    const data = Buffer.from(text);
    if (!room) return;
    for (const c of room.clients) {
      if (c.queue) (c.later ??= []).push(data);
      else this.write(c, data);
    }
  }

  private write(client: Client, text: string | Buffer): void {
    // A page that stopped reading is let go (writeEvent); it reconnects and replays.
    writeEvent(client.res, text);
  }

  private heartbeat(): void {
    for (const room of this.rooms.values()) for (const c of room.clients) this.write(c, HEARTBEAT);
  }

  private async pushCounts(): Promise<void> {
    for (const room of [...this.rooms.values()]) {
      const [participants, row] = await Promise.all([
        participantCount(this.services.db, room.id),
        this.services.db.selectFrom('consultation_rooms').select('visible_comments').where('meeting_id', '=', room.id).executeTakeFirst(),
      ]);
      const text = frame('counts', { participants, comments: row?.visible_comments ?? 0 });
      if (text === room.counts) continue;
      room.counts = text;
      this.broadcast(room.id, text);
    }
  }

  /** Opening the stream makes a participant; written in batches, since a crowd opens the room at once. */
  private participant(meetingId: number, userId: number): void {
    const key = `${meetingId}:${userId}`;
    if (this.seen.has(key)) return;
    if (this.seen.size > 500_000) this.seen.clear();
    this.seen.add(key);
    this.newParticipants.push({ meeting_id: meetingId, user_id: userId, first_at: new Date().toISOString() });
  }

  async saveParticipants(): Promise<void> {
    while (this.newParticipants.length) {
      const rows = this.newParticipants.splice(0, 500);
      await this.services.db
        .insertInto('consultation_room_participants')
        .values(rows)
        .onConflict((oc) => oc.columns(['meeting_id', 'user_id']).doNothing())
        .execute();
    }
  }
}
