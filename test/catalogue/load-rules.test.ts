// Each rule of SPEC §2, broken once in a copy of the minimal fixture, with the exact text a publisher reads.
import { readFile, symlink } from 'node:fs/promises';
import path from 'node:path';
import matter from 'gray-matter';
import { describe, expect, it } from 'vitest';
import { splitFrontMatter } from '../../src/catalogue/read-files.ts';
import { contentFrom, errorsIn, fixturesDir } from '../helpers/content.ts';

const foi = (frontMatter: string, body = 'Body.') => `---\n${frontMatter.trim()}\n---\n${body}\n`;
const foiBase = `title: Freedom of Information Requests
team: information
topics: [community-information]`;

async function errorsWith(changes: Record<string, string | Buffer | null>): Promise<string[]> {
  const { contentDir } = await contentFrom('minimal', changes);
  return withHints(await errorsIn(contentDir));
}

/** Every problem says what to do: a rule whose problem has no hint fails here, whatever its snapshot says. */
function withHints(errors: string[]): string[] {
  for (const error of errors) expect(error, 'a problem without a hint').toMatch(/\n  hint: \S/);
  return errors;
}

describe('a valid catalogue', () => {
  it('loads with no errors', async () => {
    expect(await errorsWith({})).toEqual([]);
  });
});

describe('required fields and types', () => {
  it('reports a missing required field at the front matter', async () => {
    expect(await errorsWith({ 'datasets/foi.md': foi('team: information') })).toMatchInlineSnapshot(`
      [
        "content/datasets/foi.md:2 title: is required
        hint: Add 'title' to the dataset.",
      ]
    `);
  });

  it('words size limits and kinds of value plainly, never in the schema library\'s terms', async () => {
    const resources = `resources:\n  - id: a\n    title: A\n    url: https://example.org/a.csv\n    format: Comma-separated values file`;
    expect(await errorsWith({ 'datasets/foi.md': foi(`${foiBase}\ntags: [FOI, "${'x'.repeat(101)}", ""]\ncustom: hello\n${resources}`) })).toMatchInlineSnapshot(`
      [
        "content/datasets/foi.md:5 tags[1]: must be at most 100 characters
        hint: A tag is a short subject on one line, e.g. "Air Quality"; longer text goes in the description.",
        "content/datasets/foi.md:5 tags[2]: must not be empty
        hint: A tag is a short subject on one line, e.g. "Air Quality"; longer text goes in the description.",
        "content/datasets/foi.md:6 custom: must be a set of fields, not text 'hello'
        hint: Write the custom fields below 'custom:', one per line and indented, e.g. '  unit: Assurance'.",
        "content/datasets/foi.md:11 resources[0].format: must be at most 20 characters
        hint: The format is the file type in a word, e.g. CSV or XLSX; leave it out to take it from the file name.",
      ]
    `);
  });

  it('reports a field of the wrong type', async () => {
    expect(await errorsWith({ 'datasets/foi.md': foi(`${foiBase}\ntags: { a: 1 }\nresources: yes`) })).toMatchInlineSnapshot(`
      [
        "content/datasets/foi.md:5 tags: must be text or a list, not a set of fields
        hint: Write it as text, or as a list: [a, b] or one item per line starting with '- '.",
        "content/datasets/foi.md:6 resources: must be a list, not text 'yes'
        hint: Write a list: one item per line starting with '- ', or [a, b] on one line.",
      ]
    `);
  });

  it('reports an unknown field with the likely intended one', async () => {
    expect(await errorsWith({ 'datasets/foi.md': foi(`${foiBase}\nlicense: ogl-v3`) })).toMatchInlineSnapshot(`
      [
        "content/datasets/foi.md:5 license: 'license' is not a field here (did you mean 'licence'?)
        hint: Fields allowed here: id, name, ckanId, title, team, masthead, tags, topics, licence, contact, nextReviewDate, spatial, sharing, custom, createdAt, updatedAt, resources, links, relationships.",
      ]
    `);
  });

  it('reports a sharing value that is not public or private', async () => {
    expect(await errorsWith({ 'datasets/foi.md': foi(`${foiBase}\nsharing: secret`) })).toMatchInlineSnapshot(`
      [
        "content/datasets/foi.md:5 sharing: must be one of 'public', 'private', not text 'secret'
        hint: Write sharing: public, or sharing: private to keep the dataset out of the published site.",
      ]
    `);
  });

  it('reports a bad URL in a link', async () => {
    expect(await errorsWith({ 'datasets/foi.md': foi(`${foiBase}\nlinks:\n  - id: a\n    title: A\n    url: javascript:alert(1)`) })).toMatchInlineSnapshot(`
      [
        "content/datasets/foi.md:8 links[0].url: must be an absolute http:// or https:// URL
        hint: Write the whole address, starting with https:// (or http://).",
      ]
    `);
  });

  it('reports an id that is not a slug', async () => {
    expect(await errorsWith({ 'datasets/foi.md': foi(`${foiBase}\nresources:\n  - id: Big File\n    title: A\n    url: https://example.org/a.csv`) })).toMatchInlineSnapshot(`
      [
        "content/datasets/foi.md:6 resources[0].id: must be lower-case letters, digits and hyphens, starting with a letter or digit (got 'Big File')
        hint: Write ids in lower case, with hyphens for spaces, e.g. road-casualties.",
      ]
    `);
  });
});

