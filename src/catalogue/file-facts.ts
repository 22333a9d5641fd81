// Facts about a published file that the publisher does not write: size, MD5, format, media type.
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import path from 'node:path';

/** MD5 of a file; a large one is streamed, so a file of any size needs only a small buffer. */
export async function md5File(file: string, size: number): Promise<string> {
  if (size <= 1 << 20) return createHash('md5').update(readFileSync(file)).digest('hex');
  return new Promise((resolve, reject) => {
    const hash = createHash('md5');
    createReadStream(file, { highWaterMark: 256 * 1024 })
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

const mediaTypes: Record<string, string> = {
  csv: 'text/csv',
  tsv: 'text/tab-separated-values',
  txt: 'text/plain',
  json: 'application/json',
  geojson: 'application/geo+json',
  xml: 'application/xml',
  kml: 'application/vnd.google-earth.kml+xml',
  kmz: 'application/vnd.google-earth.kmz',
  gpx: 'application/gpx+xml',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  odt: 'application/vnd.oasis.opendocument.text',
  pdf: 'application/pdf',
  zip: 'application/zip',
  gz: 'application/gzip',
  parquet: 'application/vnd.apache.parquet',
  html: 'text/html',
  htm: 'text/html',
  rdf: 'application/rdf+xml',
  ttl: 'text/turtle',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  svg: 'image/svg+xml',
  webp: 'image/webp',
  shp: 'application/x-esri-shape',
};

/** The format a consumer filters by: the file extension in capitals (CSV, XLSX, GEOJSON). */
export function formatOf(filename: string): string {
  const extension = path.extname(filename).slice(1);
  return extension && /^[A-Za-z0-9]{1,10}$/.test(extension) ? extension.toUpperCase() : '';
}

export function mediaTypeOf(format: string): string | null {
  // A publisher writes the format (`format: constructor`): only the table's own keys answer.
  const key = format.toLowerCase();
  return Object.hasOwn(mediaTypes, key) ? mediaTypes[key]! : null;
}

/** The file name at the end of a URL's path, decoded; empty when the URL names none. */
export function filenameOfUrl(url: string): string {
  const last = new URL(url).pathname.split('/').pop() ?? '';
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/**
 * The last time each function below was asked and its answer: loading asks them of every file and
 * dataset, and files written or committed together follow each other with the same time (an edit
 * at 10,000 datasets: 20,000 calls, nearly all the time before's).
 */
const lastUpload = { seconds: Number.NaN, text: '' };
const lastMoment = { milliseconds: Number.NaN, text: '' };

/** DataPress writes upload times as `2025-01-21T16:10:02`: UTC, seconds, no zone. */
export function uploadTimestamp(epochSeconds: number): string {
  if (epochSeconds !== lastUpload.seconds) {
    lastUpload.text = new Date(epochSeconds * 1000).toISOString().slice(0, 19);
    lastUpload.seconds = epochSeconds;
  }
  return lastUpload.text;
}

/** Dataset times as DataPress writes them: `2019-02-05T16:34:18.000Z`. */
export function isoMoment(epochMilliseconds: number): string {
  if (epochMilliseconds !== lastMoment.milliseconds) {
    lastMoment.text = new Date(epochMilliseconds).toISOString();
    lastMoment.milliseconds = epochMilliseconds;
  }
  return lastMoment.text;
}
