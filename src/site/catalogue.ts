// How pages reach the catalogue being built: the build hands the loaded model over in-process,
// so pages never read or validate content themselves.
import type { Catalogue } from '../catalogue/model.ts';

const key = Symbol.for('datashelf.catalogue');

export function provideCatalogue(catalogue: Catalogue | undefined): void {
  (globalThis as Record<symbol, unknown>)[key] = catalogue;
}

export function catalogue(): Catalogue {
  const provided = (globalThis as Record<symbol, unknown>)[key] as Catalogue | undefined;
  if (!provided) throw new Error('No catalogue was provided: pages are rendered by `datashelf build`, not by `astro build`.');
  return provided;
}
