// Checks every link and external file of a catalogue, a few at a time, and says what is broken.
import type { CheckedCatalogue } from '../catalogue/model.ts';
import { mapLimited } from '../util/map-limited.ts';
import { checkUrl, type CheckOptions, type UrlCheck } from './check-url.ts';
import { isBroken, type LinkCheckResults } from './results.ts';

/** Where a URL is used: a dataset's link or file. */
export interface UrlUse {
  dataset: string;
  kind: 'link' | 'resource';
  id: string;
}

/** Every external URL of the public datasets, once, sorted, with where each is used. */
export function externalUrls(catalogue: Pick<CheckedCatalogue, 'datasets'>): Map<string, UrlUse[]> {
  const uses = new Map<string, UrlUse[]>();
  const add = (url: string, use: UrlUse) => uses.set(url, [...(uses.get(url) ?? []), use]);
  for (const dataset of catalogue.datasets) {
    if (dataset.sharing !== 'public') continue;
    for (const resource of dataset.resources) if (resource.kind === 'url') add(resource.url, { dataset: dataset.id, kind: 'resource', id: resource.id });
    for (const link of dataset.links) add(link.url, { dataset: dataset.id, kind: 'link', id: link.id });
  }
  return new Map([...uses].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export interface QaOptions extends CheckOptions {
  concurrency: number;
  onProgress?: (done: number, total: number) => void;
}

export async function runQa(urls: readonly string[], options: QaOptions): Promise<LinkCheckResults> {
  let done = 0;
  const results = await mapLimited(urls, options.concurrency, async (url) => {
    const result = await checkUrl(url, options);
    done += 1;
    options.onProgress?.(done, urls.length);
    return result;
  });
  return { checkedAt: options.now, results };
}

/** The broken URLs as Markdown, for a job summary. */
export function qaSummaryMarkdown(results: LinkCheckResults, uses: Map<string, UrlUse[]>): string {
  const broken = results.results.filter(isBroken);
  const lines = ['## Link check', ''];
  if (broken.length === 0) {
    lines.push(`All ${results.results.length} links and external files answered on ${results.checkedAt.slice(0, 10)}.`);
    return `${lines.join('\n')}\n`;
  }
  lines.push(`${broken.length} of ${results.results.length} links and external files did not work on ${results.checkedAt.slice(0, 10)}.`, '', '| answer | URL | used by |', '|---|---|---|');
  for (const check of broken) {
    const usedBy = (uses.get(check.url) ?? []).map((use) => `\`${use.dataset}\` (${use.kind} ${use.id})`).join(', ');
    lines.push(`| ${answerText(check)} | ${check.url.replace(/\|/g, '%7C')} | ${usedBy} |`);
  }
  return `${lines.join('\n')}\n`;
}

export const answerText = (check: UrlCheck) => (check.httpStatus !== null ? `HTTP ${check.httpStatus}` : (check.error ?? 'no answer')).replace(/\|/g, '/');
