#!/usr/bin/env node
// Entry point: checks the Node version before anything else, then runs the TypeScript CLI.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(
    `datashelf needs Node.js 22.12 or newer; this is ${process.versions.node}.\n` +
      'Run it through npm (npm run build, npx datashelf …): the project installs a suitable Node.js in node_modules/.bin.',
  );
  process.exit(1);
}
const { register } = await import('tsx/esm/api');
register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd(), stdin: process.stdin });
