// The Netlify Edge Function a build with the CKAN API writes: Netlify runs it for every request
// under the API prefix; it hands what the files answer to Netlify (`context.next()`: the build's
// `_redirects` and files) and answers with the CKAN handler what they cannot. The index is part of
// the generated module (an Edge Function cannot read the publish folder, and a fetch of the site
// would come back here). Bundled by bundle.ts; see docs/decisions/edge-functions.md.
import { createCkanHandler } from '../ckan-handler/handler.ts';
import { parseCkanIndex, type CkanIndexTexts } from '../ckan-handler/index-data.ts';
import { answerApiRequest, once } from './api-answer.ts';
import { parseEdgeSite } from './site-config.ts';

/** The part of Netlify's `Context` the function uses. */
export interface NetlifyContext {
  next(): Promise<Response>;
}

export function netlifyEdgeFunction(siteJson: string, index: CkanIndexTexts): (request: Request, context: NetlifyContext) => Promise<Response> {
  const site = parseEdgeSite(siteJson);
  const handler = once(async () => createCkanHandler(parseCkanIndex(index)));
  return (request, context) => answerApiRequest(site, request, handler, () => context.next());
}
