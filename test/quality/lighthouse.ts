// Lighthouse scores of the example catalogue's home page and a dataset page, in Debian's Chromium,
// served by `datashelf preview`: `npm run quality`. Not a test (scores vary with the machine's
// load); the figures are recorded in docs/quality.md.
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { buildSite } from '../../src/build/build.ts';
import { startPreview } from '../../src/preview/server.ts';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const categories = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
/** `--metrics`: each run's performance metrics too, to see which one a low score comes from. */
const metrics = process.argv.includes('--metrics') ? ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index'] : [];

const work = await mkdtemp(path.join(tmpdir(), 'datashelf-quality-'));
const outDir = path.join(work, 'site');
const { catalogue } = await buildSite({ contentDir: path.join(repoRoot, 'content'), outDir });
const server = await startPreview({ root: outDir, port: 0, host: '127.0.0.1' });
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const dataset = [...catalogue.datasets].sort((a, b) => b.resources.length - a.resources.length)[0]!;
const pages = [
  { name: 'home', url: `${origin}/` },
  { name: `dataset (${dataset.id})`, url: `${origin}/dataset/${dataset.id}/` },
  { name: 'datasets list', url: `${origin}/datasets/` },
];
const chrome = await chromeLauncher.launch({ chromePath: '/usr/bin/chromium', chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'] });
try {
  console.log(`| page | form factor | ${categories.join(' | ')} |`);
  console.log(`|---|---|${categories.map(() => '---:').join('|')}|`);
  for (const page of pages) {
    for (const formFactor of ['mobile', 'desktop'] as const) {
      // Lighthouse's own desktop preset (its throttling, screen and user agent), as its CLI's --preset=desktop; mobile is its default.
      const config = formFactor === 'desktop' ? desktopConfig : { extends: 'lighthouse:default' };
      const result = await lighthouse(page.url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: [...categories] }, config);
      const scores = categories.map((category) => Math.round((result?.lhr.categories[category]?.score ?? 0) * 100));
      console.log(`| ${page.name} | ${formFactor} | ${scores.join(' | ')} |`);
      for (const id of metrics) console.log(`    ${id}: ${result?.lhr.audits[id]?.displayValue ?? '–'} (score ${result?.lhr.audits[id]?.score ?? '–'})`);
    }
  }
} finally {
  await chrome.kill();
  server.close();
  await rm(work, { recursive: true, force: true });
}
