// The dataset list's search, started from the page's head (DatasetSearchStart.astro inlines the
// script written here, before the stylesheet, so it runs as soon as it is parsed and waits for
// nothing). When the address holds a search it asks for the index's manifest, and, the moment the
// manifest arrives, for the files the search of that address reads first (its words' shards, a
// common word's postings and first pages): the same files the engine would ask for once its module
// had loaded, compiled and run, which on a busy main thread is after the page's first layout and
// paint. It also imports the search's module at once. The module (fetch-files.ts) takes these
// responses instead of asking again.
//
// The script's logic is the function below, written into the page as its source, with the source
// of the functions it shares with the engine (words.ts, format.ts): one definition of how a query
// becomes words and files. Each is self-contained for that reason. test/search/early.test.ts runs
// the script and checks it asks for exactly what the engine asks for first.
import { documentCombosPath, filterNames, firstPagesPath, manifestPath, shardsFor, termStore } from '../../outputs/search/format.ts';
import { matchesAsPrefix, searchWords } from '../../outputs/search/words.ts';

/** The manifest is checked with the server every time: it says which version the other files are. */
export const manifestRequest: RequestInit = { cache: 'no-cache' };

/** Where the head's script leaves what it asked for (a property of `window`), for the module to take once. */
export const earlyHolder = 'datashelfSearchEarly';

export interface EarlyRequests {
  /** The manifest's response. */
  manifest: Promise<Response>;
  /** The first files' responses by URL (`?v=` included), once the manifest is read; none if it cannot be. */
  files: Promise<Record<string, Promise<Response>>>;
}

interface EarlyConfig {
  /** The site's base path (`/`, `/data/`). */
  base: string;
  manifestPath: string;
  manifestRequest: RequestInit;
  combosPath: string;
  /** The address's parameters that make a search: the text's and the filters'. */
  textParameter: string;
  filterParameters: readonly string[];
  pendingAttribute: string;
  holder: string;
}

interface EarlyHelpers {
  searchWords: (text: string) => string[];
  matchesAsPrefix: (word: string) => boolean;
  shardsFor: (firstKeys: readonly string[], key: string, asPrefix: boolean) => number[];
  shardPath: (shard: number) => string;
  postingsPath: (file: number) => string;
  firstPagesPath: (file: number) => string;
}

/**
 * Runs in the page, written there as its source: it may use nothing from outside its body but its
 * arguments and the browser's globals. Mirrors `readAddress` (address.ts) and the first requests of
 * `SearchIndex.search` (engine.ts).
 */
function startEarly(config: EarlyConfig, helpers: EarlyHelpers): void {
  const address = new URLSearchParams(location.search);
  const searching = [config.textParameter, ...config.filterParameters].some((name) => address.getAll(name).some((value) => value.trim() !== ''));
  if (!searching) return;
  document.documentElement.setAttribute(config.pendingAttribute, '');
  const manifest = fetch(`${config.base}${config.manifestPath}`, config.manifestRequest);
  // Handled here too: if the module cannot load, nothing takes it, and that is no error.
  manifest.catch(() => null);
  const files = manifest
    .then(async (response) => {
      if (!response.ok) return {};
      const read = (await response.clone().json()) as { version?: unknown; termShards: string[]; commonWords: Record<string, number> };
      const words = [...new Set(helpers.searchWords((address.get(config.textParameter) ?? '').trim()))];
      const page = Number.parseInt(address.get('page') ?? '', 10);
      const firstPage = !(Number.isInteger(page) && page > 1);
      const paths: string[] = words.length ? [] : [config.combosPath];
      for (const word of words) {
        if (Object.hasOwn(read.commonWords, word)) paths.push(helpers.postingsPath(read.commonWords[word]!));
        for (const shard of helpers.shardsFor(read.termShards, word, helpers.matchesAsPrefix(word))) paths.push(helpers.shardPath(shard));
      }
      if (words.length === 1 && address.get('sort') !== 'updated' && firstPage && Object.hasOwn(read.commonWords, words[0]!)) paths.push(helpers.firstPagesPath(read.commonWords[words[0]!]!));
      const version = encodeURIComponent(String(read.version ?? ''));
      const requests: Record<string, Promise<Response>> = {};
      for (const path of new Set(paths)) {
        const url = `${config.base}${path}?v=${version}`;
        requests[url] = fetch(url);
        requests[url].catch(() => null);
      }
      return requests;
    })
    .catch(() => ({}));
  const early: EarlyRequests = { manifest, files };
  (window as unknown as Record<string, EarlyRequests>)[config.holder] = early;
}

/**
 * The inline script: the function above with its configuration and helpers, then the import of the
 * search's module (the module script just before this one; a module runs once, however it is
 * loaded). If the module cannot load, the built list comes back.
 */
export function earlyScript(base: string, textParameter: string, pendingAttribute: string): string {
  const config: EarlyConfig = { base, manifestPath, manifestRequest, combosPath: documentCombosPath, textParameter, filterParameters: filterNames, pendingAttribute, holder: earlyHolder };
  const helpers = [
    `searchWords: ${searchWords.toString()}`,
    `matchesAsPrefix: ${matchesAsPrefix.toString()}`,
    `shardsFor: ${shardsFor.toString()}`,
    `shardPath: ${termStore.shardPath.toString()}`,
    `postingsPath: ${termStore.postingsPath.toString()}`,
    `firstPagesPath: ${firstPagesPath.toString()}`,
  ];
  return [
    '{',
    `const module = document.currentScript?.previousElementSibling;`,
    // `<` escaped: nothing in the configuration (a base path) can close the script element.
    `(${startEarly.toString()})(${JSON.stringify(config).replaceAll('<', '\\u003c')}, {\n${helpers.join(',\n')}\n});`,
    `if (module instanceof HTMLScriptElement && module.src) import(module.src).catch(() => document.documentElement.removeAttribute(${JSON.stringify(pendingAttribute)}));`,
    '}',
  ].join('\n');
}

/** What the head's script asked for, once: a later opening of the index asks the server again. */
export function takeEarlyRequests(): EarlyRequests | undefined {
  const holder = window as unknown as Record<string, EarlyRequests | undefined>;
  const early = holder[earlyHolder];
  delete holder[earlyHolder];
  return early;
}
