// Checks one URL as a link checker should: HEAD first, GET when a server refuses HEAD, redirects
// followed, a time limit on each try, and retries with growing waits when the failure may pass.
import { createHash } from 'node:crypto';

export interface UrlCheck {
  url: string;
  /** The final answer's status (after redirects); null when no answer came. */
  httpStatus: number | null;
  /** Where the redirects ended, when elsewhere. */
  finalUrl: string | null;
  size: number | null;
  mimetype: string | null;
  /** MD5 of the body, when it was fetched (GET); HEAD gives none. */
  hash: string | null;
  /** Why there is no answer (a timeout, a refused connection). */
  error: string | null;
  qaTimestamp: string;
}

export interface CheckOptions {
  timeoutMs: number;
  retries: number;
  /** The first wait before a retry; each next one is twice as long. */
  backoffMs: number;
  /** The time recorded as qaTimestamp (one per run, so a run's results agree). */
  now: string;
}

// Servers that do not implement HEAD answer these; a GET tells the truth.
const headRefused = new Set([400, 403, 405, 406, 501]);
// Worth another try: the server or the network may recover.
const transient = (status: number | null) => status === null || status === 408 || status === 429 || status >= 500;

export async function checkUrl(url: string, options: CheckOptions): Promise<UrlCheck> {
  let result = await tryUrl(url, options);
  for (let attempt = 0; attempt < options.retries && transient(result.httpStatus); attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, options.backoffMs * 2 ** attempt));
    result = await tryUrl(url, options);
  }
  return result;
}

async function tryUrl(url: string, options: CheckOptions): Promise<UrlCheck> {
  const base = { url, finalUrl: null, size: null, mimetype: null, hash: null, error: null, qaTimestamp: options.now };
  try {
    const head = await fetch(url, { method: 'HEAD', redirect: 'follow', signal: AbortSignal.timeout(options.timeoutMs) });
    await head.body?.cancel();
    if (!headRefused.has(head.status)) return { ...base, ...facts(url, head), hash: null };
    const get = await fetch(url, { method: 'GET', redirect: 'follow', signal: AbortSignal.timeout(options.timeoutMs) });
    const hash = createHash('md5');
    let size = 0;
    for await (const chunk of get.body ?? []) {
      hash.update(chunk as Uint8Array);
      size += (chunk as Uint8Array).byteLength;
    }
    return { ...base, ...facts(url, get), size: get.ok ? size : null, hash: get.ok ? hash.digest('hex') : null };
  } catch (error) {
    return { ...base, httpStatus: null, error: describeFailure(error, options.timeoutMs) };
  }
}

function facts(url: string, response: Response) {
  const length = response.headers.get('content-length');
  const type = response.headers.get('content-type');
  return {
    httpStatus: response.status,
    finalUrl: response.url && response.url !== url ? response.url : null,
    size: response.ok && length !== null && /^\d+$/.test(length) ? Number(length) : null,
    mimetype: response.ok && type ? type.split(';')[0]!.trim().toLowerCase() : null,
  };
}

function describeFailure(error: unknown, timeoutMs: number): string {
  const failure = error as Error & { cause?: { code?: string; message?: string } };
  if (failure.name === 'TimeoutError' || failure.name === 'AbortError') return `no answer within ${timeoutMs / 1000} s`;
  const cause = failure.cause;
  return cause?.code ? `${cause.code}${cause.message ? `: ${cause.message}` : ''}` : failure.message;
}
