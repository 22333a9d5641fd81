// The direct renderer (src/build/direct-render.ts): a page's component called through Astro's runtime
// without `App.render` gives the same bytes as `App.render` did, for every page of a site (the 404
// page, the lists, the review report and its CSV, a site under a sub-path), and the build's renderer
// threads use it.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directRenderer, type AstroManifest, type AstroRenderToString } from '../../src/build/direct-render.ts';
import { pageBundle } from '../../src/build/page-bundle.ts';
import type { RenderBatch, RendererReply, RendererSetup } from '../../src/build/render-worker.ts';
import { loadCatalogue } from '../../src/catalogue/load.ts';
import { enabledOutputs, siteOutputs } from '../../src/outputs/index.ts';
import type { SiteContext } from '../../src/site/page-context.ts';
import { pageJobs, siteContext, type PageJob } from '../../src/site/page-views.ts';
import { siblingModule } from '../../src/util/sibling-module.ts';
import { listFiles } from '../helpers/build.ts';
import { contentFrom } from '../helpers/content.ts';

let work: string;

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'datashelf-direct-'));
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** Renders `jobs` on one renderer thread into `siteDir`, as `render` says; which renderer it used. */
async function renderOnOne(entry: string, context: SiteContext, jobs: PageJob[], siteDir: string, render: 'direct' | 'app'): Promise<string> {
  const worker = new Worker(siblingModule(new URL('../../src/build/render-pages.ts', import.meta.url).href, 'render-worker'), { workerData: { entry, context, siteDir, render } satisfies RendererSetup });
  try {
    return await new Promise<string>((resolve, reject) => {
      let renderer = '';
      worker.on('message', (reply: RendererReply) => {
        if ('first' in reply) renderer = reply.renderer;
        else if ('error' in reply) reject(new Error(`/${reply.error.page}: ${reply.error.message}`));
        else resolve(renderer);
      });
      worker.once('error', reject);
      worker.postMessage({ jobs: jobs.map(({ path, file, view, browse }) => ({ path, file, view, browse })) } satisfies RenderBatch);
    });
  } finally {
    await worker.terminate();
  }
}

describe('the direct renderer', () => {
  for (const [name, url] of [
    ['at the root of its host', 'https://data.testshire.example/'],
    ['under a sub-path', 'https://www.testshire.example/data/'],
  ] as const) {
    it(`renders every page as App.render does, byte for byte: a site ${name}`, async () => {
      const catalogueYaml = (await readFile(new URL('../fixtures/minimal/catalogue.yaml', import.meta.url), 'utf8')).replace('url: https://data.testshire.example/', `url: ${url}`);
      const { contentDir } = await contentFrom('minimal', { 'catalogue.yaml': catalogueYaml });
      const { catalogue } = await loadCatalogue({ contentDir, today: '2025-06-01', includePrivate: true });
      const context = siteContext(catalogue, siteOutputs(catalogue, enabledOutputs({})));
      const bundle = await pageBundle(catalogue.site, path.join(work, name, 'cache'), path.join(work, name, 'compile'));
      const jobs = [...pageJobs(catalogue, context, bundle.key)];
      // Every kind of page the site has: the 404 page, the lists, the review report and its CSV.
      expect(jobs.map((job) => job.path)).toEqual(expect.arrayContaining(['', '404.html', 'datasets/', 'dataset/roads/', 'reports/review/', 'reports/review/review.csv']));
      const direct = path.join(work, name, 'direct');
      const app = path.join(work, name, 'app');
      expect(await renderOnOne(bundle.entry, context, jobs, direct, 'direct')).toBe('direct');
      expect(await renderOnOne(bundle.entry, context, jobs, app, 'app')).toBe('app');
      const files = await listFiles(direct);
      expect(files).toEqual(await listFiles(app));
      expect(files).toHaveLength(jobs.length);
      for (const file of files) expect(await readFile(path.join(direct, file), 'utf8'), file).toBe(await readFile(path.join(app, file), 'utf8'));
      // The stylesheet is linked under the site's path.
      expect(await readFile(path.join(direct, 'index.html'), 'utf8')).toContain(`<link rel="stylesheet" href="${new URL(url).pathname}_astro/`);
    }, 180_000);
  }
});

describe("a component's Astro global", () => {
  /** Renders two pages of one route with a stand-in for Astro's `renderToString` that keeps each component's `Astro` global. */
  async function globalsOfTwoPages() {
    const globals: Record<string, unknown>[] = [];
    const component = 'src/pages/dataset/[id].astro';
    const manifest: AstroManifest = {
      routes: [{ routeData: { route: '/dataset/[id]', component, type: 'page', pattern: /^\/dataset\/([^/]+?)\/?$/, params: ['id'], prerender: true }, styles: [], scripts: [] }],
      pageMap: new Map([[component, async () => ({ page: () => ({ default: {} }) })]]),
      base: '/',
      site: 'https://data.testshire.example/',
      compressHTML: true,
      componentMetadata: new Map(),
      renderers: [],
      clientDirectives: new Map(),
      inlinedScripts: new Map(),
      entryModules: {},
      trailingSlash: 'ignore',
      key: null,
    };
    // Each page's layout and page component, as Astro's runtime asks for their globals.
    const renderToString: AstroRenderToString = async (result) => {
      const { createAstro } = result as { createAstro: (props: object) => Record<string, unknown> };
      globals.push(createAstro({ title: 'layout' }), createAstro({ title: 'page' }));
      return 'html';
    };
    const render = (await directRenderer(manifest, renderToString, 'Astro v0'))!;
    expect(await render('/dataset/roads/', { view: 'roads' })).toBe('html');
    expect(await render('/dataset/rivers/', { view: 'rivers' })).toBe('html');
    return globals;
  }

  it("gives each component its props and its page's locals, address and parameters", async () => {
    const [layout, page, other] = await globalsOfTwoPages();
    expect(layout!.props).toEqual({ title: 'layout' });
    expect(page!.props).toEqual({ title: 'page' });
    expect(page!.locals).toEqual({ view: 'roads' });
    expect(other!.locals).toEqual({ view: 'rivers' });
    expect(String(page!.url)).toBe('http://localhost/dataset/roads/');
    expect(page!.params).toEqual({ id: 'roads' });
    expect(other!.params).toEqual({ id: 'rivers' });
    expect(String(page!.site)).toBe('https://data.testshire.example/');
    expect(page!.generator).toBe('Astro v0');
    expect(page!.self).toBeNull();
    page!.self = 'the component';
    expect(page!.self).toBe('the component');
    expect(() => page!.request).toThrow(/Astro\.request is not available/);
  });

  // One shape for every component of every page: a global made with its page's own as prototype
  // (as Astro makes them) had a shape per page, and V8's caches missed on every `Astro.props`.
  it('has one shape on every page', async () => {
    const globals = await globalsOfTwoPages();
    const prototypes = new Set(globals.map((global) => Object.getPrototypeOf(global)));
    expect(prototypes.size).toBe(1);
    expect(new Set(globals.map((global) => Object.keys(global).join()))).toEqual(new Set(['props,self']));
  });
});
