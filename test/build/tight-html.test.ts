// The whitespace taken out of rendered pages: only where a browser shows none, never inside
// preformatted text, scripts or an element made of whitespace alone.
import { describe, expect, it } from 'vitest';
import { tightenHtml } from '../../src/build/tight-html.ts';

describe('tightenHtml', () => {
  it('drops whitespace beside block elements and just inside list items', () => {
    expect(tightenHtml('<html> <head> <meta charset="utf-8"> <title>T</title> </head> <body> <div> <p>One</p>\n<p>Two</p> </div> </body> </html>'))
      .toBe('<html><head><meta charset="utf-8"><title>T</title></head><body><div><p>One</p><p>Two</p></div></body></html>');
    expect(tightenHtml('<table> <tr> <th scope="row">a</th> <td>b</td> </tr> </table>')).toBe('<table><tr><th scope="row">a</th><td>b</td></tr></table>');
    expect(tightenHtml('<ul> <li> <a href="/x/">x</a> </li> <li> <a href="/y/">y</a> </li> </ul>')).toBe('<ul><li><a href="/x/">x</a></li> <li><a href="/y/">y</a></li></ul>');
  });

  it('keeps one space between inline elements and between list items, which a reader sees', () => {
    expect(tightenHtml('<p><a href="/">Home</a>   <span>next</span></p>')).toBe('<p><a href="/">Home</a> <span>next</span></p>');
    expect(tightenHtml('<p><a href="/">Home</a>\n\n<span>next</span></p>')).toBe('<p><a href="/">Home</a>\n<span>next</span></p>');
    expect(tightenHtml('<li class="crumb"><a href="/">Home</a></li> <li class="crumb">Here</li>')).toBe('<li class="crumb"><a href="/">Home</a></li> <li class="crumb">Here</li>');
  });

  it('leaves preformatted text, scripts and an element of whitespace alone', () => {
    const pre = '<div> <pre><code>a\n  <b>b</b>   </code>  </pre> </div>';
    expect(tightenHtml(pre)).toBe('<div><pre><code>a\n  <b>b</b>   </code>  </pre></div>');
    const script = '<script type="application/ld+json">{"name":"a > <b>  </b>"}</script> <p>x</p>';
    expect(tightenHtml(script)).toBe('<script type="application/ld+json">{"name":"a > <b>  </b>"}</script><p>x</p>');
    expect(tightenHtml('<tr><td> </td><td>  </td></tr>')).toBe('<tr><td> </td><td>  </td></tr>');
  });

  it('reads a quoted attribute whole, so a `>` in it ends no tag', () => {
    const html = '<meta name="description" content="a > b < c"> <p title=\'x > y\'> <span>s</span> </p>';
    expect(tightenHtml(html)).toBe('<meta name="description" content="a > b < c"><p title=\'x > y\'><span>s</span></p>');
  });

  it('reads tags as the pattern it replaced did, whitespace beyond ASCII and broken tags included', () => {
    // Generated markup from pieces that test each rule of the pattern: quoted and unquoted values,
    // a `>` or `/` in a value, names in any case, raw elements, comments, doctypes, stray `<`,
    // JavaScript's whitespace beyond ASCII (U+00A0, U+2028, U+3000, U+FEFF…) inside tags and between them.
    const spaces = [' ', '  ', '\n', ' \n ', '\t', '\u00a0', '\u00a0\u00a0', '\u2028', '\u3000 ', '\ufeff', '\u2009', '\u200b', '\r\n'];
    const names = ['div', 'P', 'li', 'LI', 'span', 'a', 'pre', 'script', 'STYLE', 'textarea', 'td', 'figcaption', 'blockquote', 'my-element', 'h2', 'br', 'svg:rect', 'x1'];
    const attributes = ['', ' class="a b"', " title='x > y'", ' href=/a/b/', ' data-x = "1"', ' hidden', ' a=b/', ' a=', ' a="unclosed', ' a=`b`', '\u00a0id="n"', ' é="1"', ' a="<b>"', ' /', ' x=y"z'];
    const texts = ['', 'text', 'a < b', 'x>y', '–', '\u00a0', '&nbsp;', '</', '<', '< p>', '<!-->', '<!---->', '<!-- c -->', '<!doctype html>', '<!x', '</scriptx>', '<3'];
    let seed = 12345;
    const random = (count: number) => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return (seed >>> 8) % count;
    };
    const pick = <T,>(list: readonly T[]): T => list[random(list.length)]!;
    for (let round = 0; round < 3000; round++) {
      let html = '';
      for (let piece = 0; piece < 12; piece++) {
        const choice = random(6);
        if (choice === 0) html += pick(spaces);
        else if (choice === 1) html += pick(texts);
        else if (choice === 2) html += `</${pick(names)}${random(4) === 0 ? pick(spaces) : ''}>`;
        else html += `<${pick(names)}${pick(attributes)}${random(5) === 0 ? '/' : ''}${random(8) === 0 ? pick(spaces) : ''}>`;
      }
      expect(tightenHtml(html), html).toBe(tightenWithPattern(html));
    }
  });

  it('gives the same bytes for the same page', () => {
    const page = '<main> <h1>T</h1> <ul> <li> <a href="/">a</a> </li> </ul> </main>';
    expect(tightenHtml(page)).toBe(tightenHtml(page));
    expect(tightenHtml(tightenHtml(page))).toBe(tightenHtml(page));
  });
});

