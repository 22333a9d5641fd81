// The hosts' rules of a build are the site's own and the union of what its enabled outputs add:
// a full build's configurations keep every CKAN rule, one without the API has none, and no
// generator writes a rule out of nothing (an empty alternation would match every path).
import { describe, expect, it } from 'vitest';
import { ckanApiOutput } from '../../src/outputs/ckan/output.ts';
import { ckanRewrites } from '../../src/outputs/ckan/rewrites.ts';
import { exportsOutput } from '../../src/outputs/exports.ts';
import { outputsManifestFile } from '../../src/outputs/hosts/manifest.ts';
import { buildMarkerFile } from '../../src/outputs/output-sink.ts';
import { siteMediaTypes } from '../../src/outputs/hosts/media-types.ts';
import { hasCors, type QueryForm } from '../../src/outputs/hosts/rules.ts';
import { hostTable, siteRules } from '../../src/outputs/hosts/table.ts';
import { hostConfigs } from '../../src/outputs/hosts/write.ts';
import { enabledOutputs } from '../../src/outputs/index.ts';
import type { Output } from '../../src/outputs/output.ts';
import { routeRequest } from '../../src/preview/route.ts';
import { exampleSite } from '../../src/site/components/examples.ts';

const catalogue = { site: exampleSite, datasets: [], teams: [], topics: [] } as never;
const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const oneLine = (text: string) => text.split('\n').map((line) => line.replace(/\s+/g, ' '));

/** A made-up output with rules of its own, as a feed or a search index might bring. */
const feedForm: QueryForm = { name: 'feed', paths: ['api/feed'], selectors: [{ param: 'page', kind: 'key', whenMissing: 'api/feed-error' }], restrictions: [], ignored: [], target: 'api/feed/{page}.atom', whenNoFile: 'api/feed-error' };
const feedOutput: Output = {
  id: 'feed',
  thread: 'main',
  parts: [],
  describe: () => ({ summary: '', links: [], datasetLinks: [], reference: [] }),
  mediaTypes: { atom: 'application/atom+xml' },
  hostRules: { forms: [feedForm], fallbacks: [{ glob: 'api/feed/*', error: 'api/feed-error' }], readOnly: [], jsonPrefixes: [], errorStatuses: { 'api/feed-error': 404 }, corsRequestHeaders: ['If-None-Match'] },
};

/** What the outputs add, in their order: the union a table must hold beside the site's rules. */
function contributions(outputs: readonly Output[]) {
  const rules = outputs.flatMap((output) => (output.hostRules ? [output.hostRules] : []));
  return {
    forms: rules.flatMap((rule) => rule.forms ?? []),
    fallbacks: rules.flatMap((rule) => rule.fallbacks ?? []),
    readOnly: rules.flatMap((rule) => rule.readOnly ?? []),
    jsonPrefixes: rules.flatMap((rule) => rule.jsonPrefixes ?? []),
    folderAnswers: { file: 'index.json', paths: rules.flatMap((rule) => rule.folderAnswers?.paths ?? []) },
    errorStatuses: Object.assign({}, ...rules.map((rule) => rule.errorStatuses)) as Record<string, number>,
    corsPaths: rules.flatMap((rule) => rule.corsPaths ?? []),
    mediaTypes: Object.assign({}, siteMediaTypes, ...outputs.map((output) => output.mediaTypes)) as Record<string, string>,
    outputExtensions: [...new Set(outputs.flatMap((output) => Object.keys(output.mediaTypes)))].sort(),
  };
}

