// Copies the files a build publishes as they are: dataset downloads and content images.
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Catalogue } from '../catalogue/model.ts';
import { mapLimited } from '../util/map-limited.ts';

export async function publishFiles(catalogue: Catalogue, outDir: string): Promise<number> {
  const copies = new Map<string, string>();
  for (const dataset of catalogue.datasets) {
    for (const resource of dataset.resources) {
      if (resource.sourcePath && resource.publishedPath) copies.set(resource.publishedPath, resource.sourcePath);
    }
    if (dataset.masthead?.image.sourcePath) copies.set(dataset.masthead.image.publishedPath!, dataset.masthead.image.sourcePath);
  }
  for (const team of catalogue.teams) {
    if (team.image?.sourcePath) copies.set(team.image.publishedPath!, team.image.sourcePath);
  }
  const targets = [...copies.keys()].sort();
  await mapLimited(targets, 16, async (published) => {
    const target = path.join(outDir, ...published.split('/'));
    await mkdir(path.dirname(target), { recursive: true });
    await copyFile(copies.get(published)!, target);
  });
  return targets.length;
}