// The pattern-based version this module replaced, kept as the reference its byte reader must agree with.
const blockElements = new Set([
  'html', 'head', 'body', 'title', 'meta', 'link', 'script', 'style', 'noscript', 'template',
  'header', 'footer', 'main', 'nav', 'section', 'article', 'aside', 'div', 'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'ul', 'ol', 'dl', 'table', 'caption', 'colgroup', 'col', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td',
  'form', 'fieldset', 'legend', 'details', 'summary', 'figure', 'figcaption', 'blockquote', 'hr',
]);
const rawElements = new Set(['pre', 'textarea', 'script', 'style']);
const tagPattern = /<!--[\s\S]*?-->|<![^>]*>|<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*(\/?)>/g;
type Tag = { name: string | null; closing: boolean };
const isWholeContent = (before: Tag, after: Tag) => before.name !== null && after.name === before.name && !before.closing && after.closing;
function unseen(before: Tag, after: Tag): boolean {
  if (isWholeContent(before, after)) return false;
  const block = (tag: Tag) => tag.name !== null && blockElements.has(tag.name);
  const edge = (tag: Tag) => tag.name === 'li';
  if (block(before) || block(after)) return true;
  return (edge(before) && !before.closing) || (edge(after) && after.closing);
}
function tightenWithPattern(html: string): string {
  const out: string[] = [];
  let last = 0;
  let previous: Tag | null = null;
  tagPattern.lastIndex = 0;
  for (let match = tagPattern.exec(html); match; match = tagPattern.exec(html)) {
    const tag: Tag = { name: match[2]?.toLowerCase() ?? null, closing: match[1] === '/' };
    const between = html.slice(last, match.index);
    if (previous && between.length > 1 && /^\s+$/.test(between)) {
      if (!unseen(previous, tag)) out.push(isWholeContent(previous, tag) ? between : between.includes('\n') ? '\n' : ' ');
    } else if (!(previous && between.length > 0 && /^\s+$/.test(between) && unseen(previous, tag))) out.push(between);
    out.push(match[0]);
    last = tagPattern.lastIndex;
    previous = tag;
    if (tag.name !== null && !tag.closing && rawElements.has(tag.name) && match[4] !== '/') {
      const closing = new RegExp(`</${tag.name}`, 'ig');
      closing.lastIndex = last;
      const stop = closing.exec(html)?.index ?? html.length;
      out.push(html.slice(last, stop));
      last = stop;
      tagPattern.lastIndex = stop;
      previous = { name: null, closing: false };
    }
  }
  out.push(html.slice(last));
  return out.join('');
}