describe('the host rules of a build', () => {
  it('of a full build: the site\'s rules and the union of every output\'s, every rule of the CKAN API among them', () => {
    const outputs = enabledOutputs({});
    const table = hostTable(outputs);
    expect(table).toMatchObject(contributions(outputs));
    expect(table).toMatchObject({ corsPrefix: 'api/', methods: ['GET', 'HEAD', 'OPTIONS'], pageIndex: 'index.html', notFoundPage: '404.html' });
    for (const key of ['forms', 'fallbacks', 'readOnly', 'jsonPrefixes'] as const) expect(table[key], key).toEqual(expect.arrayContaining([...ckanRewrites[key]]));
    expect(table.folderAnswers.paths).toEqual(expect.arrayContaining([...ckanRewrites.folderAnswers.paths]));
    expect(table.errorStatuses).toMatchObject(ckanRewrites.errorStatuses);
    expect(table.mediaTypes).toMatchObject({ ...exportsOutput.mediaTypes, ...ckanApiOutput.mediaTypes });
    expect(table.outputExtensions).toEqual(expect.arrayContaining(['csv', 'json', 'xlsx']));
    expect(table.corsRequestHeaders).toEqual(expect.arrayContaining(['Authorization', 'Content-Type', 'X-CKAN-API-Key']));
    // The hosts' files, and the CKAN handler's index folder (data for `datashelf serve`, not an answer; its parts included).
    expect(table.hidden).toEqual(['datashelf.nginx.conf', 'datashelf.serve.nginx.conf', '_redirects', '_headers', '.htaccess', outputsManifestFile, buildMarkerFile, '_worker.js', 'wrangler.jsonc', '.assetsignore', '.netlify/v1/edge-functions/datashelf-api.js', 'api/.datashelf/']);
  });

  it('without the CKAN API: the site\'s rules and the other outputs\', the exports\' types among them, and no rule of the API', () => {
    const outputs = enabledOutputs({ ckanApi: false });
    const table = hostTable(outputs);
    expect(outputs).not.toContain(ckanApiOutput);
    expect(table).toMatchObject(contributions(outputs));
    const { corsPrefix, methods, pageIndex, notFoundPage, hidden } = siteRules;
    expect(table).toMatchObject({ corsPrefix, methods, pageIndex, notFoundPage, hidden });
    for (const key of ['forms', 'fallbacks', 'readOnly', 'jsonPrefixes'] as const) for (const rule of ckanRewrites[key]) expect(table[key], key).not.toContainEqual(rule);
    expect(Object.keys(table.errorStatuses).filter((file) => Object.hasOwn(ckanRewrites.errorStatuses, file))).toEqual([]);
    expect(table.mediaTypes).toMatchObject(exportsOutput.mediaTypes);
    expect(table.mediaTypes.xlsx).toBe(xlsxType);
    expect(table.outputExtensions).toEqual(expect.arrayContaining(['csv', 'json', 'xlsx']));
    expect(table.corsRequestHeaders).not.toContain('X-CKAN-API-Key');
  });

  it('adds each output\'s contribution in the outputs\' order, and refuses two answers for one thing', () => {
    const table = hostTable([ckanApiOutput, exportsOutput, feedOutput]);
    expect(table.forms).toEqual([...ckanRewrites.forms, feedForm]);
    expect(table.fallbacks).toEqual([...ckanRewrites.fallbacks, ...feedOutput.hostRules!.fallbacks!]);
    expect(table.readOnly).toEqual(ckanRewrites.readOnly);
    expect(table.errorStatuses).toEqual({ ...ckanRewrites.errorStatuses, 'api/feed-error': 404 });
    expect(table.mediaTypes.atom).toBe('application/atom+xml');
    expect(table.outputExtensions).toEqual(['atom', 'csv', 'json', 'xlsx']);
    expect(table.corsRequestHeaders).toEqual(['Authorization', 'Content-Type', 'If-None-Match', 'X-CKAN-API-Key']);
    expect(() => hostTable([exportsOutput, { ...feedOutput, mediaTypes: { csv: 'text/plain' } }])).toThrow('Two outputs disagree on extension csv: text/csv and text/plain');
    expect(() => hostTable([ckanApiOutput, { ...feedOutput, hostRules: { ...feedOutput.hostRules!, errorStatuses: { 'api/3/error/not-found': 400 } } }])).toThrow(/disagree on error file api\/3\/error\/not-found/);
    expect(() => hostTable([{ ...feedOutput, hostRules: { ...feedOutput.hostRules!, folderAnswers: { file: 'index.html', paths: ['api/feed/{key}'] } } }])).toThrow(/hosts serve index.json only/);
  });
});

