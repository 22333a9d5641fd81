// A test catalogue's CKAN API both ways: the static files of the CKAN output (v3, v1/v2 and the
// index, as a build writes them) and the request handler over that index, with NOW fixed.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadCatalogue } from '../../src/catalogue/load.ts';
import type { Catalogue } from '../../src/catalogue/model.ts';
import { createCkanHandler, type CkanHandler } from '../../src/ckan-handler/handler.ts';
import { readCkanIndex } from '../../src/ckan-handler/read-index.ts';
import { ckanApiOutput } from '../../src/outputs/ckan/output.ts';
import { writeOutputs } from '../../src/outputs/index.ts';
import { contentFrom } from '../helpers/content.ts';

export const testNow = Date.parse('2025-06-01T10:20:30Z');

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  /** The body parsed, when it is JSON. */
  json: any;
}

export interface HandledApi {
  catalogue: Catalogue;
  outDir: string;
  handler: CkanHandler;
  /** A static file of the build, as text. */
  file: (relativePath: string) => string;
  get: (pathAndQuery: string, headers?: Record<string, string>) => Promise<Answer>;
  request: (pathAndQuery: string, init: RequestInit) => Promise<Answer>;
}

/** The fixture (`minimal`, `rest`, or a folder `contentFrom` makes) with `changes`, its CKAN output written, and a handler over its index. */
export async function handledApi(fixture: string, changes: Record<string, string | null> = {}, options: { includePrivate?: boolean; contentDir?: string } = {}): Promise<HandledApi> {
  const content = options.contentDir ? { root: path.dirname(options.contentDir), contentDir: options.contentDir } : await contentFrom(fixture, changes);
  const { catalogue } = await loadCatalogue({ contentDir: content.contentDir, includePrivate: options.includePrivate });
  const outDir = path.join(content.root, 'dist');
  await writeOutputs(catalogue, outDir, [ckanApiOutput]);
  const handler = createCkanHandler(await readCkanIndex(outDir), { now: () => testNow });
  const request = async (pathAndQuery: string, init: RequestInit) => {
    const response = await handler(new Request(new URL(pathAndQuery, catalogue.site.url), init));
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, text, json };
  };
  return {
    catalogue,
    outDir,
    handler,
    file: (relativePath) => readFileSync(path.join(outDir, relativePath), 'utf8'),
    get: (pathAndQuery, headers = {}) => request(pathAndQuery, { headers }),
    request,
  };
}
