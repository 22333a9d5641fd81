// Every file output that is a function of the catalogue alone, written beside the pages.
import type { Catalogue } from '../catalogue/model.ts';
import { writeCkanActionApi } from './ckan/action-files.ts';
import { writeLegacyApi } from './ckan/legacy-api.ts';
import { writeExportCsvs } from './csv.ts';
import { writeExportJson } from './datapress.ts';
import { writeExportXlsx } from './xlsx.ts';
import { writeHostConfigs } from './hosts/write.ts';

export async function writeOutputs(catalogue: Catalogue, outDir: string): Promise<void> {
  await writeExportJson(catalogue, outDir);
  await writeExportCsvs(catalogue, outDir);
  await writeExportXlsx(catalogue, outDir);
  await writeCkanActionApi(catalogue, outDir);
  await writeLegacyApi(catalogue, outDir);
  await writeHostConfigs(catalogue, outDir);
}
