// `datashelf diff`: what a pull request does to the published catalogue, read from two real builds.
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CatalogueDiff } from '../../src/diff/compare.ts';
import { buildInto } from '../helpers/build.ts';
import { datashelf } from '../helpers/cli.ts';
import { contentFrom, fixedTime, fixturesDir } from '../helpers/content.ts';
import { utimes } from 'node:fs/promises';


const foi = path.join(fixturesDir, 'minimal/datasets/foi.md');
const roads = path.join(fixturesDir, 'minimal/datasets/roads/index.md');
let root: string;

beforeAll(async () => {
  const base = await contentFrom('minimal');
  root = base.root;
  await buildInto(base.contentDir, path.join(root, 'base'));
  const foiText = await readFile(foi, 'utf8');
  const roadsText = await readFile(roads, 'utf8');

  // A pull request that edits one dataset, renames another's CKAN name and adds a third.
  const edited = await contentFrom('minimal', {
    'datasets/foi.md': foiText.replace('title: Freedom of Information Requests', 'title: FOI requests | received').replace('Freedom of Information]', 'Transparency]'),
    'datasets/roads/index.md': roadsText.replace('title: Road Casualties', 'name: road-casualties\ntitle: Road Casualties'),
    'datasets/parks.md': '---\ntitle: Parks\nteam: highways\nresources:\n  - id: list\n    title: Parks list\n    url: https://example.org/parks.csv\n---\nParks.\n',
  });
  await buildInto(edited.contentDir, path.join(root, 'edited'));

  // One that removes a dataset and renames another's folder, keeping its CKAN name.
  const moved = await contentFrom('minimal', { 'datasets/foi.md': null, 'datasets/roads/index.md': roadsText.replace('title: Road Casualties', 'name: roads\ntitle: Road Casualties') });
  await rename(path.join(moved.contentDir, 'datasets/roads'), path.join(moved.contentDir, 'datasets/road-casualties'));
  await utimes(path.join(moved.contentDir, 'datasets/road-casualties'), fixedTime, fixedTime);
  await buildInto(moved.contentDir, path.join(root, 'moved'));
}, 300_000);

describe('datashelf diff', () => {
  it('lists each added, renamed and changed dataset with what every public output says differently', async () => {
    const { code, stdout: out } = await datashelf(['diff', 'base', 'edited'], root);
    expect(code).toBe(0);
    expect(out).toContain('**1 added, 1 renamed, 1 changed**; 0 unchanged (2 datasets before, 3 after).');
    const table = out.slice(out.indexOf('| change |'), out.indexOf('\n\n', out.indexOf('| change |')));
    expect(table).toBe(
      [
        '| change | dataset | export.json | CKAN package_show | DCAT-AP | data.json |',
        '|---|---|---|---|---|---|',
        '| renamed | `roads` Road Casualties | — | 1 key | — | — |',
        '| added | `parks` Parks | added | added | added | added |',
        '| changed | `foi` FOI requests \\| received | 2 keys | 2 keys | +2 −2 statements | 2 keys |',
      ].join('\n'),
    );
    expect(out).toContain("- CKAN name `roads` → `road-casualties`: package_show?id=roads still answers (it is the dataset's id), but clients that store names see a new one; the CKAN id is unchanged.");
    expect(out).toContain('| `title` | Freedom of Information Requests | FOI requests \\| received |');
    expect(out).toContain('- **CKAN package_show** (`/api/3/action/package_show?id=foi`): changed `title`, `tags`');
    expect(out).toContain('- **DCAT-AP** (`/dataset/foi.ttl`): 2 statements added, 2 removed (`dcat:keyword`, `dct:title`)');
    expect(out).toContain('- **data.json entry** (`/data.json`): changed `title`, `keyword`');
    expect(out).toContain('- added: `dataset/parks/index.html`');
    // The private dataset of the fixture is in no public build, so in no diff.
    expect(out).not.toMatch(/secret|staff/i);
  });

  it('pairs a removed dataset with the one that replaced it under a new id, and says what breaks', async () => {
    const { stdout: out } = await datashelf(['diff', 'base', 'moved'], root);
    expect(out).toContain('**1 removed, 1 renamed**');
    expect(out).toContain('| removed | `foi` Freedom of Information Requests | removed | removed | removed | removed |');
    expect(out).toContain('| renamed | `roads` → `road-casualties` Road Casualties |');
    expect(out).toContain("The dataset's id changed from `roads` to `road-casualties`: its page moves from /dataset/roads/ to /dataset/road-casualties/");
    expect(out).toContain('The CKAN name `roads` is kept: package_show?id=roads still answers.');
    expect(out).toContain('/dataset/foi/ and package_show?id=foi answer Not found');
    // The download address of a published file moves with the dataset: a consumer's link breaks.
    expect(out).toMatch(/\| `resources\[2023\]\.url` \| https:\/\/data\.testshire\.example\/download\/roads\/2023\/casualties%202023\.csv \| https:\/\/data\.testshire\.example\/download\/road-casualties\/2023\/casualties%202023\.csv \|/);
  });

  it('says so when nothing changed, and gives the same bytes every run', async () => {
    const same = await datashelf(['diff', 'base', 'base'], root);
    expect(same.stdout).toBe('## Catalogue changes\n\n**No dataset changes** (2 datasets).\n\nNo published file differs.\n');
    const first = await datashelf(['diff', 'base', 'edited'], root);
    const second = await datashelf(['diff', 'base', 'edited'], root);
    expect(second.stdout).toBe(first.stdout);
  });

  it('writes the same diff as JSON with --json', async () => {
    const { stdout: out } = await datashelf(['diff', '--json', 'base', 'edited'], root);
    const diff = JSON.parse(out) as CatalogueDiff;
    expect(diff.counts).toEqual({ removed: 0, renamed: 1, added: 1, changed: 1, unchanged: 0 });
    expect(diff.datasets.map((change) => [change.kind, change.after?.id])).toEqual([
      ['renamed', 'roads'],
      ['added', 'parks'],
      ['changed', 'foi'],
    ]);
    const foiChange = diff.datasets[2]!;
    expect(foiChange.fields.map((field) => field.field)).toEqual(['title', 'tags']);
    expect(foiChange.outputs.find((effect) => effect.output === 'package_show')).toEqual({ output: 'package_show', where: '/api/3/action/package_show?id=foi', change: 'changed', keys: ['title', 'tags'] });
  });

  it('says in one line when a folder is not a build', async () => {
    await writeFile(path.join(root, 'not-a-build.txt'), 'x');
    const { code, stderr: err } = await datashelf(['diff', 'content', 'edited'], root);
    expect(code).toBe(1);
    expect(err).toBe(`${path.join(root, 'content')} is not a datashelf build: it has no api/datasets/export.json.\n  hint: Give the folders two builds were written to, e.g. datashelf diff base-dist dist.\n`);
    const wrongCount = await datashelf(['diff', 'base'], root);
    expect(wrongCount.stderr).toContain('datashelf diff takes two build folders (the base and the head), not 1.');
    await rm(path.join(root, 'not-a-build.txt'));
  });
});