describe('CORS beyond the API', () => {
  const table = hostTable(enabledOutputs({ ckanApi: false }));

  it('the outputs add the paths of their files that other sites\' pages read, in the outputs\' order; none may be under the API', () => {
    expect(table.corsPaths).toEqual([
      'data.json',
      'catalog.ttl',
      'catalog/page/{page}.ttl',
      'dataset/{id}.ttl',
      'catalog.jsonld',
      'catalog/page/{page}.jsonld',
      'dataset/{id}.jsonld',
      'sitemap.xml',
      'sitemap-{n}.xml',
      'datasets/feed.atom',
      'topic/{id}/feed.atom',
      'team/{id}/feed.atom',
    ]);
    expect(() => hostTable([{ ...feedOutput, hostRules: { corsPaths: ['api/feed.atom'] } }])).toThrow('CORS path api/feed.atom is under api/, which every host answers with CORS already');
  });

  it('answers with CORS the API and those paths, a {name} standing for the text of one path segment', () => {
    const cors = ['api/', 'api/datasets/export.json', 'data.json', 'catalog.ttl', 'catalog/page/2.jsonld', 'dataset/roads.ttl', 'sitemap-3.xml', 'topic/transport/feed.atom'];
    const without = ['', 'index.html', 'dataset/roads/', 'dataset/roads/index.html', 'dataset/roads/more.ttl', 'dataset/.ttl', 'catalog.ttl.bak', 'topic/a/b/feed.atom', 'robots.txt'];
    expect(cors.filter((sitePath) => !hasCors(table, sitePath))).toEqual([]);
    expect(without.filter((sitePath) => hasCors(table, sitePath))).toEqual([]);
  });

  it('every host configuration says so, with or without the CKAN API: a regular-expression location (nginx), an <If> (Apache), a rule a path (Netlify)', () => {
    for (const configs of [hostConfigs(catalogue, enabledOutputs({ ckanApi: false })), hostConfigs(catalogue, enabledOutputs({}))]) expectCorsPaths(configs);
  });
});

/** The CORS paths in each host's own terms. */
function expectCorsPaths(configs: Record<string, string>): void {
  const paths = '(?:data\\.json|catalog\\.ttl|catalog/page/[^/]+\\.ttl|dataset/[^/]+\\.ttl|catalog\\.jsonld|catalog/page/[^/]+\\.jsonld|dataset/[^/]+\\.jsonld|sitemap\\.xml|sitemap-[^/]+\\.xml|datasets/feed\\.atom|topic/[^/]+/feed\\.atom|team/[^/]+/feed\\.atom)';
  expect(configs['datashelf.nginx.conf']).toContain(`    location ~ "^/${paths.replace(/\\/g, '\\\\')}$" {\n        add_header Access-Control-Allow-Origin "*" always;`);
  expect(configs['.htaccess']).toContain(`<If "%{REQUEST_URI} =~ m#^/${paths}$#">\n    Header always set Access-Control-Allow-Origin "*"`);
  const headers = oneLine(configs['_headers']!).join('\n');
  for (const rule of ['/data.json', '/dataset/*.ttl', '/catalog/page/*.jsonld', '/sitemap-*.xml', '/topic/:id/feed.atom']) expect(headers, rule).toContain(`${rule}\n Access-Control-Allow-Origin: *`);
}

