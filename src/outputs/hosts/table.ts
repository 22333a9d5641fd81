// The one place where the hosts' rules are assembled: the site's own (pages, 404 page, hidden
// files, CORS on the API prefix, methods, media types) merged with what each enabled output adds
// (src/outputs/output.ts: its media types, the paths of its files that need CORS, and for the
// CKAN API its query forms and errors).
// A build without an output's rules has none of them on any host, nor in the preview.
import { edgeFiles } from '../../edge/files.ts';
import type { Output } from '../output.ts';
import { buildMarkerFile } from '../output-sink.ts';
import { apacheConfigFile } from './apache.ts';
import { outputsManifestFile } from './manifest.ts';
import { siteMediaTypes } from './media-types.ts';
import { netlifyHeadersFile, netlifyRedirectsFile } from './netlify.ts';
import { nginxConfigFile } from './nginx.ts';
import { nginxServeConfigFile } from './nginx-serve.ts';
import type { OutputHostRules, RewriteTable, SiteHostRules } from './rules.ts';

export const siteRules: SiteHostRules = {
  // Programs read the exports and any API from other sites' pages.
  corsPrefix: 'api/',
  methods: ['GET', 'HEAD', 'OPTIONS'],
  // Client libraries send Content-Type on GET too, which makes a browser ask first.
  corsRequestHeaders: ['Content-Type'],
  pageIndex: 'index.html',
  jsonIndex: 'index.json',
  notFoundPage: '404.html',
  hidden: [nginxConfigFile, nginxServeConfigFile, netlifyRedirectsFile, netlifyHeadersFile, apacheConfigFile, outputsManifestFile, buildMarkerFile, ...edgeFiles],
  mediaTypes: siteMediaTypes,
  // Astro names its assets by their content's hash, so a changed asset is a new URL: cache for a
  // year, never revalidate. Pages and API answers change with every build: five minutes, so a
  // published correction reaches readers soon, while a burst of requests still hits caches.
  cacheControl: [
    { prefix: '', value: 'public, max-age=300' },
    { prefix: '_astro/', value: 'public, max-age=31536000, immutable' },
  ],
  compressibleTypes: ['text/html', 'text/css', 'text/javascript', 'text/csv', 'text/plain', 'text/turtle', 'application/json', 'application/ld+json', 'application/geo+json', 'application/xml', 'application/atom+xml', 'application/rdf+xml', 'image/svg+xml'],
};

/** The site's rules and the union of `outputs`' contributions, in the outputs' order. */
export function hostTable(outputs: readonly Output[], site: SiteHostRules = siteRules): RewriteTable {
  const contributions = outputs.flatMap((output) => (output.hostRules ? [output.hostRules] : []));
  for (const { folderAnswers } of contributions) {
    // nginx and Apache look for one name in every folder under the JSON prefixes.
    if (folderAnswers && folderAnswers.file !== site.jsonIndex) throw new Error(`Folder answers named ${folderAnswers.file}: hosts serve ${site.jsonIndex} only`);
  }
  const { jsonIndex, ...siteFields } = site;
  return {
    ...siteFields,
    hidden: [...site.hidden, ...contributions.flatMap((rules) => rules.hidden ?? [])],
    aliases: contributions.flatMap((rules) => rules.aliases ?? []),
    forms: contributions.flatMap((rules) => rules.forms ?? []),
    fallbacks: contributions.flatMap((rules) => rules.fallbacks ?? []),
    readOnly: contributions.flatMap((rules) => rules.readOnly ?? []),
    jsonPrefixes: contributions.flatMap((rules) => rules.jsonPrefixes ?? []),
    handlerPaths: contributions.flatMap((rules) => rules.handlerPaths ?? []),
    folderAnswers: { file: jsonIndex, paths: contributions.flatMap((rules) => rules.folderAnswers?.paths ?? []) },
    errorStatuses: merged('error file', contributions.map((rules) => rules.errorStatuses ?? {})),
    corsRequestHeaders: [...new Set([...site.corsRequestHeaders, ...contributions.flatMap((rules) => rules.corsRequestHeaders ?? [])])].sort(),
    corsPaths: corsPaths(site, contributions),
    mediaTypes: merged('extension', [site.mediaTypes, ...outputs.map((output) => output.mediaTypes)]),
    outputExtensions: [...new Set(outputs.flatMap((output) => Object.keys(output.mediaTypes)))].sort(),
  };
}

/** The outputs' CORS paths, in their order, once each; none under the CORS prefix, which has CORS already. */
function corsPaths(site: SiteHostRules, contributions: readonly OutputHostRules[]): string[] {
  const paths = [...new Set(contributions.flatMap((rules) => rules.corsPaths ?? []))];
  const inPrefix = paths.find((pattern) => pattern.startsWith(site.corsPrefix));
  if (inPrefix) throw new Error(`CORS path ${inPrefix} is under ${site.corsPrefix}, which every host answers with CORS already`);
  return paths;
}

/** One record from several; the same key twice must mean the same thing (a host can send one answer). */
function merged<T>(what: string, records: readonly Readonly<Record<string, T>>[]): Record<string, T> {
  const result: Record<string, T> = {};
  for (const record of records) {
    for (const [key, value] of Object.entries(record)) {
      if (Object.hasOwn(result, key) && result[key] !== value) throw new Error(`Two outputs disagree on ${what} ${key}: ${String(result[key])} and ${String(value)}`);
      result[key] = value;
    }
  }
  return result;
}
