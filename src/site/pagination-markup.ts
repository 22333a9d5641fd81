// A paged list's links (GOV.UK pagination) as HTML: previous, numbered pages, next. Bare markup,
// styled by where it is (.pagination), the arrows drawn by the stylesheet. One source for the
// component (components/Pagination.astro) and for a list page put together from its parts
// (src/build/list-pages.ts), which must give the same bytes. The search's results are marked up
// the same in the browser (search/render.ts).
import type { Site } from '../catalogue/model.ts';
import { href } from './links.ts';
import type { PaginationView } from './listings.ts';

/** Text or an attribute's value as Astro escapes it (`escapeHTML`): the five characters markup gives meaning to. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>'"]/g, (char) => entities[char]!);
}

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', "'": '&#39;', '"': '&quot;' };

/** `label`: the landmark's name, when a page has more than one paged list. */
export function paginationMarkup(site: Site, view: PaginationView, label = 'Pagination'): string {
  const link = (path: string) => escapeHtml(href(site, path));
  let html = `<nav class="pagination" aria-label="${escapeHtml(label)}">`;
  if (view.previous) html += `<a href="${link(view.previous.path)}" rel="prev">Previous<span class="visually-hidden"> page</span></a>`;
  html += '<ul>';
  for (const item of view.items) {
    if (item.kind === 'ellipsis') html += '<li aria-hidden="true">…</li>';
    else html += `<li><a href="${link(item.path)}" aria-label="Page ${item.number}"${item.current ? ' aria-current="page"' : ''}>${item.number}</a></li>`;
  }
  html += '</ul>';
  if (view.next) html += `<a href="${link(view.next.path)}" rel="next">Next<span class="visually-hidden"> page</span></a>`;
  return `${html}</nav>`;
}
