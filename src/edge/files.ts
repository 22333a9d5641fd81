// Where a build puts what deploys its CKAN API to Cloudflare and Netlify with the request handler:
// in the build folder, so each host's own command deploys it, and among the files no host serves
// (the site's `hidden` files; `.assetsignore` on Cloudflare). See docs/decisions/edge-functions.md.
import { ckanIndexFolder } from '../outputs/ckan/paths.ts';

/** The Worker, one ES module (Workers' `main`; Cloudflare Pages' name for a Worker, never served by Pages either). */
export const workerFile = '_worker.js';
/** Wrangler's configuration: `npx wrangler deploy` in the build folder. */
export const wranglerFile = 'wrangler.jsonc';
/** The files Wrangler does not upload as assets. */
export const assetsIgnoreFile = '.assetsignore';
/** The Edge Function, where Netlify's Frameworks API looks for generated ones (relative to the folder `netlify deploy` runs in). */
export const netlifyEdgeFunctionFile = '.netlify/v1/edge-functions/datashelf-api.js';

export const edgeFiles = [workerFile, wranglerFile, assetsIgnoreFile, netlifyEdgeFunctionFile] as const;

/**
 * The hosts whose code a build writes, only when asked (`datashelf build --edge netlify,cloudflare`):
 * the Netlify Edge Function carries the whole index in its module (about 8 MB at 10,000 datasets), and
 * a build for nginx, Apache or GitHub Pages has no use for either (docs/decisions/lean-layout.md).
 */
export const edgeHosts = ['netlify', 'cloudflare'] as const;
export type EdgeHost = (typeof edgeHosts)[number];

/** The handler's index folder (src/outputs/ckan/paths.ts): read by the Worker, never answered. */
export const privateFolder = ckanIndexFolder;
