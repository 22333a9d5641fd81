// The site's fixed Astro settings. The build (src/build/pages.ts) adds what depends on the
// catalogue being built: root (a work folder beside the output), site URL, base path, output folder.
// Source and public folders are given from this file's own place, so the project root can be
// anywhere: an installed package may be read-only and on another file system than the output.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';

export default defineConfig({
  output: 'static',
  srcDir: fileURLToPath(new URL('./src', import.meta.url)),
  publicDir: fileURLToPath(new URL('./public', import.meta.url)),
  trailingSlash: 'always',
  // Pages are written while others render: most of a page's time is waiting on the disk.
  build: { format: 'directory', inlineStylesheets: 'never', concurrency: 8 },
  compressHTML: true,
  devToolbar: { enabled: false },
});
