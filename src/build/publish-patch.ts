// Publishing as a patch: when the previous output is exactly what the cache's manifest says, only
// the files that changed are moved into it and the removed ones taken out, instead of replacing
// tens of thousands of files. Everything replaced or removed goes to an undo folder first; a
// failure part-way puts all of it back, and so does the next build if this one was killed (the
// journal in the staging folder lists the moves).
import { mkdirSync, readFileSync, renameSync, rmdirSync, unlinkSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { buildMarkerFile } from '../outputs/output-sink.ts';

export interface Patch {
  /** New or changed files, site-relative; `existed`: the previous output has a file there. */
  changed: { path: string; existed: boolean }[];
  removed: string[];
}

const journalFile = 'patch.json';
const undoFolder = 'undo';

/**
 * Applies `patch` to `outDir` from the files in `siteDir` (both in `stagingDir`'s file system), then
 * writes the marker: the output then matches the new manifest. Synchronous: thousands of renames.
 */
export function publishPatch(stagingDir: string, siteDir: string, outDir: string, patch: Patch, marker: string): void {
  const undo = path.join(stagingDir, undoFolder);
  mkdirSync(undo);
  writeFileSync(path.join(stagingDir, journalFile), JSON.stringify(patch));
  try {
    // First the marker: an output caught half-patched never claims to match a manifest.
    renameSync(path.join(outDir, buildMarkerFile), path.join(undo, 'marker'));
    patch.removed.forEach((file, index) => renameSync(path.join(outDir, file), path.join(undo, `r${index}`)));
    // Folders left empty go too, as a full build would not have them (and a new file may need the name).
    removeEmptyFolders(outDir, patch.removed);
    patch.changed.forEach(({ path: file, existed }, index) => {
      const target = path.join(outDir, file);
      if (existed) renameSync(target, path.join(undo, `c${index}`));
      moveCreatingFolders(path.join(siteDir, file), target);
    });
    const markerText = path.join(stagingDir, buildMarkerFile);
    writeFileSync(markerText, marker);
    renameSync(markerText, path.join(outDir, buildMarkerFile));
  } catch (error) {
    rollBackPatch(stagingDir, outDir);
    throw error;
  }
  // Done: nothing to roll back if this process dies now.
  unlinkSync(path.join(stagingDir, journalFile));
}

/**
 * Puts the previous output back from the undo folder, as far as the journal's moves went. True when
 * there was a patch to roll back. Run by a failed patch, and by the next build for a killed one.
 */
export function rollBackPatch(stagingDir: string, outDir: string): boolean {
  let patch: Patch;
  try {
    patch = JSON.parse(readFileSync(path.join(stagingDir, journalFile), 'utf8')) as Patch;
  } catch {
    return false;
  }
  const undo = path.join(stagingDir, undoFolder);
  const siteDir = path.join(stagingDir, 'site');
  const added: string[] = [];
  for (let index = patch.changed.length - 1; index >= 0; index--) {
    const { path: file, existed } = patch.changed[index]!;
    const saved = path.join(undo, `c${index}`);
    if (existsSync(saved)) moveCreatingFolders(saved, path.join(outDir, file));
    else if (!existed && !existsSync(path.join(siteDir, file))) {
      // Moved in as a new file: take it out again.
      try {
        unlinkSync(path.join(outDir, file));
        added.push(file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
  }
  removeEmptyFolders(outDir, added);
  for (let index = patch.removed.length - 1; index >= 0; index--) {
    const saved = path.join(undo, `r${index}`);
    if (existsSync(saved)) moveCreatingFolders(saved, path.join(outDir, patch.removed[index]!));
  }
  const marker = path.join(undo, 'marker');
  if (existsSync(marker)) renameSync(marker, path.join(outDir, buildMarkerFile));
  unlinkSync(path.join(stagingDir, journalFile));
  return true;
}

function moveCreatingFolders(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    mkdirSync(path.dirname(to), { recursive: true });
    renameSync(from, to);
  }
}

/** Removes the folders of `files` that are now empty, and their parents that become so, below `root`. */
function removeEmptyFolders(root: string, files: readonly string[]): void {
  const folders = new Set<string>();
  for (const file of files) {
    for (let folder = path.dirname(file); folder !== '.' && folder !== ''; folder = path.dirname(folder)) folders.add(folder);
  }
  // Deepest first, so a parent is tried after its children.
  for (const folder of [...folders].sort((a, b) => b.split('/').length - a.split('/').length)) {
    try {
      rmdirSync(path.join(root, folder));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST' && code !== 'ENOENT') throw error;
    }
  }
}
