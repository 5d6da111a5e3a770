// Pages of a room's comments for its readers, kept written out in memory. At a busy consultation
// thousands of pages read the same newest 50 comments; each page is built once per change of the
// room (every process learns of changes through the bus signal that follows each event) and then
// only the reader's own part is added: which comments they liked, and their comments still
// waiting for approval. The common page is also kept gzip-compressed for the clients that accept
// it (every browser): about a tenth of the bytes for phones to fetch and for the server to write.
import { gzipSync } from 'node:zlib';
import type { Services } from '../../platform/context.js';
import { COMMENT_COLUMNS, present, type CommentRow } from './room-queries.js';
import { onSignalHere, ROOM_TOPIC, type RoomSignal } from './room.js';

interface Item {
  id: number;
  /** The comment as JSON up to the reader's own field, and after it. */
  head: string;
}
interface Page {
  seq: number;
  at: number;
  items: Item[];
  nextCursor: string | null;
  total: number;
  /** The whole answer for a reader with no likes and nothing waiting: most readers. */
  plain?: Buffer;
  plainGzip?: Buffer;
}
interface Marks {
  seq: number;
  at: number;
  likers: Set<number>;
  waiting: Set<number>;
}

/** A page read from the database is trusted this long even when no signal says the room changed (a lost signal heals). */
const MAX_AGE_MS = 3000;
const MAX_PAGES = 5000;

export class CommentPages {
  private known = new Map<number, number>();
  private pages = new Map<string, Page>();
  /** Reads in flight, with the room's number known when each began: one begun before a change is not shared after it. */
  private loading = new Map<string, { known: number; page: Promise<Page> }>();
  private marks = new Map<number, Marks>();
  private marksLoading = new Map<number, { known: number; marks: Promise<Marks> }>();

  constructor(private readonly services: Services) {}

  start(): () => void {
    const note = ({ meetingId, seq }: RoomSignal) => {
      if (seq > (this.known.get(meetingId) ?? 0)) this.known.set(meetingId, seq);
    };
    // After the bus was down, signals may have been lost: every page kept is read again.
    const forget = () => {
      this.pages.clear();
      this.marks.clear();
    };
    const offs = [this.services.bus.subscribe(ROOM_TOPIC, (e) => note(e.payload as RoomSignal)), onSignalHere(this.services, note), this.services.bus.onReconnected(forget)];
    return () => offs.forEach((off) => off());
  }

  private fresh(entry: { seq: number; at?: number }, meetingId: number): boolean {
    const known = this.known.get(meetingId);
    if (known !== undefined && known > entry.seq) return false;
    return entry.at === undefined || Date.now() - entry.at < MAX_AGE_MS;
  }

  /**
   * The page of visible comments as JSON text, newest first, with the reader's likes and own
   * pending comments; gzip-compressed (`gzipped`) when the reader accepts it and it is the common page.
   */
  async json(meetingId: number, userId: number, cursor: number | null, limit: number, acceptsGzip = false): Promise<{ body: string | Buffer; gzipped: boolean }> {
    const page = await this.page(meetingId, cursor, limit);
    const marks = await this.userMarks(meetingId);
    if (!marks.waiting.has(userId) && !marks.likers.has(userId)) {
      page.plain ??= Buffer.from(render(page, page.items, new Set()));
      if (!acceptsGzip) return { body: page.plain, gzipped: false };
      return { body: (page.plainGzip ??= gzipSync(page.plain)), gzipped: true };
    }
    let items = page.items;
    let liked = new Set<number>();
    const { db } = this.services;
    if (marks.waiting.has(userId)) {
      // Their own comments awaiting approval, among the visible ones of the same range.
      const last = page.nextCursor ? Number(page.nextCursor) : 0;
      let q = db.selectFrom('consultation_comments').select(COMMENT_COLUMNS).where('meeting_id', '=', meetingId).where('author_id', '=', userId).where('state', '=', 'pending').where('id', '>', last);
      if (cursor) q = q.where('id', '<', cursor);
      const own = (await q.execute()).map(itemOf);
      items = [...items, ...own].sort((a, b) => b.id - a.id);
    }
    if (marks.likers.has(userId) && items.length) {
      const rows = await db.selectFrom('consultation_comment_likes').select('comment_id').where('user_id', '=', userId).where('comment_id', 'in', items.map((i) => i.id)).execute();
      liked = new Set(rows.map((r) => r.comment_id));
    }
    return { body: render(page, items, liked), gzipped: false };
  }

