import { describe, expect, it } from 'vitest';
import * as parsed from '../../src/site/format.ts';
import { dateTimeAttribute, formatDate } from '../../src/site/page-dates.ts';

/** What `work` gives, or `refused` when it throws. */
function attempt(work: () => string): string {
  try {
    return work();
  } catch {
    return 'refused';
  }
}

const pad = (value: number, width: number) => String(value).padStart(width, '0');

describe('page dates', () => {
  // A moment written as `toISOString` writes one is read from its text, not parsed: it must give
  // what format.ts gives (through `Date`), at every edge of each field's range too.
  it('give what format.ts gives, for moments in and out of range', () => {
    let checked = 0;
    for (const year of [0, 4, 100, 400, 1900, 2000, 2023, 2024, 9999]) {
      for (const month of [0, 1, 2, 4, 12, 13]) {
        for (const day of [0, 1, 28, 29, 30, 31, 32]) {
          for (const [hour, minute, second] of [[0, 0, 0], [23, 59, 59], [24, 0, 0], [12, 60, 0], [12, 0, 60]] as const) {
            const value = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}.250Z`;
            const expected = { value, attribute: attempt(() => parsed.dateTimeAttribute(value)), day: attempt(() => parsed.formatDate(value)) };
            expect({ value, attribute: attempt(() => dateTimeAttribute(value)), day: attempt(() => formatDate(value)) }).toEqual(expected);
            checked++;
          }
        }
      }
    }
    expect(checked).toBe(1890);
  });

  it('read a moment from its text and leave the rest to format.ts', () => {
    expect(dateTimeAttribute('2024-02-29T23:59:59.999Z')).toBe('2024-02-29T23:59:59.999Z');
    expect(formatDate('2024-02-29T23:59:59.999Z')).toBe('29 February 2024');
    expect(formatDate('2025-01-05T09:00:00.000Z')).toBe('5 January 2025');
    // Not as `toISOString` writes them: parsed, as format.ts does.
    expect(dateTimeAttribute('2024-07-01T00:30:00+01:00')).toBe('2024-06-30T23:30:00.000Z');
    expect(formatDate('2024-07-01T00:30:00+01:00')).toBe('30 June 2024');
    expect(dateTimeAttribute('2025-02-29T10:00:00.000Z')).toBe(parsed.dateTimeAttribute('2025-02-29T10:00:00.000Z'));
    expect(dateTimeAttribute('2025-04-30')).toBe('2025-04-30');
    expect(() => formatDate('soon')).toThrow(RangeError);
  });
});