describe('the host configurations a build writes', () => {
  const core = hostConfigs(catalogue, enabledOutputs({ ckanApi: false }));
  const full = hostConfigs(catalogue, enabledOutputs({}));

  it('are the same five files with or without the CKAN API (with it, also the block for nginx with datashelf serve), the manifest naming the outputs', () => {
    expect(Object.keys(core)).toEqual(['datashelf.nginx.conf', '.htaccess', '_redirects', '_headers', outputsManifestFile]);
    expect(Object.keys(full)).toEqual(['datashelf.nginx.conf', 'datashelf.serve.nginx.conf', '.htaccess', '_redirects', '_headers', outputsManifestFile]);
    expect(JSON.parse(core[outputsManifestFile]!)).toEqual({ outputs: enabledOutputs({ ckanApi: false }).map((output) => output.id) });
    expect(JSON.parse(full[outputsManifestFile]!)).toEqual({ outputs: enabledOutputs({}).map((output) => output.id) });
    expect(JSON.parse(full[outputsManifestFile]!).outputs).toEqual(expect.arrayContaining(['ckan-api', 'exports']));
    expect(JSON.parse(core[outputsManifestFile]!).outputs).toContain('exports');
    expect(JSON.parse(core[outputsManifestFile]!).outputs).not.toContain('ckan-api');
  });

  it('without the CKAN API name no CKAN path, rule, error or header; with it, every host has its query forms', () => {
    for (const [file, text] of Object.entries(core)) expect(text, file).not.toMatch(/ckan|api\/(?:1|2|3|action|rest|search|util)\b|\/error\//i);
    expect(full['datashelf.nginx.conf']).toContain('location ~ "^(?:/api/action/package_show|/api/3/action/package_show)$" {');
    expect(full['.htaccess']).toContain('RewriteRule ^(?:api/action/package_show|api/3/action/package_show)$ api/3/action/package_show/%1? [B,L]');
    expect(oneLine(full['_redirects']!)).toContain('/api/3/action/package_show id=:id /api/3/action/package_show/:id 200!');
    expect(oneLine(full['_headers']!).join('\n')).toContain('/api/3/*\n Content-Type: application/json');
  });

  it('hold no empty alternation, glob or list from rules that are not there (also with no output at all)', () => {
    for (const [file, text] of [...Object.entries(core), ...Object.entries(hostConfigs(catalogue, []))]) {
      expect(text, file).not.toMatch(/\(\?:\)|\(\?:\||\|\)|\|\|/);
      // What only JSON prefixes and folder answers bring: JSON for every file, folders answered by index.json.
      expect(text, file).not.toMatch(/ForceType|DirectorySlash|default_type application\/json|index\.json/);
    }
  });

  it('without the CKAN API: the exports typed, CORS on /api/, the site\'s 404 page and its own files hidden, on every host', () => {
    const nginx = core['datashelf.nginx.conf']!;
    expect(nginx).toContain(`        ${xlsxType} xlsx;`);
    expect(nginx).toContain('    error_page 404 /404.html;');
    expect(nginx).toContain('    location ^~ /api/ {\n        add_header Access-Control-Allow-Origin "*" always;');
    expect(nginx).toContain(`    location = /${outputsManifestFile} { return 404; }`);
    expect(nginx).not.toContain('error_page 405');
    const apache = core['.htaccess']!;
    expect(apache).toContain(`AddType ${xlsxType} .xlsx`);
    expect(apache).toContain('ErrorDocument 404 /404.html');
    expect(apache).toContain('<If "%{REQUEST_URI} =~ m#^/api/#">\n    Header always set Access-Control-Allow-Origin "*"');
    expect(apache).toContain('RewriteRule ^(?:datashelf\\.nginx\\.conf|datashelf\\.serve\\.nginx\\.conf|_redirects|_headers|\\.htaccess|datashelf\\.outputs\\.json|datashelf\\.build\\.json|_worker\\.js|wrangler\\.jsonc|\\.assetsignore|\\.netlify/v1/edge-functions/datashelf-api\\.js)$ - [R=404,L]');
    expect(apache).toContain('RewriteCond %{REQUEST_METHOD} !^(?:GET|HEAD|OPTIONS)$\nRewriteRule ^ - [R=405,L]');
    expect(oneLine(core['_headers']!).join('\n')).toContain(`/*.xlsx\n Content-Type: ${xlsxType}`);
    expect(oneLine(core['_headers']!).join('\n')).toContain('/api/*\n Access-Control-Allow-Origin: *');
    expect(oneLine(core['_redirects']!)).toEqual(expect.arrayContaining(['datashelf.nginx.conf', '_redirects', '_headers', '.htaccess', outputsManifestFile].map((file) => `/${file} /404.html 404!`)));
  });

  it('and the preview routes a build without the CKAN API by the same rules: CKAN\'s paths are missing pages', async () => {
    const table = hostTable(enabledOutputs({ ckanApi: false }));
    const files = { isFile: async (file: string) => ['api/datasets/export.json', 'api/index.html', 'index.html'].includes(file), isFolder: async () => false };
    const route = (method: string, sitePath: string, query = '') => routeRequest(table, method, sitePath, query, files);
    expect(await route('GET', 'api/3/action/package_list')).toEqual({ kind: 'page-not-found' });
    expect(await route('GET', 'api/3/action/package_show', 'id=roads')).toEqual({ kind: 'page-not-found' });
    expect(await route('GET', 'api/datasets/export.json')).toEqual({ kind: 'file', path: 'api/datasets/export.json' });
    expect(await route('GET', 'api/')).toEqual({ kind: 'file', path: 'api/index.html' });
    expect(await route('GET', outputsManifestFile)).toEqual({ kind: 'page-not-found' });
    expect(await route('POST', 'api/3/action/package_create')).toEqual({ kind: 'method-not-allowed' });
    expect(await route('OPTIONS', 'api/datasets/export.json')).toEqual({ kind: 'preflight' });
  });
});
