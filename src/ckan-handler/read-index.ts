// Reads the CKAN index of a finished build from disk, for Node.js (the preview, a server): the only
// module of the handler that uses Node.js. A Worker fetches the same two files and calls
// `parseCkanIndex` itself.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ckanIndexFiles, ckanIndexPart } from '../outputs/ckan/paths.ts';
import { parseCkanIndex, type CkanIndex } from './index-data.ts';

export async function readCkanIndex(outDir: string): Promise<CkanIndex> {
  const [catalogue, packages] = await Promise.all([readFile(path.join(outDir, ckanIndexFiles.catalogue), 'utf8'), readPackages(outDir)]);
  return parseCkanIndex({ catalogue, packages });
}

/** `packages.json`, or its parts joined where a build with a Cloudflare Worker cut it (paths.ts, `ckanIndexPart`). */
async function readPackages(outDir: string): Promise<string> {
  try {
    return await readFile(path.join(outDir, ckanIndexFiles.packages), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const parts: string[] = [];
  for (let number = 1; ; number++) {
    try {
      parts.push(await readFile(path.join(outDir, ckanIndexPart(number)), 'utf8'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || number === 1) throw error;
      return parts.join('\n');
    }
  }
}
