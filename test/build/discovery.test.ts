// The discovery outputs of a whole build of the example catalogue in content/, read back as a
// search engine, a harvester or a feed reader would: schema.org JSON-LD on the pages (compared with
// the model), OpenGraph and Twitter tags on every page, sitemap.xml (every URL a file of the build),
// robots.txt, Atom feeds named by their pages, data.json. Then a hostile title, and an internal build.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Parser } from 'htmlparser2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Catalogue } from '../../src/catalogue/model.ts';
import { datasetTimeFrame, lastChanged } from '../../src/outputs/dataset-dates.ts';
import { buildInto, listFiles } from '../helpers/build.ts';
import { contentFrom, repoRoot } from '../helpers/content.ts';
import { activeContent, elementsOf } from '../helpers/html.ts';
import { childText, childrenNamed, parseXml } from '../helpers/xml.ts';

/** Every `<script>` of a page: its type and its text, as a browser's parser reads them. */
function scriptTexts(html: string): { type: string | undefined; text: string }[] {
  const found: { type: string | undefined; text: string }[] = [];
  let inside = false;
  const parser = new Parser(
    {
      onopentag: (name, attributes) => {
        inside = name === 'script';
        if (inside) found.push({ type: attributes.type, text: '' });
      },
      ontext: (text) => {
        if (inside) found[found.length - 1]!.text += text;
      },
      onclosetag: () => {
        inside = false;
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return found;
}

/** The text of every `<script type="application/ld+json">` of a page, parsed. */
function jsonLd(html: string): Record<string, unknown>[] {
  return scriptTexts(html)
    .filter((script) => script.type === 'application/ld+json')
    .map((script) => JSON.parse(script.text) as Record<string, unknown>);
}

/** `<meta property|name=… content=…>` of a page, by property or name; each key once. */
function metaTags(html: string): Map<string, string[]> {
  const tags = new Map<string, string[]>();
  for (const element of elementsOf(html)) {
    const key = element.name === 'meta' ? (element.attributes.property ?? element.attributes.name) : undefined;
    if (key !== undefined) tags.set(key, [...(tags.get(key) ?? []), element.attributes.content ?? '']);
  }
  return tags;
}

/** The file a static host serves for a site-relative URL path. */
function servedFile(urlPath: string): string {
  const decoded = decodeURIComponent(urlPath);
  return decoded === '' || decoded.endsWith('/') ? `${decoded}index.html` : decoded;
}

let workspace: string;
let outDir: string;
let catalogue: Catalogue;
let files: string[];
const read = (file: string) => readFile(path.join(outDir, file), 'utf8');
const pages = () => files.filter((file) => file.endsWith('.html') && (!file.startsWith('api/') || file === 'api/index.html'));

beforeAll(async () => {
  workspace = await mkdtemp(path.join(tmpdir(), 'datashelf-discovery-'));
  outDir = path.join(workspace, 'dist');
  ({ catalogue } = await buildInto(path.join(repoRoot, 'content'), outDir));
  files = await listFiles(outDir);
});

afterAll(async () => {
  if (workspace) await rm(workspace, { recursive: true, force: true });
});

describe('schema.org JSON-LD', () => {
  it('on every dataset page describes that dataset as the model does', async () => {
    const { site } = catalogue;
    expect(catalogue.datasets.length).toBeGreaterThan(20);
    for (const dataset of catalogue.datasets) {
      const scripts = jsonLd(await read(`dataset/${dataset.id}/index.html`));
      expect(scripts, dataset.id).toHaveLength(1);
      const data = scripts[0]!;
      const frame = datasetTimeFrame(dataset);
      expect(data, dataset.id).toMatchObject({
        '@context': 'https://schema.org',
        '@type': 'Dataset',
        name: dataset.title,
        description: dataset.descriptionText.trim(),
        url: dataset.webpage,
        identifier: dataset.id,
        keywords: dataset.tags.map((tag) => tag.name),
        license: dataset.licence!.url,
        creator: { '@type': 'Organization', name: dataset.team.title },
        publisher: { '@type': 'Organization', name: site.publisher.name },
        datePublished: dataset.createdAt,
        dateModified: dataset.updatedAt,
        includedInDataCatalog: { '@type': 'DataCatalog', '@id': site.url, name: site.title },
      });
      expect((data.description as string).length, dataset.id).toBeGreaterThanOrEqual(50);
      expect(data.temporalCoverage, dataset.id).toBe(frame ? `${frame.from}/${frame.to}` : undefined);
      expect(data.distribution, dataset.id).toEqual(
        dataset.resources.map((resource) => expect.objectContaining({ '@type': 'DataDownload', contentUrl: resource.url, encodingFormat: resource.mediaType ?? resource.format })),
      );
    }
  });

  it('on the home page describes the catalogue, and on no other list page', async () => {
    expect(jsonLd(await read('index.html'))).toEqual([expect.objectContaining({ '@type': 'DataCatalog', '@id': catalogue.site.url, name: catalogue.site.title, url: catalogue.site.url })]);
    expect(jsonLd(await read('datasets/index.html'))).toEqual([]);
  });
});

describe('OpenGraph and Twitter card tags', () => {
  it('are on every page, once each, never empty, with og:url the canonical URL', async () => {
    const required = ['og:title', 'og:description', 'og:url', 'og:type', 'og:site_name', 'og:locale', 'twitter:card'];
    expect(pages().length).toBeGreaterThan(60);
    for (const file of pages()) {
      const html = await read(file);
      const tags = metaTags(html);
      for (const key of required) {
        expect(tags.get(key), `${file} ${key}`).toHaveLength(1);
        expect(tags.get(key)![0]!.trim(), `${file} ${key}`).not.toBe('');
      }
      expect(tags.get('twitter:card'), file).toEqual(['summary']);
      // The card's title and description are OpenGraph's, which X reads when its own are absent: no second copy.
      expect([tags.has('twitter:title'), tags.has('twitter:description')], file).toEqual([false, false]);
      expect(tags.get('og:locale'), file).toEqual(['en_GB']);
      const canonical = elementsOf(html).find((element) => element.name === 'link' && element.attributes.rel === 'canonical')!.attributes.href;
      expect(tags.get('og:url'), file).toEqual([canonical]);
      expect(tags.get('og:description'), file).toEqual(tags.get('description'));
    }
  });
});

describe('sitemap.xml and robots.txt', () => {
  it('list every page of the build but the 404 page, each URL a file of the build, dataset pages dated as their datasets', async () => {
    const root = parseXml(await read('sitemap.xml'));
    expect(root).toMatchObject({ name: 'urlset', namespace: 'http://www.sitemaps.org/schemas/sitemap/0.9' });
    const urls = childrenNamed(root, 'url').map((url) => ({ loc: childText(url, 'loc')!, lastmod: childText(url, 'lastmod') }));
    const listed = urls.map((url) => {
      expect(url.loc.startsWith(catalogue.site.url), url.loc).toBe(true);
      return servedFile(url.loc.slice(catalogue.site.url.length));
    });
    for (const file of listed) expect(files, file).toContain(file);
    // The publishers' review report is kept out on purpose (README "Review dates").
    expect([...listed].sort()).toEqual(pages().filter((file) => file !== '404.html' && file !== 'reports/review/index.html').sort());
    for (const dataset of catalogue.datasets) {
      expect(urls.find((url) => url.loc === dataset.webpage)?.lastmod, dataset.id).toBe(lastChanged(dataset) ?? undefined);
    }
  });

  it('robots.txt lets crawlers in and names the sitemap by its absolute URL', async () => {
    expect(await read('robots.txt')).toBe('User-agent: *\nDisallow:\n\nSitemap: https://data.northbridge.example/sitemap.xml\n');
  });
});

describe('Atom feeds', () => {
  it('are named in the head of the home page, the list of datasets and each topic and team page, and each is there', async () => {
    const alternates = async (file: string) =>
      elementsOf(await read(file))
        .filter((element) => element.name === 'link' && element.attributes.rel === 'alternate' && element.attributes.type === 'application/atom+xml')
        .map((element) => element.attributes.href);
    expect(await alternates('index.html')).toEqual(['/datasets/feed.atom']);
    expect(await alternates('datasets/index.html')).toEqual(['/datasets/feed.atom']);
    const listPages = pages().filter((file) => /^(topic|team)\/[^/]+\/index\.html$/.test(file));
    expect(listPages.length).toBeGreaterThan(10);
    for (const file of listPages) {
      const feed = file.replace('index.html', 'feed.atom');
      expect(await alternates(file), file).toEqual([`/${feed}`]);
      expect(files, feed).toContain(feed);
    }
    expect(await alternates(`dataset/${catalogue.datasets[0]!.id}/index.html`)).toEqual([]);
  });

  it('each parse as Atom with its newest datasets first, at most 50, every entry a dataset of the build', async () => {
    const feeds = files.filter((file) => file.endsWith('.atom'));
    expect(feeds).toContain('datasets/feed.atom');
    const pagesByUrl = new Set(catalogue.datasets.map((dataset) => dataset.webpage));
    for (const file of feeds) {
      const root = parseXml(await read(file));
      expect(root.namespace, file).toBe('http://www.w3.org/2005/Atom');
      expect(childText(root, 'id'), file).toBe(`${catalogue.site.url}${file}`);
      const entries = childrenNamed(root, 'entry');
      expect(entries.length, file).toBeGreaterThan(0);
      expect(entries.length, file).toBeLessThanOrEqual(50);
      const updated = entries.map((entry) => childText(entry, 'updated')!);
      expect(updated, file).toEqual([...updated].sort().reverse());
      expect(childText(root, 'updated'), file).toBe(updated[0]);
      for (const entry of entries) expect(pagesByUrl.has(childText(entry, 'id')!), file).toBe(true);
    }
    expect(childrenNamed(parseXml(await read('datasets/feed.atom')), 'entry')).toHaveLength(catalogue.datasets.length);
  });
});

describe('the other discovery files', () => {
  it('data.json is there, parses, and the home page and /api/ page offer it with the feeds and sitemap', async () => {
    expect(JSON.parse(await read('data.json')).dataset).toHaveLength(catalogue.datasets.length);
    const home = elementsOf(await read('index.html')).map((element) => element.attributes.href);
    expect(home).toEqual(expect.arrayContaining(['/data.json', '/datasets/feed.atom']));
    // Addresses carry line-break opportunities (<wbr>) for phones: the text is what is read.
    const api = (await read('api/index.html')).replaceAll('<wbr>', '');
    for (const text of ['DCAT-US (data.json)', 'Feeds and sitemaps', '<code>/sitemap.xml</code>', '<code>/robots.txt</code>']) expect(api, text).toContain(text);
  });
});

describe('a dataset whose title would close a script element', () => {
  it('keeps the JSON-LD whole, runs nothing, and says the title as written in every tag', async () => {
    const title = '</script><script>alert(1)</script> & "quotes"';
    const { root, contentDir } = await contentFrom('minimal', {
      'datasets/foi.md': `---\ntitle: ${JSON.stringify(title)}\nteam: information\ntopics: [community-information]\n---\nRequests made under the Freedom of Information Act, with how each was answered.\n`,
    });
    try {
      await buildInto(contentDir, path.join(root, 'dist'));
      const html = await readFile(path.join(root, 'dist/dataset/foi/index.html'), 'utf8');
      // The title made no element (inside a quoted attribute a `<` is only text): no script but the JSON-LD holds it.
      expect(scriptTexts(html).filter((script) => script.type !== 'application/ld+json' && script.text.includes('alert(1)'))).toEqual([]);
      expect(activeContent(html).filter((found) => found.includes('script') || found.includes('['))).toEqual([]);
      expect(jsonLd(html)).toHaveLength(1);
      expect(jsonLd(html)[0]!.name).toBe(title);
      expect(metaTags(html).get('og:title')).toEqual([title]);
      expect(metaTags(html).get('twitter:title')).toBeUndefined();
      const feed = parseXml(await readFile(path.join(root, 'dist/topic/community-information/feed.atom'), 'utf8'));
      expect(childrenNamed(feed, 'entry').map((entry) => childText(entry, 'title'))).toContain(title);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe('an internal build (--include-private)', () => {
  it('keeps crawlers out with robots.txt, writes no sitemap, and calls its private dataset non-public in data.json', async () => {
    const { root, contentDir } = await contentFrom('minimal');
    try {
      const internal = path.join(root, 'internal');
      await buildInto(contentDir, internal, true);
      const written = await listFiles(internal);
      expect(await readFile(path.join(internal, 'robots.txt'), 'utf8')).toMatch(/^User-agent: \*\nDisallow: \/\n$/m);
      expect(await readFile(path.join(internal, 'robots.txt'), 'utf8')).not.toMatch(/sitemap/i);
      expect(written.filter((file) => /^sitemap/.test(file))).toEqual([]);
      const dataJson = JSON.parse(await readFile(path.join(internal, 'data.json'), 'utf8')) as { dataset: { identifier: string; accessLevel: string }[] };
      expect(dataJson.dataset.find((dataset) => dataset.identifier === 'secret-staff')?.accessLevel).toBe('non-public');
      expect(await readFile(path.join(internal, 'api/index.html'), 'utf8')).not.toContain('sitemap.xml');
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
