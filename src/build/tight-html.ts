// The rendered pages without the whitespace no reader sees: Astro's compressHTML leaves a space
// between most tags (about 1 KB of a 15 KB dataset page), and a browser drops whitespace where a
// block begins or ends. Only such places are touched: beside a block element's tags (`<div>`,
// `<tr>`, `<p>`…), and just inside a list item's. Whitespace between inline elements (`</a> <span>`)
// and between list items (inline-block in the breadcrumbs and the facts' topics) shows as a space
// and is kept as one character, as is everything inside `<pre>`, `<textarea>`, `<script>` and `<style>`, and an
// element whose whole content is whitespace (a blank cell of a preview keeps its text).

/** Elements laid out as blocks (or table parts) by browsers and by site.css: whitespace beside their tags is not rendered. */
const blockElements = new Set([
  'html', 'head', 'body', 'title', 'meta', 'link', 'script', 'style', 'noscript', 'template',
  'header', 'footer', 'main', 'nav', 'section', 'article', 'aside', 'div', 'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'ul', 'ol', 'dl', 'table', 'caption', 'colgroup', 'col', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td',
  'form', 'fieldset', 'legend', 'details', 'summary', 'figure', 'figcaption', 'blockquote', 'hr',
]);
/** Blocks whose own edges are line edges, though their neighbours may sit on one line with them (inline-block items). */
const edgeOnlyElements = new Set(['li']);
/** Elements whose text is kept exactly as it is. */
const rawElements = new Set(['pre', 'textarea', 'script', 'style']);

// A tag, its quoted attribute values read whole (a `>` inside one does not end it), or a comment or doctype.
const tagPattern = /<!--[\s\S]*?-->|<![^>]*>|<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*(\/?)>/g;

interface Tag {
  name: string | null;
  closing: boolean;
}

/** Whether the text between two tags is the whole content of one element. */
function isWholeContent(before: Tag, after: Tag): boolean {
  return before.name !== null && after.name === before.name && !before.closing && after.closing;
}

/** Whether whitespace between two tags is not rendered. */
function unseen(before: Tag, after: Tag): boolean {
  // An element whose whole content is whitespace keeps it.
  if (isWholeContent(before, after)) return false;
  const block = (tag: Tag) => tag.name !== null && blockElements.has(tag.name);
  const edge = (tag: Tag) => tag.name !== null && edgeOnlyElements.has(tag.name);
  if (block(before) || block(after)) return true;
  // Just inside a list item: after its opening tag, before its closing one.
  return (edge(before) && !before.closing) || (edge(after) && after.closing);
}

/** The page with the whitespace a browser does not render between tags taken out. */
export function tightenHtml(html: string): string {
  const out: string[] = [];
  let last = 0;
  let previous: Tag | null = null;
  tagPattern.lastIndex = 0;
  for (let match = tagPattern.exec(html); match; match = tagPattern.exec(html)) {
    const tag: Tag = { name: match[2]?.toLowerCase() ?? null, closing: match[1] === '/' };
    const between = html.slice(last, match.index);
    if (previous && between.length > 1 && /^\s+$/.test(between)) {
      // Whitespace the browser shows as one space: none where it shows nothing, else one character
      // (a line break stays a line break, for an element styled `pre-line`).
      if (!unseen(previous, tag)) out.push(isWholeContent(previous, tag) ? between : between.includes('\n') ? '\n' : ' ');
    } else if (!(previous && between.length > 0 && /^\s+$/.test(between) && unseen(previous, tag))) out.push(between);
    out.push(match[0]);
    last = tagPattern.lastIndex;
    previous = tag;
    if (tag.name !== null && !tag.closing && rawElements.has(tag.name) && match[4] !== '/') {
      // Up to its closing tag, untouched.
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