describe('ids are unique', () => {
  it('reports two datasets with one id', async () => {
    expect(await errorsWith({ 'datasets/roads.md': foi(`title: Roads again\nteam: highways`) })).toMatchInlineSnapshot(`
      [
        "content/datasets/roads/index.md:1 id: the dataset id 'roads' is also used by datasets/roads.md
        hint: Dataset ids are unique across the catalogue: rename one of them.",
      ]
    `);
  });

  it('reports a dataset whose id differs from its file name', async () => {
    expect(await errorsWith({ 'datasets/foi.md': foi(`id: foi-requests\n${foiBase}`) })).toMatchInlineSnapshot(`
      [
        "content/datasets/foi.md:2 id: 'foi-requests' differs from the file name 'foi'
        hint: Rename the file to foi-requests.md, or remove the id line.",
      ]
    `);
  });

  it('reports a resource id and a link id used twice in a dataset', async () => {
    const resources = `resources:\n  - id: a\n    title: A\n    url: https://example.org/a.csv\n  - id: a\n    title: B\n    url: https://example.org/b.csv`;
    const links = `links:\n  - id: l\n    title: L\n    url: https://example.org/\n  - id: l\n    title: M\n    url: https://example.org/m`;
    expect(await errorsWith({ 'datasets/foi.md': foi(`${foiBase}\n${resources}\n${links}`) })).toMatchInlineSnapshot(`
      [
        "content/datasets/foi.md:9 resources[1].id: the resource id 'a' is used twice in this dataset
        hint: Give each resource of a dataset its own id.",
        "content/datasets/foi.md:16 links[1].id: the link id 'l' is used twice in this dataset
        hint: Give each link of a dataset its own id.",
      ]
    `);
  });

  it('reports a topic id used twice', async () => {
    expect(await errorsWith({ 'topics.yaml': '- id: transport\n  title: Transport\n- id: transport\n  title: Travel\n- id: community-information\n  title: Community\n' })).toMatchInlineSnapshot(`
      [
        "content/topics.yaml:3 [1].id: the topic id 'transport' is used twice
        hint: Give each topic its own id.",
      ]
    `);
  });

  it('reports a CKAN name that is another dataset\'s id', async () => {
    expect(await errorsWith({ 'datasets/foi.md': foi(`name: roads\n${foiBase}`) })).toMatchInlineSnapshot(`
      [
        "content/datasets/foi.md:2 name: the name 'roads' is also the id or name of datasets/roads/index.md
        hint: Choose a name that no other dataset uses as its id or name.",
      ]
    `);
  });

  it('reports a CKAN id that is not a UUID, or that a dataset, a file or another dataset\'s name already has', async () => {
    const uuid = '3c9f5a2e-1b7d-4e8a-9f60-2d4c8b1e7a53';
    const resources = (ckanId: string) => `resources:\n  - id: a\n    ckanId: ${ckanId}\n    title: A\n    url: https://example.org/a.csv`;
    expect(await errorsWith({ 'datasets/foi.md': foi(`ckanId: 1234\n${foiBase}\n${resources('not-a-uuid')}`) })).toMatchInlineSnapshot(`
      [
        "content/datasets/foi.md:2 ckanId: must be text, not the number 1234
        hint: Copy the id the old CKAN portal gave it (package_show's id, 36 characters), or leave ckanId out: the API then makes one from the id.",
        "content/datasets/foi.md:8 resources[0].ckanId: must be a UUID such as 3c9f5a2e-1b7d-4e8a-9f60-2d4c8b1e7a53 (got 'not-a-uuid')
        hint: Copy the id the old CKAN portal gave it (package_show's id, 36 characters), or leave ckanId out: the API then makes one from the id.",
      ]
    `);
    // An imported dataset whose CKAN name was a UUID has that UUID as its id.
    const named = 'b0c3d4e5-0000-4000-8000-00000000000a';
    expect(
      await errorsWith({
        'datasets/foi.md': foi(`ckanId: ${uuid.toUpperCase()}\n${foiBase}\n${resources(uuid)}`),
        [`datasets/${named}.md`]: foi(`title: Named by its UUID\nteam: information`),
        'datasets/other.md': foi(`ckanId: ${named}\ntitle: Other\nteam: information`),
      }),
    ).toMatchInlineSnapshot(`
      [
        "content/datasets/foi.md:8 resources[0].ckanId: the CKAN id '3c9f5a2e-1b7d-4e8a-9f60-2d4c8b1e7a53' is also the ckanId of datasets/foi.md
        hint: A CKAN id finds one file: keep it on the one it belonged to in the old portal, and remove it here.",
        "content/datasets/other.md:2 ckanId: the CKAN id 'b0c3d4e5-0000-4000-8000-00000000000a' is also the id or name of datasets/b0c3d4e5-0000-4000-8000-00000000000a.md
        hint: A CKAN id finds one dataset: keep it on the one it belonged to in the old portal, and remove it here.",
      ]
    `);
  });
});

