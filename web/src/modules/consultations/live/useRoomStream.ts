// The comment stream of a room: the newest page, older pages on demand, and everything the server
// pushes afterwards. The page starts the stream from the room's event number it read with the
// room, so nothing between the two is missed; after a dropped connection the browser reconnects
// with Last-Event-ID and the server replays what was missed.
import { useCallback, useEffect, useRef, useState } from 'react';
import { roomApi, type Room, type RoomComment, type RoomCounts, type RoomSettings } from './api';

export interface Speaker {
  speechId: number;
  title: string;
  memberName: string;
}
export type Connection = 'connecting' | 'live' | 'reconnecting' | 'closed';

export interface RoomStream {
  comments: RoomComment[];
  olderCursor: string | null;
  loadingOlder: boolean;
  loadOlder: () => void;
  counts: RoomCounts | null;
  settings: RoomSettings | null;
  speaker: Speaker | null | undefined;
  connection: Connection;
  /** Applies a change the user made here at once (the pushed event confirms it). */
  patch: (id: number, change: Partial<RoomComment>) => void;
  remove: (id: number) => void;
}

const byNewest = (a: RoomComment, b: RoomComment) => b.id - a.id;

export function useRoomStream(room: Room | undefined, onMeetingChange: () => void): RoomStream {
  const [map, setMap] = useState<Map<number, RoomComment>>(() => new Map());
  const [olderCursor, setOlderCursor] = useState<string | null>(null);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [counts, setCounts] = useState<RoomCounts | null>(null);
  const [settings, setSettings] = useState<RoomSettings | null>(null);
  const [speaker, setSpeaker] = useState<Speaker | null | undefined>(undefined);
  const [connection, setConnection] = useState<Connection>('connecting');
  const meetingChanged = useRef(onMeetingChange);
  meetingChanged.current = onMeetingChange;
  const meetingId = room?.meetingId;
  const startSeq = useRef<number | null>(null);
  const firstPinned = useRef<RoomComment[]>([]);
  if (room && startSeq.current === null) {
    startSeq.current = room.seq;
    firstPinned.current = room.pinned;
  }

  const upsert = useCallback((list: RoomComment[], replace = false) => {
    setMap((old) => {
      const next = replace ? new Map<number, RoomComment>() : new Map(old);
      for (const c of list) {
        if (c.state === 'hidden') next.delete(c.id);
        // likedByMe is the reader's own: a pushed comment does not know it.
        else next.set(c.id, { ...c, likedByMe: old.get(c.id)?.likedByMe ?? c.likedByMe });
      }
      return next;
    });
  }, []);
  const patch = useCallback((id: number, change: Partial<RoomComment>) => {
    setMap((old) => {
      const c = old.get(id);
      if (!c) return old;
      const next = new Map(old);
      next.set(id, { ...c, ...change });
      return next;
    });
  }, []);
  const remove = useCallback((id: number) => {
    setMap((old) => {
      if (!old.has(id)) return old;
      const next = new Map(old);
      next.delete(id);
      return next;
    });
  }, []);

  const loadFirst = useCallback(
    async (id: number) => {
      const page = await roomApi.comments(id);
      // Pinned comments stay on top even when they are older than the first page.
      upsert([...firstPinned.current, ...page.items], true);
      setOlderCursor(page.nextCursor);
    },
    [upsert],
  );

  useEffect(() => {
    if (!room) return;
    setCounts((c) => c ?? room.counts);
    setSettings((s) => s ?? room.settings);
  }, [room]);

  useEffect(() => {
    if (meetingId === undefined || startSeq.current === null) return;
    let stopped = false;
    void loadFirst(meetingId).catch(() => undefined);
    const source = new EventSource(roomApi.liveUrl(meetingId, startSeq.current));
    const on = (name: string, handle: (data: never) => void) =>
      source.addEventListener(name, (e) => {
        if (!stopped) handle(JSON.parse((e as MessageEvent<string>).data) as never);
      });
    source.onopen = () => setConnection('live');
    source.onerror = () => setConnection(source.readyState === EventSource.CLOSED ? 'closed' : 'reconnecting');
    on('comment', (c: RoomComment) => upsert([c]));
    on('hidden', (d: { id: number }) => remove(d.id));
    on('likes', (d: { id: number; likes: number }) => patch(d.id, { likes: d.likes }));
    on('settings', (s: RoomSettings) => setSettings(s));
    on('counts', (c: RoomCounts) => setCounts(c));
    on('speaker', (d: { speaker: Speaker | null }) => setSpeaker(d.speaker));
    on('meeting', () => meetingChanged.current());
    on('reset', () => void loadFirst(meetingId).catch(() => undefined));
    return () => {
      stopped = true;
      source.close();
    };
  }, [meetingId, loadFirst, upsert, patch, remove]);

  const loadOlder = useCallback(() => {
    if (meetingId === undefined || !olderCursor) return;
    setLoadingOlder(true);
    roomApi
      .comments(meetingId, olderCursor)
      .then((page) => {
        upsert(page.items);
        setOlderCursor(page.nextCursor);
      })
      .catch(() => undefined)
      .finally(() => setLoadingOlder(false));
  }, [meetingId, olderCursor, upsert]);

  return { comments: [...map.values()].sort(byNewest), olderCursor, loadingOlder, loadOlder, counts, settings, speaker, connection, patch, remove };
}
