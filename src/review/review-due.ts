// The datasets due for review (their nextReviewDate on or before a day), as Markdown for a job
// summary. Private datasets are left out: a job summary may be public.
import type { Dataset } from '../catalogue/model.ts';

type Reviewable = Pick<Dataset, 'id' | 'title' | 'nextReviewDate' | 'sharing'> & { team: { id: string; title: string } };

export function reviewDueMarkdown(datasets: readonly Reviewable[], today: string): string {
  const published = datasets.filter((dataset) => dataset.sharing === 'public');
  const due = published
    .filter((dataset) => dataset.nextReviewDate !== null && dataset.nextReviewDate <= today)
    .sort((a, b) => (a.nextReviewDate! < b.nextReviewDate! ? -1 : a.nextReviewDate! > b.nextReviewDate! ? 1 : a.id < b.id ? -1 : 1));
  const undated = published.filter((dataset) => dataset.nextReviewDate === null).length;
  const lines = ['## Datasets due for review', ''];
  if (due.length === 0) lines.push(`None of ${published.length} datasets is due for review on ${today}.`);
  else {
    lines.push(`${due.length} of ${published.length} datasets ${due.length === 1 ? 'is' : 'are'} due for review on ${today}.`, '', '| review due | dataset | team | days overdue |', '|---|---|---|---|');
    for (const dataset of due) lines.push(`| ${dataset.nextReviewDate} | \`${dataset.id}\` ${cell(dataset.title)} | ${cell(dataset.team.title)} | ${daysBetween(dataset.nextReviewDate!, today)} |`);
  }
  if (undated > 0) lines.push('', `${undated} dataset${undated === 1 ? ' has' : 's have'} no nextReviewDate.`);
  return `${lines.join('\n')}\n`;
}

const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\s+/g, ' ');