describe('references are defined', () => {
  it('reports an unknown topic with the likely intended one', async () => {
    expect(await errorsWith({ 'datasets/foi.md': foi(`title: FOI\nteam: information\ntopics: [transport, comunity]`) })).toMatchInlineSnapshot(`
      [
        "content/datasets/foi.md:4 topics[1]: 'comunity' is not a topic in content/topics.yaml (did you mean 'community-information'?)
        hint: Use one of the ids in content/topics.yaml, or add 'comunity' there.",
      ]
    `);
  });

  it('reports an unknown team, licence and masthead', async () => {
    expect(await errorsWith({ 'datasets/foi.md': foi(`title: FOI\nteam: highway\nlicence: ogl-3\nmasthead: mountains`) })).toMatchInlineSnapshot(`
      [
        "content/datasets/foi.md:3 team: 'highway' is not a team in content/teams.yaml (did you mean 'highways'?)
        hint: Use one of the ids in content/teams.yaml, or add 'highway' there.",
        "content/datasets/foi.md:4 licence: 'ogl-3' is not a licence in content/licences.yaml or the built-in list (did you mean 'ogl-v3'?)
        hint: Use one of the ids in content/licences.yaml or the built-in list, or add 'ogl-3' there.",
        "content/datasets/foi.md:5 masthead: 'mountains' is not a masthead in content/mastheads.yaml
        hint: Use one of the ids in content/mastheads.yaml, or add 'mountains' there.",
      ]
    `);
  });

  it('reports a custom field the catalogue does not define, and a list in a text field', async () => {
    expect(await errorsWith({ 'datasets/foi.md': foi(`${foiBase}\ncustom: { units: A, unit: [A, B] }`) })).toMatchInlineSnapshot(`
      [
        "content/datasets/foi.md:5 custom.unit: must be text, not a list
        hint: 'unit' is a text field; give one value, or make it type: list in content/catalogue.yaml.",
        "content/datasets/foi.md:5 custom.units: 'units' is not a custom field defined in content/catalogue.yaml (did you mean 'unit'?)
        hint: Custom fields defined: unit, geography; add 'units' under customFields in content/catalogue.yaml to use it.",
      ]
    `);
  });

  it('reports __proto__ and constructor under custom like any other field the catalogue does not define', async () => {
    expect(await errorsWith({ 'datasets/foi.md': foi(`${foiBase}\ncustom: { __proto__: A, constructor: B, unit: C }`) })).toMatchInlineSnapshot(`
      [
        "content/datasets/foi.md:5 custom.__proto__: '__proto__' is not a custom field defined in content/catalogue.yaml
        hint: Custom fields defined: unit, geography. Remove '__proto__', or correct it to one of them.",
        "content/datasets/foi.md:5 custom.constructor: 'constructor' is not a custom field defined in content/catalogue.yaml
        hint: Custom fields defined: unit, geography. Remove 'constructor', or correct it to one of them.",
      ]
    `);
  });

  it('reports __proto__ as an unknown field wherever it is written', async () => {
    const resources = `resources:\n  - id: a\n    title: A\n    url: https://example.org/a.csv\n    __proto__: { file: a.csv }`;
    expect(
      await errorsWith({
        'datasets/foi.md': foi(`${foiBase}\n__proto__: { sharing: private }\n${resources}`),
        'licences.yaml': '- id: own\n  title: Our own\n  open: true\n  __proto__: { open: false }\n',
      }),
    ).toMatchInlineSnapshot(`
      [
        "content/datasets/foi.md:5 __proto__: '__proto__' is not a field here
        hint: Fields allowed here: id, name, ckanId, title, team, masthead, tags, topics, licence, contact, nextReviewDate, spatial, sharing, custom, createdAt, updatedAt, resources, links, relationships.",
        "content/datasets/foi.md:10 resources[0].__proto__: '__proto__' is not a field here
        hint: Fields allowed here: id, ckanId, title, description, format, mediaType, timeFrameFrom, timeFrameTo, file, url, columns.",
        "content/licences.yaml:4 [0].__proto__: '__proto__' is not a field here
        hint: Fields allowed here: id, title, url, open.",
      ]
    `);
  });

  it('refuses a custom field named like what every object already has, which would give datasets a value they do not have', async () => {
    const catalogue = await readFile(path.join(fixturesDir, 'minimal', 'catalogue.yaml'), 'utf8');
    expect(await errorsWith({ 'catalogue.yaml': `${catalogue}  - id: constructor\n    title: Builder\n  - id: toString\n    title: Text\n` })).toMatchInlineSnapshot(`
      [
        "content/catalogue.yaml:20 customFields[2].id: 'constructor' is a reserved name and cannot be a custom field's id
        hint: Choose another id, e.g. constructorName.",
        "content/catalogue.yaml:22 customFields[3].id: 'toString' is a reserved name and cannot be a custom field's id
        hint: Choose another id, e.g. toStringName.",
      ]
    `);
  });

  it('reports a relationship to a dataset that does not exist', async () => {
    expect(await errorsWith({ 'datasets/foi.md': foi(`${foiBase}\nrelationships:\n  - { type: links_to, dataset: road }`) })).toMatchInlineSnapshot(`
      [
        "content/datasets/foi.md:6 relationships[0].dataset: 'road' is not a dataset id (did you mean 'roads'?)
        hint: Give the id of a dataset in content/datasets/.",
      ]
    `);
  });
});

