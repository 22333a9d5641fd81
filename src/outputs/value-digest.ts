// A short hash of a JSON value: what an output's fragments store names as its context (what each
// dataset's part reads besides the dataset), or what is added to a dataset's digest when its part
// also reads something of other datasets (a CKAN dict's relationships, its team's `created`).
import { createHash } from 'node:crypto';

export function valueDigest(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value) ?? 'undefined').digest('base64url');
}
