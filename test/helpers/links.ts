// The site's own links, checked against the files of a build as a static host would serve them.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { listFiles } from './build.ts';
import { elementsOf } from './html.ts';
import { datasetsPath } from '../../src/site/links.ts';
import { readFile } from 'node:fs/promises';

export interface LinkCheck {
  /** `page: href` for each link that finds no file. */
  missing: string[];
  /** Links that were under the base path and not skipped. */
  checked: number;
  /** Links that do not start with the base path. */
  outsideBase: string[];
}

/**
 * Follows every `href` and `src` of every HTML page outside api/ to a file of the build;
 * `skip` leaves out targets the caller checks otherwise (e.g. query forms only a host answers).
 */
export async function checkSiteLinks(outDir: string, basePath: string, skip: (target: string) => boolean = () => false): Promise<LinkCheck> {
  const result: LinkCheck = { missing: [], checked: 0, outsideBase: [] };
  const pages = (await listFiles(outDir)).filter((file) => file.endsWith('.html') && !file.startsWith('api/'));
  for (const file of pages) {
    const html = await readFile(path.join(outDir, file), 'utf8');
    for (const element of elementsOf(html)) {
      for (const attribute of ['href', 'src'] as const) {
        const value = element.attributes[attribute];
        if (value === undefined || /^(https?:|mailto:)/.test(value) || value.startsWith('#')) continue;
        if (!value.startsWith(basePath)) {
          result.outsideBase.push(`${file}: <${element.name} ${attribute}="${value}">`);
          continue;
        }
        const target = decodeURIComponent(value.slice(basePath.length).replace(/#.*$/, ''));
        if (skip(target)) continue;
        const filePath = target.replace(/\?.*$/, '');
        const candidates = filePath === '' || filePath.endsWith('/') ? [`${filePath}index.html`] : [filePath, `${filePath}/index.html`];
        const found = await Promise.any(candidates.map((candidate) => stat(path.join(outDir, candidate)).then((info) => info.isFile() || Promise.reject()))).catch(() => false);
        // A query is answered by no file, but the dataset list's search reads its own address (a
        // tag page's "Search within them": `datasets/?tag=…`; src/site/search/address.ts).
        const searched = filePath === datasetsPath && /^\?(tag|topic|team|q)=/.test(target.slice(filePath.length));
        if (!found || (target.includes('?') && !searched)) result.missing.push(`${file}: ${value}`);
        result.checked += 1;
      }
    }
  }
  return result;
}