describe('dates are valid', () => {
  it('reports impossible dates, months and moments', async () => {
    const resources = `resources:\n  - id: a\n    title: A\n    url: https://example.org/a.csv\n    timeFrameFrom: 2024-13\n    timeFrameTo: 2024-1`;
    expect(await errorsWith({ 'datasets/foi.md': foi(`${foiBase}\nnextReviewDate: 2025-02-30\ncreatedAt: 2025-01-01 10:00\n${resources}`) })).toMatchInlineSnapshot(`
      [
        "content/datasets/foi.md:5 nextReviewDate: 2025-02-30 is not a real date: February 2025 has 28 days
        hint: Correct the day: February 2025 runs from 2025-02-01 to 2025-02-28.",
        "content/datasets/foi.md:6 createdAt: must be a date and time with a time zone, e.g. 2025-01-21T16:10:03Z, not '2025-01-01 10:00'
        hint: Write the date, a 'T', the time and Z for UTC (or an offset such as +01:00); or leave the field out to take it from Git.",
        "content/datasets/foi.md:11 resources[0].timeFrameFrom: 2024-13 is not a real month: months go from 01 to 12
        hint: Correct the month, e.g. 2024-12 for December 2024.",
        "content/datasets/foi.md:12 resources[0].timeFrameTo: must be a month written YYYY-MM, not '2024-1'
        hint: Write the year and month with a hyphen, e.g. 2024-01.",
      ]
    `);
  });

  it('tells a date that does not exist from one written wrong', async () => {
    const resources = `resources:\n  - id: a\n    title: A\n    url: https://example.org/a.csv\n    timeFrameFrom: 2024-00`;
    const dates = `nextReviewDate: 2026-02-30\ncreatedAt: 2025-02-29T10:00:00Z\nupdatedAt: 2025-04-31T25:00:00Z`;
    expect(
      await errorsWith({
        'datasets/foi.md': foi(`${foiBase}\n${dates}\n${resources}`),
        'datasets/roads/index.md': foi(`title: Roads\nteam: highways\nnextReviewDate: 2024-02-30\ncreatedAt: 2024-02-29T24:00:00Z\nupdatedAt: 2025-13-01T10:00:00Z`),
      }),
    ).toMatchInlineSnapshot(`
      [
        "content/datasets/foi.md:5 nextReviewDate: 2026-02-30 is not a real date: February 2026 has 28 days
        hint: Correct the day: February 2026 runs from 2026-02-01 to 2026-02-28.",
        "content/datasets/foi.md:6 createdAt: 2025-02-29 is not a real date: February 2025 has 28 days
        hint: Correct the day: February 2025 runs from 2025-02-01 to 2025-02-28.",
        "content/datasets/foi.md:7 updatedAt: 2025-04-31 is not a real date: April 2025 has 30 days
        hint: Correct the day: April 2025 runs from 2025-04-01 to 2025-04-30.",
        "content/datasets/foi.md:12 resources[0].timeFrameFrom: 2024-00 is not a real month: months go from 01 to 12
        hint: Correct the month, e.g. 2024-12 for December 2024.",
        "content/datasets/roads/index.md:4 nextReviewDate: 2024-02-30 is not a real date: February 2024 has 29 days
        hint: Correct the day: February 2024 runs from 2024-02-01 to 2024-02-29.",
        "content/datasets/roads/index.md:5 createdAt: 2024-02-29T24:00:00Z is not a real time: hours go to 23, minutes and seconds to 59
        hint: Correct the time, e.g. 2025-01-21T16:10:03Z.",
        "content/datasets/roads/index.md:6 updatedAt: 2025-13-01 is not a real date: months go from 01 to 12
        hint: Dates are written year-month-day: check that the month is in the middle, e.g. 2026-12-01.",
      ]
    `);
  });

  it('reports a time frame that ends before it starts', async () => {
    const resources = `resources:\n  - id: a\n    title: A\n    url: https://example.org/a.csv\n    timeFrameFrom: 2024-05\n    timeFrameTo: 2024-01`;
    expect(await errorsWith({ 'datasets/foi.md': foi(`${foiBase}\n${resources}`) })).toMatchInlineSnapshot(`
      [
        "content/datasets/foi.md:10 resources[0].timeFrameTo: must not be before timeFrameFrom (2024-05)
        hint: Swap timeFrameFrom and timeFrameTo, or correct one of them.",
      ]
    `);
  });
});

