// How text becomes search words: the same function runs in the build and in the browser, so a
// query finds exactly the words the index holds.

const combiningMarks = /\p{M}+/gu;
const wordPattern = /[\p{L}\p{N}]+/gu;

/** Longer runs (hashes, joined-up URLs) are cut: no one types them, and they only swell the index. */
export const longestWord = 40;

/**
 * Lower-case words with accents taken off (`Café` and `cafe` meet), split at anything that is not
 * a letter or a digit (`road-safety` → `road`, `safety`). Scripts written without spaces stay in
 * runs: a limit we accept for the catalogues datashelf serves.
 */
export function searchWords(text: string): string[] {
  const words = text.normalize('NFKD').replace(combiningMarks, '').toLowerCase().match(wordPattern) ?? [];
  return words.map((word) => (word.length > longestWord ? word.slice(0, longestWord) : word));
}

/** Whether a query word also finds longer words that start with it (`park` → `parking`): short ones would find half the index. */
export function matchesAsPrefix(word: string): boolean {
  return word.length >= 3;
}
