// The exports' CSV records are written by hand (export-fragments.ts `csvRecord`), not by
// csv-stringify: these hold the two to the same bytes for every kind of value a table gives,
// the awkward ones (quotes, delimiters, each kind of line break, a lone CR at the end) and many
// random ones drawn from exactly those characters.
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { csvRecord } from '../../src/outputs/export-fragments.ts';
import type { CellValue } from '../../src/outputs/tabular.ts';

/** The options the exports gave csv-stringify (export-fragments.ts `rowOptions`). */
const reference = (values: CellValue[]) => stringify([values], { record_delimiter: 'windows', quote_record_delimiter: true });

const awkward: CellValue[] = [
  null,
  '',
  ' ',
  'plain',
  'a,b',
  'say "hi"',
  '"',
  '""',
  'line\nbreak',
  'line\r\nbreak',
  'line\rbreak',
  'ends with CR\r',
  '\n',
  "'=HYPERLINK(\"x\",\"y\")",
  'Café ✓ 🌫️',
  '\t tab',
  ';semicolon; list',
  0,
  -5,
  3.25,
  1e21,
  123456789012,
];

/** A string of 0 to 12 characters from those that matter to CSV and a few that do not. */
function randomText(random: () => number): string {
  const alphabet = ['a', 'Z', ' ', ',', '"', '\r', '\n', ';', "'", '=', '\t', 'é', '🌫'];
  let text = '';
  for (let length = Math.floor(random() * 13); length > 0; length--) text += alphabet[Math.floor(random() * alphabet.length)];
  return text;
}

/** A fixed sequence, so a failure is the same on every run. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe("the exports' CSV records", () => {
  it('are the bytes csv-stringify gives for each awkward value, alone and in a record', () => {
    for (const value of awkward) expect(csvRecord([value])).toBe(reference([value]));
    expect(csvRecord(awkward)).toBe(reference(awkward));
    // A quoted field is really quoted here (the test would pass for any writer otherwise).
    expect(csvRecord(['a,b', 'say "hi"', 'x\ny'])).toBe('"a,b","say ""hi""","x\ny"\r\n');
  });

  it('are the bytes csv-stringify gives for 5,000 random records', () => {
    const random = seeded(12);
    for (let record = 0; record < 5000; record++) {
      const values = Array.from({ length: 1 + Math.floor(random() * 6) }, (): CellValue => (random() < 0.1 ? null : random() < 0.1 ? Math.round((random() - 0.5) * 1e6) / 100 : randomText(random)));
      expect(csvRecord(values)).toBe(reference(values));
    }
  });
});
