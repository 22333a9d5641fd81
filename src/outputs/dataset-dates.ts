// A dataset's dates as the discovery outputs read them (data.json, schema.org JSON-LD, Atom feeds,
// the sitemap): when it last changed, and which months its files cover. Worked out once here, so
// every format says the same of the same dataset.
import type { Dataset } from '../catalogue/model.ts';

/**
 * When the dataset last changed, as far as anyone knows: `updatedAt`, else `createdAt`. Null when
 * neither the front matter nor Git says (a shallow clone): outputs then leave the date out rather
 * than guess one, and never use the build's clock (builds stay byte-identical).
 */
export function lastChanged(dataset: Pick<Dataset, 'createdAt' | 'updatedAt'>): string | null {
  return dataset.updatedAt ?? dataset.createdAt;
}

/** The latest `lastChanged` of `datasets`, or null when none is known. ISO 8601 in UTC compares as text. */
export function newestChange(datasets: readonly Pick<Dataset, 'createdAt' | 'updatedAt'>[]): string | null {
  let newest: string | null = null;
  for (const dataset of datasets) {
    const changed = lastChanged(dataset);
    if (changed !== null && (newest === null || changed > newest)) newest = changed;
  }
  return newest;
}

/** Months written `YYYY-MM`; either end may be unknown. */
export interface TimeFrame {
  from: string | null;
  to: string | null;
}

/**
 * The months the dataset's files cover together: the earliest start and the latest end that any
 * file gives (`YYYY-MM` compares as text). Null when no file gives either.
 */
export function datasetTimeFrame(dataset: { resources: readonly Pick<Dataset['resources'][number], 'timeFrameFrom' | 'timeFrameTo'>[] }): TimeFrame | null {
  let from: string | null = null;
  let to: string | null = null;
  for (const resource of dataset.resources) {
    if (resource.timeFrameFrom !== null && (from === null || resource.timeFrameFrom < from)) from = resource.timeFrameFrom;
    if (resource.timeFrameTo !== null && (to === null || resource.timeFrameTo > to)) to = resource.timeFrameTo;
  }
  return from === null && to === null ? null : { from, to };
}
