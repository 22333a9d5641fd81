// The one serialiser of every JSON file the build writes (the CKAN API, the DataPress export):
// compact `JSON.stringify` with `<`, `>` and `&` written as `\u003c`, `\u003e`, `\u0026`. Those
// characters occur only inside strings in JSON, so the text is still JSON and parses to the same
// value; and no file holding a dataset's text can form markup, even on a host that serves it as
// HTML (issue 7: a by-extension host typed JSON answers as pages, and a description's <script> ran).

const markupCharacters = /[<>&]/;

/**
 * `value` as compact JSON text that holds no `<`, `>` or `&`. Each character replaced by the
 * engine's own string search, not a regular expression calling back into JavaScript for each
 * match: the CKAN index's `catalogue.json` (3.6 MB, 235,000 of them in its descriptions' HTML at
 * 10,000 datasets) took 35 ms so, 23 this way, on every build.
 */
export function jsonText(value: unknown): string {
  const text = JSON.stringify(value) as string | undefined;
  if (text === undefined) throw new Error(`${String(value)} has no JSON form`);
  if (!markupCharacters.test(text)) return text;
  return text.replaceAll('<', '\\u003c').replaceAll('>', '\\u003e').replaceAll('&', '\\u0026');
}
