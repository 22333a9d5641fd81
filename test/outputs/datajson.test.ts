// DCAT-US 1.1 data.json: valid against the official Project Open Data schemas (bar the two codes
// only federal agencies have), every field the harvesters read on every dataset of the example
// catalogue, taken from the model, and the same bytes every build.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Ajv from 'ajv-draft-04';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../src/catalogue/load.ts';
import type { Catalogue } from '../../src/catalogue/model.ts';
import { exampleSite, foiDataset, privateDataset, roadsDataset } from '../../src/site/components/examples.ts';
import { dataJsonPath, writeDataJson } from '../../src/outputs/datajson.ts';
import { podDataset, type PodDataset } from '../../src/outputs/datajson-dataset.ts';
import { datasetTimeFrame, lastChanged } from '../../src/outputs/dataset-dates.ts';
import { fixturesDir, repoRoot } from '../helpers/content.ts';

const schemaDir = path.join(fixturesDir, 'schemas', 'dcat-us-1.1');
const schemaFiles = ['catalog.json', 'dataset.json', 'distribution.json', 'organization.json', 'vcard.json'];

type Schema = Record<string, unknown> & { id: string; required?: string[] };

async function officialSchemas(): Promise<Schema[]> {
  return Promise.all(schemaFiles.map(async (file) => JSON.parse(await readFile(path.join(schemaDir, file), 'utf8')) as Schema));
}

/**
 * A validator of whole data.json files, every schema registered by its `id` so the `$ref`s between
 * them resolve. The schemas' patterns are ECMA-262 regular expressions without the `u` flag (the
 * e-mail pattern escapes `_` and `~`, which `u` refuses). ajv has no built-in `uri` format: an
 * absolute URI is one with a scheme that the WHATWG URL parser reads, with no white space.
 */
function catalogueValidator(schemas: Schema[]) {
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  ajv.addFormat('uri', (value: string) => /^[a-z][a-z0-9+.-]*:\S+$/i.test(value) && URL.canParse(value));
  for (const schema of schemas) ajv.addSchema(schema);
  return ajv.getSchema('https://project-open-data.cio.gov/v1.1/schema/catalog.json#')!;
}

/** The federal codes (OMB bureau and program) that a non-federal publisher has none of. */
const federalOnly = ['bureauCode', 'programCode'];

let catalogue: Catalogue;
let outDir: string;
let text: string;
let written: { dataset: PodDataset[] } & Record<string, unknown>;

beforeAll(async () => {
  ({ catalogue } = await loadCatalogue({ contentDir: path.join(repoRoot, 'content') }));
  outDir = await mkdtemp(path.join(tmpdir(), 'datashelf-datajson-'));
  await writeDataJson(catalogue, outDir);
  text = await readFile(path.join(outDir, dataJsonPath), 'utf8');
  written = JSON.parse(text);
});