describe('a resource has exactly one of file or url', () => {
  it('reports both, and neither', async () => {
    const resources = `resources:\n  - id: a\n    title: A\n    url: https://example.org/a.csv\n    file: a.csv\n  - id: b\n    title: B`;
    expect(await errorsWith({ 'datasets/foi.md': foi(`${foiBase}\n${resources}`) })).toMatchInlineSnapshot(`
      [
        "content/datasets/foi.md:8 resources[0].url: a resource has a file or a url, not both
        hint: Keep file: for a file published with the site, or url: for a file published elsewhere, and remove the other.",
        "content/datasets/foi.md:10 resources[1].file: a resource needs a file or a url
        hint: Give file: (a file beside the dataset file) or url: (a file published elsewhere).",
      ]
    `);
  });
});

describe('a file stays inside content/', () => {
  const withFile = (file: string) => foi(`${foiBase}\nresources:\n  - id: a\n    title: A\n    file: ${JSON.stringify(file)}`);

  it('refuses a path that climbs out of content/', async () => {
    expect(await errorsWith({ 'datasets/foi.md': withFile('../../../etc/passwd') })).toMatchInlineSnapshot(`
      [
        "content/datasets/foi.md:8 resources[0].file: '../../../etc/passwd' leads outside content/
        hint: A file is given by its path from the dataset file, and stays inside content/ (put it in the dataset's folder).",
      ]
    `);
  });

  it('refuses an absolute path', async () => {
    expect(await errorsWith({ 'datasets/foi.md': withFile('/etc/passwd') })).toMatchInlineSnapshot(`
      [
        "content/datasets/foi.md:8 resources[0].file: '/etc/passwd' is an absolute path; give a path relative to the dataset
        hint: A file is given by its path from the dataset file, and stays inside content/ (put it in the dataset's folder).",
      ]
    `);
  });

  it('refuses a symbolic link that leads out of content/', async () => {
    const { contentDir } = await contentFrom('minimal', { 'datasets/foi.md': withFile('roads/passwd.csv') });
    await symlink('/etc/passwd', path.join(contentDir, 'datasets', 'roads', 'passwd.csv'));
    expect(await errorsIn(contentDir)).toMatchInlineSnapshot(`
      [
        "content/datasets/foi.md:8 resources[0].file: 'roads/passwd.csv' is a link that leads outside content/
        hint: A file is given by its path from the dataset file, and stays inside content/ (put it in the dataset's folder).",
      ]
    `);
  });

  it('suggests the file a misspelt path most likely means, as for topics', async () => {
    const resources = (file: string) => `resources:\n  - id: a\n    title: A\n    file: ${JSON.stringify(file)}`;
    expect(
      await errorsWith({
        'datasets/foi.md': foi(`${foiBase}\n${resources('roads/casualties 2O23.csv')}`),
        'datasets/roads/index.md': foi(`title: Roads\nteam: highways\n${resources('Casualties 2023.CSV')}`),
      }),
    ).toMatchInlineSnapshot(`
      [
        "content/datasets/foi.md:8 resources[0].file: 'roads/casualties 2O23.csv' does not exist (did you mean 'roads/casualties 2023.csv'?)
        hint: A file is given by its path from the dataset file, and stays inside content/ (put it in the dataset's folder).",
        "content/datasets/roads/index.md:7 resources[0].file: 'Casualties 2023.CSV' does not exist (did you mean 'casualties 2023.csv'?)
        hint: A file is given by its path from the dataset file, and stays inside content/ (put it in the dataset's folder).",
      ]
    `);
  });

  it('reports a missing file and a folder', async () => {
    const resources = `resources:\n  - id: a\n    title: A\n    file: missing.csv\n  - id: b\n    title: B\n    file: roads`;
    expect(await errorsWith({ 'datasets/foi.md': foi(`${foiBase}\n${resources}`) })).toMatchInlineSnapshot(`
      [
        "content/datasets/foi.md:8 resources[0].file: 'missing.csv' does not exist
        hint: A file is given by its path from the dataset file, and stays inside content/ (put it in the dataset's folder).",
        "content/datasets/foi.md:11 resources[1].file: 'roads' is not a regular file
        hint: A file is given by its path from the dataset file, and stays inside content/ (put it in the dataset's folder).",
      ]
    `);
  });

  it('accepts a path that goes up and stays inside content/', async () => {
    expect(await errorsWith({ 'datasets/foi.md': withFile('roads/casualties 2023.csv'), 'files/shared.csv': 'a\n1\n' })).toEqual([]);
    expect(await errorsWith({ 'datasets/foi.md': withFile('../files/shared.csv'), 'files/shared.csv': 'a\n1\n' })).toEqual([]);
  });
});

