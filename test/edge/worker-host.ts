// A build's generated Cloudflare Worker and its static assets, run by Cloudflare's own runtime
// (workerd, through Miniflare) with the settings of the build's `wrangler.jsonc`, as `wrangler
// deploy` would upload them. Reusable: `startWorkerHost(build)` gives a base URL and a stop function.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Log, LogLevel, Miniflare } from 'miniflare';

export interface RunningWorker {
  /** The site's base URL, with the trailing slash. */
  base: string;
  stop: () => Promise<void>;
}

interface WranglerConfig {
  main: string;
  compatibility_date: string;
  compatibility_flags?: string[];
  assets: { directory: string; binding: string; run_worker_first: string[]; html_handling: string; not_found_handling: string };
}

export async function startWorkerHost(build: string): Promise<RunningWorker> {
  // wrangler.jsonc: JSON with whole-line comments.
  const text = await readFile(path.join(build, 'wrangler.jsonc'), 'utf8');
  const config = JSON.parse(text.split('\n').filter((line) => !line.trimStart().startsWith('//')).join('\n')) as WranglerConfig;
  const miniflare = new Miniflare({
    host: '127.0.0.1',
    port: 0,
    cf: false,
    log: new Log(LogLevel.ERROR),
    modules: [{ type: 'ESModule', path: path.join(build, config.main) }],
    modulesRoot: build,
    compatibilityDate: config.compatibility_date,
    compatibilityFlags: config.compatibility_flags ?? [],
    assets: {
      directory: path.join(build, config.assets.directory),
      binding: config.assets.binding,
      // What Wrangler makes of `run_worker_first` given as patterns.
      routerConfig: { has_user_worker: true, invoke_user_worker_ahead_of_assets: false, static_routing: { user_worker: config.assets.run_worker_first } },
      assetConfig: { html_handling: config.assets.html_handling as 'auto-trailing-slash', not_found_handling: config.assets.not_found_handling as '404-page' },
    },
  });
  const url = await miniflare.ready;
  return { base: url.href, stop: () => miniflare.dispose() };
}
