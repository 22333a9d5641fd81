// The pages a build writes, read back as files: which pages exist, that every link between them
// works under a sub-path, that lists page and sort, and what a public and an internal build show.
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Catalogue } from '../../src/catalogue/model.ts';
import { privateLabel } from '../../src/site/dataset-view.ts';
import { formatDate } from '../../src/site/format.ts';
import { sortByRecentUpdate } from '../../src/site/listings.ts';
import { buildInto, listFiles } from '../helpers/build.ts';
import { contentFrom, fixturesDir } from '../helpers/content.ts';
import { activeContent, withoutSiteSearch } from '../helpers/html.ts';
import { checkSiteLinks } from '../helpers/links.ts';
import { buildFolder, type BuildFolder } from './build-folder.ts';

const basePath = '/portal/';

/**
 * The minimal fixture served under /portal/, with a topic and a team that only the private dataset
 * uses, and 23 more public datasets so that the list, a topic and a tag run to two pages.
 */
async function pagingCatalogue(): Promise<{ root: string; contentDir: string }> {
  const original = (file: string) => readFile(path.join(fixturesDir, 'minimal', file), 'utf8');
  const bulk: Record<string, string> = {};
  for (let index = 1; index <= 23; index += 1) {
    const number = String(index).padStart(2, '0');
    const extraTags = index === 1 ? ', Café Culture, Здоровье' : '';
    bulk[`datasets/bulk-${number}.md`] =
      `---\ntitle: Traffic count ${number}\nteam: highways\ntopics: [transport]\ntags: [Road Safety${extraTags}]\n` +
      `updatedAt: 2023-01-${number}T10:00:00Z\n---\nCounts at site ${number}.\n`;
  }
  return contentFrom('minimal', {
    'catalogue.yaml': (await original('catalogue.yaml')).replace('url: https://data.testshire.example/', `url: https://www.testshire.example${basePath}`),
    'topics.yaml': `${await original('topics.yaml')}- id: staffing\n  title: Staffing\n`,
    'teams.yaml': `${await original('teams.yaml')}- id: human-resources\n  title: Human Resources\n`,
    'datasets/secret-staff/index.md': (await original('datasets/secret-staff/index.md'))
      .replace('team: information', 'team: human-resources')
      .replace('topics: [community-information]', 'topics: [staffing]'),
    ...bulk,
  });
}

interface Build {
  outDir: string;
  catalogue: Catalogue;
  files: string[];
  page(file: string): Promise<string>;
}

async function build(contentDir: string, name: string, includePrivate: boolean): Promise<Build> {
  const outDir = path.join(folder.dir, name);
  const report = await buildInto(contentDir, outDir, includePrivate);
  return { outDir, catalogue: report.catalogue, files: await listFiles(outDir), page: (file) => readFile(path.join(outDir, file), 'utf8') };
}

// The API's answers under api/ are JSON, even where a path form needs an index.html.
const pages = (built: Build) => built.files.filter((file) => file.endsWith('.html') && !file.startsWith('api/'));
const headings = (html: string, level: number) => [...html.matchAll(new RegExp(`<h${level}[^>]*><a href="[^"]*">([^<]*)</a></h${level}>`, 'g'))].map((match) => match[1]);

let folder: BuildFolder;
let contentRoot: string;
let contentDirectory: string;
let publicBuild: Build;
let internalBuild: Build;

beforeAll(async () => {
  folder = await buildFolder('pages');
  const { root, contentDir } = await pagingCatalogue();
  contentRoot = root;
  contentDirectory = contentDir;
  publicBuild = await build(contentDir, 'public', false);
  internalBuild = await build(contentDir, 'internal', true);
});

afterAll(async () => {
  await folder?.remove();
  if (contentRoot) await rm(contentRoot, { recursive: true, force: true });
});

