// Writes the Cloudflare Worker (with its Wrangler configuration) and the Netlify Edge Function of a
// build with the CKAN API: a step of the host configurations (src/outputs/hosts/write.ts).
import { readFile, stat } from 'node:fs/promises';
import type { Catalogue } from '../catalogue/model.ts';
import { parseIndexCatalogue } from '../ckan-handler/index-data.ts';
import { ckanIndexFiles, queryOnlyFolders } from '../outputs/ckan/paths.ts';
import type { RewriteTable } from '../outputs/hosts/rules.ts';
import { hostSite } from '../outputs/hosts/host-site.ts';
import { sinkFor } from '../outputs/output-sink.ts';
import type { EdgeSite } from './api-answer.ts';
import { bundleModule } from './bundle.ts';
import { assetsIgnoreFile, netlifyEdgeFunctionFile, privateFolder, workerFile, wranglerFile, type EdgeHost } from './files.ts';
import { edgeSiteJson } from './site-config.ts';

/** Cloudflare's runtime version the Worker is written for (fixed: the output must not depend on the day of the build). */
export const compatibilityDate = '2025-06-01';

/** Cloudflare's limit on one file of a Worker's static assets (25 MiB), less a margin. */
export const cloudflareMaxAssetBytes = 24 * 1024 * 1024;

export interface EdgeOptions {
  /** The largest index file the Worker reads as one asset (tests make it small). */
  maxAssetBytes?: number;
}

/** Writes the code of each host in `hosts` (none: nothing, the index stays one file). */
export async function writeEdgeFunctions(catalogue: Catalogue, outDir: string, table: RewriteTable, hosts: readonly EdgeHost[], options: EdgeOptions = {}): Promise<void> {
  if (hosts.length === 0) return;
  const site: EdgeSite = { basePath: hostSite(catalogue.site).basePath, table, privateFolder };
  if (!ckanIndexFiles.catalogue.startsWith(privateFolder)) throw new Error(`The CKAN index is outside ${privateFolder}`);
  const source = (file: string) => sinkFor(outDir).source(file);
  const catalogueText = await readFile(source(ckanIndexFiles.catalogue), 'utf8');
  const { packageFiles } = parseIndexCatalogue(catalogueText);
  const files: Record<string, string> = {};
  // Workers static assets serve the build folder at the root of the Worker's host name.
  if (hosts.includes('cloudflare') && site.basePath === '/') {
    // The Worker fetches the index's files from its assets: each must be small enough to upload.
    const maxBytes = options.maxAssetBytes ?? cloudflareMaxAssetBytes;
    for (const file of packageFiles) {
      const { size } = await stat(source(file));
      if (size > maxBytes) throw new Error(`${file} is ${(size / 2 ** 20).toFixed(1)} MiB, over the ${(maxBytes / 2 ** 20).toFixed(1)} MiB Cloudflare takes for one file of a Worker's assets, and the Worker reads the CKAN index from it: its package dicts are too large for a Worker`);
    }
    files[workerFile] = await bundleModule(
      [
        `import { cloudflareWorker } from './src/edge/cloudflare-worker.ts';`,
        `export default cloudflareWorker(__datashelfSite, __datashelfIndexFile);`,
        '',
      ].join('\n'),
      { __datashelfSite: edgeSiteJson(site), __datashelfIndexFile: ckanIndexFiles.catalogue },
    );
    files[wranglerFile] = wranglerConfig(catalogue, site);
    files[assetsIgnoreFile] = assetsIgnore(table);
  }
  if (hosts.includes('netlify')) {
    // The gzipped bytes as they are, in base64: the function gunzips them once per isolate.
    const packageTexts = await Promise.all(packageFiles.map(async (file) => (await readFile(source(file))).toString('base64')));
    files[netlifyEdgeFunctionFile] = await bundleModule(
      [
        `import { netlifyEdgeFunction } from './src/edge/netlify-edge-function.ts';`,
        `export default netlifyEdgeFunction(__datashelfSite, { catalogue: __datashelfCatalogue, packageFiles: __datashelfPackageFiles });`,
        // Netlify runs it for the API prefix only: everything else is the files' alone.
        `export const config = ${JSON.stringify({ path: `${site.basePath}${table.corsPrefix}*` })};`,
        '',
      ].join('\n'),
      { __datashelfSite: edgeSiteJson(site), __datashelfCatalogue: catalogueText, __datashelfPackageFiles: packageTexts },
    );
  }
  const sink = sinkFor(outDir);
  for (const [file, text] of Object.entries(files)) sink.write(file, text);
}

function wranglerConfig(catalogue: Catalogue, site: EdgeSite): string {
  const config = {
    // A Worker's name: lower-case letters, digits and dashes.
    name: workerName(new URL(catalogue.site.url).hostname),
    main: workerFile,
    // `_worker.js` is one finished module: Wrangler uploads it as it is.
    no_bundle: true,
    compatibility_date: compatibilityDate,
    assets: {
      directory: '.',
      binding: 'ASSETS',
      // The API's answers depend on the query and the method, which Cloudflare's asset routing ignores.
      run_worker_first: [`${site.basePath}${site.table.corsPrefix}*`],
      html_handling: 'auto-trailing-slash',
      not_found_handling: '404-page',
    },
  };
  return [
    `// Cloudflare Workers configuration for ${catalogue.site.title}, written by \`datashelf build\` (see docs/hosting.md).`,
    '// Deploy from this folder: npx wrangler deploy. Change "name" to choose the Worker\'s name.',
    JSON.stringify(config, null, 2),
    '',
  ].join('\n');
}

function workerName(hostname: string): string {
  const name = hostname.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 63).replace(/-+$/, '');
  return name === '' ? 'datashelf' : name;
}

/**
 * Every configuration file of the build and the generated code: none of them is part of the site;
 * and the pages the Worker answers with the handler (`queryOnlyFolders`): Cloudflare counts every
 * file it uploads against the plan's limit.
 */
function assetsIgnore(table: RewriteTable): string {
  // The index stays among the assets even where the hosts hide it: the Worker reads it there, and
  // answers every path under the API prefix itself.
  const hidden = table.hidden.filter((file) => file !== assetsIgnoreFile && !file.startsWith(privateFolder));
  const ignored = [...new Set([...hidden, workerFile, wranglerFile, '.netlify', ...queryOnlyFolders])];
  return ['# Files of the build that Cloudflare must not serve, written by `datashelf build`.', ...ignored.map((file) => `/${file}`), ''].join('\n');
}
