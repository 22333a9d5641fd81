// How pages reach what is being built: the build hands the loaded catalogue and the description of
// its enabled outputs to Astro as virtual modules (src/build/render-pages-process.ts), so pages never
// read or validate content themselves, and link only to outputs that exist.
import type { Catalogue } from '../catalogue/model.ts';
import type { SiteOutputs } from '../outputs/index.ts';
import builtCatalogue from 'virtual:datashelf/catalogue';
import builtOutputs from 'virtual:datashelf/outputs';

export function catalogue(): Catalogue {
  return builtCatalogue;
}

export function outputs(): SiteOutputs {
  return builtOutputs;
}
