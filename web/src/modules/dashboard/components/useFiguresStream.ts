// The big screen's connection: the figures as the server streams them (api/dashboard.ts liveUrl),
// whether the stream is live, and when figures last came. EventSource reconnects by itself after
// a cut; when the server refused outright (the stream is then closed for good) it is opened
// again after a pause, so that a wall display left alone for days comes back on its own.
import { useEffect, useRef, useState } from 'react';

export type Connection = 'connecting' | 'live' | 'lost';
const REOPEN_MS = 10_000;

/** `onRefused`: the server refused the stream (it says no more: a session that ran out, say); the page asks again to learn why. */
export function useFiguresStream<T>(url: string | null, onRefused?: () => void) {
  const refused = useRef(onRefused);
  refused.current = onRefused;
  const [figures, setFigures] = useState<T | null>(null);
  const [connection, setConnection] = useState<Connection>('connecting');
  const [updatedAt, setUpdatedAt] = useState<string | null>(null);

  useEffect(() => {
    if (!url) return;
    let source: EventSource | null = null;
    let reopen: number | undefined;
    let stopped = false;
    const open = () => {
      const s = new EventSource(url);
      source = s;
      s.onopen = () => setConnection('live');
      s.addEventListener('figures', (e) => {
        if (stopped) return;
        setFigures(JSON.parse((e as MessageEvent<string>).data) as T);
        setUpdatedAt(new Date().toISOString());
        setConnection('live');
      });
      s.onerror = () => {
        if (stopped) return;
        setConnection('lost');
        if (s.readyState === EventSource.CLOSED) {
          s.close();
          refused.current?.();
          reopen = window.setTimeout(open, REOPEN_MS);
        }
      };
    };
    open();
    return () => {
      stopped = true;
      window.clearTimeout(reopen);
      source?.close();
    };
  }, [url]);

  return { figures, connection, updatedAt };
}
