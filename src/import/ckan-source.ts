// Where CKAN package dicts come from: a portal's Action API (package_search, paged, GET only, a
// few requests at a time, retried with backoff), a saved package_search response, or a
// `ckanapi dump` file (one package dict per line).
import { readFile } from 'node:fs/promises';
import { UserError } from '../util/user-error.ts';
import type { SourcePackage } from './ckan.ts';
import type { ImportNote } from './imported.ts';

export interface FetchOptions {
  /** Requests at once; a portal is someone else's server. */
  concurrency: number;
  /** Package dicts per page (CKAN caps rows at 1000). */
  rows: number;
  /** Attempts per page after the first, for timeouts, 429 and 5xx answers. */
  retries: number;
  /** Milliseconds before a request is given up (then retried). */
  timeoutMs: number;
  /** First wait between attempts in milliseconds; it doubles each time. */
  backoffMs: number;
  /** Called after each page: how many of how many. */
  progress?: (fetched: number, total: number) => void;
}

export const defaultFetchOptions: FetchOptions = { concurrency: 2, rows: 100, retries: 4, timeoutMs: 30_000, backoffMs: 1_000 };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

class RetryableError extends Error {}

async function getJson(url: string, options: FetchOptions): Promise<unknown> {
  let lastProblem = '';
  for (let attempt = 0; attempt <= options.retries; attempt++) {
    if (attempt > 0) await sleep(options.backoffMs * 2 ** (attempt - 1));
    try {
      const response = await fetch(url, { method: 'GET', headers: { accept: 'application/json', 'user-agent': 'datashelf-import' }, signal: AbortSignal.timeout(options.timeoutMs), redirect: 'follow' });
      if (response.status === 429 || response.status >= 500) {
        await response.body?.cancel();
        const wait = Number(response.headers.get('retry-after'));
        if (Number.isFinite(wait) && wait > 0 && wait <= 60) await sleep(wait * 1000);
        throw new RetryableError(`HTTP ${response.status}`);
      }
      const text = await response.text();
      if (!response.ok) throw new UserError(`${url}: the portal answered HTTP ${response.status}; check the address (it is the portal's home page, e.g. https://data.example.gov).`);
      try {
        return JSON.parse(text) as unknown;
      } catch {
        throw new UserError(`${url}: the answer is not JSON; check that the address is a CKAN portal's home page.`);
      }
    } catch (error) {
      if (error instanceof UserError) throw error;
      const name = (error as Error).name;
      lastProblem = name === 'TimeoutError' ? `no answer within ${options.timeoutMs / 1000} s` : error instanceof RetryableError ? error.message : ((error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message);
    }
  }
  throw new UserError(`${url}: ${lastProblem} after ${options.retries + 1} attempts; try again later, or use --concurrency 1.`);
}

function searchResult(body: unknown, url: string): { count: number; results: Record<string, unknown>[] } {
  const envelope = body as { success?: boolean; result?: { count?: unknown; results?: unknown }; error?: { message?: string } };
  if (envelope?.success !== true || typeof envelope.result?.count !== 'number' || !Array.isArray(envelope.result.results)) {
    throw new UserError(`${url}: not a CKAN package_search answer${envelope?.error?.message ? ` (${envelope.error.message})` : ''}; check that the address is a CKAN portal.`);
  }
  return { count: envelope.result.count, results: envelope.result.results as Record<string, unknown>[] };
}

/** Every package of a portal, in the order package_search gives them. */
export async function fetchCkanPackages(baseUrl: string, options: FetchOptions): Promise<SourcePackage[]> {
  const base = baseUrl.replace(/\/+$/, '').replace(/\/api(\/3)?(\/action)?(\/package_search)?$/, '');
  const pageUrl = (start: number) => `${base}/api/3/action/package_search?rows=${options.rows}&start=${start}`;
  const first = searchResult(await getJson(pageUrl(0), options), pageUrl(0));
  const pages: Record<string, unknown>[][] = [first.results];
  const starts: number[] = [];
  for (let start = options.rows; start < first.count; start += options.rows) starts.push(start);
  let fetched = first.results.length;
  options.progress?.(fetched, first.count);
  let next = 0;
  const worker = async () => {
    while (next < starts.length) {
      const index = next++;
      const url = pageUrl(starts[index]!);
      pages[index + 1] = searchResult(await getJson(url, options), url).results;
      fetched += pages[index + 1]!.length;
      options.progress?.(fetched, first.count);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, starts.length)) }, worker));
  // A package that moved between pages while they were read is taken once.
  const seen = new Set<string>();
  return pages.flatMap((page, pageIndex) =>
    page.flatMap((dict) => {
      const key = String(dict.id ?? dict.name);
      if (seen.has(key)) return [];
      seen.add(key);
      return [{ dict, source: pageUrl(pageIndex * options.rows), line: null }];
    }),
  );
}

/** Package dicts from a saved package_search answer (or its result, or a list) or a ckanapi dump. */
export async function readCkanFile(file: string): Promise<{ packages: SourcePackage[]; notes: ImportNote[] }> {
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new UserError(`${file}: cannot be read (${error.code ?? 'error'}); give a saved package_search response or a ckanapi dump file.`);
  });
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  let whole: unknown;
  try {
    whole = JSON.parse(trimmed);
  } catch {
    whole = undefined;
  }
  if (whole !== undefined && !(trimmed.startsWith('{') && trimmed.includes('\n{'))) {
    const list = Array.isArray(whole)
      ? whole
      : Array.isArray((whole as { result?: { results?: unknown } })?.result?.results)
        ? (whole as { result: { results: unknown[] } }).result.results
        : Array.isArray((whole as { results?: unknown })?.results)
          ? (whole as { results: unknown[] }).results
          : (whole as { name?: unknown })?.name
            ? [whole]
            : null;
    if (!list) throw new UserError(`${file}:1: is JSON but not a package_search response, a list of packages or a package; save the answer of /api/3/action/package_search, or use 'ckanapi dump datasets'.`);
    return { packages: list.filter((dict): dict is Record<string, unknown> => dict !== null && typeof dict === 'object').map((dict) => ({ dict, source: file, line: null })), notes: [] };
  }
  // JSON lines, as `ckanapi dump datasets` writes them: a bad line is reported and the rest read.
  const packages: SourcePackage[] = [];
  const notes: ImportNote[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    try {
      const dict = JSON.parse(line) as unknown;
      if (dict === null || typeof dict !== 'object' || Array.isArray(dict)) throw new Error('not a package');
      packages.push({ dict: dict as Record<string, unknown>, source: file, line: index + 1 });
    } catch (error) {
      notes.push({ severity: 'skipped', source: file, line: index + 1, message: `is not a package dict in JSON (${(error as Error).message.split('\n')[0]})` });
    }
  });
  if (packages.length === 0) throw new UserError(`${file}:1: holds no package dicts; give a saved package_search response (.json) or a 'ckanapi dump datasets' file (.jsonl).`);
  return { packages, notes };
}
