// Where people reach the web app: QR posters, check-in codes and tracking links point there. Set
// SHANGLIANG_PUBLIC_URL and that address is used everywhere. Without it, an address printed for a
// request is the one that request came by (a phone on the office network scanning a poster made
// from http://192.168.1.20:3000 reaches the same server); X-Forwarded-Proto and -Host count only
// behind a trusted proxy (SHANGLIANG_TRUST_PROXY=1), since Fastify reads them only then.
import type { FastifyRequest } from 'fastify';
import type { Config } from './config.js';

/** The address printed where no request is at hand (the set-up link at start, e-mails). */
export const configuredBaseUrl = (config: Config) => config.publicBaseUrl ?? `http://localhost:${config.port}`;

/** The address to print in the answer to this request. */
export const requestBaseUrl = (req: FastifyRequest, config: Config) => config.publicBaseUrl ?? `${req.protocol}://${req.host}`;
