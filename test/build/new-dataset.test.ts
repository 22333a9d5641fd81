// `datashelf new` asks for what it was not given when a person runs it in a terminal.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../src/catalogue/load.ts';
import { runNew } from '../../src/cli/new.ts';
import { contentFrom } from '../helpers/content.ts';

function terminal(answers: string[]) {
  const stdin = Object.assign(new PassThrough(), { isTTY: true });
  const stdout = new PassThrough();
  let asked = '';
  // Answer each question as it appears, as a person would.
  stdout.on('data', (chunk: Buffer) => {
    asked += chunk.toString();
    if (/: $/.test(asked) && answers.length > 0) {
      asked = '';
      stdin.write(`${answers.shift()}\n`);
    }
  });
  return { stdin, stdout, stderr: new PassThrough() };
}

describe('datashelf new, in a terminal', () => {
  it('asks for the title, id, team and topics, and writes a file that checks', async () => {
    const { root, contentDir } = await contentFrom('minimal');
    const streams = terminal(['Bus Stops', '', 'highways', 'transport']);
    const code = await runNew([], { ...streams, env: {}, cwd: root });
    expect(code).toBe(0);
    const text = await readFile(path.join(contentDir, 'datasets/bus-stops.md'), 'utf8');
    expect(text).toContain('title: Bus Stops\nteam: highways\n');
    expect(text).toContain('topics: [transport]');
    const { catalogue } = await loadCatalogue({ contentDir });
    expect(catalogue.datasets.map((dataset) => dataset.id)).toContain('bus-stops');
  });

  it('refuses a team that does not exist, and leaves no file behind', async () => {
    const { root, contentDir } = await contentFrom('minimal');
    const streams = terminal(['Bus Stops', 'bus-stops', 'buses', 'transport']);
    await expect(runNew([], { ...streams, env: {}, cwd: root })).rejects.toMatchObject({
      problems: expect.arrayContaining([expect.objectContaining({ severity: 'error', field: 'team', message: "'buses' is not a team in content/teams.yaml" })]),
    });
    await expect(readFile(path.join(contentDir, 'datasets/bus-stops.md'))).rejects.toThrow();
  });
});
