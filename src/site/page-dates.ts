// The dates of a page rendered on the server (FormattedDate.astro): format.ts's `dateTimeAttribute`
// and `formatDate`, with a shortcut for the moments the loader stores. Every moment in the model is
// written as `Date.prototype.toISOString` writes one (`2025-01-21T16:10:03.000Z`), and a dataset
// page shows several: parsing each into a `Date` and writing it out again was a measurable part of
// rendering a page. Such a moment is read from its text instead; anything else goes to format.ts.
// (format.ts is also the browser's, in the site search's script: a change there changes that
// script's name and bytes, so the shortcut lives here.)
import { dateTimeAttribute as parsedDateTimeAttribute, formatDate as parsedFormatDate } from './format.ts';

const monthNames = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
] as const;

const utcMomentPattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.\d{3}Z$/;

/**
 * The calendar day of a moment written exactly as `toISOString` writes one, each field in its range
 * (so `Date` would give the same text back); null for anything else.
 */
function utcMomentDay(value: string): { year: number; month: number; day: number } | null {
  const match = utcMomentPattern.exec(value);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (Number(match[4]) > 23 || Number(match[5]) > 59 || Number(match[6]) > 59) return null;
  return { year, month, day };
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** format.ts's `dateTimeAttribute`: a date as written, a moment in UTC. */
export function dateTimeAttribute(value: string): string {
  return utcMomentDay(value) ? value : parsedDateTimeAttribute(value);
}

/** format.ts's `formatDate`: `21 January 2025`. */
export function formatDate(value: string): string {
  const day = utcMomentDay(value);
  return day ? `${day.day} ${monthNames[day.month - 1]} ${day.year}` : parsedFormatDate(value);
}
