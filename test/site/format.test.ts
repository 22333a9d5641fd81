// How the site writes sizes, dates, time frames and summaries for people.
import { describe, expect, it } from 'vitest';
import { dateTimeAttribute, formatCount, formatDate, formatMonth, formatTimeFrame, hostOf, humanFileSize, pluralise, summarise } from '../../src/site/format.ts';

describe('humanFileSize', () => {
  it.each([
    [0, '0 bytes'],
    [1, '1 byte'],
    [354, '354 bytes'],
    [1023, '1,023 bytes'],
    [1024, '1 KB'],
    [9_830, '9.6 KB'],
    [21_984, '21 KB'],
    [1_363_149, '1.3 MB'],
    [1_048_575, '1 MB'],
    [52_428_800, '50 MB'],
    [3_221_225_472, '3 GB'],
    [5 * 1024 ** 5, '5,120 TB'],
  ])('%d bytes read as %s', (bytes, expected) => {
    expect(humanFileSize(bytes)).toBe(expected);
  });

  it('refuses what is not a size', () => {
    expect(() => humanFileSize(-1)).toThrow(RangeError);
    expect(() => humanFileSize(Number.NaN)).toThrow(RangeError);
  });
});

describe('dates', () => {
  it('writes a day as GOV.UK does, without a leading zero', () => {
    expect(formatDate('2025-01-21')).toBe('21 January 2025');
    expect(formatDate('2025-04-05')).toBe('5 April 2025');
  });

  it('takes a moment on its UTC calendar day, whatever the machine’s time zone', () => {
    expect(formatDate('2025-01-21T16:10:03.000Z')).toBe('21 January 2025');
    expect(formatDate('2024-06-30T23:30:00Z')).toBe('30 June 2024');
    expect(formatDate('2024-07-01T00:30:00+01:00')).toBe('30 June 2024');
  });

  it('gives <time datetime> a date as written and a moment in UTC', () => {
    expect(dateTimeAttribute('2025-04-30')).toBe('2025-04-30');
    expect(dateTimeAttribute('2024-07-01T00:30:00+01:00')).toBe('2024-06-30T23:30:00.000Z');
  });

  it('refuses what is not a date', () => {
    expect(() => formatDate('soon')).toThrow(RangeError);
    expect(() => formatMonth('2024-13')).toThrow(RangeError);
  });
});

describe('formatTimeFrame', () => {
  it.each([
    ['2024-11', '2024-11', 'November 2024'],
    ['2024-10', '2024-12', 'October to December 2024'],
    ['2020-01', '2024-11', 'January 2020 to November 2024'],
    ['2020-01', null, 'From January 2020'],
    [null, '2024-11', 'Up to November 2024'],
    [null, null, null],
  ])('%s to %s reads %s', (from, to, expected) => {
    expect(formatTimeFrame(from, to)).toBe(expected);
  });
});

describe('counts', () => {
  it('groups thousands and pluralises', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount(999)).toBe('999');
    expect(pluralise(1, 'dataset')).toBe('1 dataset');
    expect(pluralise(0, 'dataset')).toBe('0 datasets');
    expect(pluralise(1204, 'file')).toBe('1,204 files');
    expect(pluralise(2, 'team', 'teams')).toBe('2 teams');
  });
});

describe('summarise', () => {
  it('keeps a short first paragraph whole', () => {
    expect(summarise('Bus stops in the city.\nMore detail.')).toBe('Bus stops in the city.');
  });

  it('cuts a long one at a word boundary, with an ellipsis', () => {
    const text = 'Every payment of more than £500 made by the council to a supplier, published each month under the Local Government Transparency Code, with the service area, the expense type and the supplier.';
    const summary = summarise(text, 80);
    expect(summary).toBe('Every payment of more than £500 made by the council to a supplier, published…');
    expect(summary.length).toBeLessThanOrEqual(80);
  });

  it('is empty for an empty description', () => {
    expect(summarise('')).toBe('');
  });
});

describe('hostOf', () => {
  it('names the host without www', () => {
    expect(hostOf('https://www.gov.uk/guidance')).toBe('gov.uk');
    expect(hostOf('https://files.northbridge.example/a.csv')).toBe('files.northbridge.example');
  });
});
