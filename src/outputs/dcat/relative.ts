// IRIs relative to a dataset's folder, for its own two files (`#dataset` for
// `https://site/dataset/roads/#dataset`, `../../team/roads/#team`): the same triples, a tenth fewer
// bytes. Each syntax has its own rules, worked out here: n3's, without the regular expression its
// BaseIRI compiles for each base (at 10,000 bases, more time than the rest of the serialising:
// docs/performance.md, session 7), and jsonld's, which compact-jsonld.ts writes without running
// jsonld. The tests hold both to the libraries' own results.
import { BaseIRI } from 'n3';

/** n3's BaseIRI: the bases it does not relativise against, and the suffixes it writes relative. */
const unsupportedBase = /^:?[^:?#]*(?:[?#]|$)|^file:|^[^:]*:\/*[^?#]+?\/(?:\.\.?(?:\/|$)|\/)/i;
const supportedSuffix = /^(?:(?!\.\.?(?:[/?#]|$))[^/?#]+(?:\/[^/?#]{3,})*\/?)?(?:[?#]|$)/;

/** A base's parts for turtleRelative: where each of its path segments ends. */
interface TurtleBase {
  base: string;
  /** Whether it is a folder n3 relativises against (else n3's own BaseIRI answers, or none when n3 writes nothing relative to it). */
  folder: boolean;
  n3: BaseIRI | null;
  /** The end of each segment after the scheme (`host/`, `dataset/`, `roads/`). */
  ends: number[];
}

let lastTurtleBase: TurtleBase | null = null;
/** The one before: a dataset's nodes are written relative to the site and to its folder in turn (dataset-text.ts). */
let otherTurtleBase: TurtleBase | null = null;

function turtleBase(base: string): TurtleBase {
  if (lastTurtleBase?.base === base) return lastTurtleBase;
  if (otherTurtleBase?.base === base) {
    [otherTurtleBase, lastTurtleBase] = [lastTurtleBase, otherTurtleBase];
    return lastTurtleBase;
  }
  otherTurtleBase = lastTurtleBase;
  // Only a base with no query or fragment, ending with `/` (a folder), is read here; n3 answers for any other.
  const supported = !unsupportedBase.test(base);
  const folder = supported && !/[?#]/.test(base) && base.endsWith('/');
  const ends: number[] = [];
  if (folder) {
    const scheme = /^[^:]*:\/*/.exec(base)![0].length;
    for (let slash = base.indexOf('/', scheme); slash >= 0; slash = base.indexOf('/', slash + 1)) ends.push(slash + 1);
  }
  return (lastTurtleBase = { base, folder: folder && ends.length > 0, n3: supported && !(folder && ends.length > 0) ? new BaseIRI(base) : null, ends });
}

/**
 * `iri` as n3's Writer writes it with `base` as its baseIRI (BaseIRI.toRelative): worked out here
 * for a base that is a folder (`https://site/dataset/roads/`), by n3's BaseIRI for any other.
 */
export function turtleRelative(iri: string, base: string): string {
  const { folder, n3, ends } = turtleBase(base);
  if (!folder) return n3 ? n3.toRelative(iri) : iri;
  // Most of a dataset's IRIs: its folder, and a fragment of it (what the general case below gives too).
  if (iri.startsWith(base)) {
    if (iri.length === base.length) return '';
    if (iri[base.length] === '#' || iri[base.length] === '?') return iri.slice(base.length);
  }
  if (!iri.startsWith(base.slice(0, ends[0]))) return iri;
  // The longest run of the base's segments the IRI starts with (the first one at least, with the scheme).
  let matched = 1;
  while (matched < ends.length && iri.startsWith(base.slice(ends[matched - 1], ends[matched]), ends[matched - 1])) matched++;
  let length = ends[matched - 1]!;
  if (matched === ends.length) {
    // The whole base: the IRI itself is written `<>`, its fragment or query alone.
    if (length === iri.length) return '';
    if (iri[length] === '#' || iri[length] === '?') return iri.slice(length);
  }
  const up = matched === ends.length ? './' : '../'.repeat(ends.length - matched);
  const suffix = iri.slice(length);
  if (!supportedSuffix.test(suffix)) return iri;
  if (up === './' && /^[^?#]/.test(suffix) && (suffix.indexOf(':') < 0 || !/^[^/?#]*:/.test(suffix))) return suffix;
  return up + suffix;
}

/**
 * The IRI a relative reference n3's writer wrote with `base` as its baseIRI stands for: the inverse
 * of turtleRelative for a base that is a folder (its only forms: `` for the base, `#…` or `?…`
 * after it, `./x` or `x` under it, `../…` for each segment up), or null for any other base, which
 * the caller then does not read back. An absolute IRI (n3 wrote it as it is) comes back as it is.
 */
export function turtleResolve(reference: string, base: string): string | null {
  if (absolute.test(reference)) return reference;
  const { folder, ends } = turtleBase(base);
  if (!folder) return null;
  if (reference === '' || reference[0] === '#' || reference[0] === '?') return base + reference;
  if (reference.startsWith('./')) return base + reference.slice(2);
  let up = 0;
  while (reference.startsWith('../', up * 3)) up++;
  if (up === 0) return base + reference;
  if (up >= ends.length) return null;
  return base.slice(0, ends[ends.length - 1 - up]) + reference.slice(up * 3);
}

const absolute = /^[a-z][a-z0-9+.-]*:/i;

/** `https://host` of an IRI with an authority (what jsonld's removeBase calls the root). */
export const rootOf = (iri: string) => /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(iri)?.[0] ?? null;

/**
 * `iri` relative to `base`, as jsonld's compaction writes it under a context's `@base` (its url.js
 * removeBase, step for step: the path segments both share dropped, `../` for each of the base's
 * left but its last), or null when the relative form would not read back as the same IRI, which
 * removeBase does not check: an IRI that only starts with the site's root as a string
 * (`https://a.example.org` for `https://a.example`, a port), dot segments or `//`, a first segment
 * with a colon (read as a scheme), `@…` (read as a keyword). The file then keeps `site:` compact
 * IRIs (datasetTexts); a URL made by `iri()` never has most of these, a publisher's may.
 */
export function jsonLdRelative(iri: string, base: string): string | null {
  if (lastRoot?.base !== base) lastRoot = { base, root: rootOf(base)! };
  const root = lastRoot.root;
  if (!iri.startsWith(root)) return iri;
  // Most of a dataset's IRIs: a fragment of its folder (what the general case below gives too).
  if (iri.startsWith(base) && iri[base.length] === '#' && base.endsWith('/')) {
    const fragment = iri.slice(base.length);
    if (urlSafe.test(fragment)) return fragment;
  }
  const rest = iri.slice(root.length);
  if (!rest.startsWith('/')) return null;
  const hash = rest.indexOf('#');
  const beforeHash = hash < 0 ? rest : rest.slice(0, hash);
  const question = beforeHash.indexOf('?');
  const path = question < 0 ? beforeHash : beforeHash.slice(0, question);
  if (/\/\.{1,2}(?:\/|$)|\/\//.test(path)) return null;
  const baseSegments = base.slice(root.length).split('/');
  const segments = path.split('/');
  const last = hash >= 0 || question >= 0 ? 0 : 1;
  while (baseSegments.length > 0 && segments.length > last && baseSegments[0] === segments[0]) {
    baseSegments.shift();
    segments.shift();
  }
  let relative = baseSegments.length > 0 ? '../'.repeat(baseSegments.length - 1) : '';
  relative += segments.join('/');
  if (question >= 0) relative += beforeHash.slice(question);
  if (hash >= 0) relative += rest.slice(hash);
  if (relative === '') relative = './';
  if (/^[^/?#]*:/.test(relative) || relative.startsWith('@')) return null;
  // What a reader resolves it to: the same IRI (a URL parser changes nothing made of these characters, but a backslash, a space…), or the file keeps compact IRIs.
  return urlSafe.test(relative) || new URL(relative, base).href === iri ? relative : null;
}

let lastRoot: { base: string; root: string } | null = null;

const urlSafe = /^[\w.~!$&'()*+,;=:@/?#%-]*$/;
