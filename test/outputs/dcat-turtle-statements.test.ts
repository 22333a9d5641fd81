// A node's two Turtle statements made in one walk (turtle-text.ts turtleStatements: relative to the
// site for its catalogue page, to its dataset's folder for its own files) against the two made one
// at a time (turtleStatement), which dcat-dataset-text.test.ts holds to n3 through the graph. The
// datasets only make IRIs and literals whose written form depends on the base in the subject and
// values; here a predicate and a datatype under the site's root too, and IRIs outside it.
import { describe, expect, it } from 'vitest';
import { type Pair, type Value } from '../../src/outputs/dcat/dataset-pairs.ts';
import { rootOf } from '../../src/outputs/dcat/relative.ts';
import { turtleStatement, turtleStatements } from '../../src/outputs/dcat/turtle-text.ts';
import { flat } from '../../src/outputs/flat-string.ts';

const type = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const dct = (local: string) => `http://purl.org/dc/terms/${local}`;
const literal = (value: string, { language = '', datatype = '' } = {}): Value => ({ termType: 'Literal', value, language, datatype, id: `"${value}"${language ? `@${language}` : datatype ? `^^${datatype}` : ''}` });
const pair = (predicate: string, value: Value): Pair => ({ predicate, value, id: typeof value === 'string' ? value : value.id });

describe('both Turtle statements of a node in one walk', () => {
  for (const siteUrl of ['https://data.example/', 'https://data.example/open/data/']) {
    it(`writes what turtleStatement writes for the page and for the folder, under ${siteUrl}`, () => {
      const root = rootOf(siteUrl)!;
      const own = `${siteUrl}dataset/roads/`;
      const subject = `${own}#dataset`;
      const pairs: Pair[] = [
        pair(type, 'http://www.w3.org/ns/dcat#Dataset'),
        pair(type, `${siteUrl}vocabulary/#Special`),
        pair(dct('description'), literal('Line one\nand "two"', { language: 'en' })),
        pair(dct('identifier'), literal('roads')),
        pair(dct('issued'), literal('2024-01-01T00:00:00Z', { datatype: 'http://www.w3.org/2001/XMLSchema#dateTime' })),
        pair(dct('issued'), literal('12', { datatype: 'http://www.w3.org/2001/XMLSchema#integer' })),
        // A datatype and a predicate under the site's root: written relative to each base.
        pair(dct('measure'), literal('3 m', { datatype: `${siteUrl}datatype/#length` })),
        pair(dct('measure'), literal('4 m', { datatype: `${root}/elsewhere#length` })),
        pair(dct('publisher'), `${siteUrl}team/roads/#team`),
        pair(dct('relation'), `${siteUrl}dataset/rail/#dataset`),
        pair(dct('relation'), `${own}#distribution-a`),
        pair(dct('relation'), `${root}/outside/`),
        pair(dct('source'), 'https://elsewhere.example/a.csv'),
        pair(`${siteUrl}vocabulary/#rating`, literal('good')),
        pair(`${siteUrl}vocabulary/#rating`, `${siteUrl}vocabulary/#good`),
        pair(`${root}/vocabulary#other`, own),
      ];
      const [page, file] = turtleStatements(subject, pairs, siteUrl, own, root);
      expect(page).toBe(turtleStatement(subject, pairs, siteUrl, root));
      expect(file).toBe(turtleStatement(subject, pairs, own, root));
      // Not the same text twice: the folder's relative IRIs differ.
      expect(file).not.toBe(page);
      expect(file).toContain('<#distribution-a>');
    });
  }

  it('flattens a string built from pieces without changing it', () => {
    let text = 'start';
    for (let index = 0; index < 50; index++) text += ` piece ${index}`;
    const copy = `${text}`;
    expect(flat(text)).toBe(copy);
    expect(flat('')).toBe('');
  });
});
