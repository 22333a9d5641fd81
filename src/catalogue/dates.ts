// Dates as a publisher writes them (2025-01-15, 2024-11, 2025-01-21T16:10:03Z): whether they are
// written right and whether they exist, said apart, because "2026-02-30" is written right and a
// publisher who is told to "write YYYY-MM-DD" cannot see what is wrong with it.

export interface DateProblem {
  message: string;
  hint: string;
}

const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A date written YYYY-MM-DD, or why not. */
export function dateProblem(value: string): DateProblem | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return { message: `must be a date written YYYY-MM-DD, not '${shorten(value)}'`, hint: 'Write the year, month and day with hyphens, e.g. 2026-01-15.' };
  return unrealDate(Number(match[1]), Number(match[2]), Number(match[3]), value);
}

/** A month written YYYY-MM, or why not. */
export function monthProblem(value: string): DateProblem | null {
  const match = /^(\d{4})-(\d{2})$/.exec(value);
  if (!match) return { message: `must be a month written YYYY-MM, not '${shorten(value)}'`, hint: 'Write the year and month with a hyphen, e.g. 2024-01.' };
  const month = Number(match[2]);
  if (month < 1 || month > 12) return { message: `${value} is not a real month: months go from 01 to 12`, hint: 'Correct the month, e.g. 2024-12 for December 2024.' };
  return null;
}

/** A moment: a date and time with a zone (Z or ±hh:mm), or why not. */
export function momentProblem(value: string): DateProblem | null {
  const written = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-](\d{2}):(\d{2}))$/.exec(value);
  if (!written) {
    return {
      message: `must be a date and time with a time zone, e.g. 2025-01-21T16:10:03Z, not '${shorten(value)}'`,
      hint: "Write the date, a 'T', the time and Z for UTC (or an offset such as +01:00); or leave the field out to take it from Git.",
    };
  }
  const date = unrealDate(Number(written[1]), Number(written[2]), Number(written[3]), value.slice(0, 10));
  if (date) return date;
  const [hours, minutes, seconds, zoneHours, zoneMinutes] = [written[4], written[5], written[6] ?? '00', written[7] ?? '00', written[8] ?? '00'].map(Number) as [number, number, number, number, number];
  if (hours > 23 || minutes > 59 || seconds > 59 || zoneHours > 23 || zoneMinutes > 59) {
    return { message: `${value} is not a real time: hours go to 23, minutes and seconds to 59`, hint: 'Correct the time, e.g. 2025-01-21T16:10:03Z.' };
  }
  return null;
}

function unrealDate(year: number, month: number, day: number, written: string): DateProblem | null {
  if (month < 1 || month > 12) return { message: `${written} is not a real date: months go from 01 to 12`, hint: 'Dates are written year-month-day: check that the month is in the middle, e.g. 2026-12-01.' };
  const days = daysIn(year, month);
  if (day < 1 || day > days) {
    const monthName = monthNames[month - 1]!;
    return {
      message: `${written} is not a real date: ${monthName} ${year} has ${days} days`,
      hint: `Correct the day: ${monthName} ${year} runs from ${year}-${String(month).padStart(2, '0')}-01 to ${year}-${String(month).padStart(2, '0')}-${days}.`,
    };
  }
  return null;
}

function daysIn(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function shorten(value: string): string {
  return value.length > 40 ? `${value.slice(0, 37)}...` : value;
}
