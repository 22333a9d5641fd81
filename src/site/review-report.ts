// The publishers' review report (/reports/review/): its rows, as the page lists them and as CSV.
import { stringify } from 'csv-stringify/sync';
import type { Catalogue, Dataset } from '../catalogue/model.ts';
import { reviewReport, type ReviewedDataset, type ReviewGroup } from '../catalogue/review.ts';
import { neutraliseFormula } from '../outputs/spreadsheet-safety.ts';

export const reviewCsvFile = 'review.csv';

/** What the report shows of a dataset (pages are rendered from these, not from the whole catalogue). */
export type ReviewRow = ReviewedDataset & Pick<Dataset, 'webpage'>;

export function reviewGroups(catalogue: Pick<Catalogue, 'datasets' | 'today'>): ReviewGroup<ReviewRow>[] {
  return reviewReport(catalogue.datasets, catalogue.today).map((group) => ({
    team: { id: group.team.id, title: group.team.title, email: group.team.email },
    entries: group.entries.map((entry) => {
      const { id, title, nextReviewDate, contact, sharing, team, webpage } = entry.dataset;
      return { ...entry, dataset: { id, title, nextReviewDate, contact, sharing, team: { id: team.id, title: team.title, email: team.email }, webpage } };
    }),
  }));
}

const headers = ['team', 'state', 'nextReviewDate', 'days', 'datasetId', 'datasetTitle', 'webpage', 'contactTitle', 'contactEmail'];

/**
 * One row per dataset overdue or due, as the page orders them; `days` late (overdue) or left (due).
 * UTF-8 with a byte order mark and CRLF, formula-looking cells neutralised, as the exports.
 */
export function reviewCsv(groups: readonly ReviewGroup<ReviewRow>[]): string {
  const rows = groups.flatMap((group) =>
    group.entries.map((entry) => [
      group.team.title,
      entry.state,
      entry.nextReviewDate,
      String(entry.days),
      entry.dataset.id,
      entry.dataset.title,
      entry.dataset.webpage,
      entry.contact?.title ?? '',
      entry.contact?.email ?? '',
    ].map((value) => neutraliseFormula(value))),
  );
  return stringify([headers, ...rows], { bom: true, record_delimiter: 'windows', quote_record_delimiter: true });
}
