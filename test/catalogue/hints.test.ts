// Every problem a publisher can meet says what to do, in the words of the content, never in the
// words of the libraries that read it (zod's "Too big: expected string…", yaml's "Nested mappings…").
import { LineCounter, parseDocument, YAMLParseError } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ContentError, type ContentProblem } from '../../src/catalogue/errors.ts';
import { validateCatalogue } from '../../src/catalogue/validate.ts';
import { explainedCodes, explainYamlError } from '../../src/catalogue/yaml-errors.ts';
import { contentFrom } from '../helpers/content.ts';

const libraryWording =
  /Invalid (input|string|option|element|key)|Too (big|small)|expected (string|number|boolean|array|object|record|map)|Unrecognized key|match pattern|Nested mappings|Implicit (map )?keys|compact mapping|block-seq|map-value-ind|flow (sequence|map|collection)|scalar|sequence|YAML(Parse|Semantic)?Error|undefined|\[object Object\]/i;

const dataset = (frontMatter: string) => `---\n${frontMatter.trim()}\n---\nBody.\n`;

/**
 * Content that breaks every rule at least once. Each catalogue stays small, so that one broken file
 * does not hide the problems of the next (a topics.yaml that cannot be read leaves topics unchecked).
 */
const brokenCatalogues: Record<string, Record<string, string | Buffer | null>> = {
  'site settings': {
    'catalogue.yaml': [
      "title: ''",
      'url: data.example',
      'language: English',
      'publisher: { name: Council, email: nobody, url: 42 }',
      "contact: { title: '', email: a@b }",
      'licence: "ogl v3"',
      'editUrl: https://example.org/edit',
      'customFields:',
      '  - { id: 1st, title: First, type: number }',
      '  - { id: constructor, title: Builder }',
      '  - { id: unit, title: Unit }',
      '  - { id: unit, title: Unit again }',
      'theme: dark',
      '',
    ].join('\n'),
  },
  'a licence that does not exist': { 'catalogue.yaml': 'title: T\nurl: https://data.example/\npublisher: { name: Council }\nlicence: ogl-3\n' },
  'list files': {
    'topics.yaml': 'transport: Transport\n',
    'teams.yaml': "- id: Big Team\n  title: T\n  email: nobody\n  url: nowhere\n  image: ''\n- id: hills\n  title: Hills\n  image: ../../outside.svg\n",
    'mastheads.yaml': '- id: m\n  title: M\n  image: mastheads/hils.svg\n- id: m\n  title: Again\n  image: https://example.org/m.svg\n',
    'licences.yaml': '- id: own licence\n  title: Own\n  open: yes\n  colour: red\n',
  },
  'dataset fields': {
    'datasets/foi.md': dataset(`
id: Foi
name: FOI Requests
title: [a, b]
team:
masthead: 12
tags: [FOI, "", "${'x'.repeat(101)}", "two\\nlines"]
topics: { a: b }
licence: "cc by"
contact: { email: x, url: y }
nextReviewDate: 2026-02-30
sharing: secret
custom: { unit: [A, 3], geography: { a: b } }
createdAt: yesterday
updatedAt: 2025-02-29T10:00:00Z
resources:
  - id: Data
    title: ''
    format: A very long format name indeed
    mediaType: csv
    timeFrameFrom: 2024-13
    timeFrameTo: 24-01
  - id: both
    title: Both
    file: a.csv
    url: https://example.org/a.csv
  - id: neither
    title: Neither
  - id: backwards
    title: Backwards
    url: https://example.org/b.csv
    timeFrameFrom: 2024-05
    timeFrameTo: 2024-01
  - just text
links:
  - { id: l, title: L, url: "ftp://example.org" }
relationships:
  - { type: cousin_of, dataset: roads }
`),
  },
  'references between files': {
    'datasets/foi.md': dataset(`
name: roads
title: FOI
team: informaton
masthead: river
topics: [comunity]
licence: ogl-3
custom: { units: A, unit: [A, B], __proto__: C }
resources:
  - { id: a, title: A, file: missing.csv }
  - { id: a, title: Again, url: https://example.org/a.csv }
  - { id: b, title: B, file: ../roads }
  - { id: c, title: C, file: /etc/passwd }
  - { id: d, title: D, file: ../../../outside.csv }
  - { id: e, title: E, file: "roads/casualties 2O23.csv" }
links:
  - { id: l, title: L, url: https://example.org/ }
  - { id: l, title: M, url: https://example.org/m }
relationships:
  - { type: links_to, dataset: foi }
  - { type: links_to, dataset: road }
tags: ["!!!"]
`),
    'datasets/Road Works.md': dataset('title: Road works\nteam: highways'),
    'datasets/other.md': dataset('id: another\ntitle: Other\nteam: highways'),
    'datasets/notes.txt': 'hello',
    'datasets/bins/README.md': '# Bins',
  },
  'files that cannot be read': {
    'catalogue.yaml': null,
    'topics.yaml': '',
    'datasets/foi.md': '',
    'datasets/binary.md': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]),
    'datasets/latin1.md': Buffer.from('---\ntitle: Caf\xe9\n---\n', 'latin1'),
    'datasets/plain.md': '# Just Markdown\n',
    'datasets/unclosed.md': '---\ntitle: A\n',
    'datasets/empty-front-matter.md': '---\n---\nBody.\n',
    'datasets/list.md': '---\n- a\n- b\n---\n',
  },
  'YAML that cannot be read': {
    'datasets/foi.md': dataset('title: FOI\nresources:\n  - id: a\n\turl: x'),
    'datasets/twice.md': dataset('title: A\ntitle: B'),
    'datasets/list-item.md': dataset('title: A\nresources:\n  - id: a\n    title: A\n   - id: b\n     title: B'),
    'datasets/list-item-less.md': dataset('title: A\nresources:\n- id: a\n  title: A\n  - id: b\n    title: B'),
    'datasets/field-further.md': dataset('title: A\nresources:\n  - id: a\n    title: A\n      file: a.csv'),
    'datasets/field-less.md': dataset('title: A\nresources:\n  - id: a\n    title: A\n   file: a.csv'),
    'datasets/colon.md': dataset('title: FOI: requests'),
    'datasets/quote.md': dataset("title: 'It's closed'"),
    'datasets/unclosed-quote.md': dataset('title: "FOI\nteam: x'),
    'datasets/bracket.md': dataset('tags: [a, b\nteam: x'),
    'datasets/brace.md': dataset('contact: { title: T\nteam: x'),
    'datasets/at.md': dataset('title: @council'),
    'datasets/escape.md': dataset('title: "a\\qb"'),
    'datasets/alias.md': dataset('title: *draft'),
    'datasets/tag.md': dataset('title: !draft x'),
    'datasets/no-colon.md': dataset('title\n  more: x'),
    'datasets/item-among-fields.md': dataset('title: A\n- item'),
    'datasets/comma.md': dataset('tags: [a b: c, d e: f g]'),
    'datasets/comment.md': dataset('tags: [a,#b]'),
    'datasets/laughs.md': dataset('a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]'),
    'datasets/deep.md': dataset(`title: ${'['.repeat(20000)}${']'.repeat(20000)}`),
    'topics.yaml': '- id: a\n  title: A\n---\n- id: b\n  title: B\n',
  },
};

