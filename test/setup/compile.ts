// Compiles the engine to lib/ once before the tests: the tests that run the `datashelf` command
// run it as a publisher does, from the compiled JavaScript, so it must match the sources.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

export default async function compile(): Promise<void> {
  const root = path.resolve(import.meta.dirname, '../..');
  await promisify(execFile)(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json')], { cwd: root });
}
