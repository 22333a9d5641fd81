// Which host rules the preview applies to a build: those of the outputs the build holds, as its
// manifest lists them (written with the host configurations), so the preview answers as the build's
// own nginx, Apache or Netlify configuration does. A folder without a manifest (not a datashelf
// build) gets the site's rules alone: its files, folders' pages and the 404 page.
import { readFile } from 'node:fs/promises';
import { manifestOutputIds, outputsManifestFile } from '../outputs/hosts/manifest.ts';
import type { RewriteTable } from '../outputs/hosts/rules.ts';
import { hostTable } from '../outputs/hosts/table.ts';
import { allOutputs } from '../outputs/index.ts';
import type { ServableFiles } from './build-files.ts';

/**
 * The rules for the build as one request finds it: read per request, as its files are, so a build
 * moved into place while the preview runs is served by its own rules. Tables are kept by manifest text.
 */
export function buildRules(): (files: ServableFiles) => Promise<RewriteTable> {
  const tables = new Map<string, RewriteTable>();
  return async (files) => {
    const manifest = await files.realFile(outputsManifestFile);
    const text = manifest ? await readFile(manifest, 'utf8') : '';
    let table = tables.get(text);
    if (!table) {
      const ids = text ? manifestOutputIds(text) : [];
      // An id this version does not know (a build by a newer datashelf) adds no rules: its files are still served.
      table = hostTable(allOutputs.filter((output) => ids.includes(output.id)));
      tables.set(text, table);
    }
    return table;
  };
}
