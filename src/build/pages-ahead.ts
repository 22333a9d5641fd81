// The pages' fixed cost, started before the catalogue loads: the compiled pages depend only on the
// package and the site's address (page-bundle.ts), read from catalogue.yaml alone, so Vite's compile
// (a process of its own) runs beside loading, and, when the compiled pages come from the cache (an
// edit's build), a page renderer thread loads them there too. Loading is one core's work; this
// is the other's.
import { readSiteAddress } from '../catalogue/site-address.ts';
import type { Site } from '../catalogue/model.ts';
import { pageBundle, type PageBundle } from './page-bundle.ts';
import { RendererThreads } from './render-pages.ts';

export interface PagesAhead {
  /** The compiled pages for `site`, when the address read ahead is the loaded catalogue's. */
  bundleFor(site: Pick<Site, 'url' | 'basePath'>): Promise<PageBundle> | null;
  /** The renderer threads started with that bundle (null: none started). */
  threads(): Promise<RendererThreads | null>;
  /** Ends the threads (used or not) and waits for the compile, stopped by the build's signal on failure. */
  end(): Promise<void>;
}

export async function startPagesAhead(contentDir: string, bundles: string, workDir: string, stop: AbortSignal): Promise<PagesAhead> {
  const address = await readSiteAddress(contentDir).catch(() => null);
  const bundle = address ? pageBundle(address, bundles, workDir, stop) : null;
  // Waited for (and its failure reported) by `bundleFor`'s caller, or dropped in `end`.
  bundle?.catch(() => {});
  let started: RendererThreads | null = null;
  let ended = false;
  const threads = bundle
    ? bundle.then(
        // Only with pages from the cache (an edit's build): a compile's bundle arrives while a full
        // build's loading grows its heap, and two threads holding it then measured as the peak
        // (10,000 `files`: 913 MiB against 868; docs/performance.md, "edit-path"). One thread: an
        // edit renders a dozen pages, and a second thread's start (its modules, its heap) was CPU
        // taken from loading on the other core; more pages than a batch start the others then
        // (render-pages.ts `renderOnThreads`).
        (found) => (ended || stop.aborted || found.compiled ? null : (started = new RendererThreads(found.entry, 1))),
        () => null,
      )
    : Promise.resolve(null);
  return {
    bundleFor: (site) => (bundle && address && site.url === address.url && site.basePath === address.basePath ? bundle : null),
    threads: () => threads,
    async end() {
      ended = true;
      await bundle?.catch(() => {});
      await threads;
      started?.end();
    },
  };
}
