// Commits → the catalogue's revisions: which datasets each commit changed, and what a public
// build may say about it. A commit message can name a private dataset, so a commit that touched
// one keeps its author and time but not its message, and one that touched only such datasets is
// left out entirely.
import path from 'node:path';
import { isoMoment } from './file-facts.ts';
import type { Commit } from './git-history.ts';
import type { CheckedDataset, Revision } from './model.ts';

/** What revisions need of a dataset: who it is, whether it is published, and its local files. */
type DatasetFiles = Pick<CheckedDataset, 'id' | 'sharing'> & { resources: readonly { sourcePath: string | null }[] };

/** The message of a commit that also changed datasets a public build does not publish. */
export const withheldMessage = 'Changes to datasets not published here';

/**
 * `datasets` is every dataset of the content, private ones included; `includePrivate` says
 * whether the build publishes them. Files under datasets/ of a dataset that no longer exists
 * (removed or renamed) may have been private: a public build treats them as private.
 */
export function revisionsFromCommits(commits: readonly Commit[], datasets: readonly DatasetFiles[], contentDir: string, includePrivate: boolean): Revision[] {
  // No Git, or nothing committed: no revisions, and no owners to work out.
  if (commits.length === 0) return [];
  const byId = new Map(datasets.map((dataset) => [dataset.id, dataset]));
  // A dataset's local files may live outside its own folder (a flat dataset file's resources).
  const owners = new Map<string, string[]>();
  const within = contentDir + path.sep;
  for (const dataset of datasets) {
    for (const resource of dataset.resources) {
      if (!resource.sourcePath) continue;
      // Local files are inside content/ (contained-file.ts), both paths absolute and normalised:
      // the prefix cut is what path.relative gives, without resolving both paths again.
      const relative = (resource.sourcePath.startsWith(within) ? resource.sourcePath.slice(within.length) : path.relative(contentDir, resource.sourcePath)).split(path.sep).join('/');
      const list = owners.get(relative) ?? [];
      if (!list.includes(dataset.id)) list.push(dataset.id);
      owners.set(relative, list);
    }
  }

  const revisions: { revision: Revision; time: number }[] = [];
  for (const commit of commits) {
    const published = new Set<string>();
    let unpublished = false;
    for (const file of commit.files) {
      const fromPath = datasetIdOfPath(file);
      for (const id of fromPath ? [fromPath, ...(owners.get(file) ?? [])] : (owners.get(file) ?? [])) {
        const dataset = byId.get(id);
        if (dataset && (includePrivate || dataset.sharing === 'public')) published.add(id);
        else if (!includePrivate) unpublished = true;
      }
    }
    // The cut-off commit of a shallow clone lists every file it holds: it changed none of them
    // that we know of, but what it lists still counts for what it may reveal.
    if (commit.boundary) published.clear();
    if (unpublished && published.size === 0) continue;
    revisions.push({
      time: commit.time,
      revision: {
        id: commit.hash,
        message: unpublished ? withheldMessage : commit.message,
        author: commit.author,
        timestamp: isoMoment(commit.time * 1000),
        datasets: [...published].sort(),
      },
    });
  }
  // Newest first by commit time; Git's own order differs only where branches' clocks disagree.
  return revisions.sort((a, b) => b.time - a.time).map((entry) => entry.revision);
}

/** `datasets/roads.md` and `datasets/roads/…` belong to the dataset `roads`. */
function datasetIdOfPath(file: string): string | null {
  const match = /^datasets\/([^/]+?)(?:\.md$|\/)/.exec(file);
  return match ? match[1]! : null;
}
