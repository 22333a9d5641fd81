// Every file output that is a function of the catalogue alone, in named groups so a build can say
// where its time goes. The API groups are disk-bound (tens of thousands of small files and links),
// so the build writes them on a second thread while Astro renders the pages on the first.
import type { Catalogue } from '../catalogue/model.ts';
import { writeCkanActionApi } from './ckan/action-files.ts';
import { writeLegacyApi } from './ckan/legacy-api.ts';
import { writeExportCsvs } from './csv.ts';
import { writeExportJson } from './datapress.ts';
import { writeExportXlsx } from './xlsx.ts';
import { writeHostConfigs } from './hosts/write.ts';

export interface OutputGroup {
  name: string;
  write: (catalogue: Catalogue, outDir: string) => Promise<unknown>;
}

/** The DataPress exports. */
export const exportGroups: OutputGroup[] = [
  {
    name: 'exports',
    write: async (catalogue, outDir) => {
      await writeExportJson(catalogue, outDir);
      await writeExportCsvs(catalogue, outDir);
      await writeExportXlsx(catalogue, outDir);
    },
  },
];

/** The CKAN API and the host configurations that serve it. */
export const apiGroups: OutputGroup[] = [
  { name: 'ckan v3', write: writeCkanActionApi },
  { name: 'ckan v1/v2', write: writeLegacyApi },
  { name: 'hosts', write: writeHostConfigs },
];

export type Timed = <T>(name: string, work: () => Promise<T>) => Promise<T>;

/** Writes `groups` in order; `timed` lets the build measure each. */
export async function writeOutputs(catalogue: Catalogue, outDir: string, groups: OutputGroup[] = [...exportGroups, ...apiGroups], timed: Timed = (_name, work) => work()): Promise<void> {
  for (const group of groups) await timed(group.name, () => group.write(catalogue, outDir));
}
