// How the browser reads the index's files: from the site's own base path, each asked for with the
// index's version (so a cache never mixes two builds), and unzipped here: the build gzips them,
// and a static host sends them as they are.
import { manifestPath } from '../../outputs/search/format.ts';
import type { LoadFile } from './engine.ts';

/** The manifest is checked with the server every time: it says which version the other files are. */
export const manifestRequest: RequestInit = { cache: 'no-cache' };
/**
 * Where the page's first script (DatasetSearchStart.astro) leaves the manifest's response it asked
 * for while the page was still arriving, when the address holds a search.
 */
export const earlyManifest = 'datashelfSearchManifest';

export function fetchIndexFiles(basePath: string): LoadFile {
  let version = '';
  return async (path) => {
    const isManifest = path === manifestPath;
    const url = `${basePath}${path}${isManifest ? '' : `?v=${encodeURIComponent(version)}`}`;
    const response = await ((isManifest && takeEarlyManifest()) || fetch(url, isManifest ? manifestRequest : {}));
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (isManifest) version = String((JSON.parse(new TextDecoder().decode(bytes)) as { version?: unknown }).version ?? '');
    return gunzip(bytes);
  };
}

/** Unzips gzip bytes; returns anything else as it is (a host that unzipped them on the way). */
async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  const stream = new Response(bytes as Uint8Array<ArrayBuffer>).body!.pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** The early response, once: a later opening of the index asks the server again. */
function takeEarlyManifest(): Promise<Response> | undefined {
  const holder = window as unknown as Record<string, Promise<Response> | undefined>;
  const early = holder[earlyManifest];
  delete holder[earlyManifest];
  return early;
}
