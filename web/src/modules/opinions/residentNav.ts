// Where a resident is, without a router: main.tsx asks residentPage() whether to load the
// resident's small app (resident.tsx) instead of the office app, and resident.tsx which page to
// show. react-router is one large module shared with the office app, so it is left out there.
// No React here: main.tsx imports this file, and its own chunk stays a few hundred bytes.

export interface ResidentPage {
  page: 'scan' | 'track' | 'hall' | 'hall-checkin' | 'lounge' | 'lounge-checkin';
  code: string;
}

const decoded = (code: string) => {
  try {
    return decodeURIComponent(code);
  } catch {
    // a malformed escape is kept as typed: the server answers that it knows no such code
    return code;
  }
};

/**
 * `/q/<code>` (the place's QR code), `/track` or `/track/<tracking code>`, `/hall/<place id>` (a
 * hall's public page), `/hall` (the public index of halls), `/hall/checkin/<token>` (a session's
 * check-in code), `/lounge/<place id>` (a lounge's public page), `/lounge/checkin/<token>` (a lounge
 * event's check-in code); null for any other path.
 */
export function residentPage(pathname: string): ResidentPage | null {
  const checkin = /^\/hall\/checkin\/([^/]+)\/?$/.exec(pathname);
  if (checkin) return { page: 'hall-checkin', code: decoded(checkin[1]!) };
  const lounge = /^\/lounge\/(checkin\/)?([^/]+)\/?$/.exec(pathname);
  if (lounge) return { page: lounge[1] ? 'lounge-checkin' : 'lounge', code: decoded(lounge[2]!) };
  const m = /^\/(q|track|hall)(?:\/([^/]+))?\/?$/.exec(pathname);
  if (!m || (m[1] === 'q' && !m[2])) return null;
  return { page: m[1] === 'q' ? 'scan' : m[1] === 'hall' ? 'hall' : 'track', code: decoded(m[2] ?? '') };
}

/** Opens another of the resident's pages without reloading; the back button returns. */
export function go(to: string): void {
  window.history.pushState(null, '', to);
  window.dispatchEvent(new PopStateEvent('popstate'));
}
