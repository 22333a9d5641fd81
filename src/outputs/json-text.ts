// The one serialiser of every JSON file the build writes (the CKAN API, the DataPress export):
// compact `JSON.stringify` with `<`, `>` and `&` written as `\u003c`, `\u003e`, `\u0026`. Those
// characters occur only inside strings in JSON, so the text is still JSON and parses to the same
// value; and no file holding a dataset's text can form markup, even on a host that serves it as
// HTML (issue 7: a by-extension host typed JSON answers as pages, and a description's <script> ran).

const markupCharacters = /[<>&]/g;
const escapes: Record<string, string> = { '<': '\\u003c', '>': '\\u003e', '&': '\\u0026' };

/** `value` as compact JSON text that holds no `<`, `>` or `&`. */
export function jsonText(value: unknown): string {
  const text = JSON.stringify(value) as string | undefined;
  if (text === undefined) throw new Error(`${String(value)} has no JSON form`);
  return text.replace(markupCharacters, (character) => escapes[character]!);
}
