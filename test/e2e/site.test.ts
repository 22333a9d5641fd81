// The example catalogue in content/, built and served as a static host serves it, used in a real
// browser: what a reader relies on, with and without JavaScript, on a desktop and on a phone.
import { mkdir, readFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from '../../src/build/build.ts';
import type { Catalogue, Dataset } from '../../src/catalogue/model.ts';
import { startPreview } from '../../src/preview/server.ts';
import { customFacts, privateLabel } from '../../src/site/dataset-view.ts';
import { formatDate, humanFileSize } from '../../src/site/format.ts';
import { accessibilityPath, apiPath, datasetPath, reviewReportPath, tagPath, tagsPath, teamPath, teamsPath, topicPath, topicsPath } from '../../src/site/links.ts';
import { reviewReport, reviewState } from '../../src/catalogue/review.ts';
import { sortByRecentUpdate, tagListings, teamListings, topicListings } from '../../src/site/listings.ts';
import { buildFolder, type BuildFolder } from '../site/build-folder.ts';
import { axeViolations, launchChromium, viewports } from './browser.ts';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const contentDir = path.join(projectRoot, 'content');
/** Where the screenshots go, to be looked at by a person (ignored by Git; see docs/quality.md). */
export const screenshotDir = path.join(projectRoot, 'test-results', 'screenshots');

let folder: BuildFolder;
let catalogue: Catalogue;
let server: Server;
let origin: string;
let browser: Browser;

beforeAll(async () => {
  folder = await buildFolder('e2e');
  const outDir = path.join(folder.dir, 'site');
  ({ catalogue } = await buildSite({ contentDir, outDir }));
  server = await startPreview({ root: outDir, port: 0, host: '127.0.0.1' });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
  await mkdir(screenshotDir, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  await folder?.remove();
});

/** What a reader sees in an element, spaces and line breaks collapsed. */
const textOf = async (locator: Locator) => (await locator.innerText()).replace(/\s+/g, ' ').trim();

const url = (sitePath: string) => `${origin}${catalogue.site.basePath}${sitePath}`;

async function withPage<T>(options: { viewport?: keyof typeof viewports; javaScript?: boolean }, work: (page: Page, context: BrowserContext) => Promise<T>): Promise<T> {
  const context = await browser.newContext({ viewport: viewports[options.viewport ?? 'desktop'], javaScriptEnabled: options.javaScript ?? true });
  try {
    return await work(await context.newPage(), context);
  } finally {
    await context.close();
  }
}

/** The dataset that exercises the most of a dataset page: local files, custom fields, links. */
function richestDataset(): Dataset {
  const score = (dataset: Dataset) =>
    dataset.resources.filter((resource) => resource.kind === 'file').length * 3 + Object.keys(dataset.custom).length + dataset.links.length + (dataset.editUrl ? 1 : 0);
  return [...catalogue.datasets].sort((a, b) => score(b) - score(a) || a.id.localeCompare(b.id))[0]!;
}

describe('the home page', () => {
  it('says what the catalogue holds and lists every topic with its datasets', async () => {
    await withPage({}, async (page) => {
      await page.goto(url(''));
      expect(await textOf(page.locator('h1'))).toBe(catalogue.site.title);
      const stats = await page.locator('.stats__item').allInnerTexts();
      expect(stats.map((stat) => stat.replace(/\s+/g, ' '))).toContain(`${catalogue.datasets.length} datasets`);
      const topics = topicListings(catalogue);
      const cards = page.locator('#topics ~ .card-grid .card');
      expect(await cards.locator('h3').allInnerTexts()).toEqual(topics.map((listing) => listing.topic.title));
      for (const [index, listing] of topics.entries()) {
        const card = cards.nth(index);
        expect(await card.locator('a').getAttribute('href')).toBe(`${catalogue.site.basePath}${topicPath(listing.topic.id)}`);
        expect(await card.locator('.card__count').innerText()).toBe(`${listing.datasets.length} dataset${listing.datasets.length === 1 ? '' : 's'}`);
      }
    });
  });

  it('lists the most recently updated datasets, and every team that publishes', async () => {
    await withPage({}, async (page) => {
      await page.goto(url(''));
      const recent = sortByRecentUpdate(catalogue.datasets).slice(0, 6).map((dataset) => dataset.title);
      expect(await page.locator('section[aria-labelledby="recent-heading"] h3').allInnerTexts()).toEqual(recent);
      expect(await page.locator('section[aria-labelledby="teams-heading"] li a').allInnerTexts()).toEqual(teamListings(catalogue).map((listing) => listing.team.title));
    });
  });

  it('starts with a skip link that moves focus to the main content', async () => {
    await withPage({}, async (page) => {
      await page.goto(url(''));
      await page.keyboard.press('Tab');
      const focused = page.locator(':focus');
      expect(await textOf(focused)).toBe('Skip to main content');
      expect(await focused.isVisible()).toBe(true);
      await page.keyboard.press('Enter');
      // The address changes once the browser has followed the link (read at once, it failed under load).
      await page.waitForURL(/#main$/);
    });
  });
});

describe('the dataset list', () => {
  it('pages through every dataset, most recently updated first, with Next links', async () => {
    await withPage({}, async (page) => {
      await page.goto(url('datasets/'));
      const listed: string[] = [];
      for (let pageNumber = 1; ; pageNumber += 1) {
        if (await page.locator('.pagination').count()) expect(await page.locator('.pagination [aria-current="page"]').innerText()).toBe(String(pageNumber));
        const titles = await page.locator('.dataset-list h2').allInnerTexts();
        expect(titles.length).toBeLessThanOrEqual(20);
        listed.push(...titles);
        const next = page.locator('.pagination a[rel="next"]');
        if ((await next.count()) === 0) break;
        await next.click();
        await page.waitForURL(url(`datasets/${pageNumber + 1}/`));
      }
      expect(listed).toEqual(sortByRecentUpdate(catalogue.datasets).map((dataset) => dataset.title));
    });
  });

  it('marks Datasets as the current section of the main navigation', async () => {
    await withPage({}, async (page) => {
      await page.goto(url('datasets/'));
      expect(await textOf(page.locator('nav[aria-label="Main"] [aria-current="page"]'))).toBe('Datasets');
    });
  });
});

describe('a dataset page', () => {
  it('shows the title, the sidebar facts and the edit link', async () => {
    const dataset = richestDataset();
    await withPage({}, async (page) => {
      await page.goto(url(datasetPath(dataset.id)));
      expect(await textOf(page.locator('h1'))).toBe(dataset.title);
      const facts = page.locator('.facts');
      const fact = (title: string) => facts.locator('.facts__list > div', { has: page.locator('dt', { hasText: new RegExp(`^${title}$`) }) }).locator('dd');
      expect(await textOf(fact('Published by'))).toBe(dataset.team.title);
      if (dataset.licence) expect(await textOf(fact('Licence'))).toContain(dataset.licence.title);
      if (dataset.contact) expect(await textOf(fact('Contact'))).toContain(dataset.contact.title);
      if (dataset.nextReviewDate) expect(await textOf(fact('Next review'))).toBe(formatDate(dataset.nextReviewDate));
      for (const custom of customFacts(catalogue.site, dataset)) expect(await textOf(fact(custom.title))).toBe(custom.values.join(' '));
      expect(await facts.locator('.tag-list a').allInnerTexts()).toEqual(dataset.tags.map((tag) => tag.name));
      expect(await facts.locator('.facts__links a').allInnerTexts()).toEqual(dataset.topics.map((topic) => topic.title));
      expect(await page.getByRole('link', { name: 'Edit this dataset', exact: true }).getAttribute('href')).toBe(dataset.editUrl);
    });
  });

  it('lists its files with format, human size and time frame, and each download brings the file itself', async () => {
    const dataset = richestDataset();
    await withPage({}, async (page) => {
      await page.goto(url(datasetPath(dataset.id)));
      const rows = page.locator('.files-table tbody tr');
      expect(await rows.count()).toBe(dataset.resources.length);
      let downloaded = 0;
      for (const [index, resource] of dataset.resources.entries()) {
        const row = rows.nth(index);
        expect(await textOf(row.locator('th'))).toContain(resource.title);
        expect(await textOf(row.locator('td:nth-child(2)'))).toBe(resource.format);
        if (resource.size !== null) expect(await textOf(row.locator('td:nth-child(3)'))).toBe(humanFileSize(resource.size));
        const link = row.getByRole('link', { name: new RegExp(`^Download ${escapeRegExp(resource.title)} \\(${resource.format}`) });
        expect(await link.count()).toBe(1);
        if (resource.kind !== 'file') continue;
        const response = await page.request.get(new URL((await link.getAttribute('href'))!, page.url()).toString());
        expect(response.status()).toBe(200);
        expect(Buffer.from(await response.body()).equals(await readFile(resource.sourcePath!)), `${resource.title} downloads other bytes`).toBe(true);
        downloaded += 1;
      }
      expect(downloaded).toBeGreaterThan(0);
    });
  });

  it('links this dataset in the CKAN API and DCAT, and the page of the site’s exports', async () => {
    const dataset = richestDataset();
    await withPage({}, async (page) => {
      await page.goto(url(datasetPath(dataset.id)));
      const api = page.locator('section[aria-labelledby="api-heading"]');
      expect(await api.locator('a').evaluateAll((links) => links.map((link) => link.getAttribute('href')))).toEqual([
        `${catalogue.site.basePath}api/3/action/package_show?id=${dataset.id}`,
        `${catalogue.site.basePath}dataset/${dataset.id}.ttl`,
        `${catalogue.site.basePath}dataset/${dataset.id}.jsonld`,
        // The whole catalogue's downloads: on the /api/ page, not repeated on every dataset page.
        `${catalogue.site.basePath}api/`,
      ]);
      const exportJson = await page.request.get(url('api/datasets/export.json'));
      expect(exportJson.status()).toBe(200);
    });
  });

  it('never shows a private badge in a public build', async () => {
    await withPage({}, async (page) => {
      await page.goto(url(datasetPath(richestDataset().id)));
      expect(await page.getByText(privateLabel).count()).toBe(0);
    });
  });
});

describe('topic, team and tag pages', () => {
  it('list exactly the datasets of their topic, team or tag', async () => {
    const [topic] = topicListings(catalogue);
    const [team] = teamListings(catalogue);
    const [tag] = tagListings(catalogue);
    await withPage({}, async (page) => {
      for (const [sitePath, heading, datasets] of [
        [topicPath(topic!.topic.id), topic!.topic.title, topic!.datasets],
        [teamPath(team!.team.id), team!.team.title, team!.datasets],
      ] as const) {
        await page.goto(url(sitePath));
        expect(await textOf(page.locator('h1'))).toBe(heading);
        expect(await page.locator('.dataset-list h2').allInnerTexts()).toEqual(datasets.slice(0, 20).map((dataset) => dataset.title));
      }
      // A tag's page: a row each, 100 to a page, the title linked, then the publisher and the date.
      await page.goto(url(tagPath(tag!.slug)));
      expect(await textOf(page.locator('h1'))).toBe(tag!.name);
      const rows = page.locator('.dataset-rows tbody tr');
      expect(await rows.locator('th a').allInnerTexts()).toEqual(tag!.datasets.slice(0, 100).map((dataset) => dataset.title));
      expect(await rows.first().locator('td').allInnerTexts()).toEqual([tag!.datasets[0]!.team.title, tag!.datasets[0]!.updatedAt ? formatDate(tag!.datasets[0]!.updatedAt) : '']);
    });
  });

  it('lead from a tag\'s page to a search within that tag, which finds exactly its datasets', async () => {
    const tag = tagListings(catalogue).find((listing) => listing.datasets.length > 1 && listing.datasets.length <= 20)!;
    await withPage({}, async (page) => {
      await page.goto(url(tagPath(tag.slug)));
      await page.getByRole('link', { name: 'Search within them' }).click();
      await page.waitForURL(url(`datasets/?tag=${encodeURIComponent(tag.slug)}`));
      await page.waitForFunction((count) => (document.querySelector('[data-search-status]')?.textContent ?? '').startsWith(`${count} datasets`), tag.datasets.length);
      const shown = await page.locator('[data-search-results] .dataset-list h2').allInnerTexts();
      expect(shown.sort()).toEqual(tag.datasets.slice(0, 20).map((dataset) => dataset.title).sort());
    });
  });

  it('answer an unknown address with the 404 page', async () => {
    await withPage({}, async (page) => {
      const response = await page.goto(url('topic/no-such-topic/'));
      expect(response?.status()).toBe(404);
      expect(await textOf(page.locator('h1'))).toBe('Page not found');
    });
  });
});

/** One page of each kind, and the dataset pages that stress the layout most. */
function pagesOfEachKind(): [string, string][] {
  const withMasthead = catalogue.datasets.find((dataset) => dataset.masthead);
  const withTable = catalogue.datasets.find((dataset) => dataset.descriptionHtml.includes('<table>'));
  const withExternalFile = catalogue.datasets.find((dataset) => dataset.resources.some((resource) => resource.kind === 'url'));
  const kinds: [string, string | undefined][] = [
    ['home', ''],
    ['dataset list', 'datasets/'],
    ['dataset list, last page', catalogue.datasets.length > 20 ? `datasets/${Math.ceil(catalogue.datasets.length / 20)}/` : undefined],
    ['dataset with files, links and custom fields', datasetPath(richestDataset().id)],
    ['dataset with a masthead', withMasthead && datasetPath(withMasthead.id)],
    ['dataset with a table in its description', withTable && datasetPath(withTable.id)],
    ['dataset with an external file', withExternalFile && datasetPath(withExternalFile.id)],
    ['topic', topicPath(topicListings(catalogue)[0]!.topic.id)],
    ['team', teamPath(teamListings(catalogue)[0]!.team.id)],
    ['tag', tagPath(tagListings(catalogue)[0]!.slug)],
    ['topics index', topicsPath],
    ['publishers index', teamsPath],
    ['tags index', tagsPath],
    ['API page', apiPath],
    ['accessibility statement', accessibilityPath],
    ['review report', reviewReportPath],
    ['not found', 'no-such-page/'],
  ];
  return kinds.filter((kind): kind is [string, string] => kind[1] !== undefined);
}

describe('accessibility', () => {
  for (const viewport of ['desktop', 'phone'] as const) {
    it(`axe-core finds no violation on a page of each kind, ${viewport}`, async () => {
      await withPage({ viewport }, async (page) => {
        const problems: string[] = [];
        for (const [kind, sitePath] of pagesOfEachKind()) {
          await page.goto(url(sitePath));
          problems.push(...(await axeViolations(page)).map((problem) => `${kind} (/${sitePath}): ${problem}`));
        }
        expect(problems).toEqual([]);
      });
    });
  }

  it('no page is wider than a 375px phone', async () => {
    await withPage({ viewport: 'phone' }, async (page) => {
      const tooWide: string[] = [];
      for (const [kind, sitePath] of pagesOfEachKind()) {
        await page.goto(url(sitePath));
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        if (width > viewports.phone.width) tooWide.push(`${kind}: ${width}px`);
      }
      expect(tooWide).toEqual([]);
    });
  });
});

describe('without JavaScript', () => {
  it('every kind of page reads in full, and no page but the dataset list (its search) loads a script', async () => {
    await withPage({ javaScript: false }, async (page) => {
      for (const [kind, sitePath] of pagesOfEachKind()) {
        const response = await page.goto(url(sitePath));
        const html = (await response!.text());
        // The dataset list's first page runs its search (test/e2e/search.test.ts) on top of the built list:
        // its module, and the inline script that imports it early, both in the head.
        const scripts = html.match(/<script(?![^>]*type="application\/ld\+json")[^>]*>/g) ?? [];
        // The 404 page's inline script only sends a file preview's old address on to its section (src/pages/404.astro).
        const expected = sitePath === 'datasets/' ? [expect.stringMatching(/^<script type="module" src="[^"]+\.js">$/), `<script data-search-base="${catalogue.site.basePath}">`] : sitePath === 'no-such-page/' ? ['<script>'] : [];
        expect(scripts, kind).toEqual(expected);
        expect(await page.locator('h1').isVisible(), kind).toBe(true);
        expect((await textOf(page.locator('main'))).length, kind).toBeGreaterThan(50);
      }
      await page.goto(url(datasetPath(richestDataset().id)));
      expect(await page.locator('.files-table tbody tr').first().isVisible()).toBe(true);
      expect(await page.locator('.facts').isVisible()).toBe(true);
    });
  });
});

describe('screenshots', () => {
  it('of the home page, the dataset list and a dataset page, on a desktop and a phone', async () => {
    const shots = [
      ['home', ''],
      ['list', 'datasets/'],
      ['dataset', datasetPath(catalogue.datasets.find((dataset) => dataset.masthead && dataset.resources.length > 1)?.id ?? richestDataset().id)],
    ] as const;
    for (const viewport of ['desktop', 'phone'] as const) {
      await withPage({ viewport }, async (page) => {
        for (const [name, sitePath] of shots) {
          await page.goto(url(sitePath));
          const file = path.join(screenshotDir, `${name}-${viewport}.png`);
          await page.screenshot({ path: file, fullPage: true });
          expect((await readFile(file)).length).toBeGreaterThan(10_000);
        }
      });
    }
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('the main navigation', () => {
  const sections = [
    ['Datasets', 'datasets/'],
    ['Topics', topicsPath],
    ['Publishers', teamsPath],
    ['API', apiPath],
  ] as const;

  for (const viewport of ['desktop', 'phone'] as const) {
    it(`shows Datasets, Topics, Publishers and API, each marked current on its own page, ${viewport}`, async () => {
      await withPage({ viewport }, async (page) => {
        for (const [label, sitePath] of sections) {
          await page.goto(url(''));
          const link = page.locator('nav[aria-label="Main"]').getByRole('link', { name: label, exact: true });
          expect(await link.isVisible(), label).toBe(true);
          const box = (await link.boundingBox())!;
          expect(box.x >= 0 && box.x + box.width <= viewports[viewport].width, `${label} within the screen`).toBe(true);
          await link.click();
          await page.waitForURL(url(sitePath));
          expect(await textOf(page.locator('nav[aria-label="Main"] [aria-current="page"]'))).toBe(label);
        }
      });
    });
  }

  it('marks the section a page sits in: Topics on a topic, Publishers on a team, Datasets on a dataset', async () => {
    const topic = topicListings(catalogue)[0]!.topic;
    const team = teamListings(catalogue)[0]!.team;
    await withPage({}, async (page) => {
      for (const [sitePath, label] of [[topicPath(topic.id), 'Topics'], [teamPath(team.id), 'Publishers'], [datasetPath(richestDataset().id), 'Datasets']] as const) {
        await page.goto(url(sitePath));
        expect(await textOf(page.locator('nav[aria-label="Main"] [aria-current="true"]')), sitePath).toBe(label);
      }
    });
  });

  it('lists every topic and every publishing team on their index pages, and leads a dataset\'s breadcrumb through its first topic', async () => {
    await withPage({}, async (page) => {
      await page.goto(url(topicsPath));
      expect(await page.locator('main .card h2').allInnerTexts()).toEqual(topicListings(catalogue).map((listing) => listing.topic.title));
      await page.goto(url(teamsPath));
      expect(await page.locator('main .card h2').allInnerTexts()).toEqual(teamListings(catalogue).map((listing) => listing.team.title));
      const dataset = catalogue.datasets.find((item) => item.topics.length > 0)!;
      await page.goto(url(datasetPath(dataset.id)));
      expect(await page.locator('nav[aria-label="Breadcrumb"] a').allInnerTexts()).toEqual(['Home', 'Topics', dataset.topics[0]!.title]);
    });
  });
});

describe('review status', () => {
  const overdue = () => catalogue.datasets.filter((dataset) => reviewState(dataset.nextReviewDate, catalogue.today) === 'overdue');

  it('marks a dataset overdue for review on its page and in the dataset list, and no other', async () => {
    // The example catalogue has reviews overdue on purpose (content/README.md).
    expect(overdue().length).toBeGreaterThan(0);
    await withPage({}, async (page) => {
      for (const dataset of catalogue.datasets) {
        await page.goto(url(datasetPath(dataset.id)));
        expect(await page.locator('.dataset-header .badge--overdue').count(), dataset.id).toBe(overdue().includes(dataset) ? 1 : 0);
      }
      const listed = new Map<string, boolean>();
      for (let pageNumber = 1; ; pageNumber += 1) {
        await page.goto(url(pageNumber === 1 ? 'datasets/' : `datasets/${pageNumber}/`));
        for (const entry of await page.locator('[data-built-list] .dataset-list > li').all()) {
          listed.set(await textOf(entry.locator('h2')), (await entry.locator('.badge--overdue').count()) === 1);
        }
        if ((await page.locator('.pagination a[rel="next"]').count()) === 0) break;
      }
      expect(listed).toEqual(new Map(sortByRecentUpdate(catalogue.datasets).map((dataset) => [dataset.title, overdue().includes(dataset)])));
      const first = overdue()[0]!;
      await page.goto(url(datasetPath(first.id)));
      expect(await textOf(page.locator('.dataset-header .badge--overdue'))).toBe(`Overdue for review (due ${formatDate(first.nextReviewDate!)})`);
    });
  });

  it('lists overdue and due datasets by team with their contacts on the report, and the same in its CSV', async () => {
    const groups = reviewReport(catalogue.datasets, catalogue.today);
    await withPage({}, async (page) => {
      const response = await page.goto(url(reviewReportPath));
      expect(response?.status()).toBe(200);
      expect(await page.locator('meta[name="robots"]').getAttribute('content')).toBe('noindex, nofollow');
      expect(await page.locator('main h2').allInnerTexts()).toEqual(groups.map((group) => group.team.title));
      for (const group of groups) {
        const rows = page.locator('section', { has: page.locator('h2', { hasText: group.team.title }) }).locator('tbody tr');
        expect(await rows.locator('th').allInnerTexts()).toEqual(group.entries.map((entry) => entry.dataset.title));
        for (const [index, entry] of group.entries.entries()) {
          if (entry.contact?.email) expect(await rows.nth(index).locator('a[href^="mailto:"]').getAttribute('href')).toBe(`mailto:${entry.contact.email}`);
        }
      }
      const csvLink = page.getByRole('link', { name: 'Download this report as CSV' });
      const csv = await (await fetch(new URL((await csvLink.getAttribute('href'))!, origin))).text();
      const csvRows = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
      expect(csvRows[0]).toBe('team,state,nextReviewDate,days,datasetId,datasetTitle,webpage,contactTitle,contactEmail');
      expect(csvRows.slice(1).map((row) => row.split(',')[4])).toEqual(groups.flatMap((group) => group.entries.map((entry) => entry.dataset.id)));
      // Not in the public header, nor in the sitemap.
      await page.goto(url(''));
      expect(await page.locator(`header a[href$="${reviewReportPath}"]`).count()).toBe(0);
      const sitemap = await (await fetch(url('sitemap.xml'))).text();
      expect(sitemap).not.toContain(reviewReportPath);
      expect(sitemap).toContain(`${catalogue.site.url}${topicsPath}`);
    });
  });
});

describe('a dataset page on a phone', () => {
  it('puts the facts (publisher, licence, contact, dates) right under the title, before the files', async () => {
    const dataset = richestDataset();
    await withPage({ viewport: 'phone' }, async (page) => {
      await page.goto(url(datasetPath(dataset.id)));
      const top = async (selector: string) => (await page.locator(selector).first().boundingBox())!.y;
      const titleBottom = await page.locator('h1').evaluate((element) => element.getBoundingClientRect().bottom + window.scrollY);
      const facts = await top('.facts');
      expect(facts).toBeGreaterThan(titleBottom);
      expect(facts - titleBottom).toBeLessThan(200);
      expect(facts).toBeLessThan(await top('#files-heading'));
      expect(facts).toBeLessThan(viewports.phone.height);
    });
  });

  it('keeps the facts beside the title on a desktop', async () => {
    const dataset = richestDataset();
    await withPage({}, async (page) => {
      await page.goto(url(datasetPath(dataset.id)));
      const title = (await page.locator('h1').boundingBox())!;
      const facts = (await page.locator('.facts').boundingBox())!;
      expect(facts.x).toBeGreaterThan(title.x + title.width - 1);
      expect(Math.abs(facts.y - title.y)).toBeLessThan(150);
    });
  });

  it('offers to report a problem by e-mail to the dataset\'s contact, and the licence\'s attribution line', async () => {
    const dataset = catalogue.datasets.find((item) => item.contact?.email)!;
    await withPage({ viewport: 'phone' }, async (page) => {
      await page.goto(url(datasetPath(dataset.id)));
      const href = (await page.getByRole('link', { name: 'Report a problem with this dataset' }).getAttribute('href'))!;
      const mail = new URL(href);
      expect([mail.protocol, mail.pathname, mail.searchParams.get('subject')]).toEqual(['mailto:', dataset.contact!.email, `Problem: ${dataset.title}`]);
      expect(await textOf(page.locator('.site-footer__attribution'))).toMatch(/^Attribution: Contains /);
      await page.getByRole('link', { name: 'Accessibility statement' }).click();
      await page.waitForURL(url(accessibilityPath));
      expect(await textOf(page.locator('h1'))).toBe(`Accessibility statement for ${catalogue.site.title}`);
    });
  });
});

describe('the API page on a phone', () => {
  it('keeps each endpoint name on one line (its table scrolls), and breaks example addresses only after a separator', async () => {
    await withPage({ viewport: 'phone' }, async (page) => {
      await page.goto(url(apiPath));
      const names = await page.locator('.api-table th[scope="row"] code').evaluateAll((elements) =>
        elements.map((element) => ({ text: element.textContent, lines: new Set([...element.getClientRects()].map((rect) => Math.round(rect.top))).size })));
      expect(names.length).toBeGreaterThan(5);
      expect(names.filter((name) => name.lines !== 1)).toEqual([]);
      // Every line of an example ends where the address allows a break: after / ? & = @ (our <wbr>s) or
      // a hyphen (where browsers break words anyway), or before a dot; never inside a word.
      const breaks = await page.locator('.api-table td code').evaluateAll((elements) =>
        elements.flatMap((element) => {
          const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
          const ends: string[] = [];
          let previousTop: number | null = null;
          let previousChar = '';
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const text = node.textContent ?? '';
            for (let index = 0; index < text.length; index += 1) {
              const range = document.createRange();
              range.setStart(node, index);
              range.setEnd(node, index + 1);
              const top = Math.round(range.getBoundingClientRect().top);
              if (previousTop !== null && top > previousTop) ends.push(`${previousChar}|${text[index]}`);
              previousTop = top;
              previousChar = text[index]!;
            }
          }
          return ends;
        }));
      expect(breaks.filter((pair) => !/^[/?&=@-]\||^.\|\.$/.test(pair))).toEqual([]);
    });
  });
});