async function problemsOf(changes: Record<string, string | Buffer | null>): Promise<ContentProblem[]> {
  const { contentDir } = await contentFrom('minimal', changes);
  try {
    return (await validateCatalogue({ contentDir })).warnings;
  } catch (error) {
    if (!(error instanceof ContentError)) throw error;
    return error.problems;
  }
}

describe('every problem says what to do', () => {
  for (const [name, changes] of Object.entries(brokenCatalogues)) {
    it(`in ${name}`, async () => {
      const problems = await problemsOf(changes);
      expect(problems.length, 'the broken content reports problems').toBeGreaterThan(0);
      for (const problem of problems) {
        const text = `${problem.field ?? ''}: ${problem.message} (hint: ${problem.hint})`;
        expect(problem.hint.trim(), text).not.toBe('');
        expect(problem.message, text).not.toMatch(libraryWording);
        expect(problem.hint, text).not.toMatch(libraryWording);
      }
    });
  }

  it('for every error code of the YAML parser', () => {
    const text = 'title: FOI\nteam: information\n';
    const lineCounter = new LineCounter();
    const document = parseDocument(text, { lineCounter });
    expect(explainedCodes.length).toBeGreaterThan(20);
    for (const code of explainedCodes) {
      const explained = explainYamlError(new YAMLParseError([11, 15], code, 'parser words'), text, document, lineCounter);
      expect(explained.message, code).toMatch(/\S/);
      expect(explained.hint, code).toMatch(/\S/);
      expect(`${explained.message} ${explained.hint}`, code).not.toMatch(/parser words/);
      expect(explained.line, code).toBeGreaterThanOrEqual(1);
    }
  });
});
