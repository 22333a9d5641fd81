// HTTP as the replayed clients do it: GET a URL, read the status, the Content-Type and the body.
export interface Reply {
  url: string;
  status: number;
  contentType: string | null;
  text: string;
}

export async function get(url: string, headers: Record<string, string> = {}): Promise<Reply> {
  const response = await fetch(url, { headers, redirect: 'manual' });
  return { url, status: response.status, contentType: response.headers.get('content-type'), text: await response.text() };
}

/** The JSON body, or null when it is not JSON. */
export function parseJson(reply: Reply): unknown {
  try {
    return JSON.parse(reply.text);
  } catch {
    return null;
  }
}

/**
 * A query string as Python's `urllib.parse.urlencode` (and so requests) writes it: `quote_plus`
 * of each value, space as `+`, everything but letters, digits and `_.-~` percent-encoded.
 */
export function pythonQuery(params: [string, string][]): string {
  const quotePlus = (text: string) => encodeURIComponent(text).replace(/[!'()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`).replace(/%20/g, '+');
  return params.map(([name, value]) => `${quotePlus(name)}=${quotePlus(value)}`).join('&');
}

/** A query string as Ruby's `URI.encode_www_form` writes it: like Python's, but `*` stays as is. */
export function rubyQuery(params: [string, string][]): string {
  return pythonQuery(params).replace(/%2A/g, '*');
}

/** Stops a client loop that a broken server would keep going for ever. */
export function bounded(limit: number, what: string): () => void {
  let count = 0;
  return () => {
    if (++count > limit) throw new Error(`${what}: more than ${limit} requests, the client would never stop`);
  };
}

export const trimSlash = (base: string) => base.replace(/\/+$/, '');
