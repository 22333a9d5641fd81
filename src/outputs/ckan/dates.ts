// The two date forms CKAN emits: naive UTC with six fractional digits in API dicts, Solr's `Z` form in
// `fl=` projections. Every CKAN output writes dates through here.

/** What a dict says when the catalogue knows no date at all (a shallow clone without dates). */
export const unknownDate = '1970-01-01T00:00:00.000000';

/** `2019-02-05T16:34:18.000Z` (the model's moments) → `2019-02-05T16:34:18.000000`, as CKAN's `isoformat()` of naive UTC. */
export function ckanDateTime(moment: string): string {
  let date = knownDates.get(moment);
  if (date === undefined) {
    date = `${new Date(moment).toISOString().slice(0, 23)}000`;
    // Few distinct moments, each read many times (every dataset's two dates, its files', a team's
    // `created`; a Git catalogue's dates are its few commits'): each parsed and printed once a thread.
    if (knownDates.size >= maxKnownDates) knownDates.clear();
    knownDates.set(moment, date);
  }
  return date;
}

const knownDates = new Map<string, string>();
const maxKnownDates = 100_000;

/** A resource timestamp (`2024-05-01T08:00:00`, UTC, no zone) in CKAN's form. */
export function ckanDateTimeOfTimestamp(timestamp: string): string {
  return ckanDateTime(`${timestamp}Z`);
}

/** CKAN's form → Solr's (`2019-02-05T16:34:18Z`, `…:18.821Z`): milliseconds only when not zero, as Solr prints them. */
export function solrDateTime(ckanDate: string): string {
  const iso = new Date(`${ckanDate.slice(0, 23)}Z`).toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, 19)}Z` : iso;
}
