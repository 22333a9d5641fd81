// The search results and filters as DOM, marked up as the built pages mark up a list of datasets
// (DatasetList, Pagination), so they share the site's styles. Text goes in as text, never as HTML:
// titles and summaries are publishers' words.
import { dateTimeAttribute, formatCount, formatDate, pluralise } from '../format.ts';
import { paginationView } from '../listings.ts';
import type { FilterName, SearchDocument } from '../../outputs/search/format.ts';
import type { FacetCount, SearchOutcome } from './engine.ts';

type Children = (Node | string | null | false)[];

export function element<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string | boolean> = {}, children: Children = []): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false) continue;
    node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children) if (child !== null && child !== false) node.append(child);
  return node;
}

/** `241 datasets` with the noun for screen readers only, as the browse list shows counts. */
function countBadge(count: number): HTMLElement {
  return element('span', { class: 'search-facet__count' }, [formatCount(count), element('span', { class: 'visually-hidden' }, [count === 1 ? ' dataset' : ' datasets'])]);
}

export function resultItem(basePath: string, document: SearchDocument): HTMLElement {
  const meta: Children = [
    element('div', {}, [element('dt', {}, ['Published by']), element('dd', {}, [document.team])]),
    document.updated && element('div', {}, [element('dt', {}, ['Updated']), element('dd', {}, [element('time', { datetime: dateTimeAttribute(document.updated).slice(0, 10) }, [formatDate(document.updated)])])]),
    document.formats.length > 0 && element('div', {}, [element('dt', {}, [document.formats.length === 1 ? 'Format' : 'Formats']), element('dd', {}, [document.formats.join(', ')])]),
  ];
  return element('li', {}, [
    element('h2', {}, [element('a', { href: `${basePath}${document.path}` }, [document.title])]),
    document.summary && element('p', {}, [document.summary]),
    element('dl', {}, meta),
  ]);
}

/** `Showing 21 to 40 of 241 datasets`, as the built list says it. */
export function positionText(outcome: Pick<SearchOutcome, 'total' | 'page' | 'pageCount'>, perPage: number): string {
  if (outcome.total === 0) return 'No datasets';
  if (outcome.pageCount === 1) return pluralise(outcome.total, 'dataset');
  const first = (outcome.page - 1) * perPage + 1;
  return `Showing ${first} to ${Math.min(outcome.total, outcome.page * perPage)} of ${pluralise(outcome.total, 'dataset')}`;
}

/** Links to the other pages of results; `hrefFor` gives each page's address. Null for one page. */
export function resultsPagination(outcome: Pick<SearchOutcome, 'page' | 'pageCount'>, hrefFor: (page: number) => string): HTMLElement | null {
  const view = paginationView(outcome.page, outcome.pageCount, '');
  if (!view) return null;
  const link = (page: number, text: Children, attributes: Record<string, string | boolean> = {}) => element('a', { href: hrefFor(page), 'data-page': String(page), ...attributes }, text);
  return element('nav', { class: 'pagination', 'aria-label': 'Pages of search results' }, [
    view.previous && link(view.previous.number, ['Previous', element('span', { class: 'visually-hidden' }, [' page'])], { rel: 'prev' }),
    element(
      'ul',
      {},
      view.items.map((item) =>
        item.kind === 'ellipsis'
          ? element('li', { 'aria-hidden': 'true' }, ['…'])
          : element('li', {}, [link(item.number, [String(item.number)], { 'aria-label': `Page ${item.number}`, 'aria-current': item.current ? 'page' : false })]),
      ),
    ),
    view.next && link(view.next.number, ['Next', element('span', { class: 'visually-hidden' }, [' page'])], { rel: 'next' }),
  ]);
}

/** A value of a filter: its count, or null while it is not known (a chosen tag before tags are counted). */
export type FacetChoice = Pick<FacetCount, 'id' | 'label' | 'selected'> & { matches: number | null };

/** A filter's values as checkboxes with counts; the id of each is stable, so focus survives a redraw. */
export function facetFieldset(name: FilterName, legend: string, values: readonly FacetChoice[], idFor: (value: string) => string): HTMLFieldSetElement {
  return element('fieldset', { class: 'search-facet', 'data-facet': name }, [
    element('legend', { class: 'search-facet__legend' }, [legend]),
    element(
      'ul',
      { class: 'search-facet__values' },
      values.map((value) => {
        const id = idFor(value.id);
        return element('li', { class: 'search-facet__value', hidden: value.matches === 0 && !value.selected }, [
          element('input', { class: 'search-facet__checkbox', type: 'checkbox', id, name, value: value.id, checked: value.selected }),
          element('label', { class: 'search-facet__label', for: id }, [`${value.label} `, value.matches !== null && countBadge(value.matches)]),
        ]);
      }),
    ),
  ]);
}
