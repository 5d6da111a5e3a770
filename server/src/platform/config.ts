// Configuration from the environment, read once at start. Tests build their own Config.
import path from 'node:path';
import type { ReconnectPolicy } from './events.js';
import type { OutboxOptions } from './outbox.js';

export interface RateLimit {
  max: number;
  windowMs: number;
}

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** postgres://… switches to PostgreSQL; otherwise SQLite in dataDir. */
  databaseUrl: string | null;
  demoPassword: string | null;
  /**
   * Whether an empty database is filled with the demo data. Never in production: with
   * NODE_ENV=production it is false whatever SHANGLIANG_SEED says, so demo accounts cannot appear
   * on a real install. Without demo data an empty database prints a one-time set-up link instead.
   */
  seedDemo: boolean;
  /** City members in the demo data; benchmarks ask for 20,000. */
  demoCityMembers: number | null;
  /** Share of a real city's year of proposals, reports and meetings in the demo data (1 = a whole year). */
  demoScale: number;
  /** Served at / when present. */
  webDist: string;
  bodyLimit: number;
  uploadLimit: number;
  secureCookies: boolean;
  session: { idleMs: number; absoluteMs: number };
  /**
   * Wrong passwords within `windowMs`: from `challengeAfter` per username (or `sourceChallengeAfter`
   * per address) a sign-in needs a solved challenge; at `attempts` the username is locked for `lockMs`.
   */
  lockout: { attempts: number; lockMs: number; windowMs: number; challengeAfter: number; sourceChallengeAfter: number };
  /** null turns rate limiting off (benchmarks only). */
  rateLimits: { login: RateLimit; register: RateLimit; publicWrite: RateLimit } | null;
  logLevel: string;
  jobs: boolean;
  /** Member list answers kept in memory (off: every search goes to the database; benchmarks' cold figure). */
  listCache: boolean;
  /** Queries slower than this many milliseconds are written to stderr (SHANGLIANG_SLOW_QUERY_MS); null: none. */
  slowQueryMs: number | null;
  /** Where residents reach the web app: QR codes and tracking links point here. */
  publicBaseUrl: string | null;
  /** Leading zero bits the public forms' proof-of-work must find; 0 turns it off (tests, benchmarks). */
  challengeBits: number;
  /** smtp://user:pass@host:port (or smtps://…) turns e-mail on; null sends in-app notifications only. */
  smtpUrl: string | null;
  /** The sender of every e-mail. */
  mailFrom: string;
  /** How the event bus connects again after PostgreSQL went away (defaults: 0.5 s doubling to 30 s); tests shorten it. */
  busReconnect?: Partial<ReconnectPolicy>;
  /** The outbox worker's lease and polling (defaults in outbox.ts); tests shorten them. */
  outbox?: Partial<OutboxOptions>;
}

const minutes = (n: number) => n * 60_000;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = path.resolve(env.SHANGLIANG_DATA_DIR ?? 'data');
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    dataDir,
    databaseUrl: env.DATABASE_URL || null,
    demoPassword: env.SHANGLIANG_DEMO_PASSWORD || null,
    seedDemo: env.NODE_ENV !== 'production' && env.SHANGLIANG_SEED !== 'none',
    demoCityMembers: env.SHANGLIANG_DEMO_CITY_MEMBERS ? Number(env.SHANGLIANG_DEMO_CITY_MEMBERS) : null,
    demoScale: Math.min(1, Math.max(0.05, Number(env.SHANGLIANG_DEMO_SCALE ?? 1) || 1)),
    webDist: path.resolve(env.SHANGLIANG_WEB_DIST ?? 'web/dist'),
    bodyLimit: 1024 * 1024,
    uploadLimit: Number(env.SHANGLIANG_UPLOAD_LIMIT ?? 10 * 1024 * 1024),
    secureCookies: env.SHANGLIANG_SECURE_COOKIES === '1',
    session: { idleMs: minutes(30), absoluteMs: minutes(12 * 60) },
    lockout: { attempts: 5, lockMs: minutes(15), windowMs: minutes(15), challengeAfter: 3, sourceChallengeAfter: 10 },
    rateLimits:
      env.SHANGLIANG_RATE_LIMITS === 'off'
        ? null
        : {
            login: { max: 20, windowMs: minutes(1) },
            register: { max: 5, windowMs: minutes(10) },
            publicWrite: { max: 30, windowMs: minutes(1) },
          },
    logLevel: env.LOG_LEVEL ?? 'info',
    jobs: env.SHANGLIANG_JOBS !== 'off',
    listCache: env.SHANGLIANG_LIST_CACHE !== 'off',
    slowQueryMs: env.SHANGLIANG_SLOW_QUERY_MS ? Number(env.SHANGLIANG_SLOW_QUERY_MS) : null,
    publicBaseUrl: env.SHANGLIANG_PUBLIC_URL ? env.SHANGLIANG_PUBLIC_URL.replace(/\/+$/, '') : null,
    challengeBits: Number(env.SHANGLIANG_CHALLENGE_BITS ?? 16),
    smtpUrl: env.SHANGLIANG_SMTP_URL || null,
    mailFrom: env.SHANGLIANG_MAIL_FROM || '商量 Shangliang <noreply@localhost>',
  };
}
