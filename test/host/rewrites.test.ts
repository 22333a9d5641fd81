// The CKAN API's host rules, merged into a full build's table, and what is generated from it,
// without a server: the table agrees with the file layout and the registries, and each host's
// configuration says what the table says.
import { describe, expect, it } from 'vitest';
import { servedAnswers } from '../../src/outputs/ckan/actions.ts';
import { pageFile, searchApiPageFile, showFile } from '../../src/outputs/ckan/paths.ts';
import { errorStatus, packageUuidMap } from '../../src/outputs/ckan/rewrites.ts';
import { apacheConfig } from '../../src/outputs/hosts/apache.ts';
import { netlifyHeaders, netlifyRedirects } from '../../src/outputs/hosts/netlify.ts';
import { nginxConfig, nginxListenLine, nginxRootLine } from '../../src/outputs/hosts/nginx.ts';
import { anyText, atLeastRegex, decodedValueRegex, fillTarget, firstMatch, rawValueRegex, tableErrors, type ValuePattern } from '../../src/outputs/hosts/rules.ts';
import { hostTable } from '../../src/outputs/hosts/table.ts';
import { allOutputs } from '../../src/outputs/index.ts';
import { routeRequest } from '../../src/preview/route.ts';

/** A full build's table: the site's rules and every output's. */
const table = hostTable(allOutputs);
const sampleValues = (target: string) => Object.fromEntries([...target.matchAll(/\{([^}]+)\}/g)].map(([, name]) => [name!, name === 'limit' || name === 'rows' ? '10' : name === 'offset' || name === 'start' ? '20' : 'some-key']));

describe('the rewrite table', () => {
  it('has a query form for every show and paged answer of the action registry', () => {
    const forms = new Set(table.forms.map((form) => form.name));
    for (const answer of servedAnswers) if (answer.form === 'show' || answer.form === 'paged') expect(forms, answer.name).toContain(answer.name);
  });

  it('targets the files paths.ts names', () => {
    const form = (name: string) => table.forms.find((candidate) => candidate.name === name)!;
    expect(fillTarget(form('package_show').target, { id: 'Air%20Quality' })).toBe(showFile('package_show', 'Air%20Quality'));
    expect(fillTarget(form('package_search').target, { rows: '100', start: '200' })).toBe(pageFile('package_search', 100, 200));
    expect(fillTarget(form('search_dataset').target, { rows: '1000', start: '25' })).toBe(pageFile('search_dataset', 1000, 25));
    expect(fillTarget(form('api/2/search/dataset').target, { limit: '100', offset: '40' })).toBe(searchApiPageFile(2, 'dataset', 100, 40));
  });

  it('answers a missing target file as the host would: the form\'s error is the fallback for the target\'s path', () => {
    for (const form of table.forms) {
      const target = fillTarget(form.target, sampleValues(form.target));
      expect(firstMatch(table.fallbacks, target)?.error, form.name).toBe(form.whenNoFile);
    }
  });

  it('lists, for each path, the forms needing a parameter before the one form that does not', () => {
    const paths = new Set(table.forms.flatMap((form) => form.paths));
    for (const formPath of paths) {
      const forms = table.forms.filter((form) => form.paths.includes(formPath));
      const firstPlain = forms.findIndex((form) => !form.requires);
      expect(firstPlain === -1 || firstPlain === forms.length - 1, formPath).toBe(true);
    }
  });

  it('gives every error it names a status from the registries, and every path a read-only answer', () => {
    expect(tableErrors(table).map((file) => [file, errorStatus(file)])).toEqual([
      ['api/1/error/not-found', 404],
      ['api/1/error/read-only', 405],
      ['api/1/error/unsupported-search', 400],
      ['api/3/error/missing-id', 409],
      ['api/3/error/not-found', 404],
      ['api/3/error/read-only', 405],
      ['api/3/error/unknown-action', 400],
      ['api/3/error/unsupported-paging', 400],
      ['api/3/error/unsupported-query', 400],
    ]);
    expect(firstMatch(table.readOnly, 'dataset/foi/')?.error).toBe('api/3/error/read-only');
    expect(firstMatch(table.readOnly, 'api/rest/dataset')?.error).toBe('api/1/error/read-only');
  });

  it('matches the whole numbers from a size\'s maximum up, any digits long, leading zeros too', () => {
    for (const least of [1, 7, 10, 99, 100, 250, 909, 1000]) {
      const pattern = new RegExp(atLeastRegex(least));
      for (let value = 0; value <= 2500; value++) expect(pattern.test(String(value)), `${value} >= ${least}`).toBe(value >= least);
      expect(pattern.test(`00${least}`)).toBe(true);
      expect(pattern.test('123456789012345678901234567890')).toBe(true);
      for (const other of ['', ' 100', '100 ', '+100', '-1000', '1e3', '1000.0', '１００']) expect(pattern.test(other), other).toBe(false);
    }
    expect(() => atLeastRegex(0)).toThrow();
  });

  it('reads package_search\'s rows from 100 up as the pages of 100 (the files\' rows_max), and no other size', async () => {
    const form = table.forms.find((candidate) => candidate.name === 'package_search')!;
    expect(form.selectors[0]).toMatchObject({ param: 'rows', allowed: [10, 100], max: { value: 100, plainValues: [1000] } });
    const files = { isFile: async (file: string) => file.startsWith('api/3/page/package_search/'), isFolder: async () => false };
    for (const rows of ['100', '101', '1000', '0100', '99999999999999999999']) {
      expect(await routeRequest(table, 'GET', 'api/3/action/package_search', `rows=${rows}&start=200`, files), rows).toEqual({ kind: 'file', path: 'api/3/page/package_search/100/200' });
    }
    for (const rows of ['99', '50', '1e3', '-100']) expect(await routeRequest(table, 'GET', 'api/3/action/package_search', `rows=${rows}`, files), rows).toEqual({ kind: 'error', path: 'api/3/error/unsupported-paging' });
    // Other paged actions take their sizes exactly.
    expect(await routeRequest(table, 'GET', 'api/3/action/current_package_list_with_resources', 'limit=1000', files)).toEqual({ kind: 'error', path: 'api/3/error/unsupported-paging' });
  });

  it('accepts every usual spelling of a harmless value, raw and decoded', () => {
    const everything: ValuePattern = ['*:*'];
    for (const raw of ['*:*', '%2A%3A%2A', '*%3A*', '%2a%3a%2a']) expect(new RegExp(rawValueRegex(everything)).test(raw), raw).toBe(true);
    expect(new RegExp(rawValueRegex(everything)).test('*:x')).toBe(false);
    const since: ValuePattern = ['metadata_modified:[', anyText, 'TO', anyText, '*]'];
    expect(new RegExp(rawValueRegex(since)).test('metadata_modified%3A%5B2025-01-21T15%3A10%3A03.123456Z+TO+%2A%5D')).toBe(true);
    expect(new RegExp(decodedValueRegex(since)).test('metadata_modified:[2025-01-21T15:10:03Z TO *]')).toBe(true);
    expect(new RegExp(decodedValueRegex(since)).test('organization:highways')).toBe(false);
  });
});

