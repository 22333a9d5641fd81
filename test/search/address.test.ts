// A search in the address: what `?q=road&topic=transport&sort=updated&page=2` means, and back.
import { describe, expect, it } from 'vitest';
import { isSearching, readAddress, writeAddress } from '../../src/site/search/address.ts';
import { emptyFilters } from '../../src/site/search/engine.ts';

describe('the search address', () => {
  it('reads the words, every filter (repeated for several values), the order and the page', () => {
    expect(readAddress('?q=+road+safety+&topic=transport&topic=environment&tag=road-safety&format=CSV&licence=ogl-v3&team=highways&sort=updated&page=3')).toEqual({
      text: 'road safety',
      filters: { topic: ['transport', 'environment'], team: ['highways'], tag: ['road-safety'], format: ['CSV'], licence: ['ogl-v3'] },
      sort: 'updated',
      page: 3,
    });
  });

  it('takes anything else for the defaults: best match, page 1, no filter', () => {
    expect(readAddress('?sort=title&page=-2&topic=&unknown=1')).toEqual({ text: '', filters: emptyFilters(), sort: 'relevance', page: 1 });
    expect(readAddress('')).toEqual({ text: '', filters: emptyFilters(), sort: 'relevance', page: 1 });
  });

  it('writes what it reads, leaving defaults out, and nothing for no search', () => {
    const address = '?q=road&topic=transport&topic=environment&tag=road-safety&sort=updated&page=2';
    expect(writeAddress(readAddress(address))).toBe(address);
    expect(writeAddress(readAddress('?q=road&sort=relevance&page=1'))).toBe('?q=road');
    expect(writeAddress(readAddress('?sort=updated&page=4'))).toBe('');
    expect(writeAddress(readAddress('?q=caf%C3%A9+%26+bar'))).toBe('?q=caf%C3%A9+%26+bar');
  });

  it('is a search with words or with a filter; otherwise the page shows every dataset', () => {
    expect(isSearching(readAddress('?q=road'))).toBe(true);
    expect(isSearching(readAddress('?tag=road-safety'))).toBe(true);
    expect(isSearching(readAddress('?q=+&sort=updated'))).toBe(false);
  });
});
