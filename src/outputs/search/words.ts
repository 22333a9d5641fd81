// How text becomes search words: the same function runs in the build and in the browser, so a
// query finds exactly the words the index holds. Both functions are self-contained (no constant
// outside their bodies): the list page's head script carries their own source (src/site/search/early.ts).

/**
 * Lower-case words with accents taken off (`Café` and `cafe` meet), split at anything that is not
 * a letter or a digit (`road-safety` → `road`, `safety`). Scripts written without spaces stay in
 * runs: a limit we accept for the catalogues datashelf serves. Runs longer than 40 characters
 * (hashes, joined-up URLs) are cut: no one types them, and they only swell the index.
 */
export function searchWords(text: string): string[] {
  const longestWord = 40;
  const words = text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.map((word) => (word.length > longestWord ? word.slice(0, longestWord) : word));
}

/** Whether a query word also finds longer words that start with it (`park` → `parking`): short ones would find half the index. */
export function matchesAsPrefix(word: string): boolean {
  return word.length >= 3;
}
