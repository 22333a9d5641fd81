// The site's fixed Astro settings. The build (src/build/pages.ts) adds what depends on the
// catalogue being built: site URL, base path and output folder.
import { defineConfig } from 'astro/config';

export default defineConfig({
  output: 'static',
  srcDir: './src',
  publicDir: './public',
  trailingSlash: 'always',
  // Pages are written while others render: most of a page's time is waiting on the disk.
  build: { format: 'directory', inlineStylesheets: 'never', concurrency: 8 },
  compressHTML: true,
  devToolbar: { enabled: false },
});
