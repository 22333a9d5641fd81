// Every link between pages goes through the site's base path.
import { describe, expect, it } from 'vitest';
import { exampleSite, exampleSubPathSite } from '../../src/site/components/examples.ts';
import { datasetPath, encodePath, href, imageSrc, localHref, tagPath, teamPath, topicPath } from '../../src/site/links.ts';

describe('links', () => {
  it('put every page under the base path', () => {
    expect(href(exampleSite)).toBe('/');
    expect(href(exampleSubPathSite, datasetPath('foi'))).toBe('/data/dataset/foi/');
    expect(href(exampleSubPathSite, topicPath('transport'))).toBe('/data/topic/transport/');
    expect(href(exampleSubPathSite, teamPath('highways'))).toBe('/data/team/highways/');
  });

  it('escape a tag slug in letters of any script', () => {
    expect(tagPath('road-safety')).toBe('tag/road-safety/');
    expect(tagPath('здоровье')).toBe('tag/%D0%B7%D0%B4%D0%BE%D1%80%D0%BE%D0%B2%D1%8C%D0%B5/');
  });

  it('escape each segment of a file path once', () => {
    expect(encodePath('download/foi/k93/25-01-21 FOI requests #1.csv')).toBe('download/foi/k93/25-01-21%20FOI%20requests%20%231.csv');
  });

  it('make the model’s absolute URLs of this site relative to its base, and leave others', () => {
    expect(localHref(exampleSubPathSite, 'https://www.testshire.example/data/download/a/b/c%20d.csv')).toBe('/data/download/a/b/c%20d.csv');
    expect(localHref(exampleSubPathSite, 'https://www.testshire.example/other/file.csv')).toBe('https://www.testshire.example/other/file.csv');
  });

  it('find a local image under the base and an external one where it is', () => {
    expect(imageSrc(exampleSubPathSite, { href: 'media/mastheads/river view.svg' })).toBe('/data/media/mastheads/river%20view.svg');
    expect(imageSrc(exampleSite, { href: 'https://images.example.org/a.jpg' })).toBe('https://images.example.org/a.jpg');
  });
});
