// Text for the XML files the build writes (the sitemap, Atom feeds): escaped for element content and
// attribute values alike, and without the characters XML 1.0 forbids (control characters, lone
// surrogates, U+FFFE/U+FFFF), so no publisher's text can form markup or make a file unreadable.

const forbidden = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;
const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

export function xmlText(value: string): string {
  return value.replace(forbidden, '').replace(/[&<>"']/g, (character) => escapes[character]!);
}

export const xmlDeclaration = '<?xml version="1.0" encoding="UTF-8"?>';
