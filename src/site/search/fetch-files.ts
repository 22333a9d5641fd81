// How the browser reads the index's files: from the site's own base path, each asked for with the
// index's version (so a cache never mixes two builds), and unzipped here: the build gzips them,
// and a static host sends them as they are. What the page's head asked for already (early.ts) is
// taken from there, not asked for again.
import { manifestPath } from '../../outputs/search/format.ts';
import { manifestRequest, takeEarlyRequests } from './early.ts';
import type { LoadFile } from './engine.ts';

export function fetchIndexFiles(basePath: string): LoadFile {
  let version = '';
  const early = takeEarlyRequests();
  let earlyManifest = early?.manifest;
  return async (path) => {
    const isManifest = path === manifestPath;
    const url = `${basePath}${path}${isManifest ? '' : `?v=${encodeURIComponent(version)}`}`;
    const response = await ((isManifest ? takeManifest() : await takeFile(url)) ?? fetch(url, isManifest ? manifestRequest : {}));
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (isManifest) version = String((JSON.parse(new TextDecoder().decode(bytes)) as { version?: unknown }).version ?? '');
    return gunzip(bytes);
  };

  /** The head's responses, each once: a later opening of the index, or a file asked for again, goes to the server. */
  function takeManifest(): Promise<Response> | undefined {
    const manifest = earlyManifest;
    earlyManifest = undefined;
    return manifest;
  }
  async function takeFile(url: string): Promise<Response | undefined> {
    const files = early ? await early.files : {};
    const pending = files[url];
    delete files[url];
    // A request of the head's that failed is made again (the server may answer this time).
    return pending?.catch(() => fetch(url));
  }
}

/** Unzips gzip bytes; returns anything else as it is (a host that unzipped them on the way). */
async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  const stream = new Response(bytes as Uint8Array<ArrayBuffer>).body!.pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
