// Strings cut out of a file's text keep the whole text alive: V8 makes a slice of 13 characters or
// more a view of its parent (a "sliced string"), and both YAML parsers and gray-matter slice. A
// dataset's title, URLs and description would each keep its whole file (about 1 KB) for the rest
// of the build: 100,000 datasets held 160 MB of file texts (docs/performance.md, "Memory at
// 100,000: loading"). These copies are flat strings of their own.

/** Below this V8 copies a slice anyway (`SlicedString::kMinLength`). */
const sliceMinimum = 13;

/** A flat copy of `text`, holding nothing else alive. JSON's parser makes a fresh string (measured fastest of six ways). */
export function detachedString(text: string): string {
  return text.length < sliceMinimum ? text : (JSON.parse(JSON.stringify(text)) as string);
}

/**
 * `value`'s strings replaced in place by flat copies, through objects, arrays and Maps (what YAML
 * and the schema make). Returns `value`.
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
      else if (item.length < sliceMinimum) continue;
      // Defined, not assigned: a `__proto__` key written in the YAML is an own property.
      else if (key === '__proto__') Object.defineProperty(record, key, { value: detachedString(item), writable: true, enumerable: true, configurable: true });
      else record[key] = detachedString(item);
    }
  }
  return value;
}

function detachValue(value: unknown): unknown {
  return typeof value === 'string' ? detachedString(value) : detachStrings(value);
}
