// Every HTML page of the example catalogue's build is valid HTML, by the Nu Html Checker (vnu.jar,
// the W3C validator's engine, run on Java as it runs for the W3C).
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from '../../src/build/build.ts';
import { listFiles } from '../helpers/build.ts';
import { repoRoot } from '../helpers/content.ts';
import { buildFolder, type BuildFolder } from '../site/build-folder.ts';

const run = promisify(execFile);
const vnuJar = path.join(repoRoot, 'node_modules/vnu-jar/build/dist/vnu.jar');

interface VnuMessage {
  type: string;
  subType?: string;
  url: string;
  lastLine?: number;
  message: string;
}

let folder: BuildFolder;
let outDir: string;

beforeAll(async () => {
  folder = await buildFolder('vnu');
  outDir = path.join(folder.dir, 'site');
  await buildSite({ contentDir: path.join(repoRoot, 'content'), outDir });
});

afterAll(async () => {
  await folder?.remove();
});

describe('the example catalogue’s pages', () => {
  // One JVM checks every page (172 with the file previews): over two minutes on a loaded machine.
  it('are every one valid HTML, with no error and no warning from the Nu Html Checker', { timeout: 300_000 }, async () => {
    const pages = (await listFiles(outDir)).filter((file) => file.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(60);
    // vnu exits non-zero when it finds anything; its findings are the JSON on stderr either way.
    const result = await run('java', ['-jar', vnuJar, '--format', 'json', '--also-check-svg', ...pages.map((page) => path.join(outDir, page))], { maxBuffer: 1 << 26 }).catch((error: { stderr: string }) => error);
    const messages = (JSON.parse(result.stderr) as { messages: VnuMessage[] }).messages;
    const readable = messages.map((message) => `${path.relative(outDir, new URL(message.url).pathname)}:${message.lastLine ?? '?'} ${message.type}${message.subType ? `/${message.subType}` : ''}: ${message.message}`);
    expect(readable).toEqual([]);
  });
});
