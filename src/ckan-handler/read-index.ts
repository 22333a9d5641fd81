// Reads the CKAN index of a finished build from disk, for Node.js (the preview, a server): the only
// module of the handler that uses Node.js. A Worker fetches the same files and calls
// `ckanIndexFrom` itself.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ckanIndexFiles } from '../outputs/ckan/paths.ts';
import { ckanIndexFrom, parseIndexCatalogue, type CkanIndex } from './index-data.ts';

export async function readCkanIndex(outDir: string): Promise<CkanIndex> {
  const catalogue = parseIndexCatalogue(await readFile(path.join(outDir, ckanIndexFiles.catalogue), 'utf8'));
  const texts = await Promise.all(catalogue.packageFiles.map((file) => readFile(path.join(outDir, file), 'utf8')));
  return ckanIndexFrom(catalogue, texts);
}
