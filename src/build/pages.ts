// Renders the HTML site with Astro, handing it the already-loaded catalogue.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Catalogue } from '../catalogue/model.ts';
import { provideCatalogue } from '../site/catalogue.ts';

/** The package's own folder: the Astro project (config, pages, styles) ships inside it. */
export const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export async function renderPages(catalogue: Catalogue, outDir: string, cacheDir: string): Promise<void> {
  process.env.ASTRO_TELEMETRY_DISABLED = '1';
  const { build } = await import('astro');
  provideCatalogue(catalogue);
  try {
    await build({
      root: packageRoot,
      outDir,
      cacheDir,
      site: catalogue.site.url,
      base: catalogue.site.basePath,
      logLevel: 'error',
      vite: { logLevel: 'error', cacheDir: path.join(cacheDir, 'vite') },
    });
  } finally {
    provideCatalogue(undefined);
  }
}
