// How text is cut into searchable terms: an approximation of the analysers of CKAN's Solr schema
// (`ckan/config/solr/schema.xml`). `text` (title, notes, the catch-all `text`): split on white space,
// then into word parts at punctuation, letter/digit and lower/upper case changes (Solr's
// WordDelimiterGraph; at index time runs of parts are also joined: `Wi-Fi` → wi, fi, wifi),
// lower-cased, plurals stemmed, folded to ASCII (`Café` → cafe). `text_general` (resource names
// and descriptions, maintainer): the same without case-change splits, stemming or folding.
//
// The stemmer is the "S" stemmer (plurals only: roads → road, libraries → library, buses → buse)
// where CKAN runs Snowball's English stemmer: `floods` finds `flood` in both, `flooding` does not
// here. Documented in docs/decisions/ckan-handler.md.

export type Analysis = 'text' | 'text_general';

/** Solr's `positionIncrementGap` between the values of a multi-valued field: no phrase spans two values. */
export const valueGap = 100;

interface Part {
  text: string;
  digits: boolean;
}

const letterOrDigit = /[\p{L}\p{M}\p{N}]+/gu;
/** A run cut where letters and digits meet. */
const lettersOrDigits = /\p{N}+|[\p{L}\p{M}]+/gu;
/** Between a lower-case and an upper-case letter (`GeoJSON` → Geo, JSON). */
const caseChange = /(?<=\p{Ll})(?=\p{Lu})/u;
const digit = /\p{N}/u;

/** One white-space-delimited word cut into parts (`O'Neil's` → O, Neil: an English possessive goes first). */
function wordParts(word: string, splitOnCaseChange: boolean): Part[] {
  const bare = word.replace(/['’][sS]$/, '');
  if (/^[\x00-\x7f]*$/.test(bare)) return asciiParts(bare, splitOnCaseChange);
  const parts: Part[] = [];
  for (const run of bare.match(letterOrDigit) ?? []) {
    for (const part of run.match(lettersOrDigits)!) {
      const digits = digit.test(part[0]!);
      if (digits || !splitOnCaseChange) parts.push({ text: part, digits });
      else for (const piece of part.split(caseChange)) parts.push({ text: piece, digits: false });
    }
  }
  return parts;
}

/** The same cut for an ASCII word, by character codes: most of a catalogue's text, and the index is built from all of it. */
function asciiParts(word: string, splitOnCaseChange: boolean): Part[] {
  const parts: Part[] = [];
  let start = -1;
  let digits = false;
  for (let at = 0; at <= word.length; at++) {
    const code = at < word.length ? word.charCodeAt(at) : 0;
    const isDigit = code >= 48 && code <= 57;
    const isUpper = code >= 65 && code <= 90;
    const isLetter = isUpper || (code >= 97 && code <= 122);
    if (start >= 0) {
      const previous = word.charCodeAt(at - 1);
      const caseBreak = splitOnCaseChange && isUpper && previous >= 97 && previous <= 122;
      if (!(isDigit || isLetter) || isDigit !== digits || caseBreak) {
        parts.push({ text: word.slice(start, at), digits });
        start = -1;
      }
    }
    if (start < 0 && (isDigit || isLetter)) {
      start = at;
      digits = isDigit;
    }
  }
  return parts;
}

/**
 * The terms of a value as the index holds them, each handed to `take` with its position; `start`
 * continues a multi-valued field. Returns the position after the value's last term.
 */
export function indexTokens(value: string, analysis: Analysis, take: (term: string, position: number) => void, start = 0): number {
  let position = start;
  for (const word of value.split(/\s+/)) {
    const parts = wordParts(word, analysis === 'text');
    const first = position;
    for (const part of parts) take(normalise(part.text, analysis), position++);
    // Runs of two or more word parts (or number parts) are also indexed joined, at the run's first position.
    for (let index = 0; index < parts.length; ) {
      let end = index + 1;
      while (end < parts.length && parts[end]!.digits === parts[index]!.digits) end++;
      if (end - index > 1) take(normalise(parts.slice(index, end).map((part) => part.text).join(''), analysis), first + index);
      index = end;
    }
  }
  return position;
}

/** The terms of a query word or phrase, in order (nothing is joined at query time, as in CKAN's schema). */
export function queryTerms(text: string, analysis: Analysis): string[] {
  return text.split(/\s+/).flatMap((word) => wordParts(word, analysis === 'text').map((part) => normalise(part.text, analysis)));
}

function normalise(term: string, analysis: Analysis): string {
  const lowered = term.toLowerCase();
  return analysis === 'text' ? foldToAscii(stem(lowered)) : lowered;
}

/**
 * Harman's "S" stemmer, on words of four letters or more: -ies → -y (not -eies, -aies),
 * -es → -e (not -aes, -ees, -oes), -s → (not -us, -ss).
 */
export function stem(word: string): string {
  if (word.length < 4 || digit.test(word)) return word;
  if (word.endsWith('ies') && !word.endsWith('eies') && !word.endsWith('aies')) return `${word.slice(0, -3)}y`;
  if (word.endsWith('es') && !word.endsWith('aes') && !word.endsWith('ees') && !word.endsWith('oes')) return word.slice(0, -1);
  if (word.endsWith('s') && !word.endsWith('us') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/** Letters that do not decompose into an ASCII letter and accents. */
const foldedLetters: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ŋ: 'n', ħ: 'h' };

/** ASCII folding: accents dropped (`é` → e), compatibility forms decomposed (`ﬁ` → fi), a few letters spelled out. */
export function foldToAscii(term: string): string {
  if (/^[\x00-\x7f]*$/.test(term)) return term;
  return term
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[ßæœøłđðþıŋħ]/g, (letter) => foldedLetters[letter]!);
}
