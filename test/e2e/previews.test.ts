// File previews as a reader meets them, in Chromium with JavaScript off: from a dataset's files
// table to a file's first rows and column dictionary (a section of the dataset's page), checked against the CSV itself (parsed here by
// csv-parse on its own), the publisher's column descriptions, a malformed file's note and a workbook.
// The example catalogue is copied, and one dataset with awkward files is added to the copy.
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from '../../src/build/build.ts';
import type { Catalogue } from '../../src/catalogue/model.ts';
import { startPreview } from '../../src/preview/server.ts';
import { repoRoot } from '../helpers/content.ts';
import { buildFolder, type BuildFolder } from '../site/build-folder.ts';
import { axeViolations, launchChromium, viewports } from './browser.ts';

/** Beside the site tests' screenshots, to be looked at by a person. */
const screenshotDir = path.join(tmpdir(), 'datashelf-screenshots');

let folder: BuildFolder;
let catalogue: Catalogue;
let server: Server;
let origin: string;
let browser: Browser;
let contentDir: string;

const awkward = `---
title: Preview checks
team: ${'{team}'}
resources:
  - id: broken
    title: A broken file
    file: broken.csv
  - id: workbook
    title: Visits workbook
    file: visits.xlsx
---
Files a preview must cope with.
`;

beforeAll(async () => {
  folder = await buildFolder('previews');
  contentDir = path.join(folder.dir, 'content');
  await cp(path.join(repoRoot, 'content'), contentDir, { recursive: true });
  const team = /^- id: (\S+)/m.exec(await readFile(path.join(contentDir, 'teams.yaml'), 'utf8'))![1]!;
  const dataset = path.join(contentDir, 'datasets', 'preview-checks');
  await mkdir(dataset, { recursive: true });
  await writeFile(path.join(dataset, 'index.md'), awkward.replace('{team}', team));
  await writeFile(path.join(dataset, 'broken.csv'), 'ward,count\nNorth,3\nSouth,4,extra\nEast,5\n');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Visits');
  sheet.addRow(['Library', 'Visits']);
  sheet.addRow(['Central', 120345]);
  sheet.addRow(['Riverside', 9001]);
  await workbook.xlsx.writeFile(path.join(dataset, 'visits.xlsx'));

  const outDir = path.join(folder.dir, 'site');
  ({ catalogue } = await buildSite({ contentDir, outDir }));
  server = await startPreview({ root: outDir, port: 0, host: '127.0.0.1' });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
  await mkdir(screenshotDir, { recursive: true });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  await folder?.remove();
});

const url = (sitePath: string) => `${origin}${catalogue.site.basePath}${sitePath}`;

/** A page with JavaScript off, as the previews need none; axe itself needs it on. */
async function withPage<T>(viewport: keyof typeof viewports, work: (page: Page) => Promise<T>, javaScriptEnabled = false): Promise<T> {
  const context = await browser.newContext({ viewport: viewports[viewport], javaScriptEnabled });
  try {
    return await work(await context.newPage());
  } finally {
    await context.close();
  }
}

const cellsOf = (scope: Page | Locator, selector: string) => scope.locator(selector).evaluateAll((cells) => cells.map((cell) => (cell as HTMLElement).innerText.trim()));

/** A file's preview: the section of its dataset's page named by its heading. */
const section = (page: Page, title: string) => page.getByRole('region', { name: new RegExp(`^(Preview|Summary) of ${title}$`) });

describe('a CSV file’s preview', () => {
  it('is reached from the dataset’s files table and shows the file’s first rows and its row count', async () => {
    const source = path.join(contentDir, 'datasets/air-quality/no2-diffusion-tubes-2024.csv');
    const [header, ...records] = parse(await readFile(source), { bom: true, skip_empty_lines: true }) as string[][];
    await withPage('desktop', async (page) => {
      await page.goto(url('dataset/air-quality/'));
      await page.getByRole('link', { name: 'Preview and columns of Monthly NO2 diffusion tube results 2024' }).click();
      const address = new URL(page.url());
      expect(address.pathname).toBe(`${catalogue.site.basePath}dataset/air-quality/`);
      expect(address.hash).toBe('#preview-no2-2024');
      // The link lands on the section's heading.
      expect((await page.locator(':target').innerText()).trim()).toBe('Preview of Monthly NO2 diffusion tube results 2024');
      const preview = section(page, 'Monthly NO2 diffusion tube results 2024');

      const table = preview.getByRole('table', { name: /^Monthly NO2 diffusion tube results 2024: / });
      expect((await table.locator('caption').innerText()).trim()).toBe(`Monthly NO2 diffusion tube results 2024: the first 10 of ${records.length} rows`);
      expect(await table.locator('thead th[scope="col"]').allInnerTexts()).toEqual(header);
      const shown = await table.locator('tbody tr').evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent ?? '')));
      expect(shown).toEqual(records.slice(0, 10));
      expect(await preview.locator('.file-preview__meta').innerText()).toContain(`${records.length} rows, ${header!.length} columns`);
    });
  });

  it('has a column dictionary with the file’s types and the publisher’s descriptions and units, and the same columns as the CKAN resource’s Table Schema', async () => {
    await withPage('desktop', async (page) => {
      await page.goto(url('dataset/air-quality/'));
      const dictionary = section(page, 'Monthly NO2 diffusion tube results 2024').getByRole('table', { name: 'The 5 columns of Monthly NO2 diffusion tube results 2024' });
      expect(await dictionary.locator('tbody th[scope="row"]').allInnerTexts()).toEqual(['site_id', 'site_name', 'month', 'no2_ugm3', 'note']);
      const row = dictionary.locator('tbody tr', { has: page.locator('th', { hasText: /^no2_ugm3$/ }) });
      const cells = await row.locator('td').allInnerTexts();
      expect(cells.slice(0, 3)).toEqual(['Number', 'Monthly mean nitrogen dioxide concentration, not bias adjusted. Empty when the tube was missing or damaged.', 'µg/m³']);
    });
    // No schema.json: the Table Schema is the CKAN resource's `schema`, where CKAN sites put it.
    const answer = (await (await fetch(url('api/3/action/package_show?id=air-quality'))).json()) as { result: { resources: { name: string; schema?: { fields: { name: string; type: string; unit?: string }[] } }[] } };
    const resource = answer.result.resources.find((candidate) => candidate.name === 'Monthly NO2 diffusion tube results 2024')!;
    expect(resource.schema!.fields.map((field) => field.name)).toEqual(['site_id', 'site_name', 'month', 'no2_ugm3', 'note']);
    expect(resource.schema!.fields.find((field) => field.name === 'no2_ugm3')).toMatchObject({ type: 'number', unit: 'µg/m³' });
    expect((await fetch(url('api/datasets/air-quality/no2-2024/schema.json'))).status).toBe(404);
  });

  it('passes axe, and on a phone scrolls the table in its own region, never the page', async () => {
    for (const viewport of ['desktop', 'phone'] as const) {
      await withPage(viewport, async (page) => {
        await page.goto(url('dataset/air-quality/'));
        expect(await axeViolations(page)).toEqual([]);
        const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, window: window.innerWidth }));
        expect(widths.page).toBeLessThanOrEqual(widths.window);
        await section(page, 'Monthly NO2 diffusion tube results 2024').screenshot({ path: path.join(screenshotDir, `file-preview-${viewport}.png`) });
      }, true);
    }
  });
});

