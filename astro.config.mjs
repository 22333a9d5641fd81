// The site's fixed Astro settings. The page compiler (src/build/compile-pages-process.ts) adds the
// rest: a server bundle (`output: 'server'` with an adapter of our own, so pages are compiled once
// and rendered from views by worker threads), its root (a work folder beside the output), the site
// URL, base path and output folder.
// Source and public folders are given from this file's own place, so the project root can be
// anywhere: an installed package may be read-only and on another file system than the output.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';

export default defineConfig({
  output: 'static',
  srcDir: fileURLToPath(new URL('./src', import.meta.url)),
  publicDir: fileURLToPath(new URL('./public', import.meta.url)),
  trailingSlash: 'always',
  // `directory`: pages are `<path>/index.html` (src/site/page-views.ts `pageFile` names them so).
  build: { format: 'directory', inlineStylesheets: 'never' },
  compressHTML: true,
  devToolbar: { enabled: false },
});