describe('files that are not what they should be', () => {
  it('reports broken YAML at its line', async () => {
    expect(await errorsWith({ 'datasets/foi.md': '---\ntitle: FOI\nteam: information\nresources:\n  - id: a\n\turl: https://example.org\n---\n' })).toMatchInlineSnapshot(`
      [
        "content/datasets/foi.md:6: this line is indented with a tab
        hint: YAML indents with spaces only: replace the tab with spaces, lined up with the line above.",
      ]
    `);
  });

  it('reports only the first YAML error of a file, in plain words, at the line to fix', async () => {
    const resources = (slip: string) => `resources:\n  - id: a\n    title: Requests 2023\n    file: a.csv\n${slip}\n  - id: c\n    title: C\n    url: https://example.org/c.csv`;
    expect(
      await errorsWith({
        // A list item one column off, and a field two columns in: each once gave a dozen parser errors.
        'datasets/foi.md': foi(`${foiBase}\n${resources('   - id: b\n     title: Requests 2024\n     url: https://example.org/b.csv')}`),
        'datasets/roads/index.md': foi(`title: Roads\nteam: highways\nresources:\n  - id: a\n    title: Requests 2023\n      file: a.csv\n    description: The requests`),
        'datasets/colon.md': foi('title: FOI: requests\nteam: information'),
        'datasets/quote.md': foi(`title: FOI\ndescription: 'It's closed'\nteam: information`),
        'datasets/unclosed.md': foi('title: "FOI\nteam: information'),
        'datasets/bracket.md': foi('title: FOI\ntags: [FOI, Requests\nteam: information'),
        'datasets/at.md': foi('title: @council\nteam: information'),
      }),
    ).toMatchInlineSnapshot(`
      [
        "content/datasets/at.md:2: a value cannot start with '@'
        hint: Put the value in quotes: "@council".",
        "content/datasets/bracket.md:3: the list opened with '[' on this line is not closed with ']'
        hint: Close it with ']' at the end of the line, e.g. tags: [FOI, Requests]; or write one item per line below it.",
        "content/datasets/colon.md:2: the value holds ': ', which YAML reads as the start of another field
        hint: Put the value in quotes: title: "FOI: requests".",
        "content/datasets/foi.md:9: this list item does not line up with the items above it
        hint: The lines of a list start at the same column as the line above: put this item's '-' right under the '-' of the item before it.",
        "content/datasets/quote.md:3: there is more text after the closing quote
        hint: End a quoted value with the quote mark it starts with. To put ' inside '…', write it twice ('It''s'), or quote the value with "…" instead.",
        "content/datasets/roads/index.md:7: this line is indented further than the line above it, so YAML reads it as part of the value above
        hint: The fields of one block start at the same column: line up 'file:' with 'title:' on the line above.",
        "content/datasets/unclosed.md:2: the quoted value that starts on this line is never closed
        hint: End a quoted value with the quote mark it starts with. To put ' inside '…', write it twice ('It''s'), or quote the value with "…" instead.",
      ]
    `);
  });

  it('reports a field written twice', async () => {
    expect(await errorsWith({ 'datasets/foi.md': foi(`${foiBase}\ntitle: Again`) })).toMatchInlineSnapshot(`
      [
        "content/datasets/foi.md:5: 'title' is written twice
        hint: Each field may appear only once in the same place: keep one 'title' line and remove the other.",
      ]
    `);
  });

  it('reports empty, binary, non-UTF-8 and front-matter-less files', async () => {
    expect(
      await errorsWith({
        'datasets/foi.md': '',
        'datasets/binary.md': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]),
        'datasets/latin1.md': Buffer.from('---\ntitle: Caf\xe9\n---\n', 'latin1'),
        'datasets/plain.md': '# Just Markdown\n',
        'datasets/unclosed.md': '---\ntitle: A\n',
      }),
    ).toMatchInlineSnapshot(`
      [
        "content/datasets/binary.md: is a binary file, not text
        hint: Content files are UTF-8 text (YAML or Markdown); put data files in a dataset folder and list them under resources.",
        "content/datasets/foi.md:1: is empty
        hint: A dataset file starts with a line '---', its fields in YAML, and another '---'; then the description in Markdown. \`datashelf new\` writes one.",
        "content/datasets/latin1.md: is not valid UTF-8 text
        hint: Save the file with UTF-8 encoding.",
        "content/datasets/plain.md:1: does not start with front matter
        hint: A dataset file starts with a line '---', its fields in YAML, and another '---'; then the description in Markdown. \`datashelf new\` writes one.",
        "content/datasets/unclosed.md:1: has front matter that does not end
        hint: Close the front matter with a line '---'.",
      ]
    `);
  });

  it('reports a missing catalogue.yaml and an empty topics.yaml', async () => {
    expect(await errorsWith({ 'catalogue.yaml': null, 'topics.yaml': '' })).toMatchInlineSnapshot(`
      [
        "content/catalogue.yaml: is missing
        hint: Every catalogue has a catalogue.yaml with its title, url and publisher; see the README.",
        "content/topics.yaml:1: is empty
        hint: Write the list of topics here, or delete the file.",
      ]
    `);
  });

  it('reports a file name that cannot be an id', async () => {
    expect(await errorsWith({ 'datasets/Road Works.md': foi(`title: Road works\nteam: highways`) })).toMatchInlineSnapshot(`
      [
        "content/datasets/Road Works.md:1: the file name 'Road Works' is not a valid dataset id
        hint: Rename the file (or folder) to lower-case letters, digits and hyphens, e.g. road-casualties.md.",
      ]
    `);
  });
});

