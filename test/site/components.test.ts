// Every example of every component renders, and renders what a reader and a screen reader rely on.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { componentExamples, exampleSite, foiDataset } from '../../src/site/components/examples.ts';
import { privateLabel } from '../../src/site/dataset-view.ts';
import { componentRenderer, type ComponentRenderer } from './render-component.ts';

let renderer: ComponentRenderer;
const rendered = new Map<string, string>();

beforeAll(async () => {
  renderer = await componentRenderer();
  for (const [component, examples] of Object.entries(componentExamples)) {
    for (const [name, props] of Object.entries(examples)) rendered.set(`${component}: ${name}`, await renderer.render(component, props));
  }
});

afterAll(async () => {
  await renderer?.close();
});

const html = (example: string) => {
  const markup = rendered.get(example);
  if (markup === undefined) throw new Error(`no example '${example}'`);
  return markup;
};

const inlineTags = /<\/?(a|abbr|code|em|span|strong|time|wbr)\b[^>]*>/g;

/** The text a reader sees: markup removed, entities of our own output decoded, spaces collapsed. */
const text = (markup: string) =>
  markup.replace(inlineTags, '').replace(/<[^>]+>/g, ' ').replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/\s+/g, ' ').trim();

describe('Address', () => {
  it('may break only after a separator, never inside a word, and reads as the address', () => {
    expect(html('Address: an e-mail address')).toBe('opendata@<wbr>testshire<wbr>.example');
    expect(html('Address: an API address with a query')).toBe('/api/<wbr>3/<wbr>action/<wbr>package_show?<wbr>id=<wbr>foi');
    expect(text(html('Address: an API address with a query'))).toBe('/api/3/action/package_show?id=foi');
  });
});

describe('component examples', () => {
  it('exist for every component in src/site/components', async () => {
    const folder = path.resolve(import.meta.dirname, '../../src/site/components');
    const components = (await readdir(folder)).filter((file) => file.endsWith('.astro')).map((file) => file.slice(0, -'.astro'.length)).sort();
    expect(Object.keys(componentExamples).sort()).toEqual(components);
  });

  it.each(Object.entries(componentExamples).flatMap(([component, examples]) => Object.keys(examples).map((name) => `${component}: ${name}`)))('%s renders without leaking a raw value', (example) => {
    const markup = html(example);
    expect(markup.trim() === '').toBe(example.endsWith('(renders nothing)'));
    expect(markup).not.toMatch(/undefined|\[object Object\]|NaN/);
    // Every link goes somewhere real: no empty, relative-to-the-page or doubled-slash hrefs (a
    // section of the same page, `#preview-…`, is checked on the built pages: test/site/pages.test.ts).
    for (const [, href] of markup.matchAll(/href="([^"]*)"/g)) expect(href).toMatch(/^(\/(?!\/)|https?:\/\/|mailto:|#[\w-]+$)/);
  });
});

describe('FilesTable', () => {
  const table = () => html('FilesTable: local and external files');

  it('is a captioned table with column and row headers', () => {
    expect(table()).toMatch(/<caption[^>]*>Files in Freedom of Information Requests, with their format, size, last update and time frame<\/caption>/);
    expect(table().match(/<th scope="col"/g)).toHaveLength(6);
    expect(table().match(/<th scope="row"/g)).toHaveLength(2);
  });

  it('shows human sizes, each file\'s last update and time frames, and says when a size or date is not known', () => {
    expect(text(table())).toContain('FOI requests received 2020-25 One row per request, with the outcome. CSV 1.3 MB 21 January 2025 January 2020 to November 2024');
    expect(table()).toContain('<time datetime="2025-01-21T16:10:02.000Z">21 January 2025</time>');
    expect(text(table())).toContain('FOI performance summary Held on files.testshire.example XLSX Not known Not known Not stated');
  });

  it('names the file in each Download link for screen readers', () => {
    expect(text(table())).toContain('Download FOI requests received 2020-25 (CSV, 1.3 MB)');
    expect(text(table())).toContain('Download FOI performance summary (XLSX)');
    expect(table()).toContain('<span class="visually-hidden">FOI requests received 2020-25 (CSV, 1.3 MB)</span>');
  });

  it('links a local file through the site base and an external file where it is', () => {
    expect(table()).toContain('href="/download/foi/k93/FOI%20requests%202020-25.csv"');
    expect(table()).toContain('href="https://files.testshire.example/foi/summary.xlsx"');
    expect(html('FilesTable: sub-path base')).toContain('href="/data/download/roads/c2023/file.csv"');
  });

  it('says so when a dataset has no files', () => {
    expect(text(html('FilesTable: no files'))).toBe('This dataset has no files yet.');
  });

  it('says in words, in the file\'s row, when a file elsewhere failed its last link check', () => {
    expect(text(html('FilesTable: a file elsewhere that failed its check'))).toContain(
      'FOI performance summary Held on files.testshire.example Broken link: this file did not open when it was last checked, on 1 February 2025 (HTTP 404). XLSX',
    );
    expect(text(html('FilesTable: a file elsewhere that did not answer its check'))).toContain('when it was last checked, on 1 February 2025 (no answer).');
    expect(text(table())).not.toContain('Broken link');
  });
});