afterAll(async () => {
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

describe('data.json of the example catalogue', () => {
  it('is valid against the official DCAT-US 1.1 schemas, with the federal bureau and program codes not required', async () => {
    const schemas = await officialSchemas();
    const nonFederal = schemas.map((schema) => (schema.id.endsWith('/dataset.json#') ? { ...schema, required: schema.required!.filter((field) => !federalOnly.includes(field)) } : schema));
    const validate = catalogueValidator(nonFederal);
    expect(validate(written), JSON.stringify(validate.errors, null, 2)).toBe(true);
    // The validator does see a mistake: an address without mailto:, a download without a media type.
    const first = written.dataset[0]!;
    expect(validate({ ...written, dataset: [{ ...first, contactPoint: { ...first.contactPoint, hasEmail: 'opendata@northbridge.example' } }] })).toBe(false);
    expect(validate({ ...written, dataset: [{ ...first, distribution: [{ '@type': 'dcat:Distribution', downloadURL: 'https://x.example/a.csv' }] }] })).toBe(false);
  });

  it('fails the unmodified federal schemas only for the missing bureau and program codes, and passes once a federal publisher adds them', async () => {
    const validate = catalogueValidator(await officialSchemas());
    expect(validate(written)).toBe(false);
    const reasons = new Set(validate.errors!.map((error) => `${error.keyword} ${(error.params as { missingProperty?: string }).missingProperty}`));
    expect([...reasons].sort()).toEqual(['required bureauCode', 'required programCode']);
    const federal = { ...written, dataset: written.dataset.map((dataset) => ({ ...dataset, bureauCode: ['015:11'], programCode: ['015:001'] })) };
    expect(validate(federal), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it('names its schema, its own URL and every public dataset, sorted by id', () => {
    expect(written).toMatchObject({
      '@context': 'https://project-open-data.cio.gov/v1.1/schema/catalog.jsonld',
      '@id': 'https://data.northbridge.example/data.json',
      '@type': 'dcat:Catalog',
      conformsTo: 'https://project-open-data.cio.gov/v1.1/schema',
    });
    expect(written.dataset.map((dataset) => dataset.identifier)).toEqual(catalogue.datasets.map((dataset) => dataset.id));
    expect(catalogue.datasets.length).toBeGreaterThan(20);
  });

  it('gives every dataset the fields harvesters read, each from the model', () => {
    for (const [index, dataset] of catalogue.datasets.entries()) {
      const entry = written.dataset[index]!;
      const contact = dataset.contact?.email ? dataset.contact : { title: dataset.team.title, email: dataset.team.email };
      expect(entry.identifier, dataset.id).toBe(dataset.id);
      expect(entry.title, dataset.id).toBe(dataset.title);
      expect(entry.description, dataset.id).toBe(dataset.descriptionText.trim());
      expect(entry.description, dataset.id).not.toMatch(/<[a-z]/i);
      expect(entry.keyword, dataset.id).toEqual(dataset.tags.map((tag) => tag.name));
      expect(entry.modified, dataset.id).toBe(dataset.updatedAt);
      expect(entry.issued, dataset.id).toBe(dataset.createdAt);
      expect(entry.publisher, dataset.id).toEqual({ '@type': 'org:Organization', name: dataset.team.title, subOrganizationOf: { '@type': 'org:Organization', name: 'Northbridge City Council' } });
      expect(entry.contactPoint, dataset.id).toEqual({ '@type': 'vcard:Contact', fn: contact.title, hasEmail: `mailto:${contact.email}` });
      expect(entry.accessLevel, dataset.id).toBe('public');
      expect(entry.license, dataset.id).toBe(dataset.licence!.url);
      expect(entry.landingPage, dataset.id).toBe(`https://data.northbridge.example/dataset/${dataset.id}/`);
      expect(entry.theme, dataset.id).toEqual(dataset.topics.map((topic) => topic.title));
      expect(entry.language, dataset.id).toEqual(['en-GB']);
      expect(entry.distribution, dataset.id).toHaveLength(dataset.resources.length);
      for (const [position, resource] of dataset.resources.entries()) {
        const distribution = entry.distribution[position]!;
        expect(distribution.title).toBe(resource.title);
        if (resource.kind === 'file') {
          expect(distribution, `${dataset.id}/${resource.id}`).toMatchObject({ downloadURL: resource.url, mediaType: resource.mediaType });
          expect(distribution.accessURL).toBeUndefined();
        } else {
          expect(distribution, `${dataset.id}/${resource.id}`).toMatchObject({ accessURL: resource.url });
          expect(distribution.downloadURL).toBeUndefined();
        }
      }
    }
  });

  it('gives a temporal interval to every dataset whose files give a time frame, and none to the others', () => {
    const withFrame = catalogue.datasets.filter((dataset) => datasetTimeFrame(dataset));
    expect(withFrame.length).toBeGreaterThan(15);
    for (const [index, dataset] of catalogue.datasets.entries()) {
      const frame = datasetTimeFrame(dataset);
      expect(written.dataset[index]!.temporal, dataset.id).toBe(frame ? `${frame.from}/${frame.to}` : undefined);
    }
    expect(written.dataset.find((dataset) => dataset.identifier === 'foi-requests')!.temporal).toMatch(/^\d{4}-\d{2}\/\d{4}-\d{2}$/);
  });

  it('is the same bytes when written again, and holds no raw <, > or &', async () => {
    const again = await mkdtemp(path.join(tmpdir(), 'datashelf-datajson-again-'));
    try {
      await writeDataJson(catalogue, again);
      expect(await readFile(path.join(again, dataJsonPath), 'utf8')).toBe(text);
    } finally {
      await rm(again, { recursive: true, force: true });
    }
    expect(text).not.toMatch(/[<>&]/);
  });
});

describe('a dataset entry', () => {
  it('maps a file to a download URL with its media type and a link elsewhere to an access URL', () => {
    const entry = podDataset(exampleSite, foiDataset);
    expect(entry.distribution).toEqual([
      {
        '@type': 'dcat:Distribution',
        title: 'FOI requests received 2020-25',
        description: 'One row per request, with the outcome.',
        format: 'CSV',
        downloadURL: 'https://data.testshire.example/download/foi/k93/FOI%20requests%202020-25.csv',
        mediaType: 'text/csv',
      },
      { '@type': 'dcat:Distribution', title: 'FOI performance summary', format: 'XLSX', accessURL: 'https://files.testshire.example/foi/summary.xlsx' },
    ]);
    expect(entry.references).toEqual(['https://www.testshire.example/foi']);
    expect(entry.temporal).toBe('2020-01/2024-11');
  });

  it('stands in for what the schema requires and the model lacks, and leaves out what it cannot know', () => {
    const bare = {
      ...roadsDataset,
      tags: [],
      topics: [],
      descriptionText: '  ',
      contact: { title: 'Roads desk' },
      createdAt: null,
      updatedAt: null,
      resources: [{ ...roadsDataset.resources[0]!, mediaType: null, timeFrameTo: null }],
    };
    const entry = podDataset(exampleSite, bare);
    expect(entry.keyword).toEqual(['Road Casualties']);
    expect(entry.description).toBe('Road Casualties');
    // Highways Team has no address: the catalogue's contact answers.
    expect(entry.contactPoint).toEqual({ '@type': 'vcard:Contact', fn: 'Open Data Team', hasEmail: 'mailto:opendata@testshire.example' });
    expect(entry.distribution[0]!.mediaType).toBe('application/octet-stream');
    for (const field of ['modified', 'issued', 'theme', 'temporal', 'references']) expect(entry, field).not.toHaveProperty(field);
    expect(podDataset(exampleSite, { ...bare, topics: roadsDataset.topics }).keyword).toEqual(['Transport', 'Community Information']);
    expect(lastChanged({ createdAt: '2020-01-01T00:00:00.000Z', updatedAt: null })).toBe('2020-01-01T00:00:00.000Z');
  });

  it('calls a private dataset of an internal build non-public, and names no licence without a URL', () => {
    const entry = podDataset(exampleSite, privateDataset);
    expect(entry.accessLevel).toBe('non-public');
    expect(entry).not.toHaveProperty('license');
  });
});
