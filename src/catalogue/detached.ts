// Strings cut out of a file's text keep the whole text alive: V8 makes a slice of 13 characters or
// more a view of its parent (a "sliced string"), and both YAML parsers and gray-matter slice. A
// dataset's title, URLs and description would each keep its whole file (about 1 KB) for the rest
// of the build: 100,000 datasets held 160 MB of file texts (docs/performance.md, "Memory at
// 100,000: loading"). These copies are flat strings of their own.

/**
 * A flat copy of `text`, holding nothing else alive. JSON's parser makes a fresh string (measured
 * fastest of six ways), and always alike: one byte a character when every character fits, whatever
 * file it was cut from. Page keys hash serialised views, and V8 serialises a string as it is held,
 * so a copy that depended on where it came from (or which equal text was shared first) changed
 * keys between builds of the same content.
 */
export function detachedString(text: string): string {
  return JSON.parse(JSON.stringify(text)) as string;
}

/**
 * Short texts repeat across datasets (a resource's title, a format, a place, a date): one copy
 * each while a catalogue loads, instead of one a dataset (110 MB of copies at 100,000 datasets).
 * Longer texts (descriptions, URLs naming the dataset) seldom repeat and are only detached.
 */
const internedLength = 64;
let interned = new Map<string, string>();

/** One flat copy of each short text for the loading under way; `detachedString` for the rest. */
export function sharedString(text: string): string {
  if (text.length > internedLength) return detachedString(text);
  let found = interned.get(text);
  if (found === undefined) {
    found = detachedString(text);
    interned.set(found, found);
  }
  return found;
}

/** Loading has ended: the table of copies is let go (the catalogue holds the copies it uses). */
export function forgetSharedStrings(): void {
  interned = new Map();
}

/**
 * `value`'s strings replaced in place by flat (and shared) copies, through objects, arrays and Maps
 * (what YAML and the schema make). Returns `value`.
 */
export function detachStrings<T>(value: T): T {
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) value[index] = detachValue(value[index]);
  } else if (value instanceof Map) {
    for (const [key, item] of value) value.set(key, detachValue(item));
  } else if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const item = record[key];
      if (typeof item !== 'string') detachStrings(item);
      // Defined, not assigned: a `__proto__` key written in the YAML is an own property.
      else if (key === '__proto__') Object.defineProperty(record, key, { value: sharedString(item), writable: true, enumerable: true, configurable: true });
      else record[key] = sharedString(item);
    }
  }
  return value;
}

function detachValue(value: unknown): unknown {
  return typeof value === 'string' ? sharedString(value) : detachStrings(value);
}
