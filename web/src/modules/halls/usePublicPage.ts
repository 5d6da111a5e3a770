// The public place pages (a hall, a lounge) load the same way: the page once and again after each
// action a resident takes, the error of a failed load or action shown in place, the note of one
// that worked, and a 401 meaning "sign in here" rather than a trip to the office app's login.
import { useEffect, useState } from 'react';
import { setUnauthenticatedHandler } from '../../api/client';
import { problemMessage } from '../../api/errors';
import { useLocale } from '../../i18n/LocaleProvider';

export const SECONDARY = 'rgba(0, 0, 0, 0.45)';
export const when = (at: string, lang: string) => new Date(at).toLocaleString(lang === 'en' ? 'en-GB' : 'zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'medium', timeStyle: 'short' });
const signedInCookie = () => document.cookie.split(';').some((c) => c.trim().startsWith('sl_csrf='));

/** `fetch` reads the page of the place `placeId`. */
export function usePublicPage<T>(placeId: number, fetch: (placeId: number) => Promise<T>) {
  const { lang } = useLocale();
  const [page, setPage] = useState<T | null>(null);
  const [error, setError] = useState<string[]>([]);
  const [signedIn, setSignedIn] = useState(signedInCookie);
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = async () => {
    try {
      setPage(await fetch(placeId));
    } catch (e) {
      setError([problemMessage(e, lang)]);
    }
  };
  useEffect(() => {
    setUnauthenticatedHandler(() => setSignedIn(false));
    void load();
  }, [placeId]);

  /** Runs a resident's action, then reloads the page; says whether it worked. */
  const act = async (work: () => Promise<unknown>, done?: string) => {
    setError([]);
    setBusy(true);
    try {
      await work();
      if (done) setNote(done);
      await load();
      return true;
    } catch (e) {
      setError([problemMessage(e, lang)]);
      return false;
    } finally {
      setBusy(false);
    }
  };
  /** After signing in on the page itself. */
  const signedInNow = () => {
    setSignedIn(true);
    void load();
  };
  return { page, error, note, busy, signedIn, act, signedInNow };
}
