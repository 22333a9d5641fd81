// How the site writes numbers, sizes, dates and time frames for people: one place, no locale luck
// (written out by hand so the same catalogue gives the same HTML on every machine).

const monthNames = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
] as const;

/** `1234567` → `1,234,567`. */
export function formatCount(value: number): string {
  const [whole, fraction] = String(Math.abs(value)).split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${value < 0 ? '-' : ''}${grouped}${fraction ? `.${fraction}` : ''}`;
}

/** `1 dataset`, `2 datasets`, `1,204 files`. */
export function pluralise(count: number, singular: string, plural = `${singular}s`): string {
  return `${formatCount(count)} ${count === 1 ? singular : plural}`;
}

const sizeUnits = ['KB', 'MB', 'GB', 'TB'] as const;

/**
 * A file size as people read it: `512 bytes`, `9.6 KB`, `21 KB`, `1.3 MB`. Units of 1,024 bytes,
 * as file managers show them; one decimal below 10, whole numbers above.
 */
export function humanFileSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) throw new RangeError(`not a file size: ${bytes}`);
  if (bytes < 1024) return bytes === 1 ? '1 byte' : `${formatCount(Math.round(bytes))} bytes`;
  let value = bytes / 1024;
  let unit = 0;
  // Round first, so 1,048,575 bytes reads `1 MB`, not `1024 KB`.
  while (unit < sizeUnits.length - 1 && roundForSize(value) >= 1024) {
    value /= 1024;
    unit += 1;
  }
  return `${formatCount(roundForSize(value))} ${sizeUnits[unit]}`;
}

function roundForSize(value: number): number {
  return value < 10 ? Math.round(value * 10) / 10 : Math.round(value);
}

interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/** Reads `YYYY-MM-DD` or an ISO 8601 moment; a moment is taken on its UTC calendar day. */
function calendarDate(value: string): CalendarDate {
  const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (dateOnly) return { year: Number(dateOnly[1]), month: Number(dateOnly[2]), day: Number(dateOnly[3]) };
  const moment = Date.parse(value);
  if (Number.isNaN(moment)) throw new RangeError(`not a date: ${value}`);
  const date = new Date(moment);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/** `2025-01-21` or `2025-01-21T16:10:03.000Z` → `21 January 2025` (GOV.UK style). */
export function formatDate(value: string): string {
  const { year, month, day } = calendarDate(value);
  return `${day} ${monthNames[month - 1]} ${year}`;
}

/** The machine-readable form for `<time datetime>`: a date as written, a moment in UTC. */
export function dateTimeAttribute(value: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const moment = Date.parse(value);
  if (Number.isNaN(moment)) throw new RangeError(`not a date: ${value}`);
  return new Date(moment).toISOString();
}

function parseMonth(value: string): { year: number; month: number } {
  const match = /^(\d{4})-(\d{2})$/.exec(value);
  if (!match || Number(match[2]) < 1 || Number(match[2]) > 12) throw new RangeError(`not a month: ${value}`);
  return { year: Number(match[1]), month: Number(match[2]) };
}

/** `2024-11` → `November 2024`. */
export function formatMonth(value: string): string {
  const { year, month } = parseMonth(value);
  return `${monthNames[month - 1]} ${year}`;
}

/**
 * A resource's time frame in words: `November 2024`, `October to December 2024`,
 * `January 2020 to November 2024`, `From January 2020`, `Up to November 2024`; null when unknown.
 */
export function formatTimeFrame(from: string | null, to: string | null): string | null {
  if (from && to) {
    if (from === to) return formatMonth(from);
    const start = parseMonth(from);
    const end = parseMonth(to);
    if (start.year === end.year) return `${monthNames[start.month - 1]} to ${formatMonth(to)}`;
    return `${formatMonth(from)} to ${formatMonth(to)}`;
  }
  if (from) return `From ${formatMonth(from)}`;
  if (to) return `Up to ${formatMonth(to)}`;
  return null;
}

/**
 * The opening of a description for a list: its first paragraph, cut at a word boundary so it is at
 * most `limit` characters, with an ellipsis when cut.
 */
export function summarise(text: string, limit = 200): string {
  const firstParagraph = text.split('\n').map((line) => line.trim()).find(Boolean) ?? '';
  if (firstParagraph.length <= limit) return firstParagraph;
  const cut = firstParagraph.slice(0, limit - 1);
  const lastSpace = cut.lastIndexOf(' ');
  const words = (lastSpace > limit / 2 ? cut.slice(0, lastSpace) : cut).replace(/[\s,;:.\-–—]+$/u, '');
  return `${words}…`;
}

/** The host a link points at, for "on example.org" notes: `files.northbridge.example`. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host.replace(/^www\./, '');
  } catch {
    return url;
  }
}

/**
 * An address (URL, e-mail, path) cut where a line may break without splitting a word: after each
 * `/`, `?`, `&`, `=` and `@`, and before each `.` that follows a letter. The page puts a `<wbr>`
 * between the parts, so a phone wraps `opendata@` / `northbridge.example`, never `opend/ata`.
 */
export function addressParts(text: string): string[] {
  return text.split(/(?<=.[/?&=@])(?=[^/])|(?<=[A-Za-z])(?=\.[A-Za-z])/);
}
