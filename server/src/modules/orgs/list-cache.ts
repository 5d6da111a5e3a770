// The kept answers of the member list (platform/answer-cache.ts): stale after any write to
// organizations, members, sectors, committees or places, in any server process.
import { AnswerCache } from '../../platform/answer-cache.js';
import type { EventBus } from '../../platform/events.js';

/** Raised after any write to organizations, members, sectors, committees or places. */
export const ORGS_CHANGED = 'orgs.changed';
/** Raised when an organization is added: scopes change too. */
export const ORGANIZATION_CHANGED = 'orgs.organization.changed';

export const memberListCache = (bus: EventBus, enabled: boolean) => new AnswerCache(bus, { enabled, topic: ORGS_CHANGED, alsoOn: [ORGANIZATION_CHANGED] });
