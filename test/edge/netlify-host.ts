// A build's generated Netlify Edge Function run by Deno (`netlify-deno-driver.js`) in front of the
// build's files served by Netlify's rules engine: reusable, `startNetlifyEdgeHost(build)` gives a base
// URL and a stop function. The function's `context` is a stand-in for Netlify's (its `next()` only).
import { spawn } from 'node:child_process';
import type { Server } from 'node:http';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { startNetlifyEmulator } from '../host/netlify-emulator.ts';
import { repoRoot } from '../helpers/content.ts';

export interface RunningEdge {
  base: string;
  stop: () => Promise<void>;
}

const driver = path.join(path.dirname(fileURLToPath(import.meta.url)), 'netlify-deno-driver.js');
const deno = path.join(repoRoot, 'node_modules', '.bin', 'deno');

export async function startNetlifyEdgeHost(build: string): Promise<RunningEdge> {
  const upstream = await startNetlifyEmulator(build);
  const functionFile = path.join(build, '.netlify/v1/edge-functions/datashelf-api.js');
  const child = spawn(deno, ['run', '--allow-net', '--allow-read', '--no-prompt', driver, functionFile, upstream.base], {
    env: { ...process.env, DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`deno exited with ${String(code)}: ${errors}`)));
    createInterface({ input: child.stdout }).once('line', (line) => resolve((JSON.parse(line) as { port: number }).port));
  });
  return {
    base: `http://127.0.0.1:${port}/`,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill();
        await exited;
      }
      await new Promise((resolve) => (upstream.server as Server).close(resolve));
    },
  };
}
