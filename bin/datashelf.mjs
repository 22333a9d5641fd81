#!/usr/bin/env node
// Entry point: checks the Node version before anything else, then runs the compiled CLI (lib/).
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(
    `datashelf needs Node.js 22.12 or newer; this is ${process.versions.node}.\n` +
      'Install a current Node.js LTS release (22 or 24) and run the command again.',
  );
  process.exit(1);
}
// Node keeps the code it compiled for our modules (and Astro's, Vite's, the libraries') between
// runs, in its own folder under the system's temporary one: each run's start, and each of its
// threads', then reads it instead of compiling again. The threads and processes a build starts
// inherit it through the environment. A cache turned off (NODE_DISABLE_COMPILE_CACHE) stays off.
const compileCache = (await import('node:module')).enableCompileCache?.();
if (compileCache?.directory && process.env.NODE_COMPILE_CACHE === undefined) process.env.NODE_COMPILE_CACHE = compileCache.directory;
const { main } = await import('../lib/cli/main.js').catch((error) => {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
  console.error('datashelf is not compiled: run `npm run compile` in its folder (npm install does it).');
  process.exit(1);
});
const code = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd(), stdin: process.stdin });
// A build has finished everything once main returns: the process ends without freeing its heaps
// first (lib/cli/exit.js). Other commands end as Node ends them.
if (process.argv[2] === 'build') await (await import('../lib/cli/exit.js')).exitOnceWritten(code);
process.exitCode = code;
