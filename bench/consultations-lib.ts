// Helpers of the live-room benchmark (bench/consultations.ts): signed-in sessions with their CSRF
// token, an online meeting in progress, accounts of the public, and the server's memory.
import fs from 'node:fs';

export interface Session {
  cookie: string;
  csrf: string;
}

export async function signIn(url: string, username: string, password: string): Promise<Session> {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (!res.ok) throw new Error(`login as ${username} failed: ${res.status} ${await res.text()}`);
  const pairs = res.headers.getSetCookie().map((c) => c.split(';')[0]!);
  const csrf = pairs.find((p) => p.startsWith('sl_csrf='))?.slice('sl_csrf='.length);
  if (!csrf) throw new Error('login answered without an sl_csrf cookie');
  return { cookie: pairs.join('; '), csrf: decodeURIComponent(csrf) };
}

export const headers = (s: Session) => ({ cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' });

export async function call<T>(url: string, s: Session, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(url + path, { method, headers: headers(s), body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** An online thematic consultation, published and started, taking comments without moderation. */
export async function liveMeeting(url: string, staff: Session): Promise<number> {
  const { id } = await call<{ id: number }>(url, staff, 'POST', '/api/consultations/meetings', {
    type: 'thematic',
    topic: '推进城乡养老服务一体化网络议政（压力测试）',
    startsAt: new Date(Date.now() - 10 * 60_000).toISOString(),
    endsAt: new Date(Date.now() + 12 * 3600_000).toISOString(),
    place: '市民中心第一会议室',
    online: true,
    agenda: [{ title: '通报情况' }, { title: '委员、群众代表发言' }],
  });
  await call(url, staff, 'POST', `/api/consultations/meetings/${id}/publish`, {});
  await call(url, staff, 'POST', `/api/consultations/meetings/${id}/start`, {});
  await call(url, staff, 'PUT', `/api/consultations/meetings/${id}/room`, { moderation: 'post', open: true });
  return id;
}

/** `count` public accounts, signed in: the SSE clients spread over them. */
export async function publicSessions(url: string, admin: Session, password: string, count: number): Promise<Session[]> {
  const me = await call<{ organization: { id: number } }>(url, admin, 'GET', '/api/me');
  const out: Session[] = [];
  for (let i = 0; i < count; i++) {
    const username = `viewer${i}`;
    await call(url, admin, 'POST', '/api/accounts', { username, displayName: `观众${i}`, password, organizationId: me.organization.id, roles: ['public'] });
    out.push(await signIn(url, username, password));
  }
  return out;
}

export async function visibleComments(url: string, s: Session, meetingId: number): Promise<number> {
  return (await call<{ counts: { comments: number } }>(url, s, 'GET', `/api/consultations/meetings/${meetingId}/room`)).counts.comments;
}

/** Resident memory of a process in MB (Linux /proc; null elsewhere). */
export function rssMb(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const line = fs.readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
    return line ? Number(line.replace(/[^0-9]/g, '')) / 1024 : null;
  } catch {
    return null;
  }
}

/** A comment that carries the time it was sent, so that each client can tell how late it came. */
export const stamped = (i: number) => `第${i}条：建议增加社区助餐点，方便老年人就餐。#t=${Date.now()}#`;

/** Percentile from a histogram of whole milliseconds. */
export function percentile(hist: ArrayLike<number>, p: number): number | null {
  let total = 0;
  for (let i = 0; i < hist.length; i++) total += hist[i]!;
  if (!total) return null;
  const rank = Math.ceil(total * p);
  let seen = 0;
  for (let i = 0; i < hist.length; i++) {
    seen += hist[i]!;
    if (seen >= rank) return i;
  }
  return hist.length - 1;
}
