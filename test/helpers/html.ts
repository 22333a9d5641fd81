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
