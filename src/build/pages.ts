// Renders the HTML site with Astro, handing it the already-loaded catalogue.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
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
  // Astro writes its server chunks to <working folder>/node_modules/.astro when the output is
  // elsewhere. A fixed folder would let two builds overwrite each other, and a process that builds
  // twice would import the first build's chunks (and their cached routes) again. So each build
  // works in a folder of its own, inside the package, where the chunks still find Astro.
  const workingFolder = process.cwd();
  await mkdir(path.join(packageRoot, 'node_modules'), { recursive: true });
  const runFolder = await mkdtemp(path.join(packageRoot, 'node_modules', '.datashelf-build-'));
  process.chdir(runFolder);
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
    process.chdir(workingFolder);
    await rm(runFolder, { recursive: true, force: true });
    provideCatalogue(undefined);
  }
}
