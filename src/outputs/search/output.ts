// The site search's index as one output: static files under /search/ that the dataset list's
// script reads in pieces (src/site/search/), so search works on any static host at any size.
import { gzipSync } from 'node:zlib';
import type { Catalogue } from '../../catalogue/model.ts';
import type { Output } from '../output.ts';
import { sinkFor } from '../output-sink.ts';
import { buildSearchIndex } from './build-index.ts';
import { manifestPath } from './format.ts';
import { searchInput } from './records.ts';

/** Writes the index; returns how many files and bytes it holds (for the benchmark). */
export async function writeSearchIndex(catalogue: Pick<Catalogue, 'site' | 'datasets'>, outDir: string): Promise<{ files: number; bytes: number }> {
  const files = buildSearchIndex(searchInput(catalogue));
  const sink = sinkFor(outDir);
  let bytes = 0;
  // gzip's header holds no time here (Node writes none), so builds stay byte-identical.
  for (const [file, content] of files) {
    const written = file === manifestPath ? content : gzipSync(content, { level: 9 });
    bytes += written.length;
    sink.write(file, written);
  }
  return { files: files.size, bytes };
}

export const searchOutput: Output = {
  id: 'search',
  thread: 'main',
  parts: [{ name: 'search index', write: writeSearchIndex }],
  // Gzipped binary, unzipped by the page's script: never sent with a Content-Encoding a browser would undo first.
  mediaTypes: { bin: 'application/octet-stream', json: 'application/json' },
  describe: () => ({
    // For people, not programs: the pages offer it through the search boxes, not as a link.
    summary: '',
    links: [],
    datasetLinks: [],
    reference: [],
  }),
};
