// Renders the site's Astro components on their own, through Astro's container API in a Vite
// server set up as the build sets it up: for the component examples' render and axe tests.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getViteConfig } from 'astro/config';
import { createServer, type InlineConfig, type ViteDevServer } from 'vite';

const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface ComponentRenderer {
  render(component: string, props: Record<string, unknown>): Promise<string>;
  close(): Promise<void>;
}

export async function componentRenderer(): Promise<ComponentRenderer> {
  process.env.ASTRO_TELEMETRY_DISABLED = '1';
  const viteOptions: InlineConfig = {
    root: packageRoot,
    logLevel: 'error',
    appType: 'custom',
    server: { middlewareMode: true, hmr: false, ws: false },
  };
  const astroOptions = { root: packageRoot, logLevel: 'error' as const };
  const config = await getViteConfig(viteOptions, astroOptions)({ mode: 'test', command: 'serve' });
  const server: ViteDevServer = await createServer({ ...config, configFile: false });
  const { experimental_AstroContainer: AstroContainer } = await server.ssrLoadModule('astro/container');
  const container = await AstroContainer.create();
  return {
    async render(component, props) {
      const module = await server.ssrLoadModule(`/src/site/components/${component}.astro`);
      // An example's `slots` (HTML by slot name) is what a page would put inside the component.
      const { slots, ...rest } = props as { slots?: Record<string, string> };
      return container.renderToString(module.default, { props: rest, slots });
    },
    close: () => server.close(),
  };
}
