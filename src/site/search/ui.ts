// The dataset list's search, on top of the built list: reads the search from the address, shows
// results, filters with counts and pages of results in place of the list, and keeps the address
// up to date so the search can be shared. Without a search (or without JavaScript) the built list,
// which pages through every dataset, is what shows.
import { resultsPerPage, type FilterName } from '../../outputs/search/format.ts';
import { formatCount } from '../format.ts';
import { isSearching, readAddress, writeAddress } from './address.ts';
import { emptyFilters, SearchIndex, type SearchOutcome, type SearchQuery } from './engine.ts';
import { fetchIndexFiles } from './fetch-files.ts';
import { element, facetFieldset, positionText, resultItem, resultsPagination, type FacetChoice } from './render.ts';

/** Tag counts read every tag shard: done on every search only when that costs less than this (before gzip). */
const eagerTagBytes = 160 * 1024;
/** How long typing must pause before the results follow it. */
const typingPauseMs = 300;

interface Parts {
  panel: HTMLElement;
  form: HTMLFormElement;
  text: HTMLInputElement;
  sort: HTMLSelectElement;
  status: HTMLElement;
  results: HTMLElement;
  /** The filters' section (in the sidebar), and the box their fieldsets are drawn in. */
  filters: HTMLElement;
  facets: HTMLElement;
  /** What the built page shows without a search: the list and its pages, the browse links. */
  builtList: HTMLElement[];
}

function findParts(panel: HTMLElement): Parts | null {
  const parts = {
    panel,
    form: panel.querySelector('form'),
    text: panel.querySelector<HTMLInputElement>('input[name="q"]'),
    sort: panel.querySelector<HTMLSelectElement>('select[name="sort"]'),
    status: panel.querySelector<HTMLElement>('[data-search-status]'),
    results: panel.querySelector<HTMLElement>('[data-search-results]'),
    // In the sidebar, outside the panel.
    filters: document.querySelector<HTMLElement>('[data-search-filters]'),
    facets: document.querySelector<HTMLElement>('[data-search-facets]'),
    builtList: [...document.querySelectorAll<HTMLElement>('[data-built-list]')],
  };
  return Object.values(parts).every(Boolean) ? (parts as Parts) : null;
}

/** Set on `<html>` by the page's first script when its address holds a search: the built list stays out of the layout (search.css). */
export const pendingAttribute = 'data-search-pending';
/** On the inline script that starts the search (DatasetSearchStart.astro): the site's base path. */
export const startAttribute = 'data-search-base';

/**
 * Starts the search of the address at once, from the page's head, while the rest of the page is
 * still arriving and being laid out (the page imports this module first thing:
 * DatasetSearchStart.astro), and draws it when the page is parsed. Without a search, or where the
 * browser cannot unzip, the built list stays.
 */
