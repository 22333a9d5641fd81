// Runs a build's generated Netlify Edge Function under Deno (the runtime Netlify runs edge functions
// on), in front of a stand-in for the rest of Netlify: requests on the function's `config.path` go to
// the function with real `Request`s; its `context.next()`, and every other request, go to `upstream`
// (the build's files served by Netlify's own rules engine, test/host/netlify-emulator.ts).
// Usage: deno run --allow-net --allow-read netlify-deno-driver.js <function file> <upstream base URL>
const [functionFile, upstream] = Deno.args;
const edgeFunction = await import(new URL(`file://${functionFile}`).href);
const pattern = new URLPattern({ pathname: edgeFunction.config.path });

/** The same request, sent to the stand-in for Netlify's CDN. */
function toUpstream(request) {
  const url = new URL(request.url);
  return fetch(new URL(`${url.pathname.slice(1)}${url.search}`, upstream), { method: request.method, headers: request.headers, body: request.body, redirect: 'manual' });
}

Deno.serve({ hostname: '127.0.0.1', port: 0, onListen: ({ port }) => console.log(JSON.stringify({ port })) }, async (request) => {
  if (!pattern.test(request.url)) return toUpstream(request);
  const copy = request.clone();
  // A stand-in for Netlify's context: only `next()`, which hands the request on to the files.
  const context = { next: () => toUpstream(copy) };
  return (await edgeFunction.default(request, context)) ?? toUpstream(copy);
});
