// A record's words for the index, counted once when the record is made: kept with the record
// between builds (src/build/fragments.ts), so a build does not split and normalise every dataset's
// text again (most of the index's time on an edit, docs/performance.md "inc-outputs").
import type { SearchField } from './records.ts';
import { searchWords } from './words.ts';

/** How much a word counts where it is found. */
export const fieldWeights: Record<SearchField, number> = { title: 3, tags: 2, topics: 2, team: 1, description: 1, custom: 1, files: 1 };

export interface SearchTerms {
  /** Each word once, as first met (fields in `fieldWeights`' order). */
  words: string[];
  /** Its count in the record, each occurrence weighted by its field. */
  counts: number[];
  /** How many words the record holds in all. */
  length: number;
}

export function searchTerms(text: Record<SearchField, string>): SearchTerms {
  const at = new Map<string, number>();
  const words: string[] = [];
  const counts: number[] = [];
  let length = 0;
  for (const field of Object.keys(fieldWeights) as SearchField[]) {
    const weight = fieldWeights[field];
    for (const word of searchWords(text[field])) {
      const index = at.get(word);
      if (index === undefined) {
        at.set(word, words.length);
        words.push(word);
        counts.push(weight);
      } else counts[index]! += weight;
      length += 1;
    }
  }
  return { words, counts, length };
}
