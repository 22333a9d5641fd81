// A reset on a kept-alive connection is asked again once, as the clients' own HTTP libraries do
// (urllib3 checks a pooled connection before reusing it; Node's fetch does not, and workerd closes
// idle connections): a host that resets a fresh connection still fails.

export async function fetchOnFreshSocket(url: string, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    const code = ((error as Error).cause as NodeJS.ErrnoException | undefined)?.code;
    if (code !== 'ECONNRESET' && code !== 'UND_ERR_SOCKET') throw error;
    return fetch(url, init);
  }
}