export function startDatasetSearch(basePath: string): void {
  if (!('DecompressionStream' in window)) {
    document.documentElement.removeAttribute(pendingAttribute);
    return;
  }
  const index = SearchIndex.open(fetchIndexFiles(basePath));
  const initial = readAddress(location.search);
  // Handled here too, so a failure waiting for the page is not reported as unhandled before `show` handles it.
  const firstOutcome = isSearching(initial) ? index.then((opened) => opened.search(initial)) : null;
  firstOutcome?.catch(() => undefined);
  const parsed = () => {
    const panel = document.querySelector<HTMLElement>('[data-dataset-search]');
    const parts = panel && findParts(panel);
    if (parts) runDatasetSearch(parts, basePath, index, initial, firstOutcome);
    document.documentElement.removeAttribute(pendingAttribute);
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', parsed, { once: true });
  else parsed();
}

function runDatasetSearch(parts: Parts, basePath: string, index: Promise<SearchIndex>, initial: SearchQuery, firstOutcome: Promise<SearchOutcome> | null): void {
  let query = initial;
  let generation = 0;
  let showTags = false;
  let typingTimer: ReturnType<typeof setTimeout> | undefined;
  const tagIds = new Map<string, string>();

  parts.panel.hidden = false;
  parts.text.value = query.text;
  parts.sort.value = query.sort;

  /** A new search (back to its first page), put in the address, where a reload or a shared link finds it. */
  const update = (change: Partial<SearchQuery>) => {
    query = { ...query, page: 1, ...change };
    history.replaceState(history.state, '', `${location.pathname}${writeAddress(query)}`);
    void show(false);
  };

  async function show(focusResults: boolean): Promise<void> {
    const current = ++generation;
    const searching = isSearching(query);
    for (const part of parts.builtList) part.hidden = searching;
    parts.results.hidden = !searching;
    parts.filters.hidden = !searching;
    if (!searching) {
      parts.status.textContent = '';
      parts.results.replaceChildren();
      return;
    }
    try {
      const opened = await index;
      // The address's own search, started before the page was parsed, for the first drawing only.
      const outcome = await (current === 1 && firstOutcome ? firstOutcome : opened.search(query));
      if (current !== generation) return;
      query = { ...query, page: outcome.page };
      drawResults(outcome, focusResults);
      drawFilters(outcome, opened);
      parts.status.textContent = statusText(outcome, query);
      performance.mark('datashelf:search-results');
      if (countingTags(opened)) await drawTags(opened, current);
    } catch (error) {
      if (current !== generation) return;
      console.error('Search is not available:', error);
      for (const part of parts.builtList) part.hidden = false;
      parts.results.hidden = true;
      parts.filters.hidden = true;
      parts.status.textContent = 'Search is not available just now. Every dataset is listed below.';
    }
  }

  function drawResults(outcome: SearchOutcome, focusResults: boolean): void {
    // The status says how many match; over several pages, this says which are shown (and takes focus on a new page).
    const position = outcome.pageCount > 1 ? element('p', { class: 'list-position', tabindex: '-1' }, [positionText(outcome, resultsPerPage)]) : null;
    const clear = element('p', { class: 'dataset-search__clear' }, [element('a', { href: location.pathname, 'data-clear-search': true }, ['Clear search and show every dataset'])]);
    const list = outcome.documents.length
      ? element('ul', { class: `dataset-list${position ? '' : ' dataset-list--ruled'}` }, outcome.documents.map((document) => resultItem(basePath, document)))
      : element('p', { class: 'empty' }, ['No datasets match. Try other words, or fewer filters.']);
    const pagination = resultsPagination(outcome, (page) => `${location.pathname}${writeAddress({ ...query, page })}`);
    parts.results.replaceChildren(...[position, list, pagination, clear].filter((part) => part !== null));
    if (focusResults) position?.focus();
  }

  /** Redraws the filters, keeping focus on the control that had it (ids are stable). */
  function drawFilters(outcome: SearchOutcome, opened: SearchIndex): void {
    const focused = document.activeElement?.id;
    const fieldsets = outcome.facets.map((facet) => facetFieldset(facet.name, facet.label, facet.values, (id) => `search-${facet.name}-${facet.values.findIndex((value) => value.id === id)}`));
    // Counted tags stay until their new counts replace them; otherwise the chosen ones, and a button to count them all.
    const counting = countingTags(opened);
    const selectedTags = outcome.selectedTags.map((tag) => ({ id: tag.slug, label: tag.name, matches: null, selected: true }));
    const tags = (counting && parts.facets.querySelector('[data-facet="tag"]')) || tagFieldset(selectedTags, !counting && opened.manifest.tagShards.tags > 0);
    parts.facets.replaceChildren(...fieldsets.slice(0, 2), tags, ...fieldsets.slice(2));
    if (focused) document.getElementById(focused)?.focus();
  }

  function countingTags(opened: SearchIndex): boolean {
    return showTags || opened.manifest.tagShards.bytes <= eagerTagBytes;
  }

  function tagFieldset(values: FacetChoice[], offerButton: boolean): HTMLFieldSetElement {
    const fieldset = facetFieldset('tag', 'Tag', values, (slug) => {
      if (!tagIds.has(slug)) tagIds.set(slug, `search-tag-${tagIds.size}`);
      return tagIds.get(slug)!;
    });
    if (offerButton) fieldset.append(element('button', { class: 'button button--secondary search-facet__more', type: 'button', 'data-show-tags': true }, ['Show tags in these results']));
    return fieldset;
  }

  /** Tag counts come after the results; if they cannot be had, the results stand and the chosen tags stay listed. */
  async function drawTags(opened: SearchIndex, current: number): Promise<void> {
    const tags = await opened.tagCounts(query).catch((error: unknown) => {
      console.warn('Tags could not be counted:', error);
      return null;
    });
    if (!tags || current !== generation) return;
    const focused = document.activeElement?.id;
    const fieldset = tagFieldset(tags.map((tag) => ({ id: tag.slug, label: tag.name, matches: tag.matches, selected: tag.selected })), false);
    parts.facets.querySelector('[data-facet="tag"]')?.replaceWith(fieldset);
    if (focused) document.getElementById(focused)?.focus();
  }

  parts.form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearTimeout(typingTimer);
    update({ text: parts.text.value.trim() });
  });
  parts.text.addEventListener('input', () => {
    clearTimeout(typingTimer);
    typingTimer = setTimeout(() => parts.text.value.trim() !== query.text && update({ text: parts.text.value.trim() }), typingPauseMs);
  });
  parts.sort.addEventListener('change', () => update({ sort: parts.sort.value === 'updated' ? 'updated' : 'relevance' }));
  parts.facets.addEventListener('change', (event) => {
    const box = event.target as HTMLInputElement;
    const name = box.closest<HTMLElement>('[data-facet]')?.dataset.facet as FilterName | undefined;
    if (!name || box.type !== 'checkbox') return;
    const others = query.filters[name].filter((value) => value !== box.value);
    update({ filters: { ...query.filters, [name]: box.checked ? [...others, box.value] : others } });
  });
  parts.facets.addEventListener('click', (event) => {
    const button = (event.target as Element).closest('[data-show-tags]');
    if (!button) return;
    showTags = true;
    button.replaceWith(element('p', { class: 'search-facet__loading' }, ['Counting tags…']));
    void index.then((opened) => drawTags(opened, generation));
  });
  parts.results.addEventListener('click', (event) => {
    const link = (event.target as Element).closest<HTMLAnchorElement>('a[data-page], a[data-clear-search]');
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    if (link.dataset.page) {
      query = { ...query, page: Number(link.dataset.page) };
      history.replaceState(history.state, '', link.href);
      void show(true);
    } else {
      parts.text.value = '';
      update({ text: '', filters: emptyFilters() });
      parts.text.focus();
    }
  });
  void show(false);
}

/** `241 datasets match ‘road’ with 1 filter.`: announced (the element is a status region) after every search. */
function statusText(outcome: SearchOutcome, query: SearchQuery): string {
  const found = outcome.total === 0 ? 'No datasets match' : outcome.total === 1 ? '1 dataset matches' : `${formatCount(outcome.total)} datasets match`;
  // The filters the index knows: a value in the address that no dataset has is not counted.
  const filters = outcome.facets.reduce((sum, facet) => sum + facet.values.filter((value) => value.selected).length, outcome.selectedTags.length);
  const words = query.text ? ` ‘${query.text}’` : '';
  const filtered = filters ? ` with ${filters} ${filters === 1 ? 'filter' : 'filters'}` : '';
  return `${found}${words}${filtered}.`;
}
