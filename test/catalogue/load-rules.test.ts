// Each rule of SPEC §2, broken once in a copy of the minimal fixture, with the exact text a publisher reads.
import { symlink } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentFrom, errorsIn } from '../helpers/content.ts';

const foi = (frontMatter: string, body = 'Body.') => `---\n${frontMatter.trim()}\n---\n${body}\n`;
const foiBase = `title: Freedom of Information Requests
team: information
topics: [community-information]`;

async function errorsWith(changes: Record<string, string | Buffer | null>): Promise<string[]> {
  const { contentDir } = await contentFrom('minimal', changes);
  return errorsIn(contentDir);
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

  it('reports a field of the wrong type', async () => {
    expect(await errorsWith({ 'datasets/foi.md': foi(`${foiBase}\ntags: { a: 1 }\nresources: yes`) })).toMatchInlineSnapshot(`
      [
        "content/datasets/foi.md:5 tags: must be text or a list, not a set of fields",
        "content/datasets/foi.md:6 resources: must be a list, not text 'yes'",
      ]
    `);
  });

  it('reports an unknown field with the likely intended one', async () => {
    expect(await errorsWith({ 'datasets/foi.md': foi(`${foiBase}\nlicense: ogl-v3`) })).toMatchInlineSnapshot(`
      [
        "content/datasets/foi.md:5 license: 'license' is not a field here (did you mean 'licence'?)
        hint: Fields allowed here: id, name, title, team, masthead, tags, topics, licence, contact, nextReviewDate, sharing, custom, createdAt, updatedAt, resources, links, relationships.",
      ]
    `);
  });

  it('reports a sharing value that is not public or private', async () => {
    expect(await errorsWith({ 'datasets/foi.md': foi(`${foiBase}\nsharing: secret`) })).toMatchInlineSnapshot(`
      [
        "content/datasets/foi.md:5 sharing: must be one of 'public', 'private', not text 'secret'",
      ]
    `);
  });

  it('reports a bad URL in a link', async () => {
    expect(await errorsWith({ 'datasets/foi.md': foi(`${foiBase}\nlinks:\n  - id: a\n    title: A\n    url: javascript:alert(1)`) })).toMatchInlineSnapshot(`
      [
        "content/datasets/foi.md:8 links[0].url: must be an absolute http:// or https:// URL",
      ]
    `);
  });

  it('reports an id that is not a slug', async () => {
    expect(await errorsWith({ 'datasets/foi.md': foi(`${foiBase}\nresources:\n  - id: Big File\n    title: A\n    url: https://example.org/a.csv`) })).toMatchInlineSnapshot(`
      [
        "content/datasets/foi.md:6 resources[0].id: must be lower-case letters, digits and hyphens, starting with a letter or digit (got 'Big File')",
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
        "content/datasets/foi.md:5 nextReviewDate: must be a date written YYYY-MM-DD",
        "content/datasets/foi.md:6 createdAt: must be a date-time with a time zone, e.g. 2025-01-21T16:10:03Z",
        "content/datasets/foi.md:11 resources[0].timeFrameFrom: must be a month written YYYY-MM (got '2024-13')",
        "content/datasets/foi.md:12 resources[0].timeFrameTo: must be a month written YYYY-MM (got '2024-1')",
      ]
    `);
  });

  it('reports a time frame that ends before it starts', async () => {
    const resources = `resources:\n  - id: a\n    title: A\n    url: https://example.org/a.csv\n    timeFrameFrom: 2024-05\n    timeFrameTo: 2024-01`;
    expect(await errorsWith({ 'datasets/foi.md': foi(`${foiBase}\n${resources}`) })).toMatchInlineSnapshot(`
      [
        "content/datasets/foi.md:10 resources[0].timeFrameTo: must not be before timeFrameFrom (2024-05)",
      ]
    `);
  });
});

describe('a resource has exactly one of file or url', () => {
  it('reports both, and neither', async () => {
    const resources = `resources:\n  - id: a\n    title: A\n    url: https://example.org/a.csv\n    file: a.csv\n  - id: b\n    title: B`;
    expect(await errorsWith({ 'datasets/foi.md': foi(`${foiBase}\n${resources}`) })).toMatchInlineSnapshot(`
      [
        "content/datasets/foi.md:8 resources[0].url: a resource has a file or a url, not both",
        "content/datasets/foi.md:10 resources[1].file: a resource needs a file or a url",
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
        "content/datasets/foi.md:6: invalid YAML: Tabs are not allowed as indentation (YAML indents with spaces, never tabs)
        hint: Fix the YAML syntax at this line; values with a colon, # or quotes are safest in quotes.",
      ]
    `);
  });

  it('reports a field written twice', async () => {
    expect(await errorsWith({ 'datasets/foi.md': foi(`${foiBase}\ntitle: Again`) })).toMatchInlineSnapshot(`
      [
        "content/datasets/foi.md:5: invalid YAML: Map keys must be unique (each field may appear only once)
        hint: Fix the YAML syntax at this line; values with a colon, # or quotes are safest in quotes.",
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
        "content/datasets/roads/index.md:4 nextReviewDate: must be a date written YYYY-MM-DD",
      ]
    `);
  });
});
