// One import, start to end: read the source with its kind's importer, write it into content/,
// and check the result with the loader, as `datashelf check` would.
import path from 'node:path';
import { validateCatalogue } from '../catalogue/validate.ts';
import type { ContentProblem } from '../catalogue/errors.ts';
import { ContentError } from '../catalogue/errors.ts';
import { readExistingContent, type ExistingContent } from './existing.ts';
import type { ImportedCatalogue, ImportNote } from './imported.ts';
import { writeImport, type WriteReport } from './write.ts';

export type ImportKind = 'ckan' | 'datapress' | 'jkan';

export type Importer = (source: string, existing: ExistingContent) => Promise<ImportedCatalogue>;

export interface ImportResult {
  report: WriteReport;
  notes: ImportNote[];
  /** What `datashelf check` says of content/ after the import: nothing when it is valid. */
  problems: ContentProblem[];
  datasetCount: number;
}

export async function runImport(importer: Importer, source: string, options: { kind: ImportKind; contentDir: string; force: boolean }): Promise<ImportResult> {
  const contentDir = path.resolve(options.contentDir);
  const existing = await readExistingContent(contentDir);
  const imported = await importer(source, existing);
  const report = await writeImport(imported, { contentDir, kind: options.kind, force: options.force });
  try {
    const { catalogue, warnings } = await validateCatalogue({ contentDir });
    return { report, notes: imported.notes, problems: warnings, datasetCount: catalogue.datasets.length };
  } catch (error) {
    if (!(error instanceof ContentError)) throw error;
    return { report, notes: imported.notes, problems: error.problems, datasetCount: 0 };
  }
}