describe('a public build', () => {
  it('writes a page for home, the list, each dataset, and each topic, team and tag in use', () => {
    expect(pages(publicBuild)).toEqual(
      expect.arrayContaining([
        '404.html',
        'index.html',
        'datasets/index.html',
        'datasets/2/index.html',
        'dataset/foi/index.html',
        'dataset/roads/index.html',
        'dataset/bulk-01/index.html',
        'topic/transport/index.html',
        'topic/transport/2/index.html',
        'topic/community-information/index.html',
        'team/highways/index.html',
        'team/information/index.html',
        'tag/road-safety/index.html',
        'tag/foi/index.html',
        'tag/cafe-culture/index.html',
        'tag/здоровье/index.html',
      ]),
    );
    expect(pages(publicBuild)).not.toContain('datasets/3/index.html');
    expect(pages(publicBuild)).not.toContain('topic/community-information/2/index.html');
    // A tag's page holds 100 datasets: its 24 fit one.
    expect(pages(publicBuild)).not.toContain('tag/road-safety/2/index.html');
  });

  it('gives no page to the private dataset, nor to a tag, topic or team only it has', () => {
    for (const file of ['dataset/secret-staff/index.html', 'tag/sickness-absence-secret/index.html', 'topic/staffing/index.html', 'team/human-resources/index.html']) {
      expect(publicBuild.files).not.toContain(file);
    }
  });

  it('marks nothing as private and asks search engines to index its pages', async () => {
    for (const file of pages(publicBuild)) {
      const html = await publicBuild.page(file);
      expect(html, file).not.toContain(privateLabel);
      expect(html, file).not.toContain('Internal build');
      // The 404 page and the publishers' review report are kept out on purpose.
      if (file !== '404.html' && file !== 'reports/review/index.html') expect(html, file).not.toContain('noindex');
    }
  });

  it('has no script (other than JSON-LD data), frame or form on any page but the site’s search: everything reads without JavaScript', async () => {
    // The 404 page's one script sends a reader who kept a file preview's old address on to the
    // preview's section of the dataset page (src/pages/404.astro); the page says it in words too.
    const previewMoved = /<script>\(function\(\)\{var p=location\.pathname,[^<]*\/preview\\\\\/[^<]*location\.replace\([^<]*<\/script>/;
    expect(await publicBuild.page('404.html')).toMatch(previewMoved);
    for (const file of pages(publicBuild)) expect(activeContent(withoutSiteSearch((await publicBuild.page(file)).replace(previewMoved, ''), basePath)), file).toEqual([]);
    // The search is the header's form on every page, and the list's own search on its first page: its
    // module, and the inline script in the head that starts it early.
    expect(activeContent(await publicBuild.page('dataset/foi/index.html'))).toEqual(['<form>', '<input>']);
    expect(activeContent(await publicBuild.page('datasets/index.html')).sort()).toEqual(['<form>', '<form>', '<input>', '<input>', '<script>', '<script>']);
  });

  it('links every page, file and image under the base path, and each link finds a file of the build', async () => {
    // Links into the API are checked by the API page's tests: their query forms need a host's rewrites.
    const links = await checkSiteLinks(publicBuild.outDir, basePath, (target) => target.startsWith('api/') && target !== 'api/');
    expect(links.outsideBase).toEqual([]);
    expect(links.missing).toEqual([]);
    expect(links.checked).toBeGreaterThan(500);
  });

  it('links within a page only to an element of that page (a file’s preview section)', async () => {
    let checked = 0;
    for (const file of pages(publicBuild)) {
      const html = await publicBuild.page(file);
      const ids = new Set([...html.matchAll(/\sid="([^"]*)"/g)].map((match) => match[1]));
      for (const [, fragment] of html.matchAll(/href="#([^"]*)"/g)) {
        expect(ids.has(decodeURIComponent(fragment!)), `${file} #${fragment}`).toBe(true);
        checked += 1;
      }
    }
    // The skip links, and at least the fixture's one previewed file.
    expect(checked).toBeGreaterThan(pages(publicBuild).length);
  });

  it('lists datasets 20 to a page, most recently updated first, then by title', async () => {
    const expected = sortByRecentUpdate(publicBuild.catalogue.datasets).map((dataset) => dataset.title);
    const listed = [...headings(await publicBuild.page('datasets/index.html'), 2), ...headings(await publicBuild.page('datasets/2/index.html'), 2)];
    expect(expected).toHaveLength(25);
    expect(listed).toEqual(expected);
    expect(await publicBuild.page('datasets/2/index.html')).toContain('Showing 21 to 25 of 25 datasets');
  });

  it('pages a topic that holds more than 20 datasets', async () => {
    const first = headings(await publicBuild.page('topic/transport/index.html'), 2);
    const second = headings(await publicBuild.page('topic/transport/2/index.html'), 2);
    expect(first).toHaveLength(20);
    expect([...first, ...second].sort()).toEqual(['Road Casualties', ...Array.from({ length: 23 }, (_, index) => `Traffic count ${String(index + 1).padStart(2, '0')}`)].sort());
    expect(await publicBuild.page('topic/transport/2/index.html')).toContain(`href="${basePath}topic/transport/" aria-label="Page 1"`);
  });

  it('lists a tag’s datasets a row each, 100 to a page, most recently updated first, and links a search within the tag', async () => {
    const html = await publicBuild.page('tag/road-safety/index.html');
    const tagged = sortByRecentUpdate(publicBuild.catalogue.datasets.filter((dataset) => dataset.tags.some((tag) => tag.slug === 'road-safety')));
    expect(tagged).toHaveLength(24);
    const rows = [...html.matchAll(/<tr><th><a href="([^"]*)">([^<]*)<\/a><\/th><td>([^<]*)<\/td><td>(?:<time datetime="([^"]*)">([^<]*)<\/time>)?<\/td><\/tr>/g)].map((match) => match.slice(1));
    expect(rows).toEqual(tagged.map((dataset) => [`${basePath}dataset/${dataset.id}/`, dataset.title, dataset.team.title, dataset.updatedAt?.slice(0, 10), dataset.updatedAt && formatDate(dataset.updatedAt)]));
    expect(html).toContain('<caption class="list-position">24 datasets</caption>');
    expect(html).toContain(`<a href="${basePath}datasets/?tag=road-safety">Search within them</a>`);
    // No summaries, formats or sidebar of counts.
    expect(html).not.toMatch(/<dl>|<li><h2>|class="browse"/);
  });

  it('keeps the frame (skip link, header, footer) of every page under 2 KB: it is on every page of the build', async () => {
    // Issue 9: the frame was 3.9 KB on each of 13,000 pages at 10,000 datasets. The dataset pages'
    // is the largest (the footer's problem report names the dataset).
    const frames = new Map<string, number>();
    for (const file of pages(publicBuild)) {
      const html = await publicBuild.page(file);
      const start = html.indexOf('<a class="skip-link"');
      const [main, footer] = [html.indexOf('<main'), html.indexOf('<footer')];
      expect([start, main, footer].every((index) => index > 0), file).toBe(true);
      frames.set(file, Buffer.byteLength(html.slice(start, main)) + Buffer.byteLength(html.slice(footer)));
    }
    const largest = Math.max(...frames.values());
    expect(frames.get('dataset/foi/index.html')).toBe(largest);
    expect(largest).toBeLessThan(2000);
  });

  it('titles a later page with its number, and gives it its own canonical URL', async () => {
    const html = await publicBuild.page('topic/transport/2/index.html');
    expect(html).toContain('<title>Transport (page 2 of 2) – Testshire Open Data</title>');
    expect(html).toContain(`<link rel="canonical" href="https://www.testshire.example${basePath}topic/transport/2/">`);
  });
});

describe('the same catalogue built again', () => {
  it('gives byte-identical pages and styles', async () => {
    const again = await build(contentDirectory, 'public-again', false);
    expect(again.files).toEqual(publicBuild.files);
    for (const file of publicBuild.files.filter((name) => /\.(html|css|svg)$/.test(name))) {
      expect(await again.page(file), file).toBe(await publicBuild.page(file));
    }
  });
});

describe('an internal build', () => {
  it('publishes the private dataset, its tag, topic and team, marked as private', async () => {
    expect(internalBuild.files).toEqual(expect.arrayContaining(['dataset/secret-staff/index.html', 'tag/sickness-absence-secret/index.html', 'topic/staffing/index.html', 'team/human-resources/index.html']));
    const page = await internalBuild.page('dataset/secret-staff/index.html');
    expect(page).toContain(`<strong class="badge badge--private">${privateLabel}</strong>`);
  });

  it('marks the private dataset in every list it is in, and no other dataset', async () => {
    for (const file of ['datasets/index.html', 'datasets/2/index.html', 'team/human-resources/index.html', 'topic/staffing/index.html', 'tag/sickness-absence-secret/index.html']) {
      const html = await internalBuild.page(file);
      // A list's items, or a tag page's rows.
      const items = html.split(/<li><h2>|<tr><th>/).slice(1);
      expect(items.length, file).toBeGreaterThan(0);
      for (const item of items) expect(item.includes(privateLabel), `${file}: ${item.slice(0, 120)}`).toBe(item.includes('Confidential Staff Sickness Register'));
    }
    const all = (await internalBuild.page('datasets/index.html')) + (await internalBuild.page('datasets/2/index.html'));
    expect(all.split(privateLabel)).toHaveLength(2);
  });

  it('warns on every page that it must not be published, and keeps search engines out', async () => {
    for (const file of pages(internalBuild)) {
      const html = await internalBuild.page(file);
      expect(html, file).toContain('This copy of the catalogue includes private datasets. Do not publish it.');
      expect(html, file).toContain('<meta name="robots" content="noindex, nofollow">');
    }
  });
});
