// Every example of every component, alone on a page with the site's stylesheet, passes axe-core
// on a desktop and on a phone.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { componentExamples, listItemComponents } from '../../src/site/components/examples.ts';
import { componentRenderer, type ComponentRenderer } from '../site/render-component.ts';
import { axeViolations, launchChromium, viewports } from './browser.ts';

const stylesheet = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src/site/styles/site.css');

let renderer: ComponentRenderer;
let browser: Browser;
let css: string;
const pages = new Map<keyof typeof viewports, Page>();

beforeAll(async () => {
  [renderer, browser, css] = await Promise.all([componentRenderer(), launchChromium(), readFile(stylesheet, 'utf8')]);
  for (const viewport of ['desktop', 'phone'] as const) {
    const page = await browser.newPage({ viewport: viewports[viewport] });
    // Nothing leaves the page: external images and links in the examples are not fetched.
    await page.route('**/*', (route) => route.abort());
    pages.set(viewport, page);
  }
});

afterAll(async () => {
  await Promise.all([renderer?.close(), browser?.close()]);
});

/** A page holding one example: the frame a real page gives it (language, title, h1, main). */
function examplePage(name: string, markup: string): string {
  const escapedName = name.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapedName}</title><style>${css}</style></head>` +
    `<body><main class="container"><h1>${escapedName}</h1>${markup}</main></body></html>`;
}

async function violationsOf(html: string, viewport: keyof typeof viewports): Promise<string[]> {
  const page = pages.get(viewport)!;
  await page.setContent(html, { waitUntil: 'domcontentloaded' });
  return axeViolations(page);
}

const examples = Object.entries(componentExamples).flatMap(([component, named]) =>
  Object.entries(named).map(([name, props]) => ({ title: `${component}: ${name}`, component, props: props as Record<string, unknown> })),
);

describe('component examples pass axe-core', () => {
  it('(and axe-core does report a violation when there is one)', async () => {
    const problems = await violationsOf(examplePage('Broken', '<img src="x.png"><a href="/"></a>'), 'desktop');
    expect(problems.some((problem) => problem.startsWith('image-alt'))).toBe(true);
    expect(problems.some((problem) => problem.startsWith('link-name'))).toBe(true);
  });

  it.each(examples)('$title', async ({ title, component, props }) => {
    const rendered = await renderer.render(component, props);
    // List items alone are not a page's markup: shown in the list the layout gives them.
    const markup = listItemComponents.has(component) ? `<ul>${rendered}</ul>` : rendered;
    for (const viewport of ['desktop', 'phone'] as const) {
      expect(await violationsOf(examplePage(title, markup), viewport), viewport).toEqual([]);
    }
  });
});
