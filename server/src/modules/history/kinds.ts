// The kinds of past records an office can bring in, in the order the import page offers them.
import type { HistoryKind } from './kind.js';
import { meetings } from './meetings.js';
import { opinions } from './opinions.js';
import { proposals } from './proposals.js';
import { suggestions } from './suggestions.js';

export const KINDS: HistoryKind<any, any, any>[] = [proposals, opinions, meetings, suggestions];
