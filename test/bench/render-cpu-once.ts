// The page renderers' CPU alone, for comparing two checkouts of datashelf (issue 12):
//   node test/bench/render-cpu-once.ts <checkout> <content> <out> [bundle cache]
// Loads the catalogue with <checkout>'s code, works out every page's job first, starts the renderer
// threads and waits until they are idle (the compiled pages loaded), then renders every page and
// prints JSON: the CPU of the render alone (the process's, the main thread's, and the rest: the
// renderer threads'). Run each checkout in turn, alternated: CPU time, unlike wall time, means
// something on a shared machine, though it still moves with the load.
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
const [root, content, out, cacheDir = path.join(out, '..', 'render-cpu-cache')] = process.argv.slice(2) as [string, string, string, string];
const imp = (p: string) => import(path.join(root, p));
const { useSmallNursery } = await imp('src/build/memory.ts');
useSmallNursery();
const { loadCatalogue } = await imp('src/catalogue/load.ts');
const { enabledOutputs, siteOutputs } = await imp('src/outputs/index.ts');
const { pageBundle } = await imp('src/build/page-bundle.ts');
const { renderOnThreads, RendererThreads } = await imp('src/build/render-pages.ts');
const { pageJobs, siteContext } = await imp('src/site/page-views.ts');
const { configureFragments } = await imp('src/build/fragments.ts');
configureFragments(null);
const { catalogue } = await loadCatalogue({ contentDir: content, includePrivate: false });
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const outputs = enabledOutputs({ ckanApi: true });
rmSync(path.join(out, '..', `${path.basename(out)}-work`), { recursive: true, force: true });
const bundle = await pageBundle(catalogue.site, path.join(cacheDir, path.basename(root)), path.join(out, '..', `${path.basename(out)}-work`));
const context = siteContext(catalogue, siteOutputs(catalogue, outputs));
const jobs = [...pageJobs(catalogue, context, bundle.key)].map((j: any) => ({ path: j.path, file: j.file, view: j.view, browse: j.browse, list: j.list }));
const threads = new RendererThreads(bundle.entry);
// Wait until the threads have loaded the bundle: the process's CPU rate falls near zero.
const ms = (u: { user: number; system: number }) => (u.user + u.system) / 1000;
for (let idle = 0; idle < 3; ) {
  const before = process.cpuUsage();
  await new Promise((r) => setTimeout(r, 400));
  idle = ms(process.cpuUsage(before)) < 40 ? idle + 1 : 0;
}
global.gc?.();
const c0 = process.cpuUsage();
const m0 = process.threadCpuUsage();
const t = performance.now();
await renderOnThreads(bundle, context, jobs, path.join(out, 'site'), new AbortController().signal, { threads });
const wallMs = performance.now() - t;
const c1 = ms(process.cpuUsage(c0));
const m1 = ms(process.threadCpuUsage(m0));
threads.end();
const [load1] = (await import('node:os')).loadavg();
console.log(JSON.stringify({ root: path.basename(root), content: path.basename(content), pages: jobs.length, wallMs: Math.round(wallMs), cpuMs: Math.round(c1), mainCpuMs: Math.round(m1), renderersCpuMs: Math.round(c1 - m1), perPageMs: +((c1 - m1) / jobs.length).toFixed(3), load1: load1!.toFixed(1) }));
process.exit(0);
