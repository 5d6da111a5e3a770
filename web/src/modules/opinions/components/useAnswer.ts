import { useEffect, useState } from 'react';
import { ApiError } from '../../../api/client';

export interface Answer<T> {
  data?: T;
  error?: unknown;
  loading: boolean;
}

/**
 * The answer of one request, for the resident's pages, which do without react-query (less for a
 * phone to download). Like the office app's queries, a failure that is not the request's own
 * (network, server error) is tried twice more, after 1 s and 2 s. `load` null: nothing to ask.
 */
export function useAnswer<T>(load: (() => Promise<T>) | null, key: string): Answer<T> {
  const [answer, setAnswer] = useState<Answer<T> & { key: string }>({ key, loading: !!load });
  useEffect(() => {
    if (!load) return;
    let live = true;
    setAnswer({ key, loading: true });
    void (async () => {
      for (let attempt = 1; ; attempt++) {
        try {
          const data = await load();
          if (live) setAnswer({ key, data, loading: false });
          return;
        } catch (error) {
          const final = attempt >= 3 || (error instanceof ApiError && error.status >= 400 && error.status < 500);
          if (final) {
            if (live) setAnswer({ key, error, loading: false });
            return;
          }
          await new Promise((r) => setTimeout(r, 1000 * attempt));
          if (!live) return;
        }
      }
    })();
    return () => {
      live = false;
    };
    // `load` is a new function on every render; `key` says when it asks something else.
  }, [key]);
  // Until the effect has run for a new key, the previous key's answer is not shown as this one's.
  return answer.key === key ? answer : { loading: !!load };
}
