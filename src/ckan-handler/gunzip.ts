// The index's package files are gzipped (src/outputs/ckan/index-files.ts): the edge runtimes
// (workerd, Deno) gunzip them with the web-standard `DecompressionStream`, as no Node.js module is
// bundled into the generated code (src/edge/bundle.ts). Node.js reads them with node:zlib (read-index.ts).

/** gzip's first two bytes (RFC 1952). */
const isGzip = (bytes: Uint8Array) => bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;

/**
 * A gzipped file's text (UTF-8). Bytes that are not gzip are read as the text itself: a host that
 * sent the file with `Content-Encoding: gzip` has had its runtime gunzip it already.
 */
export async function gunzipText(bytes: Uint8Array, file: string): Promise<string> {
  if (!isGzip(bytes)) return new TextDecoder().decode(bytes);
  try {
    const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'));
    return await new Response(stream).text();
  } catch (error) {
    throw new Error(`The CKAN index's package file ${file} could not be gunzipped (${String(error)}): build the site again`);
  }
}

/** Bytes from base64 (the Netlify Edge Function carries the gzipped files so: a module holds text). */
export function base64Bytes(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let at = 0; at < binary.length; at++) bytes[at] = binary.charCodeAt(at);
  return bytes;
}
