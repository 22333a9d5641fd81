// The index as plain data, and how it is read from the two files the build writes
// (src/outputs/ckan/index-files.ts): `catalogue.json` parsed, `packages.json` kept as one JSON text
// per package dict, exactly the bytes of `package_show`. No file system here: a Node.js server
// reads the files with read-index.ts, a Worker fetches them; both hand the texts to `parseCkanIndex`.
import type { CkanIndexCatalogue } from '../outputs/ckan/index-files.ts';
import { ckanIndexFormat } from '../outputs/ckan/paths.ts';

export interface CkanIndex {
  catalogue: CkanIndexCatalogue;
  /** Each package dict as JSON text, in the static pages' order (newest `metadata_modified` first, then id). */
  packages: readonly string[];
}

export interface CkanIndexTexts {
  catalogue: string;
  packages: string;
}

export function parseCkanIndex(texts: CkanIndexTexts): CkanIndex {
  const catalogue = JSON.parse(texts.catalogue) as CkanIndexCatalogue;
  if (catalogue.format !== ckanIndexFormat) throw new Error(`The CKAN index is format ${String(catalogue.format)}; this handler reads format ${ckanIndexFormat}: build the site again`);
  const lines = texts.packages.split('\n');
  if (lines[0] !== '[' || lines.at(-1) !== ']') throw new Error('The CKAN index of packages is not one package dict per line between [ and ]');
  const packages = lines.slice(1, -1).map((line) => (line.endsWith(',') ? line.slice(0, -1) : line));
  return { catalogue, packages };
}
