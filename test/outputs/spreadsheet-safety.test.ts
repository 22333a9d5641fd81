import { describe, expect, it } from 'vitest';
import { neutraliseFormula } from '../../src/outputs/spreadsheet-safety.ts';

describe('formula neutralisation (CSV and Excel)', () => {
  it.each([
    ['=HYPERLINK("https://evil.example","Click")'],
    ['+44 tag'],
    ['-2+3+cmd|\' /C calc\'!A0'],
    ['@SUM(A1:A9)'],
    ['\t=1+1'],
    ['\r=1+1'],
    // Full-width forms, which Apple Numbers reads as the ASCII ones.
    ['\uFF1D1+1'],
    ['\uFF0B1'],
    ['\uFF0D1'],
    ['\uFF20SUM(A1)'],
    // Text that merely looks like a number is still text from the catalogue.
    ['-5'],
  ])('prefixes %j with a single quote', (text) => {
    expect(neutraliseFormula(text)).toBe(`'${text}`);
  });

  it.each([['Air Quality'], ['a=b'], ['FOI; =later in the list'], [''], ["'already quoted"], ['https://data.example/x?a=1']])('leaves %j as it is', (text) => {
    expect(neutraliseFormula(text)).toBe(text);
  });

  it('leaves numbers numbers, negative ones too, and an absent value absent', () => {
    expect(neutraliseFormula(-5)).toBe(-5);
    expect(neutraliseFormula(0)).toBe(0);
    expect(neutraliseFormula(1337303)).toBe(1337303);
    expect(neutraliseFormula(null)).toBeNull();
  });
});
