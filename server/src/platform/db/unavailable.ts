// Whether an error means "the database cannot be reached right now" rather than "this query is
// wrong": a PostgreSQL restart, a dropped connection, a refused or timed-out connect, or SQLite
// still locked by another writer after the busy timeout. Such errors are answered 503 with
// Retry-After (platform/http.ts) instead of a 500, and they mark the database down for the
// health routes.

/** Error codes of the network and the drivers that mean the connection, not the query, failed. */
const CONNECTION_CODES = new Set([
  // PostgreSQL: the server is shutting down or restarting (admin_shutdown, crash_shutdown,
  // cannot_connect_now), out of connection slots.
  '57P01',
  '57P02',
  '57P03',
  '53300',
  // Sockets.
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  // SQLite: another connection holds the lock beyond the busy timeout.
  'SQLITE_BUSY',
  'SQLITE_BUSY_RECOVERY',
  'SQLITE_BUSY_SNAPSHOT',
  'SQLITE_BUSY_TIMEOUT',
]);

/** Messages of node-postgres and its pool that carry no code. */
const CONNECTION_MESSAGES = [
  /connection terminated/i,
  /terminating connection due to administrator command/i,
  /the database system is (shutting down|starting up|in recovery mode)/i,
  /timeout exceeded when trying to connect/i,
  /connection timeout/i,
  /is not queryable/i,
  /cannot use a pool after calling end/i,
  /client has encountered a connection error/i,
  /database is locked/i,
];

interface ErrorLike {
  code?: unknown;
  message?: unknown;
  cause?: unknown;
  errors?: unknown;
}

export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 5) return false;
  const e = err as ErrorLike;
  if (typeof e.code === 'string') {
    // SQLSTATE class 08: connection exception (08000, 08001, 08003, 08004, 08006, 08P01…).
    if (/^08[0-9A-Z]{3}$/.test(e.code) || CONNECTION_CODES.has(e.code)) return true;
  }
  if (typeof e.message === 'string' && CONNECTION_MESSAGES.some((re) => re.test(e.message as string))) return true;
  if (e.cause && isDatabaseUnavailable(e.cause, depth + 1)) return true;
  // A connect that tried several addresses (AggregateError of ECONNREFUSED).
  return Array.isArray(e.errors) && e.errors.some((x) => isDatabaseUnavailable(x, depth + 1));
}

/** Seconds a client should wait before trying again while the database is unreachable. */
export const RETRY_AFTER_SECONDS = 5;
