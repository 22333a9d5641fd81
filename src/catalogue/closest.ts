// "Did you mean …?" for a misspelt id or field name.

/** The candidate nearest to `input`, if it is near enough to be a likely typo. */
export function closest(input: string, candidates: Iterable<string>): string | null {
  const needle = input.toLowerCase();
  let best: string | null = null;
  let bestScore = Infinity;
  for (const candidate of candidates) {
    const hay = candidate.toLowerCase();
    const distance = editDistance(needle, hay);
    // A misspelt start of a longer id ("comunity" → "community-information") counts too.
    let prefixDistance = Infinity;
    for (let length = Math.max(1, needle.length - 2); length <= Math.min(hay.length - 1, needle.length + 2); length++) {
      prefixDistance = Math.min(prefixDistance, editDistance(needle, hay.slice(0, length)) + 0.5);
    }
    const score = Math.min(distance, prefixDistance);
    if (score < bestScore || (score === bestScore && best !== null && candidate < best)) {
      best = candidate;
      bestScore = score;
    }
  }
  const allowed = Math.max(1, Math.floor(needle.length / 3));
  return best !== null && bestScore <= allowed ? best : null;
}

function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0]!;
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j]!;
      previous[j] = Math.min(above + 1, previous[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length]!;
}
