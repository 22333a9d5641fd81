// The publishers' report of broken links (/reports/links/): every link and external file whose last
// check failed, by dataset, from the QA fields `datashelf qa` recorded. Plain HTML (no site chrome, not in the
// sitemap, noindex): it is a work list for the team, not a page for the public. Written only by
// a build that has link-check results.
import type { Catalogue } from '../catalogue/model.ts';
import { failedLastCheck, lastCheckAnswer } from '../qa/results.ts';
import type { Output } from './output.ts';
import { writeOutputFile } from './output-sink.ts';

export const linkReportPath = 'reports/links/index.html';

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function linkReportHtml(catalogue: Catalogue): string {
  const rows = catalogue.datasets.flatMap((dataset) =>
    [...dataset.resources.map((item) => ({ kind: 'File', item })), ...dataset.links.map((item) => ({ kind: 'Link', item }))]
      .filter(({ item }) => failedLastCheck(item))
      .map(
        ({ kind, item }) =>
          `<tr><td><a href="${escape(dataset.webpage)}">${escape(dataset.title)}</a></td><td>${kind}</td><td>${escape(item.title)}</td><td><a href="${escape(item.url)}">${escape(item.url)}</a></td><td>${lastCheckAnswer(item)}</td><td>${escape(item.qaTimestamp ?? '')}</td></tr>`,
      ),
  );
  const body =
    rows.length === 0
      ? '<p>Every link and external file answered when it was last checked.</p>'
      : `<table><caption>${rows.length} broken link${rows.length === 1 ? '' : 's'}</caption><thead><tr><th scope="col">Dataset</th><th scope="col">Kind</th><th scope="col">Title</th><th scope="col">Address</th><th scope="col">Answer</th><th scope="col">Checked</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
  return `<!doctype html>
<html lang="${escape(catalogue.site.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Broken links – ${escape(catalogue.site.title)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;line-height:1.5}table{border-collapse:collapse}th,td{border:1px solid #b1b4b6;padding:.4rem .6rem;text-align:left;vertical-align:top}td:nth-child(4){word-break:break-all}</style>
</head>
<body>
<main>
<h1>Broken links</h1>
<p>Links and external files of <a href="${escape(catalogue.site.url)}">${escape(catalogue.site.title)}</a> that did not work at their last check. Fix or remove each in its dataset file.</p>
${body}
</main>
</body>
</html>
`;
}

export const linkReportOutput: Output = {
  id: 'link-report',
  thread: 'main',
  parts: [
    {
      name: 'link report',
      write: async (catalogue, outDir) => {
        // Only a build that has link-check results has anything to report.
        if (!catalogue.datasets.some((dataset) => [...dataset.links, ...dataset.resources].some((item) => item.qaTimestamp !== null))) return;
        writeOutputFile(outDir, linkReportPath, linkReportHtml(catalogue));
      },
    },
  ],
  mediaTypes: {},
  describe: () => ({ summary: '', links: [], datasetLinks: [], reference: [] }),
};
