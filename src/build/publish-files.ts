// Copies the files a build publishes as they are: dataset downloads and content images.
import type { Catalogue } from '../catalogue/model.ts';
import { sinkFor } from '../outputs/output-sink.ts';
import { mapLimited } from '../util/map-limited.ts';

export async function publishFiles(catalogue: Catalogue, outDir: string): Promise<number> {
  const copies = new Map<string, string>();
  // A resource's MD5 and size are known from loading: its copy need not be read again, nor
  // measured, to be recorded.
  const known = new Map<string, { hash: string; size?: number }>();
  for (const dataset of catalogue.datasets) {
    for (const resource of dataset.resources) {
      if (!resource.sourcePath || !resource.publishedPath) continue;
      copies.set(resource.publishedPath, resource.sourcePath);
      if (resource.hash) known.set(resource.publishedPath, { hash: `md5-${resource.hash}`, ...(resource.size !== null ? { size: resource.size } : {}) });
    }
    if (dataset.masthead?.image.sourcePath) copies.set(dataset.masthead.image.publishedPath!, dataset.masthead.image.sourcePath);
  }
  for (const team of catalogue.teams) {
    if (team.image?.sourcePath) copies.set(team.image.publishedPath!, team.image.sourcePath);
  }
  const targets = [...copies.keys()].sort();
  const sink = sinkFor(outDir);
  // A file whose hash and size are known, and which the previous output holds with that hash, is
  // recorded here as `copy` would record it, without a call to it and a turn of the promises each
  // (an edit at 10,000 datasets: every file, 10,000 such turns).
  const toCopy = targets.filter((published) => {
    const entry = known.get(published);
    return entry?.size === undefined || !sink.keepIfPrevious(published, { hash: entry.hash, size: entry.size });
  });
  await mapLimited(toCopy, 16, (published) => sink.copy(published, copies.get(published)!, known.get(published)));
  return targets.length;
}
