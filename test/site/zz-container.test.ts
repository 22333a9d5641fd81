import { test, expect } from 'vitest';
import { getViteConfig } from 'astro/config';
import { createServer } from 'vite';
import path from 'node:path';

test('container', async () => {
  const root = path.resolve('.');
  const config = await getViteConfig({ root, logLevel: 'error', server: { middlewareMode: true, hmr: false, ws: false }, appType: 'custom' } as any, { root, logLevel: 'error' } as any)({ mode: 'test', command: 'serve' } as any);
  const server = await createServer({ ...config, configFile: false });
  try {
    const { experimental_AstroContainer } = await server.ssrLoadModule('astro/container');
    const mod = await server.ssrLoadModule('/src/site/components/Hello.astro');
    const container = await experimental_AstroContainer.create();
    const html = await container.renderToString(mod.default, { props: { name: '<b>x</b>' }, slots: { default: 'slot!' } });
    console.log(html);
    expect(html).toContain('Hello');
  } finally { await server.close(); }
});