  private page(meetingId: number, cursor: number | null, limit: number): Promise<Page> {
    const key = `${meetingId}:${cursor ?? ''}:${limit}`;
    const hit = this.pages.get(key);
    if (hit && this.fresh(hit, meetingId)) return Promise.resolve(hit);
    const known = this.known.get(meetingId) ?? 0;
    const pending = this.loading.get(key);
    if (pending && pending.known === known) return pending.page;
    const page = this.load(meetingId, cursor, limit).finally(() => this.loading.get(key)?.page === page && this.loading.delete(key));
    this.loading.set(key, { known, page });
    return page;
  }

  private async load(meetingId: number, cursor: number | null, limit: number): Promise<Page> {
    const { db } = this.services;
    // The room's number first: rows read after it are at least as new, so a later signal never finds a page newer than its number says.
    const room = await db.selectFrom('consultation_rooms').select(['seq', 'visible_comments']).where('meeting_id', '=', meetingId).executeTakeFirst();
    let q = db.selectFrom('consultation_comments').select(COMMENT_COLUMNS).where('meeting_id', '=', meetingId).where('state', '=', 'visible');
    if (cursor) q = q.where('id', '<', cursor);
    const rows = await q.orderBy('id', 'desc').limit(limit + 1).execute();
    const more = rows.length > limit;
    const shown = more ? rows.slice(0, limit) : rows;
    const page: Page = { seq: room?.seq ?? 0, at: Date.now(), items: shown.map(itemOf), nextCursor: more ? String(shown[shown.length - 1]!.id) : null, total: room?.visible_comments ?? 0 };
    if (this.pages.size >= MAX_PAGES) this.pages.clear();
    this.pages.set(`${meetingId}:${cursor ?? ''}:${limit}`, page);
    return page;
  }

  /** Who has liked something in the room, and who has comments waiting: only their pages need a query of their own. */
  private userMarks(meetingId: number): Promise<Marks> {
    const hit = this.marks.get(meetingId);
    if (hit && this.fresh(hit, meetingId)) return Promise.resolve(hit);
    const known = this.known.get(meetingId) ?? 0;
    const pending = this.marksLoading.get(meetingId);
    if (pending && pending.known === known) return pending.marks;
    const marks = this.loadMarks(meetingId).finally(() => this.marksLoading.get(meetingId)?.marks === marks && this.marksLoading.delete(meetingId));
    this.marksLoading.set(meetingId, { known, marks });
    return marks;
  }

  private async loadMarks(meetingId: number): Promise<Marks> {
    const { db } = this.services;
    const room = await db.selectFrom('consultation_rooms').select('seq').where('meeting_id', '=', meetingId).executeTakeFirst();
    const [likers, waiting] = await Promise.all([
      db.selectFrom('consultation_comment_likes as l').innerJoin('consultation_comments as c', 'c.id', 'l.comment_id').select('l.user_id').distinct().where('c.meeting_id', '=', meetingId).execute(),
      db.selectFrom('consultation_comments').select('author_id').distinct().where('meeting_id', '=', meetingId).where('state', '=', 'pending').execute(),
    ]);
    const marks = { seq: room?.seq ?? 0, at: Date.now(), likers: new Set(likers.map((r) => r.user_id)), waiting: new Set(waiting.map((r) => r.author_id)) };
    if (this.marks.size >= MAX_PAGES) this.marks.clear();
    this.marks.set(meetingId, marks);
    return marks;
  }
}

function render(page: Page, items: Item[], liked: Set<number>): string {
  const body = items.map((i) => i.head + (liked.has(i.id) ? 'true}' : 'false}')).join(',');
  return `{"items":[${body}],"nextCursor":${page.nextCursor === null ? 'null' : `"${page.nextCursor}"`},"total":${page.total}}`;
}

function itemOf(row: CommentRow): Item {
  const { likedByMe: _mine, ...rest } = present(row);
  return { id: row.id, head: JSON.stringify(rest).slice(0, -1) + ',"likedByMe":' };
}