describe('the place and the kind of publisher (DCAT-AP\'s dct:spatial and dct:type)', () => {
  const catalogue = () => readFile(path.join(fixturesDir, 'minimal', 'catalogue.yaml'), 'utf8');

  it('reports a kind of publisher that is not on the list, with the list', async () => {
    const settings = (await catalogue()).replace('  url: https://www.testshire.example/\n', '  url: https://www.testshire.example/\n  type: local-athority\n');
    expect(await errorsWith({ 'catalogue.yaml': settings, 'teams.yaml': '- id: highways\n  title: Highways Team\n  type: council\n- id: information\n  title: Information Governance\n' })).toMatchInlineSnapshot(`
      [
        "content/catalogue.yaml:8 publisher.type: 'local-athority' is not a kind of publisher DCAT-AP knows (did you mean 'local-authority'?)
        hint: Write one of: academia-scientific-organisation, company, industry-consortium, local-authority, national-authority, non-governmental-organisation, non-profit-organisation, private-individuals, regional-authority, standardisation-body, supra-national-authority. A council is local-authority.",
        "content/teams.yaml:3 [0].type: 'council' is not a kind of publisher DCAT-AP knows
        hint: Write one of: academia-scientific-organisation, company, industry-consortium, local-authority, national-authority, non-governmental-organisation, non-profit-organisation, private-individuals, regional-authority, standardisation-body, supra-national-authority. A council is local-authority.",
      ]
    `);
  });

  it('reports a place given as text, or without a URI or a name', async () => {
    const settings = `${await catalogue()}spatial: Testshire\n`;
    const place = 'spatial:\n  uri: geonames 2643743\n';
    expect(await errorsWith({ 'catalogue.yaml': settings, 'datasets/foi.md': foi(`${foiBase}\n${place}`) })).toMatchInlineSnapshot(`
      [
        "content/catalogue.yaml:20 spatial: must be a set of fields, not text 'Testshire'
        hint: Write the place as fields on the lines below 'spatial:', indented: '  uri: https://sws.geonames.org/2644688/' and '  label: Leeds' (and bbox: and centroid: for maps).",
        "content/datasets/foi.md:5 spatial.label: is required
        hint: Add 'label' to spatial.",
        "content/datasets/foi.md:6 spatial.uri: must be an absolute http:// or https:// URL
        hint: Give the place's address in a gazetteer, e.g. https://sws.geonames.org/2644688/ (Leeds in GeoNames) or http://statistics.data.gov.uk/id/statistical-geography/E08000035 (Leeds by its ONS code).",
      ]
    `);
  });

  it('reports a box or a centre that cannot be one: out of range, the wrong way round, or the wrong count', async () => {
    const settings = `${await catalogue()}spatial:\n  uri: https://sws.geonames.org/2643743/\n  label: Testshire\n  bbox: [-1.46, 54.17, -1.58, 54.25]\n  centroid: [-1.52, 95]\n`;
    const place = 'spatial: { uri: https://sws.geonames.org/2643743/, label: South, centroid: [-1.52, 54.21, 0] }';
    expect(await errorsWith({ 'catalogue.yaml': settings, 'datasets/foi.md': foi(`${foiBase}\n${place}`) })).toMatchInlineSnapshot(`
      [
        "content/catalogue.yaml:23 spatial.bbox: must be [west, south, east, north], with west less than east and south less than north, not [-1.46, 54.17, -1.58, 54.25]
        hint: Write the box around the place as [west, south, east, north] in degrees, longitude before latitude, e.g. [-1.80, 53.70, -1.29, 53.95] for Leeds.",
        "content/catalogue.yaml:24 spatial.centroid[1]: must be at most 90
        hint: A latitude is in degrees from -90 (south) to 90 (north), e.g. 53.80 for Leeds; it comes after the longitude.",
        "content/datasets/foi.md:5 spatial.centroid: must have at most 2 items
        hint: Write the centre of the place as [longitude, latitude] in degrees, e.g. [-1.55, 53.80] for Leeds.",
      ]
    `);
  });
});

