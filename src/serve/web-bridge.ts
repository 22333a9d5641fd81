// Node.js's HTTP server speaks IncomingMessage/ServerResponse; the CKAN handler speaks the web's
// Request/Response. These two functions carry one into the other, for the preview and `datashelf serve`.
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The largest request body read: a CKAN read action's parameters are small; more is refused, not buffered. */
export const maxBodyBytes = 1024 * 1024;

export class BodyTooLarge extends Error {}

/** The request as a web `Request` at `url`, its body (POST, PUT) read whole. */
export async function webRequest(request: IncomingMessage, url: URL): Promise<Request> {
  const method = request.method ?? 'GET';
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  const hasBody = !['GET', 'HEAD', 'OPTIONS'].includes(method);
  return new Request(url, { method, headers, body: hasBody ? await readBody(request) : null });
}

async function readBody(request: IncomingMessage): Promise<ArrayBuffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBodyBytes) throw new BodyTooLarge(`A request body over ${maxBodyBytes} bytes`);
    chunks.push(chunk);
  }
  const body = Buffer.concat(chunks);
  return body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer;
}

/** Sends a web `Response` with `extraHeaders` added (the host's CORS headers), its length known. */
export async function sendWebResponse(response: ServerResponse, answer: Response, extraHeaders: Record<string, string> = {}): Promise<void> {
  const body = Buffer.from(await answer.arrayBuffer());
  const headers: Record<string, string> = { ...extraHeaders };
  answer.headers.forEach((value, name) => (headers[name] = value));
  response.writeHead(answer.status, { ...headers, 'Content-Length': body.length });
  response.end(body);
}
