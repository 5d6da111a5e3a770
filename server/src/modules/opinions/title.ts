// The one rule for a title made from a report's text (a resident's concern comes without one):
// the first sentence when it fits, else the longest run of whole clauses that fits, else as many
// whole words (jieba's) as fit. A word is never cut in two; the office can rewrite the title
// before the report is compiled into an issue (retitle in commands.ts).
import { segments } from '../../platform/search.js';

/** Longest automatic title, in characters. */
export const AUTO_TITLE_MAX = 30;
/** A clause shorter than this says too little to stand as a title on its own. */
const MIN_CLAUSE = 8;
const SENTENCE_END = /[。！？!?]/u;
const PUNCTUATION = /^[\p{P}\s]+$/u;
const TRAILING = /[\p{P}\s]+$/u;

const length = (s: string) => [...s].length;
const trimEnd = (s: string) => s.replace(TRAILING, '');

/** A title from the text: whole words only, at most `max` characters. */
export function autoTitle(text: string, max = AUTO_TITLE_MAX): string {
  const flat = text.replace(/\s+/gu, ' ').trim();
  let title = '';
  let clause = '';
  for (const piece of segments(flat)) {
    if (PUNCTUATION.test(piece) && length(trimEnd(title)) >= MIN_CLAUSE) {
      if (SENTENCE_END.test(piece)) return trimEnd(title);
      clause = trimEnd(title);
    }
    if (length(title) + length(piece) > max) {
      const words = trimEnd(title);
      if (clause) return clause;
      // One word longer than a title (a long number or web address): the only place a cut is made.
      return words || [...flat].slice(0, max).join('');
    }
    title += piece;
  }
  return trimEnd(title);
}