describe('DatasetFacts', () => {
  const facts = () => text(html('DatasetFacts: every fact'));

  it('lists licence, contact, dates and custom fields under their catalogue titles, in a <dl>', () => {
    expect(html('DatasetFacts: every fact')).toMatch(/<dl class="facts__list">/);
    expect(facts()).toContain('Published by Information Governance');
    expect(facts()).toContain('Licence UK Open Government Licence (OGL v3)');
    expect(facts()).toContain('Contact FOI Team foi@testshire.example');
    expect(facts()).toContain('Last updated 21 January 2025 First published 5 February 2019 Next review 30 April 2025');
    expect(facts()).toContain('Business unit Assurance Geography Testshire South');
    expect(facts()).not.toContain('Update frequency');
  });

  it('links the team, topics and tags to their pages', () => {
    const markup = html('DatasetFacts: every fact');
    expect(markup).toContain('href="/team/information/"');
    expect(markup).toContain('href="/topic/community/"');
    expect(markup).toContain('href="/tag/freedom-of-information/"');
    expect(markup).toContain('href="mailto:foi@testshire.example"');
  });

  it('warns when the licence is not open', () => {
    expect(text(html('DatasetFacts: not an open licence'))).toContain('Internal use only Not an open licence: check before you reuse this data.');
  });
});

describe('DatasetList', () => {
  it('gives each dataset a linked heading, a summary, its team, date and formats', () => {
    const list = html('DatasetList: default');
    expect(list).toContain('<h2><a href="/dataset/foi/">Freedom of Information Requests</a></h2>');
    expect(text(list)).toContain('Requests made under the Freedom of Information Act & the EIR. Published by Information Governance Updated 21 January 2025 Formats CSV, XLSX');
    expect(list).toContain('<time datetime="2025-01-21">21 January 2025</time>');
  });

  it('leaves out the team on the team’s own page', () => {
    expect(text(html('DatasetList: on a team page'))).not.toContain('Published by');
  });

  it('marks a private dataset', () => {
    const list = html('DatasetList: with a private dataset');
    expect(list.split(privateLabel)).toHaveLength(2);
    expect(list.indexOf(privateLabel)).toBeLessThan(list.indexOf('Freedom of Information Requests'));
  });

  it('says so when there is nothing to list', () => {
    expect(text(html('DatasetList: empty'))).toBe('There are no datasets here yet.');
  });
});

describe('Pagination', () => {
  it('marks the current page and names each page link', () => {
    const nav = html('Pagination: middle of many');
    expect(nav).toContain('aria-label="Pagination"');
    expect(nav).toMatch(/<li><a href="\/datasets\/5\/" aria-label="Page 5" aria-current="page">5<\/a><\/li>/);
    expect(text(nav)).toBe('Previous page 1 … 4 5 6 … 12 Next page');
    expect(nav).toContain('href="/datasets/" aria-label="Page 1"');
  });

  it('has no Previous link on the first page and no Next link on the last', () => {
    expect(text(html('Pagination: first of two'))).toBe('1 2 Next page');
    expect(text(html('Pagination: last of many'))).toBe('Previous page 1 … 11 12');
    expect(html('Pagination: last of many')).toContain('href="/data/topic/transport/11/" rel="prev"');
  });
});

describe('links under a sub-path', () => {
  it('start with the base path', () => {
    expect(html('Breadcrumbs: sub-path base')).toContain('href="/data/datasets/"');
    expect(html('ApiLinks: sub-path base')).toContain('href="/data/api/3/action/package_show?id=foi"');
    expect(html('Masthead: local image')).toContain('src="/data/media/mastheads/hills.svg"');
  });

  it('link developers to this dataset in each output, the address written once (the link\'s own)', () => {
    expect(html('ApiLinks: sub-path base')).toBe('<ul class="api-links"><li><a href="/data/api/3/action/package_show?id=foi">This dataset in the CKAN API</a></li></ul>');
  });
});

