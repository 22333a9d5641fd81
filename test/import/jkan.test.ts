// The real OpenDataPhilly JKAN repository (test/fixtures/corpus, copied from ../shared/corpus) imported: every readable dataset in,
// the unreadable one reported with file, line and reason, the result checked and built; a second
// import is byte-identical, a re-run changes nothing, and hand edits survive a re-import.
import { cp, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateCatalogue } from '../../src/catalogue/validate.ts';
import { buildInto, readAll } from '../helpers/build.ts';
import { repoRoot } from '../helpers/content.ts';
import { datashelf } from '../helpers/cli.ts';

// A byte-for-byte copy of the shared corpus (test/fixtures/corpus/README.md), so a clone anywhere runs it.
const corpus = path.join(repoRoot, 'test', 'fixtures', 'corpus', 'opendataphilly-jkan');
let work: string;
let contentDir: string;
let first: Awaited<ReturnType<typeof datashelf>>;

const notImported = (stderr: string) => stderr.split('\n').filter((line) => line.startsWith('not imported: '));

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'datashelf-jkan-'));
  contentDir = path.join(work, 'content');
  first = await datashelf(['import', 'jkan', corpus, '--content', 'content'], work);
});

describe('import jkan: the OpenDataPhilly corpus', () => {
  it('imports every dataset that can be read and reports the one that cannot, with file, line and reason', async () => {
    expect(first.code).toBe(0);
    const sourceFiles = (await readdir(path.join(corpus, '_datasets'))).filter((name) => name.endsWith('.md'));
    expect(sourceFiles).toHaveLength(468);
    // septa-ridership-statistics.md lists a resource whose '- ' was lost: two formats in one item.
    expect(notImported(first.stderr).map((line) => line.replace(/^not imported: .*\/_datasets\//, ''))).toEqual([
      "septa-ridership-statistics.md:70: 'format' is written twice",
    ]);
    expect(first.stdout).toMatch(/: 467 added, 0 updated, 0 unchanged, 1 not imported \(listed above\)\./);
    const written = await readdir(path.join(contentDir, 'datasets'));
    expect(written).toHaveLength(467);
    // The dirt is cleaned, and each change is said with its file and line.
    expect(first.stderr).toMatch(/creal-program\.md:\d+: has no title: titled 'Creal program' from its file name/);
    expect(first.stderr).toMatch(/boost_business\.md:1: the file name is not a valid id: the dataset's id is 'boost-business'/);
    expect(first.stderr).toMatch(/sdp-school-progress-report-data\.md:40: format 'XSLX' read as XLSX/);
    expect(first.stderr).toMatch(/openmaps\.md:5: category 'Basemaps' has no file in _dataset_categories\/: topic 'basemaps' created/);
    // A tab before a URL (leaf-dropoff-sites.md line 22) is whitespace: the dataset and its URL are in.
    expect(await readFile(path.join(contentDir, 'datasets/leaf-dropoff-sites.md'), 'utf8')).toContain('    url: https://hub.arcgis.com/api/v3/datasets/ecb6a9417aba44b5b36059691f8a153a_0/downloads/data?format=shp');
  });

  it('writes content that passes datashelf check, with teams, topics, licences and custom fields defined', async () => {
    const { catalogue } = await validateCatalogue({ contentDir });
    expect(catalogue.datasets).toHaveLength(467);
    expect(catalogue.teams.length).toBe(48);
    expect(catalogue.topics.map((topic) => topic.id)).toContain('health-human-services');
    expect(catalogue.site.customFields.map((field) => field.id)).toEqual(['area_of_interest', 'created', 'maintainer_phone', 'modified', 'source', 'source_url', 'time_period', 'usage']);
    const dataset = catalogue.datasets.find((item) => item.id === '311-abandoned-vehicles-by-hex-bin')!;
    expect(dataset.team.id).toBe('city-of-philadelphia');
    expect(dataset.licence?.id).toBe('city-of-philadelphia-license');
    expect(dataset.tags.map((tag) => tag.name)).toContain('311');
    expect(dataset.descriptionMarkdown).toMatch(/^Count of 311 reports for abandoned vehicles/);
    // The organisation file athenæum-of-philadelphia.md has a non-ASCII name: its id is spelt in ASCII.
    expect(catalogue.datasets.find((item) => item.id === 'philadelphia-architects-and-buildings-project')?.team.id).toBe('athenaeum-of-philadelphia');
    const result = await datashelf(['check', '--content', 'content'], work);
    expect(result.stdout).toContain('Content is valid: 467 datasets');
  });

  it('gives byte-identical files from the same source, and a re-run changes nothing', async () => {
    const again = await datashelf(['import', 'jkan', corpus, '--content', 'again'], work);
    expect(again.code).toBe(0);
    const [a, b] = [await readAll(contentDir), await readAll(path.join(work, 'again'))];
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const [file, bytes] of a) expect(b.get(file)!.equals(bytes), file).toBe(true);

    const rerun = await datashelf(['import', 'jkan', corpus, '--content', 'again'], work);
    expect(rerun.stdout).toMatch(/: 0 added, 0 updated, 467 unchanged/);
    const after = await readAll(path.join(work, 'again'));
    for (const [file, bytes] of a) expect(after.get(file)!.equals(bytes), file).toBe(true);
  });

  it('keeps a hand edit on re-import, updates what only the source changed, and replaces the edit only with --force', async () => {
    const source = path.join(work, 'source');
    await cp(corpus, source, { recursive: true });
    const target = path.join(work, 'edited');
    await datashelf(['import', 'jkan', source, '--content', 'edited'], work);
    const handEdited = path.join(target, 'datasets/911-calls-by-hex-bin.md');
    await writeFile(handEdited, (await readFile(handEdited, 'utf8')).replace(/^title: .*$/m, 'title: 911 calls, by hexagon').replace(/^team: .*$/m, '$&\nnextReviewDate: 2027-01-01'));
    const sourceFile = (name: string) => path.join(source, '_datasets', name);
    await writeFile(sourceFile('911-calls-by-hex-bin.md'), (await readFile(sourceFile('911-calls-by-hex-bin.md'), 'utf8')).replace(/^title: .*$/m, 'title: 911 Calls by Hex Bin (2025)'));
    await writeFile(sourceFile('aerial-photography.md'), (await readFile(sourceFile('aerial-photography.md'), 'utf8')).replace(/^title: .*$/m, 'title: Aerial Photography, all years'));

    const rerun = await datashelf(['import', 'jkan', source, '--content', 'edited'], work);
    expect(rerun.code).toBe(0);
    expect(rerun.stdout).toMatch(/: 0 added, 1 updated, 466 unchanged, 1 with hand edits kept/);
    expect(rerun.stderr).toContain("kept: edited/datasets/911-calls-by-hex-bin.md: edited by hand and changed in the source; title kept as edited (run with --force to take the source's)");
    const kept = await readFile(handEdited, 'utf8');
    expect(kept).toContain('title: 911 calls, by hexagon');
    expect(kept).toContain('nextReviewDate: 2027-01-01');
    expect(await readFile(path.join(target, 'datasets/aerial-photography.md'), 'utf8')).toContain('title: Aerial Photography, all years');

    const forced = await datashelf(['import', 'jkan', source, '--content', 'edited', '--force'], work);
    expect(forced.stdout).toMatch(/: 0 added, 1 updated, 466 unchanged, 1 with hand edits replaced/);
    const replaced = await readFile(handEdited, 'utf8');
    expect(replaced).toContain('title: 911 Calls by Hex Bin (2025)');
    // A field the source never had is the publisher's, even with --force.
    expect(replaced).toContain('nextReviewDate: 2027-01-01');
  });

  it('builds', { timeout: 600_000 }, async () => {
    const out = path.join(work, 'dist');
    await buildInto(contentDir, out);
    const exported = JSON.parse(await readFile(path.join(out, 'api/datasets/export.json'), 'utf8')) as { id: string }[];
    expect(exported).toHaveLength(467);
    expect(await readFile(path.join(out, 'dataset/311-abandoned-vehicles-by-hex-bin/index.html'), 'utf8')).toContain('311 Abandoned Vehicles by Hex Bins');
  });
});
