// The index as plain data, and how it is read from the files the build writes
// (src/outputs/ckan/index-files.ts): `catalogue.json` parsed, and the package dicts kept as JSON
// text, exactly the bytes of `package_show`, taken from the files `catalogue.json` lists: the
// handler's own store, gzipped JSON lists of the dicts in the index's order. No file system here: a
// Node.js server reads and gunzips the files with read-index.ts (node:zlib), a Worker fetches them
// and the Netlify Edge Function carries them, both gunzipping with gunzip.ts
// (`DecompressionStream`); all hand the texts to `ckanIndexFrom`.
import type { CkanIndexCatalogue } from '../outputs/ckan/index-files.ts';
import { ckanIndexFormat } from '../outputs/ckan/paths.ts';

export interface CkanIndex {
  catalogue: CkanIndexCatalogue;
  /** Each package dict as JSON text, in the static pages' order (newest `metadata_modified` first, then id). */
  packages: readonly string[];
}

export interface CkanIndexTexts {
  catalogue: string;
  /** The texts of `catalogue.packageFiles` (gunzipped), in its order. */
  packageFiles: readonly string[];
}

export function parseCkanIndex(texts: CkanIndexTexts): CkanIndex {
  return ckanIndexFrom(parseIndexCatalogue(texts.catalogue), texts.packageFiles);
}

/** `catalogue.json`, refused when it is another layout than this handler reads. */
export function parseIndexCatalogue(text: string): CkanIndexCatalogue {
  const catalogue = JSON.parse(text) as CkanIndexCatalogue;
  if (catalogue.format !== ckanIndexFormat) throw new Error(`The CKAN index is format ${String(catalogue.format)}; this handler reads format ${ckanIndexFormat}: build the site again`);
  return catalogue;
}

/** The index from its catalogue and the texts of its package files, checked to hold as many dicts as the catalogue says. */
export function ckanIndexFrom(catalogue: CkanIndexCatalogue, packageFileTexts: readonly string[]): CkanIndex {
  if (packageFileTexts.length !== catalogue.packageFiles.length) throw new Error(`The CKAN index lists ${catalogue.packageFiles.length} package files; ${packageFileTexts.length} were read`);
  const packages = packageFileTexts.flatMap((text, number) => packageDictTexts(text, catalogue.packageFiles[number]!));
  if (packages.length !== catalogue.packageCount) {
    throw new Error(`The CKAN index counts ${catalogue.packageCount} package dicts, its files (${catalogue.packageFiles.join(', ')}) hold ${packages.length}: they are not of the same build; build the site again`);
  }
  return { catalogue, packages };
}

const openBrace = 0x7b;
const closeBrace = 0x7d;
const openBracket = 0x5b;
const closeBracket = 0x5d;
const quote = 0x22;
const backslash = 0x5c;

/**
 * The items of a package file's list, each as the text it is: the file's own list, or the list
 * after `"results":` in a `package_search` page (the first such text in it: nothing before the list
 * holds a dataset's text; index format 3 read those pages). The files are the build's compact JSON
 * (json-text.ts): no space between items, and each item an object that ends at the `}` closing
 * its first `{` (strings skipped). Anything else is refused, naming the file.
 */
export function packageDictTexts(text: string, file: string): string[] {
  const refuse = (why: string) => new Error(`The CKAN index's package file ${file} is not a list of package dicts: ${why}; build the site again`);
  const marker = '"results":[';
  let at = 1;
  if (!text.startsWith('[')) {
    const found = text.indexOf(marker);
    if (found < 0) throw refuse('it has no "results" list');
    at = found + marker.length;
  }
  const items: string[] = [];
  if (text.charCodeAt(at) === closeBracket) return items;
  for (;;) {
    if (text.charCodeAt(at) !== openBrace) throw refuse(`an item does not start with { at character ${at}`);
    const end = objectEnd(text, at);
    if (end < 0) throw refuse(`the item at character ${at} does not end`);
    items.push(text.slice(at, end));
    at = end;
    const next = text.charCodeAt(at);
    if (next === closeBracket) return items;
    if (next !== 0x2c) throw refuse(`no , or ] after the item ending at character ${at}`);
    at++;
  }
}

/** Where the object opened at `start` ends (just past its `}`), or -1 when the text ends first. */
function objectEnd(text: string, start: number): number {
  let depth = 0;
  for (let at = start; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code === quote) {
      // A string: a backslash takes the next character with it (`\"`, `\\`).
      for (at++; at < text.length && text.charCodeAt(at) !== quote; at++) if (text.charCodeAt(at) === backslash) at++;
    } else if (code === openBrace || code === openBracket) {
      depth++;
    } else if (code === closeBrace || code === closeBracket) {
      depth--;
      if (depth === 0) return at + 1;
    }
  }
  return -1;
}
