// Reads the CKAN index of a finished build from disk, for Node.js (the preview, a server): the only
// module of the handler that uses Node.js (node:zlib gunzips the package files). A Worker fetches
// the same files and gunzips them with gunzip.ts.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { ckanIndexFiles } from '../outputs/ckan/paths.ts';
import { ckanIndexFrom, parseIndexCatalogue, type CkanIndex } from './index-data.ts';

const gunzipAsync = promisify(gunzip);

export async function readCkanIndex(outDir: string): Promise<CkanIndex> {
  const catalogue = parseIndexCatalogue(await readFile(path.join(outDir, ckanIndexFiles.catalogue), 'utf8'));
  const texts = await Promise.all(
    catalogue.packageFiles.map(async (file) => {
      const bytes = await readFile(path.join(outDir, file));
      try {
        return (await gunzipAsync(bytes)).toString('utf8');
      } catch (error) {
        throw new Error(`The CKAN index's package file ${file} could not be gunzipped (${(error as Error).message}): build the site again`);
      }
    }),
  );
  return ckanIndexFrom(catalogue, texts);
}
