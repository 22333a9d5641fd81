// The compiled pages' entry (Astro bundles it once per package version and site address; see
// src/build/page-bundle.ts): an Astro app that renders one page from the view in its locals.
import { createApp } from 'astro/app/entrypoint';

export const app = createApp();