describe('all problems of a run are reported together', () => {
  it('lists every error across files in file and line order', async () => {
    const errors = await errorsWith({
      'datasets/foi.md': foi(`title: FOI\nteam: nobody\ntopics: [nowhere]`),
      'datasets/roads/index.md': foi(`title: Roads\nteam: highways\nnextReviewDate: soon`),
    });
    expect(errors.map((error) => error.split('\n')[0])).toMatchInlineSnapshot(`
      [
        "content/datasets/foi.md:3 team: 'nobody' is not a team in content/teams.yaml",
        "content/datasets/foi.md:4 topics[0]: 'nowhere' is not a topic in content/topics.yaml",
        "content/datasets/roads/index.md:4 nextReviewDate: must be a date written YYYY-MM-DD, not 'soon'",
      ]
    `);
  });
});

describe('a dataset file is cut into front matter and description', () => {
  it('exactly where gray-matter cut it', () => {
    const texts = [
      '---\ntitle: A\n---\nBody.\n',
      '---\ntitle: A\n---\n\n\nBody after blank lines.\n',
      '---\n---\nEmpty front matter.\n',
      '---\n\n---\n',
      '---\ntitle: A\n----\nA longer closing line.\n',
      '---\ntitle: A\n---x\nA closing line with more.\n',
      '---\ntitle: A\n--- \nBody.\n',
      '---\ntitle: A\n',
      '---\ntitle: A\n---',
      '---\ntitle: A\n---\r\nBody.\n',
      '---\n# a comment only\n---\nBody.\n',
      '---\ntitle: A\n---\nBody with\n---\na rule.\n',
    ];
    for (const text of texts) {
      const theirs = matter(text, { engines: { yaml: () => ({}) } }) as unknown as { matter: string; content: string };
      expect(splitFrontMatter(text), JSON.stringify(text)).toEqual({ matter: theirs.matter, content: theirs.content });
    }
  });
});
