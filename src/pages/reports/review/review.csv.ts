// /reports/review/review.csv: the review report as a spreadsheet (src/site/review-report.ts).
import type { APIContext } from 'astro';
import { pageLocals } from '../../../site/page-context.ts';
import type { ReviewView } from '../../../site/page-views.ts';
import { reviewCsv } from '../../../site/review-report.ts';

export function GET({ locals }: APIContext): Response {
  return new Response(reviewCsv(pageLocals<ReviewView>(locals).view.groups), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
}
