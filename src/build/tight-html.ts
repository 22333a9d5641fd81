// The rendered pages without the whitespace no reader sees: Astro's compressHTML leaves a space
// between most tags (about 1 KB of a 15 KB dataset page), and a browser drops whitespace where a
// block begins or ends. Only such places are touched: beside a block element's tags (`<div>`,
// `<tr>`, `<p>`…), and just inside a list item's. Whitespace between inline elements (`</a> <span>`)
// and between list items (inline-block in the breadcrumbs and the facts' topics) shows as a space
// and is kept as one character, as is everything inside `<pre>`, `<textarea>`, `<script>` and `<style>`, and an
// element whose whole content is whitespace (a blank cell of a preview keeps its text).
//
// It works on the page's UTF-8 bytes, in place, as the renderer receives them from Astro: every
// character it looks for (`<`, `>`, quotes, whitespace) is ASCII or a whitespace character it
// recognises whole, so no page is decoded to a string and encoded again. It reads tags exactly as
// this pattern would (what it replaced, 5–8 times slower; test/build/tight-html.test.ts compares
// the two on generated pages), whitespace being JavaScript's `\s`:
//
//   <!--[\s\S]*?-->|<![^>]*>|<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*(\/?)>

/** Elements laid out as blocks (or table parts) by browsers and by site.css: whitespace beside their tags is not rendered. */
const blockElements = [
  'html', 'head', 'body', 'title', 'meta', 'link', 'script', 'style', 'noscript', 'template',
  'header', 'footer', 'main', 'nav', 'section', 'article', 'aside', 'div', 'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'ul', 'ol', 'dl', 'table', 'caption', 'colgroup', 'col', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td',
  'form', 'fieldset', 'legend', 'details', 'summary', 'figure', 'figcaption', 'blockquote', 'hr',
];
/** Blocks whose own edges are line edges, though their neighbours may sit on one line with them (inline-block items). */
const edgeOnlyElements = ['li'];
/** Elements whose text is kept exactly as it is. */
const rawElements = ['pre', 'textarea', 'script', 'style'];

const block = 1;
const edge = 2;
const raw = 4;

/**
 * A tag name as a Map key without making a string: up to 4 lower-cased ASCII characters packed into
 * an integer (7 bits each: 28 bits, which the engine keeps unboxed; most tags are `a`, `li`, `div`,
 * `span`…), a longer name as its lower-case string.
 */
function nameKey(bytes: Uint8Array, start: number, end: number): number | string {
  if (end - start > 4) {
    let name = '';
    for (let index = start; index < end; index++) name += String.fromCharCode(lower(bytes[index]!));
    return name;
  }
  let key = 0;
  for (let index = start; index < end; index++) key = (key << 7) | lower(bytes[index]!);
  return key;
}

function lower(byte: number): number {
  return byte >= 0x41 && byte <= 0x5a ? byte + 0x20 : byte;
}

const encoder = new TextEncoder();
const kinds = new Map<number | string, number>();
for (const [names, kind] of [[blockElements, block], [edgeOnlyElements, edge], [rawElements, raw]] as const) {
  for (const name of names) {
    const bytes = encoder.encode(name);
    const key = nameKey(bytes, 0, bytes.length);
    kinds.set(key, (kinds.get(key) ?? 0) | kind);
  }
}

