// A written `updatedAt` that is older than one of the dataset's own files: the page would say the
// data is older than it is. Only Git's commit times count: a fresh clone gives every file the
// checkout's modification time, which would make every dataset look stale. And only a file
// committed after the dataset's own file: a file changed in the same commit as its dataset (a first
// publication, an import keeping the old portal's dates) was changed with its dates in view.
import { readFileSync } from 'node:fs';
import { ProblemList, type ContentProblem } from './errors.ts';
import type { GitHistory } from './git-history.ts';
import type { CheckedDataset } from './model.ts';

export function staleUpdatedAtWarnings(datasets: readonly Pick<CheckedDataset, 'file' | 'writtenDates' | 'resources'>[], history: GitHistory): ContentProblem[] {
  const problems = new ProblemList();
  if (history.state === 'none') return [];
  for (const dataset of datasets) {
    const written = dataset.writtenDates.updatedAt;
    if (!written) continue;
    const own = history.files.get(dataset.file);
    for (const [index, resource] of dataset.resources.entries()) {
      const known = resource.sourcePath ? history.files.get(resource.sourcePath) : undefined;
      if (!known || known.lastIsBoundary || known.last * 1000 <= Date.parse(written)) continue;
      if (own && known.last <= own.last) continue;
      const changed = new Date(known.last * 1000).toISOString();
      problems.warning({
        code: 'stale-updated-at',
        file: dataset.file,
        line: lineOf(dataset.file, 'updatedAt'),
        field: 'updatedAt',
        message: `updatedAt ${written.slice(0, 10)} is earlier than the last change to resources[${index}] (${resource.title}), committed ${changed.slice(0, 10)}`,
        hint: `Set updatedAt to ${changed.replace('.000Z', 'Z')} or later, or remove it to take the date from Git.`,
      });
    }
  }
  return problems.warnings;
}

/** The 1-based line of a top-level front matter key. */
function lineOf(file: string, key: string): number | null {
  const index = readFileSync(file, 'utf8').split('\n').findIndex((line) => line.startsWith(`${key}:`));
  return index === -1 ? null : index + 1;
}
