// Open cases of an organization, counted by each module that keeps cases (proposals in handling,
// reports not yet screened, meetings ahead, suggestions not answered): an organization that still
// has any cannot be retired, since nobody would be left to finish them.
import type { Trx } from './context.js';

export interface OpenCaseCount {
  /** What is open, as a phrase: { zh: '件提案在办', en: 'proposals in handling' }. */
  zh: string;
  en: string;
  count: number;
}

export type OpenCases = (db: Trx, organizationId: number) => Promise<OpenCaseCount[]>;

/** Counts of every module, the empty ones left out. */
export function allOpenCases(counters: OpenCases[]): OpenCases {
  return async (db, organizationId) => (await Promise.all(counters.map((c) => c(db, organizationId)))).flat().filter((c) => c.count > 0);
}

export const countOf = async (q: { executeTakeFirst: () => Promise<{ n: string | number | bigint } | undefined> }) => Number((await q.executeTakeFirst())?.n ?? 0);
