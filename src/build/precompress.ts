// Pre-compressed copies (`.gz`, `.br`) beside the files where they pay: the fingerprinted assets
// every page loads (`_astro/`), and the large catalogue-wide files (exports, DCAT, data.json,
// sitemaps) at the site's root and in `api/datasets/`. nginx serves the `.gz` (`gzip_static`) and,
// with ngx_brotli, the `.br`; other hosts compress on the fly. Not every file: at 10,000 datasets a
// copy of each page and API answer would double the build's file count for answers of a few KB
// that hosts compress on the fly anyway (docs/hosting.md).
import { createReadStream, createWriteStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { constants, createBrotliCompress, createGzip } from 'node:zlib';
import { mapLimited } from '../util/map-limited.ts';

/** Folders whose every compressible file is worth a compressed copy. */
export const assetFolders = ['_astro/'];
/** Folders whose compressible files of at least `largeFileBytes` get one. */
export const largeFileFolders = ['', 'api/datasets/'];
export const largeFileBytes = 64 * 1024;

export interface PrecompressRules {
  /** Extension → media type, and the types worth compressing. */
  mediaTypes: Readonly<Record<string, string>>;
  compressibleTypes: readonly string[];
  /** Host configuration files: never served, never compressed. */
  hidden: readonly string[];
}

/** Writes `<file>.gz` and `<file>.br` beside each chosen file; returns the chosen files, site-relative, sorted. */
export async function precompress(siteDir: string, rules: PrecompressRules): Promise<string[]> {
  const compressible = (file: string) => {
    const extension = /\.([^./]+)$/.exec(file)?.[1]?.toLowerCase() ?? '';
    return Object.hasOwn(rules.mediaTypes, extension) && rules.compressibleTypes.includes(rules.mediaTypes[extension]!) && !rules.hidden.includes(file);
  };
  const chosen: string[] = [];
  for (const folder of [...assetFolders, ...largeFileFolders]) {
    const entries = await readdir(path.join(siteDir, folder), { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const file = `${folder}${entry.name}`;
      if (!entry.isFile() || !compressible(file)) continue;
      if (!assetFolders.includes(folder) && (await stat(path.join(siteDir, file))).size < largeFileBytes) continue;
      chosen.push(file);
    }
  }
  chosen.sort();
  await mapLimited(chosen, 4, async (file) => {
    const source = path.join(siteDir, file);
    // Deterministic: Node's gzip header has no time and no name; brotli has neither.
    await pipeline(createReadStream(source), createGzip({ level: 9 }), createWriteStream(`${source}.gz`));
    // Quality 11 takes seconds per megabyte (a 10,000-dataset export.json is tens of them): 11 for
    // the small assets, 5 (fast, still smaller than gzip's best) for the rest.
    const quality = file.startsWith('_astro/') ? 11 : 5;
    await pipeline(createReadStream(source), createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: quality } }), createWriteStream(`${source}.br`));
  });
  return chosen;
}
