// The DataPress full-site exports (JSON, CSV, Excel) as one output: its files and its links.
import { exportDatasetsCsvPath, exportResourcesCsvPath, writeExportCsvs } from './csv.ts';
import { exportJsonPath, writeExportJson } from './datapress.ts';
import { ExportFragments } from './export-fragments.ts';
import type { Output } from './output.ts';
import { sinkFor } from './output-sink.ts';
import { exportXlsxPath, writeExportXlsx } from './xlsx.ts';

const files = { json: exportJsonPath, datasetsCsv: exportDatasetsCsvPath, resourcesCsv: exportResourcesCsvPath, xlsx: exportXlsxPath };

export const exportsOutput: Output = {
  id: 'exports',
  thread: 'main',
  parts: [
    {
      name: 'exports',
      write: async (catalogue, outDir) => {
        // One store of each dataset's parts for all the files; kept for the next build once they are
        // written. Not read when the previous output holds the files: their parts are taken from it.
        const fragments = new ExportFragments(catalogue, sinkFor(outDir).previousEntry(exportJsonPath) !== undefined);
        await writeExportJson(catalogue, outDir, fragments);
        await writeExportCsvs(catalogue, outDir, fragments);
        await writeExportXlsx(catalogue, outDir, fragments);
        await fragments.save();
      },
    },
  ],
  // Typed on every host, whether or not it knows the extension (a spreadsheet must not arrive as bytes).
  mediaTypes: {
    json: 'application/json',
    csv: 'text/csv',
    xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  },
  describe: () => ({
    summary: 'The whole catalogue can be downloaded in one file, as JSON, CSV or an Excel workbook.',
    links: [
      { path: files.json, label: 'All datasets, resources and links as JSON', footerLabel: 'Full export (JSON)' },
      { path: files.datasetsCsv, label: 'One row per dataset as CSV', footerLabel: 'Datasets (CSV)' },
      { path: files.resourcesCsv, label: 'One row per file as CSV' },
      { path: files.xlsx, label: 'Datasets, files and links as an Excel workbook' },
    ],
    datasetLinks: [],
    reference: [
      {
        id: 'exports',
        title: 'Whole-catalogue exports',
        intro: 'Every public dataset in one file, in the DataPress export formats.',
        endpoints: [
          { name: 'export.json', summary: 'Datasets with their files and links, as JSON.', example: files.json },
          { name: 'export.datasets.csv', summary: 'One row per dataset (UTF-8 with a byte order mark).', example: files.datasetsCsv },
          { name: 'export.resources.csv', summary: 'One row per file, with its dataset.', example: files.resourcesCsv },
          { name: 'export.xlsx', summary: 'A workbook with sheets datasets, resources and links.', example: files.xlsx },
        ],
      },
    ],
  }),
};
