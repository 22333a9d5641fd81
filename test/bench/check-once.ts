// One measured `datashelf check` in its own process, as CI runs it on a pull request. Prints JSON
// in the shape build-once.ts prints, so the benchmark can set the two side by side.
import { PassThrough } from 'node:stream';
import { compiled } from './runtime.ts';

const { runCheck } = await compiled<typeof import('../../src/cli/check.ts')>('cli/check.js');

const [contentDir] = process.argv.slice(2);
const said: string[] = [];
const output = new PassThrough().on('data', (chunk: Buffer) => said.push(chunk.toString()));
const started = performance.now();
const code = await runCheck(['--content', contentDir!], { stdout: output, stderr: output, env: {}, cwd: process.cwd() });
const ms = Math.round(performance.now() - started);
const finishedAt = Date.now();
// "Content is valid: 1000 datasets (20 private), …": a failed check would measure nothing useful.
const datasets = Number(/valid: (\d+) datasets/.exec(said.join(''))?.[1]);
if (code !== 0 || !Number.isInteger(datasets)) throw new Error(`check did not pass: ${said.join('')}`);
process.stdout.write(`${JSON.stringify({ wallMs: ms, stages: [{ name: 'check', ms }], peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024), datasets, finishedAt })}\n`);
