// The JSON Schemas editors get, and the field reference, are made from the loader's schema: the
// example catalogue passes them, mistakes the loader refuses are refused, and the files in the
// repository are what the schema makes today.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import Ajv from 'ajv';
import fg from 'fast-glob';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { generatedFiles } from '../../src/schema/generated-files.ts';
import { contentFileKinds, contentJsonSchema, schemaTargets } from '../../src/schema/json-schema.ts';
import type { ContentFileKind } from '../../src/schema/descriptions.ts';
import { loadCatalogue } from '../../src/catalogue/load.ts';
import { runNew } from '../../src/cli/new.ts';
import { PassThrough } from 'node:stream';
import { contentFrom, repoRoot } from '../helpers/content.ts';
import { buildInto } from '../helpers/build.ts';

// Formats are said by patterns too; editors check them, ajv need not.
const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
const validators = Object.fromEntries(contentFileKinds.map((kind) => [kind, ajv.compile(contentJsonSchema(kind))])) as Record<ContentFileKind, ReturnType<Ajv['compile']>>;

const frontMatter = (text: string) => parse(/^---\n([\s\S]*?)\n---/.exec(text)![1]!) as unknown;
const errors = (kind: ContentFileKind, data: unknown) => (validators[kind](data) ? [] : validators[kind].errors!.map((error) => `${error.instancePath} ${error.message}`));

describe('the JSON Schemas of the content files', () => {
  it('accept every file of the example catalogue', async () => {
    for (const kind of contentFileKinds) {
      const files = await fg(schemaTargets[kind], { cwd: repoRoot });
      expect(files.length, kind).toBeGreaterThan(0);
      for (const file of files) {
        const text = await readFile(path.join(repoRoot, file), 'utf8');
        expect(errors(kind, kind === 'dataset' ? frontMatter(text) : parse(text)), file).toEqual([]);
      }
    }
  });

  it('refuse the mistakes the loader refuses', () => {
    const good = { title: 'Parks', team: 'parks', resources: [{ id: 'list', title: 'List', url: 'https://example.org/parks.csv' }] };
    expect(errors('dataset', good)).toEqual([]);
    expect(errors('dataset', { ...good, team: 'Parks Team' })).toEqual(['/team must match pattern "^[a-z0-9][a-z0-9-]*$"']);
    expect(errors('dataset', { ...good, colour: 'green' })).toEqual([' must NOT have additional properties']);
    expect(errors('dataset', { ...good, sharing: 'hidden' })).toEqual(['/sharing must be equal to one of the allowed values']);
    expect(errors('dataset', { ...good, nextReviewDate: '15/01/2026' })).toEqual(['/nextReviewDate must match pattern "^\\d{4}-\\d{2}-\\d{2}$"']);
    expect(errors('dataset', { ...good, resources: [{ id: 'list', title: 'List', url: 'parks.csv' }] })).toEqual(['/resources/0/url must match pattern "^https?://"']);
    expect(errors('dataset', { title: 'Parks' })).toEqual([" must have required property 'team'"]);
    expect(errors('teams', [{ id: 'parks', title: 'Parks', type: 'council' }])).toEqual(['/0/type must be equal to one of the allowed values']);
    expect(errors('catalogue', { title: 'Open Data', url: 'https://data.example.org/', publisher: { name: 'Council' }, editUrl: 'https://github.com/council/data/edit/main/content/' })).toEqual([
      '/editUrl must match pattern "^https?://.*\\{path\\}"',
    ]);
  });

  it('describe every field, with the loader’s hint', () => {
    const dataset = contentJsonSchema('dataset') as { properties: Record<string, { description: string }> };
    expect(dataset.properties.team!.description).toBe('The id of the team that owns it (teams.yaml). Give the id of a team in content/teams.yaml (e.g. highways), not its title.');
  });

  it('offer a catalogue’s own teams, topics and custom fields', async () => {
    const { catalogue } = await loadCatalogue({ contentDir: path.join(repoRoot, 'content') });
    const schema = contentJsonSchema('dataset', { catalogue, id: `${catalogue.site.url}schema/dataset.json` }) as { $id: string; properties: Record<string, { examples?: string[]; properties?: Record<string, unknown>; additionalProperties?: unknown }> };
    expect(schema.$id).toBe(`${catalogue.site.url}schema/dataset.json`);
    expect(schema.properties.team!.examples).toEqual(catalogue.teams.map((team) => team.id));
    expect(Object.keys(schema.properties.custom!.properties!)).toEqual(catalogue.site.customFields.map((field) => field.id));
    expect(schema.properties.custom!.additionalProperties).toBe(false);
  });

  it('are in the repository as the schema makes them today, with the field reference (run `npm run schema` when this fails)', async () => {
    for (const [file, text] of generatedFiles()) {
      expect(await readFile(path.join(repoRoot, file), 'utf8').catch(() => '(missing)'), file).toBe(text);
    }
  });

  it('are named in every file `datashelf new` writes, which shows every field of the schema and passes it', async () => {
    const { root, contentDir } = await contentFrom('minimal');
    const code = await runNew(['--title', 'Bus Stops', '--team', 'highways', '--topic', 'transport'], { stdout: new PassThrough(), stderr: new PassThrough(), env: {}, cwd: root });
    expect(code).toBe(0);
    const text = await readFile(path.join(contentDir, 'datasets/bus-stops.md'), 'utf8');
    expect(text.split('\n').slice(0, 2)).toEqual(['---', '# yaml-language-server: $schema=https://data.testshire.example/schema/dataset.json']);
    expect(errors('dataset', frontMatter(text))).toEqual([]);
    const fields: string[] = [];
    const walk = (node: Record<string, unknown>, prefix: string) => {
      for (const [key, field] of Object.entries((node.properties as Record<string, Record<string, unknown>>) ?? {})) {
        fields.push(key);
        walk(field.items && !Array.isArray(field.items) ? (field.items as Record<string, unknown>) : field, `${prefix}${key}.`);
      }
    };
    walk(contentJsonSchema('dataset'), '');
    const missing = [...new Set(fields)].filter((field) => !new RegExp(`^#?\\s*(- )?${field}:`, 'm').test(text));
    expect(missing).toEqual([]);
  });

  it('are published in the site under /schema/, offering the catalogue’s own ids', async () => {
    const { root, contentDir } = await contentFrom('minimal');
    await buildInto(contentDir, path.join(root, 'dist'));
    const published = JSON.parse(await readFile(path.join(root, 'dist/schema/dataset.json'), 'utf8')) as { $id: string; properties: { team: { examples: string[] } } };
    expect(published.$id).toBe('https://data.testshire.example/schema/dataset.json');
    expect(published.properties.team.examples).toEqual(['highways', 'information']);
    for (const kind of contentFileKinds) expect(JSON.parse(await readFile(path.join(root, `dist/schema/${kind}.json`), 'utf8')).title).toBe(contentJsonSchema(kind).title);
  });
});
