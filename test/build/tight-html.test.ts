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

  it('gives the same bytes for the same page', () => {
    const page = '<main> <h1>T</h1> <ul> <li> <a href="/">a</a> </li> </ul> </main>';
    expect(tightenHtml(page)).toBe(tightenHtml(page));
    expect(tightenHtml(tightenHtml(page))).toBe(tightenHtml(page));
  });
});
