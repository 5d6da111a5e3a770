// The kinds of past records an office can bring in, in the order the import page offers them.
import type { HistoryKind } from './kind.js';
import { proposals } from './proposals.js';
import { meetings } from './meetings.js';
import { suggestions } from './suggestions.js';

export const KINDS: HistoryKind<any, any, any>[] = [
  proposals,
  meetings,
  suggestions,
];
