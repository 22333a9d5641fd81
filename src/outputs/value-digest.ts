// A short hash of a JSON value: what an output's fragments store names as its context (what each
// dataset's part reads besides the dataset), or what is added to a dataset's digest when its part
// also reads something of other datasets (a CKAN dict's relationships, its team's `created`).
import { hash } from 'node:crypto';

/** One call, not a hash object of its own: the CKAN dicts' keys take one for each dataset, every build with a cache. */
export function valueDigest(value: unknown): string {
  return hash('sha256', JSON.stringify(value) ?? 'undefined', 'base64url');
}
