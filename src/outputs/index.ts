// Every file output that is a function of the catalogue alone, written beside the pages.
import type { Catalogue } from '../catalogue/model.ts';
import { writeExportCsvs } from './csv.ts';
import { writeExportJson } from './datapress.ts';
import { writeExportXlsx } from './xlsx.ts';

export async function writeOutputs(catalogue: Catalogue, outDir: string): Promise<void> {
  await writeExportJson(catalogue, outDir);
  await writeExportCsvs(catalogue, outDir);
  await writeExportXlsx(catalogue, outDir);
}
