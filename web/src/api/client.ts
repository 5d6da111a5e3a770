import type { Problem } from './types';

/** A failed request, carrying the server's problem+json (or one made up for network failures). */
export class ApiError extends Error {
  readonly problem: Problem;
  /** Set when the body came with the error (the import answers 422 with its preview rows). */
  readonly body: unknown;

  constructor(problem: Problem, body?: unknown) {
    super(problem.title_en || problem.title);
    this.problem = problem;
    this.body = body;
  }

  get status(): number {
    return this.problem.status;
  }

  get code(): string {
    return this.problem.code;
  }
}

export type Query = Record<string, string | number | boolean | null | undefined>;

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function readCookie(name: string): string | null {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return null;
}

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

let onUnauthenticated: () => void = () => {
  window.location.assign('/login');
};

let onPasswordChangeRequired: () => void = () => {
  window.location.assign('/change-password');
};

/** A user with an initial password is sent to change it; the app navigates instead of reloading. */
export function setPasswordChangeHandler(handler: () => void): void {
  onPasswordChangeRequired = handler;
}

/** The app replaces the default full reload with a router navigation. */
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

// A wrong password is a 401 too, but it must stay on the login form, not bounce to it.
const STAYS_ON_PAGE = new Set(['invalid_credentials', 'account_locked']);

async function toProblem(res: Response): Promise<{ problem: Problem; body: unknown }> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    body = null;
  }
  const b = body as Partial<Problem> | null;
  if (b && typeof b === 'object' && typeof b.code === 'string' && typeof b.title === 'string') {
    return { problem: { ...b, status: res.status } as Problem, body };
  }
  return {
    problem: {
      status: res.status,
      code: res.status === 404 ? 'not_found' : 'http_error',
      title: `请求失败（${res.status}）`,
      title_en: `Request failed (${res.status})`,
    },
    body,
  };
}

export async function request<T>(method: string, path: string, options: { query?: Query; body?: unknown } = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) {
    body = options.body; // the browser sets the multipart boundary itself
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (UNSAFE.has(method)) {
    const csrf = readCookie('sl_csrf');
    if (csrf) headers['X-CSRF-Token'] = csrf;
  }

  let res: Response;
  try {
    res = await fetch(withQuery(path, options.query), { method, headers, body, credentials: 'same-origin' });
  } catch {
    throw new ApiError({ status: 0, code: 'network_error', title: '无法连接服务器', title_en: 'Cannot reach the server' });
  }

  if (res.ok) {
    if (res.status === 204) return undefined as T;
    const type = res.headers.get('content-type') ?? '';
    return (type.includes('json') ? await res.json() : await res.text()) as T;
  }

  const { problem, body: errorBody } = await toProblem(res);
  if (res.status === 401 && !STAYS_ON_PAGE.has(problem.code)) onUnauthenticated();
  if (res.status === 403 && problem.code === 'password_change_required') onPasswordChangeRequired();
  throw new ApiError(problem, errorBody);
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, { query }),
  post: <T>(path: string, body?: unknown, query?: Query) => request<T>('POST', path, { body, query }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  delete: <T>(path: string) => request<T>('DELETE', path),
  /** One file as multipart/form-data, in the field the server reads ("file"). */
  upload: <T>(path: string, file: File, query?: Query) => {
    const form = new FormData();
    form.append('file', file);
    return request<T>('POST', path, { body: form, query });
  },
};
