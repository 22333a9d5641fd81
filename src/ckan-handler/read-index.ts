// Reads the CKAN index of a finished build from disk, for Node.js (the preview, a server): the only
// module of the handler that uses Node.js. A Worker fetches the same two files and calls
// `parseCkanIndex` itself.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ckanIndexFiles } from '../outputs/ckan/paths.ts';
import { parseCkanIndex, type CkanIndex } from './index-data.ts';

export async function readCkanIndex(outDir: string): Promise<CkanIndex> {
  const [catalogue, packages] = await Promise.all([readFile(path.join(outDir, ckanIndexFiles.catalogue), 'utf8'), readFile(path.join(outDir, ckanIndexFiles.packages), 'utf8')]);
  return parseCkanIndex({ catalogue, packages });
}
