// The link-check results file (`link-check.json`, written by `datashelf qa`, read by the build):
// one entry per URL, sorted, so a re-run that finds the same changes nothing but the dates.
import { readFile, writeFile } from 'node:fs/promises';
import type { Catalogue, Link, Resource } from '../catalogue/model.ts';
import { UserError } from '../util/user-error.ts';
import type { UrlCheck } from './check-url.ts';

export const defaultResultsFile = 'link-check.json';

export interface LinkCheckResults {
  checkedAt: string;
  results: UrlCheck[];
}

export async function writeResults(file: string, results: LinkCheckResults): Promise<void> {
  const sorted = { checkedAt: results.checkedAt, results: [...results.results].sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0)) };
  await writeFile(file, `${JSON.stringify(sorted, null, 2)}\n`);
}

export async function readResults(file: string): Promise<LinkCheckResults> {
  const text = await readFile(file, 'utf8');
  let parsed: LinkCheckResults;
  try {
    parsed = JSON.parse(text) as LinkCheckResults;
  } catch (error) {
    throw new UserError(`${file} is not a link-check results file: ${(error as Error).message}.`, 'Run datashelf qa again to rewrite it, or delete it.');
  }
  if (!Array.isArray(parsed.results)) throw new UserError(`${file} is not a link-check results file: it has no results list.`, 'Run datashelf qa again to rewrite it, or delete it.');
  return parsed;
}

/** Is this answer a broken link for a reader: an error status or no answer at all. */
export const isBroken = (check: Pick<UrlCheck, 'httpStatus'>) => check.httpStatus === null || check.httpStatus >= 400;

/** A link or external file of the model whose last check found it broken (never checked: not broken). */
export const failedLastCheck = (item: Pick<Link | Resource, 'httpStatus' | 'qaTimestamp'>) => item.qaTimestamp !== null && isBroken(item);

/** What the last check got, in words: `HTTP 404`, or `no answer`. */
export const lastCheckAnswer = (item: Pick<Link | Resource, 'httpStatus'>) => (item.httpStatus === null ? 'no answer' : `HTTP ${item.httpStatus}`);

/**
 * The catalogue with each link's QA fields and each external file's status and check time from the
 * results (a URL not checked keeps nulls). A hosted file is the build's own, never checked.
 */
export function withLinkCheck(catalogue: Catalogue, results: LinkCheckResults): Catalogue {
  const byUrl = new Map(results.results.map((check) => [check.url, check]));
  const checkedLink = (link: Link): Link => {
    const check = byUrl.get(link.url);
    return check ? { ...link, httpStatus: check.httpStatus, size: check.size, mimetype: check.mimetype, hash: check.hash, qaTimestamp: check.qaTimestamp } : link;
  };
  const checkedResource = (resource: Resource): Resource => {
    const check = resource.kind === 'url' ? byUrl.get(resource.url) : undefined;
    return check ? { ...resource, httpStatus: check.httpStatus, qaTimestamp: check.qaTimestamp } : resource;
  };
  return { ...catalogue, datasets: catalogue.datasets.map((dataset) => ({ ...dataset, resources: dataset.resources.map(checkedResource), links: dataset.links.map(checkedLink) })) };
}
