// A DataPress description (HTML) becomes a Markdown body that renders to the very same HTML.
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/catalogue/markdown.ts';
import { descriptionBody } from '../../src/import/datapress.ts';

describe('descriptionBody', () => {
  it('writes Markdown for paragraphs, headings, lists, tables and links', () => {
    const html = renderMarkdown('Spend over **£500**, see [the guide](https://example.org/g).\n\n## Fields\n\n- date\n- amount\n\n| a | b |\n|---|--:|\n| 1 | 2 |');
    const body = descriptionBody(html);
    expect(body).toBe('Spend over **£500**, see [the guide](https://example.org/g).\n\n## Fields\n\n- date\n- amount\n\n| a | b |\n| --- | --- |\n| 1 | 2 |');
    expect(renderMarkdown(body)).toBe(html);
  });

  it('keeps as HTML the blocks Markdown would not render the same, and only those', () => {
    const html = renderMarkdown('Intro with *emphasis*.\n\n<dl><dt>NO₂</dt><dd>Nitrogen dioxide</dd></dl>\n\nLast words.');
    const body = descriptionBody(html);
    expect(body).toBe('Intro with *emphasis*.\n\n<dl><dt>NO₂</dt><dd>Nitrogen dioxide</dd></dl>\n\nLast words.');
    expect(renderMarkdown(body)).toBe(html);
  });
});
