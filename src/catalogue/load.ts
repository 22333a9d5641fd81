// The build's way in: content/ → the catalogue every page, export and API is made from. It is
// validation (validate.ts: files read and checked, references resolved) and then derivation
// (derive.ts: hashes, Git dates, rendered descriptions). `check` and `new` run validation alone.
import type { ContentProblem } from './errors.ts';
import type { Catalogue } from './model.ts';
import path from 'node:path';
import { deriveCatalogue, type DeriveHelper, type DeriveMemo } from './derive.ts';
import { readGitHistory } from './git-history.ts';
import type { CheckMemo } from './read-files.ts';
import { validateCatalogue } from './validate.ts';

export interface LoadOptions {
  contentDir: string;
  /** Keep private datasets (an internal build); otherwise they are dropped here, before any output. */
  includePrivate?: boolean;
  /** The build's day, `YYYY-MM-DD` (see review.ts `buildDay`). */
  today?: string;
  /** Earlier work on unchanged files (the build's cache). */
  memo?: DeriveMemo & CheckMemo;
  /** A thread that derives parts of datasets beside this one (a full build's, build/load-thread.ts). */
  helper?: DeriveHelper | null;
}

export interface LoadResult {
  catalogue: Catalogue;
  warnings: ContentProblem[];
}

export async function loadCatalogue(options: LoadOptions): Promise<LoadResult> {
  // Git's history is read beside validation: `git log` (and the `rev-parse` calls before it) runs
  // in its own process while this thread checks the files, and derivation finds it ready instead of
  // waiting for it (10,000 datasets: about 0.1 s; 100,000: over a second).
  const gitStopped = new AbortController();
  const history = readGitHistory(path.resolve(options.contentDir), gitStopped.signal);
  let validated: Awaited<ReturnType<typeof validateCatalogue>>;
  try {
    validated = await validateCatalogue({ contentDir: options.contentDir, ...(options.memo ? { memo: options.memo } : {}) });
  } catch (error) {
    // Content with errors is not derived: its history is not waited for (nor its failure reported).
    gitStopped.abort();
    history.catch(() => {});
    throw error;
  }
  const { catalogue, warnings } = validated;
  // Handed over: derivation lets each checked dataset go once it has made the published one.
  const derived = await deriveCatalogue(catalogue, { includePrivate: options.includePrivate, ...(options.today ? { today: options.today } : {}), ...(options.memo ? { memo: options.memo } : {}), history, helper: options.helper ?? null });
  return { catalogue: derived.catalogue, warnings: [...warnings, ...derived.warnings] };
}
