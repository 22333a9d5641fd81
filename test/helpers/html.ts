// Reads built HTML as a browser's parser would, to check what elements and attributes it holds.
import { Parser } from 'htmlparser2';

export interface Element {
  name: string;
  attributes: Record<string, string>;
}

export function elementsOf(html: string): Element[] {
  const elements: Element[] = [];
  const parser = new Parser({ onopentag: (name, attributes) => elements.push({ name, attributes }) }, { decodeEntities: true });
  parser.write(html);
  parser.end();
  return elements;
}

/**
 * A page without the site's own search, which is not content: the search forms (a GET to the
 * dataset list, in the header, on the home page and on the list) and the dataset list's script.
 * What is left must hold nothing active. Forms cannot nest, so each goes whole, inputs included.
 */
export function withoutSiteSearch(html: string, basePath: string): string {
  const base = basePath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return html
    .replace(new RegExp(`<form class="(?:search-box(?: search-box--hero)?" role="search" aria-label="[^"]*" action="${base}datasets/"|dataset-search__form" role="search" aria-label="[^"]*" action="${base}datasets/" method="get")>[\\s\\S]*?</form>`, 'g'), '')
    .replace(new RegExp(`<script type="module" src="${base}_astro/[\\w.-]+\\.js"></script>`, 'g'), '')
    // The list's inline script in the head that starts the search early (DatasetSearchStart.astro).
    .replace(/<script data-search-base="[^"]*">\{\nconst module = document\.currentScript\?\.previousElementSibling;\n\(function startEarly\([\s\S]*?<\/script>/g, '');
}

/** Everything in `html` that could run code: script elements (other than JSON-LD data), frames, handlers, script URLs. */
export function activeContent(html: string): string[] {
  const found: string[] = [];
  for (const element of elementsOf(html)) {
    if (element.name === 'script' && element.attributes.type !== 'application/ld+json') found.push('<script>');
    if (['iframe', 'object', 'embed', 'form', 'input', 'style', 'frame', 'base', 'meta'].includes(element.name) && !(element.name === 'meta' && !('http-equiv' in element.attributes))) found.push(`<${element.name}>`);
    for (const [name, value] of Object.entries(element.attributes)) {
      if (name.startsWith('on')) found.push(`${element.name}[${name}]`);
      if (name === 'style' && /url\(|expression/i.test(value)) found.push(`${element.name}[style]`);
      if (['href', 'src', 'action', 'formaction', 'data', 'xlink:href'].includes(name) && /^\s*(javascript|vbscript|data):/i.test(value.replace(/[\s\u0000-\u001f]/g, ''))) found.push(`${element.name}[${name}=${value}]`);
    }
  }
  return found;
}
