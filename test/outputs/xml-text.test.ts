// Text for the sitemap and the feeds: the same as escaping and cleaning every string, though most are
// taken as they are.
import { describe, expect, it } from 'vitest';
import { xmlText } from '../../src/outputs/xml-text.ts';

// The rule itself, on every string: forbidden characters dropped, then markup escaped.
const forbidden = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;
const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const reference = (value: string) => value.replace(forbidden, '').replace(/[&<>"']/g, (character) => escapes[character]!);

describe('xmlText', () => {
  it('gives what cleaning and escaping every string gives, for every UTF-16 code unit in plain text', () => {
    for (let unit = 0; unit <= 0xffff; unit++) {
      const value = `https://example.org/dataset/a${String.fromCharCode(unit)}b/`;
      expect(xmlText(value), unit.toString(16)).toBe(reference(value));
    }
  });

  it('keeps surrogate pairs, drops lone surrogates and escapes markup', () => {
    const values = ['plain', '', 'a😀b', 'a\ud83d', '\ude00b', '\ud83d\ud83d\ude00', 'x & y < z > "q" \'s\'', 'tab\tline\nreturn\r', 'bell\u0007', '\ufffe\uffff\ufffd'];
    for (const value of values) expect(xmlText(value), JSON.stringify(value)).toBe(reference(value));
    expect(xmlText('a😀b')).toBe('a😀b');
    expect(xmlText('a\ud83db')).toBe('ab');
    expect(xmlText('<a href="x">')).toBe('&lt;a href=&quot;x&quot;&gt;');
  });
});