describe('the generated host configurations', () => {
  const site = { basePath: '/', serverName: 'data.testshire.example', title: 'Testshire Open Data' };
  const subPath = { ...site, basePath: '/data/' };

  it('nginx and Apache read package_search\'s rows from 100 up as 100 alone; nginx with serve hands them to serve', () => {
    const cap = atLeastRegex(100);
    expect(nginxConfig(table, site)).toContain(`if ($ckan_rows ~ "${cap}") { set $ckan_rows 100; }`);
    expect(nginxConfig(table, site, true)).not.toContain(cap);
    expect(apacheConfig(table, site)).toContain(`RewriteCond %1 ${cap}`);
  });

  it('nginx: a server block whose listen and root lines are the only ones to change, one each', () => {
    const block = nginxConfig(table, site);
    expect(block.match(new RegExp(nginxListenLine.source, 'gm'))).toHaveLength(1);
    expect(block.match(new RegExp(nginxRootLine.source, 'gm'))).toHaveLength(1);
    expect(block).toMatch(/^server \{$/m);
    expect(block).toContain('server_name data.testshire.example;');
    expect(block).toContain('location = /datashelf.nginx.conf { return 404; }');
  });

  it('names every path under a site\'s base path', () => {
    const nginx = nginxConfig(table, subPath);
    expect(nginx).toContain('location ^~ /data/api/ {');
    expect(nginx).toContain('error_page 404 /data/404.html;');
    expect(nginx).not.toMatch(/[\s"(|]\/api\//);
    const apache = apacheConfig(table, subPath);
    expect(apache).toContain('RewriteBase /data/');
    expect(apache).toContain('ErrorDocument 404 /data/404.html');
    const redirects = netlifyRedirects(table, subPath);
    expect(redirects.split('\n').filter((line) => line.startsWith('/') && !line.startsWith('/data/'))).toEqual([]);
    expect(netlifyHeaders(table, subPath)).toContain('/data/api/*\n  Access-Control-Allow-Origin: *');
  });

  it('nginx: a map of 200,000 UUIDs to names (a 100,000-dataset catalogue and more) is written whole, one line a dataset', () => {
    const pairs = Array.from({ length: 200_000 }, (_, index) => [`00000000-0000-4000-8000-${String(index).padStart(12, '0')}`, `dataset-${index}`] as const);
    const block = nginxConfig(table, site, false, { [packageUuidMap]: pairs });
    expect(block).toContain('    "00000000-0000-4000-8000-000000199999" "dataset-199999";');
    expect(block.split('\n').filter((line) => line.startsWith('    "00000000-')).length).toBe(200_000);
  });

  it('answers a v1/v2 path that is also a folder with the folder\'s index.json, never an index.html: nginx, Apache, Netlify, preview', async () => {
    const nginx = nginxConfig(table, site);
    expect(nginx).toContain('try_files $uri $uri/index.json =404;');
    // The one index.html under the API is the site's page about it, at /api/.
    expect(nginx.split('\n').filter((line) => line.includes('index.html'))).toEqual(['    index index.html;', '        try_files $uri $uri/index.html =404;']);
    const apache = apacheConfig(table, site);
    expect(apache).toContain('RewriteCond %{REQUEST_FILENAME}/index.json -f\nRewriteRule ^((?:api/3/|api/action/|api/1/|api/2/|api/rest/|api/search/|api/tag_counts|api/util/).*?)/?$ $1/index.json [L]');
    expect(apache.split('\n').filter((line) => line.includes('index.html'))).toEqual(['DirectoryIndex index.html']);
    const redirects = netlifyRedirects(table, site).split('\n').map((line) => line.replace(/\s+/g, ' '));
    // The version-less spelling (a rewrite, no files) goes to v1's folder answer, before the rewrite of any other path under it.
    const relationships = redirects.indexOf('/api/rest/dataset/:key/:answer /api/1/rest/dataset/:key/:answer/index.json 200');
    expect(relationships).toBeGreaterThan(-1);
    expect(redirects).toContain('/api/2/rest/dataset/:key/:answer /api/2/rest/dataset/:key/:answer/index.json 200');
    expect(relationships).toBeLessThan(redirects.indexOf('/api/rest/* /api/1/rest/:splat 200'));
    // A dataset's entity and revisions are the request handler's (no file): CKAN's "Not found", forced, before the folder answers.
    for (const spelling of ['api/1/rest/dataset/:key', 'api/rest/dataset/:key', 'api/2/rest/dataset/:key', 'api/rest/dataset/:key/revisions', 'api/2/rest/dataset/:key/revisions']) {
      const rule = redirects.indexOf(`/${spelling} /api/1/error/not-found 404!`);
      expect(rule, spelling).toBeGreaterThan(-1);
      expect(rule, spelling).toBeLessThan(relationships);
    }
    expect(redirects.some((line) => line.startsWith('/api/rest/dataset/:key /api/1/rest/dataset/:key/index.json'))).toBe(false);
    expect(redirects.indexOf('/api/rest/* /api/1/rest/:splat 200')).toBeLessThan(redirects.indexOf('/api/rest/* /api/1/error/not-found 404'));

    const files = (...paths: string[]) => ({ isFile: async (file: string) => paths.includes(file), isFolder: async (file: string) => paths.some((other) => other.startsWith(`${file}/`)) });
    const route = (sitePath: string, ...paths: string[]) => routeRequest(table, 'GET', sitePath, '', files(...paths));
    expect(await route('api/rest/dataset/foi', 'api/1/rest/dataset/foi/index.json')).toEqual({ kind: 'file', path: 'api/1/rest/dataset/foi/index.json' });
    expect(await route('api/1/rest/dataset/foi', 'api/1/rest/dataset/foi/index.json')).toEqual({ kind: 'file', path: 'api/1/rest/dataset/foi/index.json' });
    expect(await route('api/2/rest/dataset/', 'api/2/rest/dataset/index.json')).toEqual({ kind: 'file', path: 'api/2/rest/dataset/index.json' });
    expect(await route('api/rest/dataset/foi', 'api/1/rest/dataset/foi/index.html')).toEqual({ kind: 'error', path: 'api/1/error/not-found' });
    expect(await route('api/', 'api/index.html')).toEqual({ kind: 'file', path: 'api/index.html' });
    expect(await route('dataset/foi', 'dataset/foi/index.html')).toEqual({ kind: 'file', path: 'dataset/foi/index.html' });
  });

  it('Netlify: each query form as rules by parameter, defaults after the specific ones', () => {
    const rules = netlifyRedirects(table, site)
      .split('\n')
      .filter((line) => line.startsWith('/api/3/action/package_show '))
      .map((line) => line.replace(/\s+/g, ' '));
    expect(rules).toEqual(['/api/3/action/package_show id=:id /api/3/action/package_show/:id 200!', '/api/3/action/package_show /api/3/error/missing-id 409!']);
    const search = netlifyRedirects(table, site).split('\n').filter((line) => line.startsWith('/api/3/action/package_search ')).map((line) => line.replace(/\s+/g, ' '));
    expect(search).toContain('/api/3/action/package_search rows=100 start=:start /api/3/page/package_search/100/:start 200!');
    // The files' rows_max: the larger size clients send reads the pages of 100; no page of 1000 is named.
    expect(search).toContain('/api/3/action/package_search rows=1000 start=:start /api/3/page/package_search/100/:start 200!');
    expect(search.filter((line) => line.includes('/page/package_search/1000/'))).toEqual([]);
    expect(search.indexOf('/api/3/action/package_search q=:q /api/3/error/unsupported-query 400!')).toBeLessThan(search.indexOf('/api/3/action/package_search /api/3/page/package_search/10/0 200!'));
    expect(search.at(-1)).toBe('/api/3/action/package_search /api/3/page/package_search/10/0 200!');
  });
});