describe('small components', () => {
  it('FormattedDate writes the date for people and for machines', () => {
    expect(html('FormattedDate: a date')).toBe('<time datetime="2025-04-30">30 April 2025</time>');
  });

  it('Masthead is decoration, with empty alternative text', () => {
    expect(html('Masthead: external image')).toContain('<img class="masthead__image" src="https://images.testshire.example/sky.jpg" alt=""');
  });

  it('TagList marks the tag of the current page', () => {
    expect(html('TagList: with counts, one current')).toMatch(/href="\/tag\/road-safety\/" aria-current="page"/);
    expect(text(html('TagList: with counts, one current'))).toBe('FOI, 1 dataset Road Safety, 12 datasets');
  });

  it('BrowseNav is a labelled navigation landmark with counts', () => {
    const nav = html('BrowseNav: on a topic page');
    expect(nav).toMatch(/<nav class="browse" aria-labelledby="browse-heading">/);
    expect(nav).toContain('href="/topic/transport/" aria-current="page"');
    expect(text(nav)).toContain('Community Information 2 datasets Transport 1 dataset');
    // The most used tags, and every tag one link away rather than on every list page.
    expect(nav).toMatch(/<a href="\/tags\/">All \d+ tags<\/a>/);
  });

  it('DatasetLinks warns about a link that failed its last check', () => {
    expect(text(html('DatasetLinks: a link that failed its check'))).toContain('Broken link: this link did not work when it was last checked, on 1 February 2025 (HTTP 404).');
    expect(text(html('DatasetLinks: default'))).not.toContain('did not work');
  });

  it('escapes text from the catalogue', async () => {
    const markup = await renderer.render('DatasetList', { site: exampleSite, datasets: [{ ...foiDataset, title: '<script>alert(1)</script>' }] });
    expect(markup).not.toContain('<script>');
    expect(markup).toContain('&lt;script&gt;');
  });
});

describe('TablePreview and ColumnDictionary', () => {
  it('are captioned tables whose headers name the columns', () => {
    const preview = html('TablePreview: first rows of a count');
    expect(text(preview.match(/<caption>.*?<\/caption>/)![0])).toBe('Casualties 2023: the first 2 of 24 rows');
    expect([...preview.matchAll(/<th scope="col"[^>]*>([^<]*)<\/th>/g)].map((match) => match[1])).toEqual(['month', 'severity', 'count']);
    const dictionary = html('ColumnDictionary: described columns');
    expect([...dictionary.matchAll(/<th scope="row"><code>([^<]*)<\/code><\/th>/g)].map((match) => match[1])).toEqual(['month', 'severity', 'count']);
    expect(text(dictionary)).toContain('count Whole number People injured. people 1 12');
  });

  it('say when the rows or the column facts are only part of the file', () => {
    expect(text(html('TablePreview: a file read in part'))).toContain('Casualties 2023: the first 1 row that could be read');
    expect(text(html('ColumnDictionary: facts from the first rows only'))).toContain('Types and empty cells are taken from the first 1 row.');
    expect(text(html('TablePreview: a header and no rows'))).toBe('The file has a header row but no data rows.');
  });
});

describe('FilePreview', () => {
  it('is a section named by its heading, whose id the files table links to', () => {
    const section = html('FilePreview: a table');
    expect(section).toMatch(/^<section class="section file-preview" aria-labelledby="preview-c2023">\s*<h2 class="heading-l" id="preview-c2023">Preview of Casualties 2023<\/h2>/);
    expect(text(section)).toContain('CSV, 4.7 KB · 24 rows, 3 columns');
    expect(html('FilesTable: a file with its preview on the page')).toContain('<a class="files-table__preview" href="#preview-c2023">Preview and columns <span class="visually-hidden">of Casualties 2023</span></a>');
    // Without the page's preview section, no link to it.
    expect(html('FilesTable: sub-path base')).not.toContain('files-table__preview');
  });

  it('says when the file could not be read whole, and summarises a GeoJSON file', () => {
    expect(text(html('FilePreview: a file read in part'))).toContain('This file could not be read in full Line 3: a quoted cell is never closed.');
    const geo = html('FilePreview: a GeoJSON file');
    expect(geo).toContain('id="preview-sites">Summary of Camera sites</h2>');
    expect(text(geo)).toContain('Features 12');
  });
});
