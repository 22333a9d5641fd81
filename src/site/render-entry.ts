// The compiled pages' entry (Astro bundles it once per package version and site address; see
// src/build/page-bundle.ts): an Astro app that renders one page from the view in its locals, and
// Astro's own `renderToString`, the one the pages were compiled against, through which a renderer
// calls a page's component directly (src/build/direct-render.ts).
// Not streamed: a page is rendered to one string, which costs less per page than a stream of small
// chunks read back (docs/decisions/page-rendering.md).
import { createApp } from 'astro/app/entrypoint';

export { renderToString } from 'astro/runtime/server/index.js';

export const app = createApp({ streaming: false });
