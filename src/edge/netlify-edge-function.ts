// The Netlify Edge Function a build with the CKAN API writes: Netlify runs it for every request
// under the API prefix; it hands what the files answer to Netlify (`context.next()`: the build's
// `_redirects` and files) and answers with the CKAN handler what they cannot. The index is part of
// the generated module (an Edge Function cannot read the publish folder, and a fetch of the site
// would come back here). Bundled by bundle.ts; see docs/decisions/edge-functions.md.
import { createCkanHandler } from '../ckan-handler/handler.ts';
import { base64Bytes, gunzipText } from '../ckan-handler/gunzip.ts';
import { ckanIndexFrom, parseIndexCatalogue } from '../ckan-handler/index-data.ts';
import { answerApiRequest, once } from './api-answer.ts';
import { parseEdgeSite } from './site-config.ts';

/** The part of Netlify's `Context` the function uses. */
export interface NetlifyContext {
  next(): Promise<Response>;
}

/** The index as the module carries it: `catalogue.json`'s text, and each package file's gzipped bytes in base64 (a fifth of the dicts' text). */
export interface NetlifyIndex {
  catalogue: string;
  packageFiles: readonly string[];
}

export function netlifyEdgeFunction(siteJson: string, index: NetlifyIndex): (request: Request, context: NetlifyContext) => Promise<Response> {
  const site = parseEdgeSite(siteJson);
  const handler = once(async () => {
    const catalogue = parseIndexCatalogue(index.catalogue);
    const texts = await Promise.all(index.packageFiles.map((base64, number) => gunzipText(base64Bytes(base64), catalogue.packageFiles[number] ?? `package file ${number}`)));
    return createCkanHandler(ckanIndexFrom(catalogue, texts));
  });
  return (request, context) => answerApiRequest(site, request, handler, () => context.next());
}
