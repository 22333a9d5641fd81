// A description's text (summaries, CSV cells, search) is read from the sanitiser's output without
// parsing it again: it must be exactly the text sanitize-html finds in that output, for any
// Markdown a publisher (or an attacker) writes.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import sanitizeHtml from 'sanitize-html';
import { describe, expect, it } from 'vitest';
import { renderDescription, renderMarkdown } from '../../src/catalogue/markdown.ts';
import { fixturesDir } from '../helpers/content.ts';

/** The text as it was found before: the sanitised HTML parsed again by sanitize-html, every tag dropped. */
function textParsedAgain(html: string): string {
  const text = sanitizeHtml(html.replace(/<\/(p|h[1-6]|li|tr|pre|blockquote|dt|dd)>/g, '$&\n'), { allowedTags: [], allowedAttributes: {} });
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}

const hostile = [
  '<script>alert(1)</script>Hello',
  '<img src=x onerror="alert(1)">caption',
  '<a href="javascript:alert(1)">click</a> & <a href="https://x.example/?a=1&b=2">ok</a>',
  '<iframe src="https://evil.example"><p>inside</p><img src=x onerror=alert(1)>',
  '<iframe><iframe><iframe><b>deep</b>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<svg><textarea><img src=x onerror=alert(1)></textarea></svg>',
  '<xmp></xmp/><script>alert(1)</script>',
  '<style>p{}</style><option>&lt;script&gt;</option><textarea>a</textarea>',
  '<!-- comment --> <![CDATA[ x ]]> <?php echo 1; ?>',
  'Tom &amp; Jerry &lt;tag&gt; &amp;lt; &quot;q&quot; &#39;s&#39; &nbsp;x&nbsp; &copy; &#x3C;b&#x3E; &#60; &unknown; & alone',
  '&amp;quot; &amp;#39; &amp;nbsp; &amp;amp;lt;',
  'a < b > c "d" \'e\' `f` <<>> <> </> <p',
  '# Title\n\n## Sub & more\n\n- one\n- two <b>bold</b>\n\n1. first\n2. second\n\n> quote\n\n```\ncode <x> & y\n```\n\n| a | b |\n|---|---|\n| 1 | <i>2</i> |',
  '<dl><dt>term</dt><dd>definition</dd></dl><table><caption>c</caption><tr><th scope=col>h</th><td>d</td></tr></table>',
  '<p>unclosed <em>emphasis <strong>strong</p> after',
  '<h1 onclick="x">One</h1><h6>Six</h6><pre>  spaced\n  lines  </pre>',
  '<a href="https://x.example/" title="a > b">link with > in title</a>',
  '<img alt="a &gt; b" src="https://x.example/i.png"> text',
  'line one  \nline two\\\nline three\r\nline four\u00a0with nbsp\u2028sep',
  '<div><span>nested <div>blocks</div></span></div>',
  '<math><mi>x</mi></math><form><input value="v"></form><button>b</button>',
  'https://autolinked.example/path?q=1&r=2 and mailto:someone@example.org',
  '<br/><br><hr/><p></p><p> </p>',
  '',
];

/** Markdown of tricky pieces in random order (a fixed seed, so a failure is repeatable). */
function* randomMarkdown(count: number): Generator<string> {
  const pieces = ['<', '>', '&', 'amp;', 'lt;', '#39;', 'quot;', 'nbsp;', '"', "'", '\n', '\n\n', ' ', '*', '_', '#', '`', '```', '-', '|', '>', '<p>', '</p>', '<b>', '</b>', '<script>', '</script>', '<iframe>', '<noscript>', '<!--', '-->', '<a href="', 'javascript:', 'https://x.example/', '">', '<img src=x onerror=', '<![CDATA[', ']]>', '<li>', '</li>', '<table>', '<td>', '</tr>', '<pre>', '</pre>', '<textarea>', '<style>', '&#60;', '&#x3C;', 'text', 'word', '\t', '\u00a0', '[a](b)', '![i](https://x.example/i.png)'];
  let seed = 12;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  for (let index = 0; index < count; index++) {
    let text = '';
    const length = 1 + Math.floor(next() * 40);
    for (let piece = 0; piece < length; piece++) text += pieces[Math.floor(next() * pieces.length)];
    yield text;
  }
}

async function fixtureBodies(): Promise<string[]> {
  const bodies: string[] = [];
  for (const entry of await readdir(fixturesDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.md') || !entry.parentPath.includes(`${path.sep}datasets`)) continue;
    const text = await readFile(path.join(entry.parentPath, entry.name), 'utf8');
    const end = text.indexOf('\n---', 3);
    if (text.startsWith('---\n') && end > 0) bodies.push(text.slice(end + 4));
  }
  return bodies;
}

describe('a description’s text', () => {
  it('is the text sanitize-html finds in the sanitised HTML, for hostile, random and every fixture’s Markdown', async () => {
    const sources = [...hostile, ...randomMarkdown(3000), ...(await fixtureBodies())];
    expect(sources.length).toBeGreaterThan(3000 + hostile.length);
    for (const source of sources) {
      const { html, text } = renderDescription(source);
      expect(html).toBe(renderMarkdown(source));
      expect({ source, text }).toEqual({ source, text: textParsedAgain(html) });
    }
  });

  it('keeps what was written as text, and no markup', () => {
    expect(renderDescription('Tom &amp; Jerry <script>alert(1)</script>&lt;b&gt; 1 < 2\n\n- a & b').text).toBe('Tom & Jerry <b> 1 < 2\na & b');
  });
});
