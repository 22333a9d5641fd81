// The compiled pages' entry (Astro bundles it once per package version and site address; see
// src/build/page-bundle.ts): an Astro app that renders one page from the view in its locals.
// Not streamed: a page is rendered to one string and its bytes come back in one piece, which costs
// less per page than a stream of small chunks read back (docs/decisions/page-rendering.md).
import { createApp } from 'astro/app/entrypoint';

export const app = createApp({ streaming: false });
