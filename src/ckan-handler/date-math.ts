// Solr's date syntax, as `fq=metadata_modified:[NOW-1DAY TO *]` uses it: an instant
// (`2025-01-21T15:10:03.123456Z`; Solr needs the `Z`) or `NOW`, then any number of `+N UNIT`,
// `-N UNIT` and `/UNIT` (round down), in UTC. Months and years clamp the day, as Java's do
// (January 31 + 1 MONTH is February 28 or 29). Moments are milliseconds since the epoch, Solr's
// precision.

const unitNames: Record<string, Unit> = {
  YEAR: 'year',
  YEARS: 'year',
  MONTH: 'month',
  MONTHS: 'month',
  DAY: 'day',
  DAYS: 'day',
  DATE: 'day',
  HOUR: 'hour',
  HOURS: 'hour',
  MINUTE: 'minute',
  MINUTES: 'minute',
  SECOND: 'second',
  SECONDS: 'second',
  MILLI: 'milli',
  MILLIS: 'milli',
  MILLISECOND: 'milli',
  MILLISECONDS: 'milli',
};

type Unit = 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second' | 'milli';

const fixedLength: Partial<Record<Unit, number>> = { day: 86_400_000, hour: 3_600_000, minute: 60_000, second: 1000, milli: 1 };

export class InvalidDate extends Error {}

const instant = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?Z/;

/** The moment `text` names, `now` standing for NOW; `InvalidDate` for anything Solr would refuse. */
export function parseSolrDate(text: string, now: number): number {
  let moment: number;
  let rest: string;
  if (text.startsWith('NOW')) {
    moment = now;
    rest = text.slice(3);
  } else {
    const match = instant.exec(text);
    if (!match) throw new InvalidDate(`Invalid Date String:'${text}'`);
    const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
    const millis = Number((match[7] ?? '').padEnd(3, '0').slice(0, 3));
    moment = Date.UTC(year, month - 1, day, hour, minute, second, millis);
    const check = new Date(moment);
    if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) throw new InvalidDate(`Invalid Date String:'${text}'`);
    rest = text.slice(match[0].length);
  }
  const operations = /([+-])(\d+)([A-Z]+)|\/([A-Z]+)/y;
  let at = 0;
  while (at < rest.length) {
    operations.lastIndex = at;
    const operation = operations.exec(rest);
    if (!operation) throw new InvalidDate(`Invalid Date Math String:'${text}'`);
    const unit = unitNames[operation[3] ?? operation[4]!];
    if (!unit) throw new InvalidDate(`Invalid Date Math String:'${text}'`);
    moment = operation[4] ? roundDown(moment, unit) : add(moment, unit, (operation[1] === '-' ? -1 : 1) * Number(operation[2]));
    at = operations.lastIndex;
  }
  return moment;
}

function add(moment: number, unit: Unit, amount: number): number {
  const length = fixedLength[unit];
  if (length !== undefined) return moment + amount * length;
  const date = new Date(moment);
  const months = date.getUTCFullYear() * 12 + date.getUTCMonth() + (unit === 'year' ? 12 * amount : amount);
  const year = Math.floor(months / 12);
  const month = months - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(year, month, Math.min(date.getUTCDate(), lastDay), date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds(), date.getUTCMilliseconds());
}

function roundDown(moment: number, unit: Unit): number {
  const date = new Date(moment);
  const parts = [date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds(), date.getUTCMilliseconds()];
  const keep = { year: 1, month: 2, day: 3, hour: 4, minute: 5, second: 6, milli: 7 }[unit];
  const floors = [0, 0, 1, 0, 0, 0, 0];
  const [year, month, day, hour, minute, second, millis] = parts.map((value, index) => (index < keep ? value : floors[index]!)) as [number, number, number, number, number, number, number];
  return Date.UTC(year, month, day, hour, minute, second, millis);
}

/** A package dict's date (`2019-02-05T16:34:18.000000`, naive UTC) as Solr holds it: milliseconds. */
export function ckanDateMillis(ckanDate: string): number {
  return Date.parse(`${ckanDate.slice(0, 23)}Z`);
}
