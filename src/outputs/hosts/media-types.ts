// Media types by file name extension: the site's own (pages, their assets, and the formats datasets'
// files usually come in), to which each output adds the types of the files it writes
// (`Output.mediaTypes`; src/outputs/hosts/table.ts merges them for every host and the preview).
// API answers are JSON whatever their names (`jsonPrefixes`), and never named as markup (`markupExtensions`).

export const siteMediaTypes: Readonly<Record<string, string>> = {
  html: 'text/html',
  css: 'text/css',
  js: 'text/javascript',
  mjs: 'text/javascript',
  json: 'application/json',
  geojson: 'application/geo+json',
  jsonld: 'application/ld+json',
  csv: 'text/csv',
  tsv: 'text/tab-separated-values',
  txt: 'text/plain',
  md: 'text/markdown',
  xml: 'application/xml',
  rdf: 'application/rdf+xml',
  ttl: 'text/turtle',
  kml: 'application/vnd.google-earth.kml+xml',
  kmz: 'application/vnd.google-earth.kmz',
  gpx: 'application/gpx+xml',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  xls: 'application/vnd.ms-excel',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  doc: 'application/msword',
  odt: 'application/vnd.oasis.opendocument.text',
  pdf: 'application/pdf',
  zip: 'application/zip',
  parquet: 'application/vnd.apache.parquet',
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  ico: 'image/x-icon',
  woff2: 'font/woff2',
};

/** Types sent with `; charset=utf-8` (text the site writes in UTF-8). JSON is not: udata compares its type exactly. */
export const utf8Types: readonly string[] = ['text/html', 'text/css', 'text/javascript', 'text/csv', 'text/tab-separated-values', 'text/plain', 'text/markdown', 'text/turtle'];

/**
 * Extensions that hosts typing files by extension (GitHub Pages, S3, `python3 -m http.server`, an
 * Apache or nginx without our configuration) serve as a document a browser renders and may run
 * scripts in: HTML, XHTML, SVG, XML and XSLT (Python also types `.xpdl` as XML), web archives. No
 * file of the CKAN API is ever named so (issue 7): its answers hold publishers' text.
 */
export const markupExtensions: readonly string[] = ['htm', 'html', 'shtml', 'xht', 'xhtm', 'xhtml', 'svg', 'svgz', 'xml', 'xpdl', 'xsl', 'xslt', 'mht', 'mhtml'];

/** Whether a host that types files by extension would serve this file (a name or a path) as markup. */
export function servedAsMarkup(fileName: string): boolean {
  const extension = /\.([^./]+)$/.exec(fileName)?.[1]?.toLowerCase();
  return extension !== undefined && markupExtensions.includes(extension);
}

/** What a file without a known extension is sent as. */
export const defaultMediaType = 'application/octet-stream';

/** The Content-Type header for a file name by `types` (outside the JSON prefixes). */
export function contentTypeFor(types: Readonly<Record<string, string>>, fileName: string): string {
  const extension = /\.([^./]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
  return withCharset(Object.hasOwn(types, extension) ? types[extension]! : defaultMediaType);
}

/** A media type as hosts send it: text the site writes is UTF-8, and says so. */
export function withCharset(type: string): string {
  return utf8Types.includes(type) ? `${type}; charset=utf-8` : type;
}