describe('the address a file’s preview had as a page of its own', () => {
  it('sends a reader with JavaScript on to the section of the dataset’s page', async () => {
    await withPage('desktop', async (page) => {
      const answer = await page.goto(url('dataset/air-quality/preview/no2-2024/'));
      expect(answer!.status()).toBe(404);
      await page.waitForURL((address) => address.hash === '#preview-no2-2024');
      expect(new URL(page.url()).pathname).toBe(`${catalogue.site.basePath}dataset/air-quality/`);
      expect((await page.locator(':target').innerText()).trim()).toBe('Preview of Monthly NO2 diffusion tube results 2024');
    }, true);
  });

  it('says where previews went when JavaScript is off, and leaves other missing addresses alone', async () => {
    await withPage('desktop', async (page) => {
      await page.goto(url('dataset/air-quality/preview/no2-2024/'));
      expect(await page.locator('h1').innerText()).toBe('Page not found');
      expect(await page.locator('main').innerText()).toContain("A file's preview is now part of its dataset's page");
    });
    await withPage('desktop', async (page) => {
      await page.goto(url('dataset/air-quality/nothing/here/'));
      await page.waitForLoadState('load');
      expect(new URL(page.url()).pathname).toBe(`${catalogue.site.basePath}dataset/air-quality/nothing/here/`);
    }, true);
  });
});

describe('a file the build cannot read whole', () => {
  it('gets a note on its dataset’s page, the rows before the problem, and the build still succeeds', async () => {
    await withPage('desktop', async (page) => {
      await page.goto(url('dataset/preview-checks/'));
      await page.getByRole('link', { name: 'Preview and columns of A broken file' }).click();
      const preview = section(page, 'A broken file');
      expect(await preview.locator('.preview-problem').innerText()).toContain('Line 3: this row has a different number of cells from the header row.');
      expect(await cellsOf(preview, '.data-preview tbody td')).toEqual(['North', '3']);
      expect(await preview.locator('.file-preview__meta').innerText()).toContain('Rows not known');
    });
  });
});

describe('an XLSX file’s preview', () => {
  it('shows its first sheet', async () => {
    await withPage('desktop', async (page) => {
      await page.goto(url('dataset/preview-checks/'));
      const preview = section(page, 'Visits workbook');
      expect(await preview.locator('.file-preview__meta').innerText()).toContain('2 rows, 2 columns (sheet Visits)');
      expect(await cellsOf(preview, '.data-preview tbody td')).toEqual(['Central', '120345', 'Riverside', '9001']);
      expect(await cellsOf(preview, '.column-dictionary tbody td:nth-of-type(1)')).toEqual(['Text', 'Whole number']);
    });
  });
});

describe('a GeoJSON file', () => {
  it('is summarised by its features and extent', async () => {
    const geojson = JSON.parse(await readFile(path.join(contentDir, 'datasets/air-quality/monitoring-sites.geojson'), 'utf8')) as { features: unknown[] };
    await withPage('desktop', async (page) => {
      await page.goto(url('dataset/air-quality/'));
      await page.getByRole('link', { name: 'Features and extent of Monitoring site locations' }).click();
      expect(new URL(page.url()).hash).toBe('#preview-sites');
      const facts = (await section(page, 'Monitoring site locations').locator('.geo-summary').innerText()).replace(/\s+/g, ' ');
      expect(facts).toContain(`Features ${geojson.features.length}`);
      expect(facts).toContain('Geometry Point');
      expect(facts).toMatch(/Extent From [\d.]+° W to [\d.]+° W and from [\d.]+° N to [\d.]+° N/);
    });
  });
});
