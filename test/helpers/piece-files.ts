// An output's kept deflated pieces as the tests see them: one file each in its store's folder
// (src/outputs/deflated-pieces.ts `PieceStore`).
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { storeFolder } from '../../src/build/fragments.ts';

/** The piece files the store `name` holds in the cache folder `cacheDir`, full paths. */
export function pieceFiles(cacheDir: string, name: string): string[] {
  const folder = storeFolder({ dir: cacheDir }, name);
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  return names.filter((file) => file.endsWith('.piece')).map((file) => path.join(folder, file));
}
