// /reports/review/review.csv: the review report as a spreadsheet (src/site/review-report.ts).
import { catalogue } from '../../../site/catalogue.ts';
import { reviewCsv, reviewGroups } from '../../../site/review-report.ts';

export function GET(): Response {
  return new Response(reviewCsv(reviewGroups(catalogue())), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
}
