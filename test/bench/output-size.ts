// What a build's folder costs a host, by output group: files (every name, hard links included: an
// uploader copies each name as a file of its own), bytes (summed per name, for the same reason),
// and folders. Used by `npm run bench` (bench.ts via build-once.ts) and for docs/performance.md;
// `node test/bench/output-size.ts <dist>` prints one build's table.
import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface GroupSize {
  group: string;
  files: number;
  bytes: number;
  folders: number;
}

/** The output groups, first match wins, on the `/`-separated path relative to the build folder. */
const groups: { group: string; test: (relative: string) => boolean }[] = [
  { group: 'ckan v3', test: (p) => /^api\/(3|action)(\/|$)/.test(p) },
  { group: 'ckan v1/v2', test: (p) => /^api\/(1|2|rest|search)(\/|$)/.test(p) || p === 'api/tag_counts' },
  { group: 'ckan index', test: (p) => p.startsWith('api/.datashelf/') || p === 'api/.datashelf' },
  { group: 'exports', test: (p) => p.startsWith('api/datasets/') || p === 'api/datasets' },
  { group: 'copied files', test: (p) => p.startsWith('download/') || p === 'download' },
  { group: 'search', test: (p) => p.startsWith('search/') || p === 'search' },
  { group: 'dcat', test: (p) => /^catalog(\.|\/|$)/.test(p) || /^dataset\/[^/]+\.(ttl|jsonld|rdf|nt)$/.test(p) },
  { group: 'discovery', test: (p) => p === 'data.json' || p === 'robots.txt' || /^sitemap[^/]*\.xml$/.test(p) || p.endsWith('.atom') },
  { group: 'hosts', test: (p) => ['.htaccess', '_redirects', '_headers', 'datashelf.nginx.conf', 'datashelf.outputs.json'].includes(p) },
  { group: 'pages', test: () => true },
];

const groupOf = (relative: string) => groups.find(({ test }) => test(relative))!.group;

/** Every group in table order, then a `total` row. */
export async function outputSize(outDir: string): Promise<GroupSize[]> {
  const sizes = new Map(groups.map(({ group }) => [group, { group, files: 0, bytes: 0, folders: 0 }]));
  const entries = await readdir(outDir, { recursive: true, withFileTypes: true });
  // lstat in batches: hundreds of thousands of names at 10,000 datasets.
  const batch = 512;
  for (let index = 0; index < entries.length; index += batch) {
    const slice = entries.slice(index, index + batch);
    const stats = await Promise.all(slice.map((entry) => lstat(path.join(entry.parentPath, entry.name))));
    for (const [offset, entry] of slice.entries()) {
      const relative = path.relative(outDir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/');
      const size = sizes.get(groupOf(relative))!;
      if (entry.isDirectory()) size.folders++;
      else {
        size.files++;
        size.bytes += stats[offset]!.size;
      }
    }
  }
  const rows = [...sizes.values()].filter((row) => row.files + row.folders > 0);
  const total = rows.reduce((sum, row) => ({ group: 'total', files: sum.files + row.files, bytes: sum.bytes + row.bytes, folders: sum.folders + row.folders }), { group: 'total', files: 0, bytes: 0, folders: 0 });
  return [...rows, total];
}

const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

/** A Markdown table of one build's sizes. */
export function sizeTable(rows: readonly GroupSize[]): string {
  return [
    '| output group | files | bytes | folders |',
    '|---|---:|---:|---:|',
    ...rows.map((row) => `| ${row.group} | ${row.files.toLocaleString('en-GB')} | ${megabytes(row.bytes)} | ${row.folders.toLocaleString('en-GB')} |`),
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const outDir = process.argv[2];
  if (!outDir) {
    console.error('Usage: node test/bench/output-size.ts <build folder>');
    process.exit(1);
  }
  console.log(sizeTable(await outputSize(outDir)));
}
