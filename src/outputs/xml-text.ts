// Text for the XML files the build writes (the sitemap, Atom feeds): escaped for element content and
// attribute values alike, and without the characters XML 1.0 forbids (control characters, lone
// surrogates, U+FFFE/U+FFFF), so no publisher's text can form markup or make a file unreadable.

const forbidden = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;
const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/**
 * Any character either replacement below may touch: the markup characters, the control characters
 * XML forbids, every surrogate (a pair is allowed, a lone one is not: left to `forbidden`) and
 * U+FFFE/U+FFFF. Most text (a sitemap's 30,000 URLs at 10,000 datasets) has none and is taken as it
 * is, without the Unicode-aware replacement's walk over it.
 */
const mayChange = /[&<>"'\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]/;

export function xmlText(value: string): string {
  if (!mayChange.test(value)) return value;
  return value.replace(forbidden, '').replace(/[&<>"']/g, (character) => escapes[character]!);
}

export const xmlDeclaration = '<?xml version="1.0" encoding="UTF-8"?>';
