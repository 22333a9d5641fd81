// Turns a dataset's Markdown body into HTML that is safe to publish as-is.
import type MarkdownIt from 'markdown-it';
import type sanitizeHtml from 'sanitize-html';
import { onFirstUse } from '../util/on-first-use.ts';

// Loaded when a first description is rendered: an edit whose descriptions are all unchanged renders none.
const markdownIt = onFirstUse<typeof MarkdownIt>('markdown-it');
const sanitizer = onFirstUse<typeof sanitizeHtml>('sanitize-html');
let markdown: InstanceType<typeof MarkdownIt> | null = null;

// What a description may contain: text structure, links, images and tables; no scripts, styles,
// forms, frames or event handlers, and only http(s)/mailto URLs.
const allowed: sanitizeHtml.IOptions = {
  allowedTags: [
    'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr', 'blockquote', 'pre', 'code', 'em', 'strong', 'del', 's', 'sup', 'sub',
    'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'a', 'img', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption', 'abbr',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    th: ['scope', 'colspan', 'rowspan', 'align'],
    td: ['colspan', 'rowspan', 'align'],
    ol: ['start'],
    abbr: ['title'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowProtocolRelative: false,
  // A body's own top heading would compete with the page's h1: demote h1 to h2.
  transformTags: {
    h1: 'h2',
    a: (tagName, attribs) => ({
      tagName,
      attribs: /^https?:/i.test(attribs.href ?? '') ? { ...attribs, rel: 'nofollow noopener' } : attribs,
    }),
  },
  disallowedTagsMode: 'discard',
};

export function renderMarkdown(source: string): string {
  if (!markdown) {
    const Renderer = markdownIt();
    markdown = new Renderer({ html: true, linkify: true, typographer: false });
  }
  return sanitizer()(markdown.render(source), allowed).trim();
}

/** A dataset's description: its HTML, safe to publish as-is, and the text a reader sees in it. */
export function renderDescription(source: string): { html: string; text: string } {
  const html = renderMarkdown(source);
  return { html, text: sanitisedText(html) };
}

/**
 * The text of the sanitiser's output, on one line per block: for summaries, CSV cells and search.
 * That output is markup of one form only (sanitize-html writes it): allowed tags, and text and
 * attribute values with every `&`, `<` and `>` escaped, no comments. So a tag is `<…>` with no `>`
 * inside, and what is left once tags are taken out is the text, escaped. Parsing it again with
 * sanitize-html (as this did until 2026-12) gave the same text for a fifth of loading's CPU; the
 * test compares the two on hostile and random Markdown.
 */
function sanitisedText(html: string): string {
  const text = html.replace(/<\/(p|h[1-6]|li|tr|pre|blockquote|dt|dd)>/g, '$&\n').replace(/<[^>]*>/g, '');
  return decodeEntities(text)
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}

/** The sanitiser's escapes in text: `&` last, so an escaped `&lt;` stays `&lt;`. */
function decodeEntities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