// What each byte may be, as bits, so most bytes are classified by one look-up.
const letter = 1;
const tagNameByte = 2;
/** Ends an attribute's name (`[\s"'>/=]`, ASCII part). */
const endsName = 4;
/** Ends an unquoted attribute value (`[\s"'=<>\`]`, ASCII part). */
const endsValue = 8;
const space = 16;
/** May start a multi-byte whitespace character. */
const wideSpaceLead = 32;
const classes = new Uint8Array(256);
for (let byte = 0; byte < 256; byte++) {
  const char = String.fromCharCode(byte);
  if (byte < 0x80 && /[a-zA-Z]/.test(char)) classes[byte]! |= letter;
  if (byte < 0x80 && /[a-zA-Z0-9-]/.test(char)) classes[byte]! |= tagNameByte;
  if (byte < 0x80 && /[\s"'>/=]/.test(char)) classes[byte]! |= endsName;
  if (byte < 0x80 && /[\s"'=<>`]/.test(char)) classes[byte]! |= endsValue;
  if (byte < 0x80 && /\s/.test(char)) classes[byte]! |= space;
}
for (const lead of [0xc2, 0xe1, 0xe2, 0xe3, 0xef]) classes[lead]! |= wideSpaceLead;

/** The length in bytes of the whitespace character (JavaScript's `\s`) at `index`, 0 when there is none. */
function whitespaceAt(bytes: Uint8Array, index: number): number {
  if (index >= bytes.length) return 0;
  const byte = bytes[index]!;
  const kind = classes[byte]!;
  if ((kind & space) !== 0) return 1;
  if ((kind & wideSpaceLead) === 0) return 0;
  return wideSpaceAt(bytes, index, byte);
}

/** Whitespace beyond ASCII: U+00A0, U+1680, U+2000–200A, U+2028, U+2029, U+202F, U+205F, U+3000, U+FEFF. */
function wideSpaceAt(bytes: Uint8Array, index: number, byte: number): number {
  const second = bytes[index + 1];
  if (byte === 0xc2) return second === 0xa0 ? 2 : 0;
  const third = bytes[index + 2];
  if (third === undefined) return 0;
  if (byte === 0xe1) return second === 0x9a && third === 0x80 ? 3 : 0;
  if (byte === 0xe2) {
    if (second === 0x80) return (third >= 0x80 && third <= 0x8a) || third === 0xa8 || third === 0xa9 || third === 0xaf ? 3 : 0;
    return second === 0x81 && third === 0x9f ? 3 : 0;
  }
  if (byte === 0xe3) return second === 0x80 && third === 0x80 ? 3 : 0;
  return second === 0xbb && third === 0xbf ? 3 : 0;
}

function skipWhitespace(bytes: Uint8Array, index: number): number {
  for (let length = whitespaceAt(bytes, index); length > 0; length = whitespaceAt(bytes, index)) index += length;
  return index;
}

const lt = 0x3c;
const gt = 0x3e;
const slash = 0x2f;
const equals = 0x3d;
const doubleQuote = 0x22;
const singleQuote = 0x27;

/** Whether a byte of class `ends` may continue at `index` (not past the end, not whitespace). */
function continues(bytes: Uint8Array, index: number, ends: number): boolean {
  if (index >= bytes.length) return false;
  const byte = bytes[index]!;
  const kind = classes[byte]!;
  if ((kind & ends) !== 0) return false;
  return (kind & wideSpaceLead) === 0 || wideSpaceAt(bytes, index, byte) === 0;
}

/** What `readTag` found besides its end: the name's place (-1: a comment or doctype), whether closing or self-closing. */
const tag = { nameStart: -1, nameEnd: -1, closing: false, selfClosing: false };

/**
 * The index of the next `byte` from `from`, or -1: the first bytes by hand (most text between tags,
 * and most attribute values, are short, and `indexOf` costs a call into the engine), then `indexOf`.
 */
function find(bytes: Uint8Array, byte: number, from: number): number {
  const stop = Math.min(from + 32, bytes.length);
  for (let index = from; index < stop; index++) if (bytes[index] === byte) return index;
  return stop === bytes.length ? -1 : bytes.indexOf(byte, stop);
}

/** Moves `bytes[from, to)` down to `target`: short runs by hand, longer ones by `copyWithin`. */
function moveDown(bytes: Uint8Array, target: number, from: number, to: number): void {
  if (to - from > 32) {
    bytes.copyWithin(target, from, to);
    return;
  }
  for (let index = from; index < to; index++) bytes[target++] = bytes[index]!;
}

/** The end of the tag, comment or doctype starting with the `<` at `start`, or -1 when none starts there. */
function readTag(bytes: Uint8Array, start: number): number {
  let index = start + 1;
  if (bytes[index] === 0x21) {
    tag.nameStart = -1;
    if (bytes[index + 1] === 0x2d && bytes[index + 2] === 0x2d) {
      for (let end = bytes.indexOf(0x2d, start + 4); end !== -1; end = bytes.indexOf(0x2d, end + 1)) {
        if (bytes[end + 1] === 0x2d && bytes[end + 2] === gt) return end + 3;
      }
    }
    const end = bytes.indexOf(gt, start + 2);
    return end === -1 ? -1 : end + 1;
  }
  tag.closing = bytes[index] === slash;
  if (tag.closing) index++;
  if (index >= bytes.length || (classes[bytes[index]!]! & letter) === 0) return -1;
  tag.nameStart = index;
  while (index < bytes.length && (classes[bytes[index]!]! & tagNameByte) !== 0) index++;
  tag.nameEnd = index;
  // Attributes: whitespace, a name, and optionally `=` and a value.
  for (;;) {
    let next = skipWhitespace(bytes, index);
    if (next === index || !continues(bytes, next, endsName)) break;
    while (continues(bytes, next, endsName)) next++;
    index = next;
    let value = skipWhitespace(bytes, next);
    if (bytes[value] !== equals) continue;
    value = skipWhitespace(bytes, value + 1);
    const quote = bytes[value];
    if (quote === doubleQuote || quote === singleQuote) {
      const end = find(bytes, quote, value + 1);
      if (end !== -1) index = end + 1;
    } else if (continues(bytes, value, endsValue)) {
      while (continues(bytes, value, endsValue)) value++;
      index = value;
    }
  }
  index = skipWhitespace(bytes, index);
  tag.selfClosing = bytes[index] === slash;
  if (tag.selfClosing) index++;
  return bytes[index] === gt ? index + 1 : -1;
}

/** The index of the next `</name` (any case) from `from`, or the end; the name is at `nameStart` to `nameEnd`. */
function closingTag(bytes: Uint8Array, from: number, nameStart: number, nameEnd: number): number {
  for (let at = bytes.indexOf(lt, from); at !== -1; at = bytes.indexOf(lt, at + 1)) {
    if (bytes[at + 1] !== slash) continue;
    let index = 0;
    while (nameStart + index < nameEnd && lower(bytes[at + 2 + index] ?? 0) === lower(bytes[nameStart + index]!)) index++;
    if (nameStart + index === nameEnd) return at;
  }
  return bytes.length;
}

/**
 * The page's UTF-8 bytes with the whitespace a browser does not render between tags taken out.
 * Works in place: returns the start of `bytes`, shortened; `bytes` is not to be used after.
 */
export function tightenHtmlBytes(bytes: Uint8Array): Uint8Array {
  const length = bytes.length;
  // Bytes are kept in runs: `kept` is where the run being kept started, `written` how much of the
  // result is in place. A run moves down (one copy) only when whitespace before it was dropped.
  let written = 0;
  let kept = 0;
  /** Where the text since the previous tag starts. */
  let last = 0;
  // The previous tag: none yet, its kind, whether closing, its name's place in what is written.
  let hasPrevious = false;
  let previousNamed = false;
  let previousKey: number | string = 0;
  let previousKind = 0;
  let previousClosing = false;
  for (let at = bytes.indexOf(lt); at !== -1; ) {
    const end = readTag(bytes, at);
    if (end === -1) {
      at = bytes.indexOf(lt, at + 1);
      continue;
    }
    const named = tag.nameStart !== -1;
    const key = named ? nameKey(bytes, tag.nameStart, tag.nameEnd) : 0;
    const kind = named ? (kinds.get(key) ?? 0) : 0;
    const closing = named && tag.closing;
    // The text since the previous tag: whitespace alone is dropped where unseen, else made one character.
    if (hasPrevious && at > last) {
      let spaces = 0;
      let newline = false;
      let index = last;
      while (index < at) {
        const size = whitespaceAt(bytes, index);
        if (size === 0) break;
        if (bytes[index] === 0x0a) newline = true;
        spaces++;
        index += size;
      }
      if (index === at) {
        const wholeContent = previousNamed && named && key === previousKey && !previousClosing && closing;
        const unseen = !wholeContent && ((previousKind & block) !== 0 || (kind & block) !== 0 || ((previousKind & edge) !== 0 && !previousClosing) || ((kind & edge) !== 0 && closing));
        if (unseen || (spaces > 1 && !wholeContent)) {
          // The run ends before this whitespace; the next starts at the tag.
          if (kept !== written) moveDown(bytes, written, kept, last);
          written += last - kept;
          if (!unseen) bytes[written++] = newline ? 0x0a : 0x20;
          kept = at;
        }
      }
    }
    hasPrevious = true;
    previousNamed = named;
    previousKey = key;
    previousKind = kind;
    previousClosing = closing;
    last = end;
    at = find(bytes, lt, end);
    if ((kind & raw) !== 0 && !closing && !tag.selfClosing) {
      // Up to its closing tag, untouched (its name is still in place: nothing after `kept` has moved).
      last = closingTag(bytes, end, tag.nameStart, tag.nameEnd);
      previousNamed = false;
      previousKind = 0;
      previousClosing = false;
      at = last === length ? -1 : last;
    }
  }
  if (kept !== written) bytes.copyWithin(written, kept, length);
  written += length - kept;
  return bytes.subarray(0, written);
}

// A leading U+FEFF is text of the page, not a byte-order mark to drop.
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/** The page with the whitespace a browser does not render between tags taken out. */
export function tightenHtml(html: string): string {
  return decoder.decode(tightenHtmlBytes(encoder.encode(html)));
}
